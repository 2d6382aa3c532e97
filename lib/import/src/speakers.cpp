// Speaker labels, matched with RE2 (linear time, so a user's --speaker-pattern cannot hang a run).
#include "qda/speakers.hpp"

#include <re2/re2.h>

#include <vector>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda {

struct SpeakerRules::Patterns {
  std::unique_ptr<RE2> custom;
  int custom_group = 1;
  // "[Name] text" (an optional colon after the bracket)
  RE2 bracket{R"(^\[([^\]\n]{1,60})\][ \t]*:?[ \t]*)"};
  // "**Name:** text" and "**Name**: text" (Markdown bold)
  RE2 bold{R"(^\*\*([^*\n]{1,60}?)[ \t]*(?::\*\*|\*\*[ \t]*:)[ \t]*)"};
  // "Name: text": one to four words, the first starting with a capital letter or digit.
  RE2 plain{R"(^(\p{Lu}[\p{L}\p{N}.'’\-]*(?:[ \t]+[\p{L}\p{N}.'’()\-]+){0,3})[ \t]*:(?:[ \t]+|$))"};
};

SpeakerRules::SpeakerRules(const std::string& custom_pattern) : patterns_(std::make_unique<Patterns>()) {
  if (custom_pattern.empty()) return;
  RE2::Options options;
  options.set_log_errors(false);
  auto pattern = std::make_unique<RE2>("^(?:" + custom_pattern + ")", options);
  if (!pattern->ok()) {
    throw usage_error(fmt::format("--speaker-pattern '{}' is not a valid RE2 pattern: {}", custom_pattern,
                                  pattern->error()));
  }
  if (pattern->NumberOfCapturingGroups() < 1) {
    throw usage_error(fmt::format("--speaker-pattern '{}' needs a capture group for the speaker's name, "
                                  "e.g. '(?P<speaker>[A-Z]+)>'",
                                  custom_pattern));
  }
  const auto& named = pattern->NamedCapturingGroups();
  auto found = named.find("speaker");
  patterns_->custom_group = found == named.end() ? 1 : found->second;
  patterns_->custom = std::move(pattern);
}

SpeakerRules::~SpeakerRules() = default;
SpeakerRules::SpeakerRules(SpeakerRules&&) noexcept = default;
SpeakerRules& SpeakerRules::operator=(SpeakerRules&&) noexcept = default;

bool SpeakerRules::is_custom() const { return patterns_->custom != nullptr; }

namespace {

// The built-in labels: RE2 finds the whole label with its DFA (no capture groups, which are slower),
// and the name is what the label's own delimiters enclose.
std::optional<SpeakerLabel> match_label(const RE2& pattern, std::string_view line, bool explicit_form) {
  re2::StringPiece whole;
  if (!pattern.Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), RE2::ANCHOR_START, &whole, 1)) {
    return std::nullopt;
  }
  std::string_view label(whole.data(), whole.size());
  if (line.front() == '[') {
    label = label.substr(1, label.find(']') - 1);
  } else if (line.front() == '*') {
    label.remove_prefix(2);
    label = label.substr(0, std::min(label.find("**"), label.find(':')));
  } else {
    label = label.substr(0, label.find(':'));
  }
  const std::string_view name = trim(label);
  if (name.empty()) return std::nullopt;
  return SpeakerLabel{std::string(name), whole.size(), explicit_form};
}

std::optional<SpeakerLabel> match_with(const RE2& pattern, int group, std::string_view line, bool explicit_form) {
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(group) + 1);
  const re2::StringPiece input(line.data(), line.size());
  if (!pattern.Match(input, 0, line.size(), RE2::ANCHOR_START, groups.data(), group + 1)) return std::nullopt;
  const std::string_view name = trim(std::string_view(groups[group].data(), groups[group].size()));
  if (name.empty()) return std::nullopt;
  return SpeakerLabel{std::string(name), groups[0].size(), explicit_form};
}

}  // namespace

std::optional<SpeakerLabel> SpeakerRules::match(std::string_view line) const {
  if (patterns_->custom) return match_with(*patterns_->custom, patterns_->custom_group, line, true);
  if (line.empty()) return std::nullopt;
  if (line.front() == '[') return match_label(patterns_->bracket, line, true);
  if (line.front() == '*') return match_label(patterns_->bold, line, true);
  // A plain label is at most four short words and a colon: most lines of prose have no colon that
  // early, and skipping RE2 for them matters on large corpora.
  if (line.substr(0, 160).find(':') == std::string_view::npos) return std::nullopt;
  return match_label(patterns_->plain, line, false);
}

}  // namespace qda
