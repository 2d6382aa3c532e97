// Recognising who speaks: speaker labels at the start of a paragraph or line ("Name:", "[Name]",
// "**Name:**", "Q:"/"A:"), or a user's own pattern.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace qda {

struct SpeakerLabel {
  std::string name;
  std::size_t length = 0;  // bytes the label takes at the start of the text, trailing blanks included
  bool explicit_form = false;  // bracketed or bold: unambiguous, unlike a plain "Word:"
};

class SpeakerRules {
 public:
  // `custom_pattern`: an RE2 pattern matched at the start of a line, whose capture group `speaker`
  // (or its first group) is the name; empty for the built-in conventions. A bad pattern is a Usage error.
  explicit SpeakerRules(const std::string& custom_pattern = {});
  ~SpeakerRules();
  SpeakerRules(SpeakerRules&&) noexcept;
  SpeakerRules& operator=(SpeakerRules&&) noexcept;

  // The label at the start of `line`, if there is one.
  std::optional<SpeakerLabel> match(std::string_view line) const;
  bool is_custom() const;

 private:
  struct Patterns;
  std::unique_ptr<Patterns> patterns_;
};

}  // namespace qda
