// Recognising who speaks. A line (or caption cue) may open with a speaker label ("Name:", "[Name]",
// "**Name:**", "Name (00:01:02):", "Name  0:08" alone on its line, "[Name] 11:02:09"), a time
// ("[00:00:02] ..."), or both; bracketed notes ("[laughs]", "[inaudible 00:05:15]") are never labels.
// SpeakerRules::match finds what a line offers; SpeakerRules::accept then decides, over the whole
// source, which of those labels name speakers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

enum class LabelForm {
  Plain,     // "Name: text", "admin-1: text"
  Bracket,   // "[Name] text", "[SPEAKER_00]: text", "[Name] 11:02:09" (Zoom)
  Bold,      // "**Name:** text"
  Timed,     // "Name (00:01:02): text" (Rev), "Name  0:08" alone on its line (Otter, Teams)
  NameLine,  // a name alone on its line: after a time-only line (Teams), or a roster's name
  Custom,    // --speaker-pattern
  TimeOnly,  // a time with no label: "[00:15:00] text", "0:0:5.1 --> 0:0:8.2"
  Footer,    // an export's trailer that no one speaks ("Transcribed by https://otter.ai")
};

struct SpeakerLabel {
  std::string name;        // empty for TimeOnly and Footer
  std::size_t length = 0;  // bytes the label (and its time) takes at the start of the line, blanks after it included
  LabelForm form = LabelForm::Plain;
  // Unambiguous alone (bracketed, bold, timed, a pattern): a label even if used once, when the name
  // looks like one. A plain "Word:" needs the source to use it twice, or a dialogue to stand in.
  bool explicit_form = false;
  // The layout vouches for the name (a Zoom heading, a name alone on its line, a custom pattern).
  // Otherwise, for a name used once, accept() asks looks_like_name().
  bool name_shaped = false;
  bool heading = false;    // the label is the whole line: the turn's text starts on the next line
  std::optional<std::int64_t> start_ms;  // offsets into the recording
  std::optional<std::int64_t> end_ms;
  std::string clock_time;  // a time of day ("11:02:09", Zoom), not an offset
};

// The names a researcher knows spoke in a source (--speakers, the sheet's "speakers" column, the
// --interviewer names); empty when none was given.
using SpeakerRoster = std::set<std::string>;

class SpeakerRules {
 public:
  // `custom_pattern`: an RE2 pattern matched at the start of a line, whose capture group `speaker`
  // (or its first group) is the name; empty for the built-in conventions. A bad pattern is a Usage error.
  explicit SpeakerRules(const std::string& custom_pattern = {});
  ~SpeakerRules();
  SpeakerRules(SpeakerRules&&) noexcept;
  SpeakerRules& operator=(SpeakerRules&&) noexcept;

  // What the start of `line` offers: a label, a time, or both; null if neither.
  std::optional<SpeakerLabel> match(std::string_view line) const;
  bool is_custom() const;

  // Which of a source's candidates, in text order, to take: `opens_paragraph[i]` says candidate i
  // starts a paragraph (a blank line, another label or the start before it). With a roster, exactly
  // the labels that name one of its speakers; with a custom pattern, every match; otherwise the rules
  // of docs/qda-import.md#built-in-speaker-labels, where `known` names (the speakers a document's
  // layout gives, as a speaker table does) count as used twice. Times and footers are always taken.
  std::vector<bool> accept(const std::vector<const SpeakerLabel*>& candidates, const std::vector<bool>& opens_paragraph,
                           const SpeakerRoster& roster, const std::set<std::string>& known = {}) const;

 private:
  std::optional<SpeakerLabel> match_name(std::string_view line) const;

  struct Patterns;
  std::unique_ptr<Patterns> patterns_;
};

// A roster's name at the start of `line`, as written there, followed by a colon (or the full-width
// one) and the line's text: "Budi Santoso (he/him): Pagi.", "Dr. María de la Cruz López: ...". The
// built-in forms take names of up to four words without punctuation; a name the researcher gave is
// a label whatever its form. The longest name that fits wins ("Ana" and "Ana Lee"). Null if none.
std::optional<SpeakerLabel> roster_label(std::string_view line, const SpeakerRoster& roster);

// Whether the text inside brackets is a transcriber's note ("laughs", "inaudible 00:05:15",
// "Interrupts", "music", "crosstalk") rather than a name.
bool is_bracketed_note(std::string_view inside);

// Whether `name` looks like a speaker's name, up to `max_words` words: capitalised words ("Ana",
// "Dr. Lee", "MR. DAVIS", "Speaker 2", "Ana de Souza") or one token with a digit, '-' or '_'
// ("admin-1", "SPEAKER_00", "P3").
bool looks_like_name(std::string_view name, std::size_t max_words);

}  // namespace qda
