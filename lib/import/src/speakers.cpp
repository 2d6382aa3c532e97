// What a line opens with: a speaker label, a time, or both. Plain and bold labels are matched with
// RE2 (linear time, so a user's --speaker-pattern cannot hang a run either); times by hand.
#include "qda/speakers.hpp"

#include <re2/re2.h>

#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/regex_bytes.hpp"
#include "qda/text.hpp"
#include "qda/timestamps.hpp"

namespace qda {

// The built-in labels' patterns. Compiling `plain`'s Unicode classes takes milliseconds (4 to 8 here);
// qda-import makes one reader per thread before its threads start, so they are compiled when a reader
// first needs them, on its own thread, rather than one reader after another before any text is read.
struct BuiltInPatterns {
  // "**Name:** text" and "**Name**: text" (Markdown bold)
  RE2 bold{R"(^\*\*([^*\n]{1,60}?)[ \t]*(?::\*\*|\*\*[ \t]*:)[ \t]*)"};
  // "Name: text": one to four words, the first starting with a capital letter (the others may hold
  // parentheses and a slash: Zoom's "Budi Santoso (he/him)"), or with a letter of a
  // script that has no case (Arabic, Chinese, Japanese, Devanagari: "المحاور:", "山田 太郎:"); or one
  // lower-case token ("admin-1", "interviewer", "p3"). Or a name and the full-width colon Chinese and
  // Japanese write ("主持人：您好"), with no space after it; the name then starts with a letter, so
  // that a time written with it ("9：30 开幕") is no label.
  RE2 plain{R"(^(?:(?:[\p{Lu}\p{Lt}\p{Lo}][\p{L}\p{M}\p{N}_.'’\-]*(?:[ \t]+[\p{L}\p{M}\p{N}_.'’()/\-]+){0,3}|[\p{Ll}\p{N}][\p{L}\p{M}\p{N}_.'’\-]*)[ \t]*:(?:[ \t]+|$)|\p{L}[\p{L}\p{M}\p{N}_.'’\-]*(?:[ \t]+[\p{L}\p{M}\p{N}_.'’()\-]+){0,3}[ \t]*：[ \t]*))"};
};

struct SpeakerRules::Patterns {
  std::unique_ptr<RE2> custom;
  int custom_group = 1;
  const BuiltInPatterns& built_in() {
    std::call_once(compiled_, [this] { built_in_ = std::make_unique<const BuiltInPatterns>(); });
    return *built_in_;
  }

 private:
  std::once_flag compiled_;  // rules read by several threads compile them once
  std::unique_ptr<const BuiltInPatterns> built_in_;
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
  if (matches_single_bytes(custom_pattern)) {
    throw usage_error(fmt::format("--speaker-pattern '{}': \\C matches a single byte, which can split a character in two; "
                                  "expected a pattern of whole characters (. matches any one)",
                                  custom_pattern));
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

constexpr std::size_t kMaxNameBytes = 60;
// Longer lines are prose, not "Name  0:08" or "Name (00:01:02):"; checking only short ones keeps
// the cost off the long paragraphs that make up most of a transcript.
constexpr std::size_t kMaxTimedLabelLine = 120;

std::size_t skip_blanks(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

SpeakerLabel label_named(std::string_view name, std::size_t length, LabelForm form, bool explicit_form) {
  SpeakerLabel label;
  label.name = std::string(name);
  label.length = length;
  label.form = form;
  label.explicit_form = explicit_form;
  return label;
}

// A name before a time or a "(time):" as a heading may carry it: short, no colon, no sentence end.
std::optional<std::string_view> heading_name(std::string_view text) {
  std::string_view name = trim(text);
  while (!name.empty() && (name.back() == '-' || name.back() == ':' || name.back() == '|')) name = trim(name.substr(0, name.size() - 1));
  if (name.size() >= 3 && name.substr(name.size() - 3) == "\xE2\x80\x93") name = trim(name.substr(0, name.size() - 3));
  if (name.empty() || name.size() > kMaxNameBytes || name.find(':') != std::string_view::npos) return std::nullopt;
  const char last = name.back();
  if (last == '.' || last == ',' || last == '?' || last == '!' || last == ';') return std::nullopt;
  return name;
}

// "[Name] text", "[Name]: text", "[Name] 11:02:09" (Zoom's saved transcripts: a time of day).
std::optional<SpeakerLabel> bracket_label(std::string_view line) {
  const std::size_t close = line.find(']');
  if (close == std::string_view::npos || close < 2 || close > kMaxNameBytes + 1) return std::nullopt;
  const std::string_view inside = line.substr(1, close - 1);
  const std::string_view name = trim(inside);
  if (name.empty() || is_bracketed_note(inside)) return std::nullopt;
  const std::string_view rest = trim(line.substr(close + 1));
  if (!rest.empty() && parse_time(rest)) {
    SpeakerLabel label = label_named(name, line.size(), LabelForm::Bracket, true);
    label.heading = true;
    label.name_shaped = true;  // a name and a clock: nothing else is written so
    label.clock_time = std::string(rest);
    return label;
  }
  std::size_t length = skip_blanks(line, close + 1);
  if (length < line.size() && line[length] == ':') length = skip_blanks(line, length + 1);
  // A lower-case "[word]" is a note more often than a name: it counts only if the source repeats it.
  const bool lower_case_words = !looks_like_name(name, 6) && name.find_first_of("0123456789_") == std::string_view::npos;
  return label_named(name, length, LabelForm::Bracket, !lower_case_words);
}

// The built-in labels found with RE2's DFA (no capture groups, which are slower): the name is what
// the label's own delimiters enclose.
std::optional<SpeakerLabel> regex_label(const RE2& pattern, std::string_view line, LabelForm form) {
  re2::StringPiece whole;
  if (!pattern.Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), RE2::ANCHOR_START, &whole, 1)) {
    return std::nullopt;
  }
  std::string_view label(whole.data(), whole.size());
  if (form == LabelForm::Bold) {
    label.remove_prefix(2);
    label = trim(label.substr(0, label.find("**")));
    if (!label.empty() && label.back() == ':') label.remove_suffix(1);
  } else {
    label = label.substr(0, std::min(label.find(':'), label.find("：")));
  }
  std::string_view name = trim(label);
  // "**Speaker 1 (00:00):** text": the time inside the bold label is the turn's, not part of the name.
  const auto time = form == LabelForm::Bold ? trailing_time(name) : std::nullopt;
  if (time && time->begin > 0) name = trim(name.substr(0, time->begin));
  if (name.empty()) return std::nullopt;
  SpeakerLabel found = label_named(name, whole.size(), form, form == LabelForm::Bold);
  found.heading = whole.size() == line.size();
  if (time && time->begin > 0) found.start_ms = time->ms;
  return found;
}

// "Name  0:08" or "Name (00:01:02)" alone on its line (Otter, Teams).
std::optional<SpeakerLabel> heading_label(std::string_view line) {
  if (line.size() > kMaxTimedLabelLine) return std::nullopt;
  const auto time = trailing_time(line);
  if (!time) return std::nullopt;
  const auto name = heading_name(line.substr(0, time->begin));
  if (!name) return std::nullopt;
  // Weaker than Rev's "(time):": a short line ending in a time may be prose ("Sesi 2 10:00").
  SpeakerLabel label = label_named(*name, line.size(), LabelForm::Timed, false);
  label.heading = true;
  label.start_ms = time->ms;
  return label;
}

// "Name (00:01:02): text" (Rev).
std::optional<SpeakerLabel> rev_label(std::string_view line) {
  const std::size_t close = line.substr(0, kMaxTimedLabelLine).find("):");
  if (close == std::string_view::npos) return std::nullopt;
  const std::size_t open = line.rfind('(', close);
  if (open == std::string_view::npos || open == 0 || (line[open - 1] != ' ' && line[open - 1] != '\t')) return std::nullopt;
  const auto time = parse_time(trim(line.substr(open + 1, close - open - 1)));
  const auto name = heading_name(line.substr(0, open));
  if (!time || !name) return std::nullopt;
  SpeakerLabel label = label_named(*name, skip_blanks(line, close + 2), LabelForm::Timed, true);
  label.heading = label.length == line.size();
  label.start_ms = *time;
  return label;
}

bool is_footer(std::string_view line) {
  const std::string_view text = trim(line);
  return text == "Transcribed by https://otter.ai" || text == "Transcribed by Otter.ai" ||
         text == "Transcribed by https://otter.ai." || text == "Transcribed by otter.ai";
}

}  // namespace

std::optional<SpeakerLabel> SpeakerRules::match(std::string_view line) const {
  // U+FEFF before a label (a second byte order mark, an ODT converted from a marked text file) is
  // part of the label, not text before it: the first turn's label was not seen.
  // Counted in a loop, not by recursion: a line of a million of them overflowed the stack.
  std::size_t marks = 0;
  while (line.substr(marks, 3) == "\xEF\xBB\xBF") marks += 3;
  if (marks > 0) {
    std::optional<SpeakerLabel> label = match(line.substr(marks));
    if (label) label->length += marks;
    return label;
  }
  if (patterns_->custom) {
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(patterns_->custom_group) + 1);
    const re2::StringPiece input(line.data(), line.size());
    if (!patterns_->custom->Match(input, 0, line.size(), RE2::ANCHOR_START, groups.data(), patterns_->custom_group + 1)) {
      return std::nullopt;
    }
    const re2::StringPiece& group = groups[static_cast<std::size_t>(patterns_->custom_group)];
    const std::string_view name = trim(std::string_view(group.data(), group.size()));
    if (name.empty()) return std::nullopt;
    SpeakerLabel label = label_named(name, groups[0].size(), LabelForm::Custom, true);
    label.name_shaped = true;
    return label;
  }
  if (line.empty()) return std::nullopt;
  const char first = line.front();
  if (first == '[' || first == '(' || (first >= '0' && first <= '9')) {
    if (const auto mark = time_mark_at_start(line)) {
      // "[00:00:02] SPEAKER_01: hi": the time is the turn's, the label after it the speaker.
      const std::string_view rest = line.substr(mark->length);
      std::optional<SpeakerLabel> label = match_name(rest);
      if (label && label->form != LabelForm::Timed) {
        label->length += mark->length;
        // A bracketed time makes the line a transcription tool's; a bare one ("09:00 Opening:") may
        // be an agenda's, and leaves the label as strong as it is.
        label->explicit_form = label->explicit_form || mark->bracketed;
      } else if (mark->bracketed || rest.empty()) {
        label = SpeakerLabel{};
        label->form = LabelForm::TimeOnly;
        label->length = mark->length;
        label->heading = rest.empty();
      } else {
        return std::nullopt;  // "10:30 rapat dimulai": a bare time in prose
      }
      label->start_ms = mark->start_ms;
      label->end_ms = mark->end_ms;
      return label;
    }
  }
  return match_name(line);
}

namespace {

// "**Name** [0:08] text": a bold name and a time, no colon (Markdown made from Otter exports).
std::optional<SpeakerLabel> bold_timed_label(std::string_view line) {
  if (line.substr(0, 2) != "**") return std::nullopt;
  const std::size_t close = line.find("**", 2);
  if (close == std::string_view::npos || close > kMaxNameBytes + 2) return std::nullopt;
  const std::string_view name = trim(line.substr(2, close - 2));
  const std::size_t after = skip_blanks(line, close + 2);
  const auto mark = time_mark_at_start(line.substr(after));
  if (name.empty() || parse_time(name) || !mark) return std::nullopt;
  SpeakerLabel label = label_named(name, after + mark->length, LabelForm::Bold, true);
  label.start_ms = mark->start_ms;
  label.end_ms = mark->end_ms;
  label.heading = label.length == line.size();
  return label;
}

}  // namespace

std::optional<SpeakerLabel> roster_label(std::string_view line, const SpeakerRoster& roster) {
  std::optional<SpeakerLabel> best;
  for (const std::string& name : roster) {
    if (name.empty() || line.substr(0, name.size()) != name || (best && best->name.size() >= name.size())) continue;
    std::size_t after = skip_blanks(line, name.size());
    if (line.substr(after, 1) == ":") {
      // A blank or the line's end after the colon, as the plain form asks: "A:B testing" and
      // "P1:30" are text, not a label, whoever is on the roster.
      if (after + 1 < line.size() && line[after + 1] != ' ' && line[after + 1] != '\t') continue;
      after = skip_blanks(line, after + 1);
    } else if (line.substr(after, 3) == "\xEF\xBC\x9A") {  // U+FF1A FULLWIDTH COLON
      after = skip_blanks(line, after + 3);
    } else {
      continue;
    }
    best = label_named(name, after, LabelForm::Plain, true);
    best->name_shaped = true;
    best->heading = after == line.size();
  }
  return best;
}

std::optional<SpeakerLabel> SpeakerRules::match_name(std::string_view line) const {
  if (line.empty()) return std::nullopt;
  if (line.front() == '[') return bracket_label(line);
  if (line.front() == '*') {
    if (auto bold = regex_label(patterns_->built_in().bold, line, LabelForm::Bold)) return bold;
    return bold_timed_label(line);
  }
  if (line.front() == 'T' && is_footer(line)) {
    SpeakerLabel footer;
    footer.form = LabelForm::Footer;
    return footer;
  }
  if (auto heading = heading_label(line)) return heading;
  // A plain label is at most four short words and a colon: most lines of prose have no colon that
  // early, and skipping RE2 for them matters on large corpora.
  const std::string_view head = line.substr(0, 160);
  const std::size_t colon = head.find(':');
  if (colon == std::string_view::npos && head.find("：") == std::string_view::npos) return std::nullopt;
  // Rev's "Name (00:06):" has its first colon inside the parentheses.
  if (colon < kMaxTimedLabelLine && line.substr(0, colon).find('(') != std::string_view::npos) {
    if (auto rev = rev_label(line)) return rev;
  }
  return regex_label(patterns_->built_in().plain, line, LabelForm::Plain);
}

}  // namespace qda
