// WebVTT and SubRip captions: one block per cue with its times; consecutive cues of one speaker
// form a turn. Voice tags (<v Name>) or "Name:" labels say who speaks; a cue without either
// continues the previous speaker's turn.
#include <optional>

#include <re2/re2.h>
#include <unicode/utf8.h>

#include <fmt/format.h>

#include "readers.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda {

namespace {

struct Cue {
  std::size_t line;  // of the timing line, for messages
  std::int64_t start_ms;
  std::int64_t end_ms;
  std::vector<std::string_view> lines;  // the text lines, trimmed
  std::string payload;  // the lines with text, joined with a space
};

// "00:01:02.500", "01:02.500" (WebVTT) or "00:01:02,500" (SubRip), in milliseconds. SubRip is read as
// players read it (ffmpeg, VLC, pysrt): a '.' before the milliseconds as well as a ',', and hours,
// minutes and seconds of one digit ("0:00:2,000"). Milliseconds of fewer than three digits are
// refused: players read ",5" as 5 ms where its writer meant half a second.
std::optional<std::int64_t> parse_timestamp(std::string_view text, bool webvtt) {
  static const RE2 vtt(R"((?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3}))");
  static const RE2 srt(R"((\d+):([0-5]?\d):([0-5]?\d)[,.](\d{3}))");
  std::string hours;
  int minutes = 0, seconds = 0, millis = 0;
  const re2::StringPiece input(text.data(), text.size());
  if (!RE2::FullMatch(input, webvtt ? vtt : srt, &hours, &minutes, &seconds, &millis)) return std::nullopt;
  std::int64_t hour_count = 0;
  for (const char digit : hours) {
    if (hour_count > 1'000'000) return std::nullopt;  // no recording is that long; keeps the sum in range
    hour_count = hour_count * 10 + (digit - '0');
  }
  return ((hour_count * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

// A markup tag at the start of `text`: <i>, </i>, <c.red>, <v Name>, <font ...>, or a timestamp
// <00:01.000>. A '<' that starts none of these is text ("scored <5").
bool starts_tag(std::string_view text) {
  static const RE2 tag(R"(^<(?:/?[A-Za-z][^<>]*|(?:\d{2,}:)?\d{2}:\d{2}\.\d{3})>)");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), tag);
}

// A numeric character reference at the start of `text` ("&#237;", "&#x1F600;"; Teams writes accented
// names so): its length and its character as UTF-8, or 0 if there is none or it names no character
// text may hold (NUL, a surrogate, past U+10FFFF), which is then left as it is.
std::size_t numeric_reference(std::string_view text, std::string& utf8) {
  static const RE2 reference(R"(^&#(?:([0-9]{1,7})|[xX]([0-9A-Fa-f]{1,6}));)");
  re2::StringPiece match, decimal, hex;
  if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), reference, &decimal, &hex)) return 0;
  const std::string digits = decimal.empty() ? std::string(hex) : std::string(decimal);
  const unsigned long code_point = std::stoul(digits, nullptr, decimal.empty() ? 16 : 10);
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  char bytes[U8_MAX_LENGTH];
  std::int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(code_point));
  utf8.assign(bytes, static_cast<std::size_t>(length));
  return text.find(';') + 1;
}

// Removes markup tags (<i>, <c.red>, <00:01.000>) and SubRip's override blocks ({\an8}, {\i1}, which
// it took from ASS subtitles), and decodes the character references captions use.
std::string strip_markup(std::string_view payload) {
  std::string out;
  std::string reference;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    const char c = payload[i];
    if (c == '<' && starts_tag(payload.substr(i))) {
      i = payload.find('>', i);
      continue;
    }
    if (c == '{' && payload.substr(i, 2) == "{\\" && payload.find('}', i) != std::string_view::npos) {
      i = payload.find('}', i);
      continue;
    }
    if (c == '&') {
      if (const std::size_t length = numeric_reference(payload.substr(i), reference); length > 0) {
        out += reference;
        i += length - 1;
        continue;
      }
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"},
          {"&lrm;", "\xE2\x80\x8E"}, {"&rlm;", "\xE2\x80\x8F"}, {"&quot;", "\""}, {"&apos;", "'"}};
      bool decoded = false;
      for (const auto& [entity, replacement] : kEntities) {
        if (payload.substr(i, entity.size()) == entity) {
          out += replacement;
          i += entity.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    out.push_back(c);
  }
  return out;
}

// A line that is a cue's timing line ("00:00:04.000 --> 00:00:06.000 align:start"), not text that
// holds an arrow ("Turn left --> then right").
bool is_timing_line(std::string_view line, bool webvtt) {
  const std::size_t arrow = line.find("-->");
  if (arrow == std::string_view::npos) return false;
  std::string_view right = trim(line.substr(arrow + 3));
  right = right.substr(0, right.find_first_of(" \t"));
  return parse_timestamp(trim(line.substr(0, arrow)), webvtt) && parse_timestamp(right, webvtt);
}

// A SubRip cue number: digits alone on their line.
bool is_cue_number(std::string_view line) {
  line = trim(line);
  return !line.empty() && line.find_first_not_of("0123456789") == std::string_view::npos;
}

// A timing line as a message shows it, in the file's own format.
std::string_view timing_example(bool webvtt) {
  return webvtt ? "00:00:01.000 --> 00:00:04.000" : "00:00:01,000 --> 00:00:04,000";
}

// The first line of a WebVTT block that is no cue: a comment ("NOTE", then a space, a tab or the
// line's end), a style sheet or a region ("STYLE", "REGION", alone on the line but for spaces and
// tabs). A cue's identifier may start with those letters: "NOTES-2", "STYLEGUIDE-3", "REGIONAL-4".
bool starts_non_cue_block(std::string_view line) {
  if (line.substr(0, 4) == "NOTE" && (line.size() == 4 || line[4] == ' ' || line[4] == '\t')) return true;
  const std::string_view keyword = line.substr(0, line.find_last_not_of(" \t") + 1);
  return keyword == "STYLE" || keyword == "REGION";
}

// A voice tag at the start of a cue's text: "<v Name>", "<v.loud Name>"; its group is the name.
const RE2& voice_tag() {
  static const RE2 pattern(R"(^<v(?:\.[^ \t>]*)?[ \t]+([^>]+)>)");
  return pattern;
}

// A cue line as rolling captions are compared: its text without markup, white space as one space.
std::string compared_text(std::string_view line) {
  std::string text;
  for (const char c : strip_markup(line)) {
    if (c != ' ' && c != '\t') {
      text.push_back(c);
    } else if (!text.empty() && text.back() != ' ') {
      text.push_back(' ');
    }
  }
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// YouTube's automatic captions roll: each cue shows the line the cue before ended with above its new
// line (timed word by word: "so<00:00:01.300><c> we</c>"), and a cue of 10 ms between the two shows
// that last line alone. Read as written, each line would be text two or three times ("so we started
// so we started so we started in the village"). Captions roll when at least three, and more than half,
// of their cues of two or more lines of text begin with the line the cue before ended with (one such
// cue among one-line cues, "No." / "No." / "No.\nI never said that.", is speech, not rolling); then a
// cue whose first line repeats the line the cue before ended with does not give it again (a voice tag
// on it is kept; a cue that starts with a blank line starts afresh). In other captions nothing is
// dropped: two cues in a row that each say "Yes." are two answers.
void drop_rolled_lines(std::vector<Cue>& cues) {
  struct TextLine {
    std::size_t index;  // in the cue's lines
    std::string text;
  };
  std::vector<std::vector<TextLine>> texts(cues.size());  // each cue's lines that hold text
  for (std::size_t k = 0; k < cues.size(); ++k) {
    for (std::size_t i = 0; i < cues[k].lines.size(); ++i) {
      if (std::string text = compared_text(cues[k].lines[i]); !text.empty()) texts[k].push_back({i, std::move(text)});
    }
  }
  const auto repeats_line_before = [&](std::size_t k) {
    return k > 0 && !texts[k].empty() && texts[k].front().index == 0 && !texts[k - 1].empty() &&
           texts[k].front().text == texts[k - 1].back().text;
  };
  std::size_t multi_line = 0, rolled = 0;
  for (std::size_t k = 0; k < cues.size(); ++k) {
    if (texts[k].size() < 2) continue;
    ++multi_line;
    if (repeats_line_before(k)) ++rolled;
  }
  if (rolled < 3 || rolled * 2 <= multi_line) return;
  for (std::size_t k = 0; k < cues.size(); ++k) {
    if (!repeats_line_before(k)) continue;
    std::string_view& line = cues[k].lines[texts[k].front().index];
    re2::StringPiece rest(line.data(), line.size());
    line = RE2::Consume(&rest, voice_tag()) ? line.substr(0, line.size() - rest.size()) : std::string_view();
  }
}

std::vector<Cue> parse_cues(const std::string& text, bool webvtt, const std::string& file_name) {
  const auto lines = split_lines(text);
  std::size_t i = 0;
  if (webvtt) {
    if (lines.empty() || lines[0].substr(0, 6) != "WEBVTT" ||
        (lines[0].size() > 6 && lines[0][6] != ' ' && lines[0][6] != '\t')) {
      throw invalid_input("expected 'WEBVTT' on the first line of a WebVTT file", {file_name, 1, 1});
    }
    // Header lines ("Kind: captions", "Language: id") run to the first blank line; a timing line
    // there means the file left out that blank line, and starts the first cue.
    i = 1;
    while (i < lines.size() && !is_blank(lines[i]) && lines[i].find("-->") == std::string_view::npos) ++i;
  }
  std::vector<Cue> cues;
  while (i < lines.size()) {
    if (is_blank(lines[i])) {
      ++i;
      continue;
    }
    // A block runs to the next blank line.
    std::size_t end = i;
    while (end < lines.size() && !is_blank(lines[end])) ++end;
    const std::string_view first = lines[i];
    std::size_t timing = i;
    if (first.find("-->") == std::string_view::npos) ++timing;  // a cue identifier line
    // A NOTE, STYLE or REGION block is skipped; followed by a timing line, its first line is a cue's
    // identifier, as browsers read it.
    if (webvtt && starts_non_cue_block(first) && !(timing < end && is_timing_line(lines[timing], true))) {
      i = end;
      continue;
    }
    if (timing >= end || lines[timing].find("-->") == std::string_view::npos) {
      // A line alone (text after a blank line inside a cue) is the line named.
      throw invalid_input(fmt::format("expected a cue timing line such as '{}'", timing_example(webvtt)),
                          {file_name, std::min(timing, end - 1) + 1, 1});
    }
    const std::string_view timing_line = lines[timing];
    const std::size_t arrow = timing_line.find("-->");
    const std::string_view left = trim(timing_line.substr(0, arrow));
    std::string_view right = trim(timing_line.substr(arrow + 3));
    right = right.substr(0, right.find_first_of(" \t"));  // WebVTT cue settings follow the end time
    const auto start_time = parse_timestamp(left, webvtt);
    const auto end_time = parse_timestamp(right, webvtt);
    if (!start_time || !end_time) {
      throw invalid_input(fmt::format("malformed cue timing; expected '{}'",
                                      webvtt ? "hh:mm:ss.ttt --> hh:mm:ss.ttt" : "hh:mm:ss,ttt --> hh:mm:ss,ttt"),
                          {file_name, timing + 1, 1});
    }
    // White space alone on the line after the timing line is the cue's first line, empty, not the
    // blank line that ends it: YouTube's automatic captions begin their first cue so, its text below.
    if (end == timing + 1) {
      while (end < lines.size() && !lines[end].empty() && is_blank(lines[end])) ++end;
      while (end < lines.size() && !is_blank(lines[end])) ++end;
    }
    // A timing line ends the payload even without a blank line before it (as WebVTT's parser
    // reads it; writers of both formats leave the blank out), and starts the next cue, with the
    // cue number before it in SubRip.
    std::size_t payload_end = timing + 1;
    while (payload_end < end && !is_timing_line(lines[payload_end], webvtt)) ++payload_end;
    if (payload_end < end && !webvtt && payload_end > timing + 1 && is_cue_number(lines[payload_end - 1])) --payload_end;
    Cue cue{timing + 1, *start_time, *end_time, {}, {}};
    for (std::size_t k = timing + 1; k < payload_end; ++k) cue.lines.push_back(trim(lines[k]));
    cues.push_back(std::move(cue));
    i = payload_end;
  }
  drop_rolled_lines(cues);
  for (Cue& cue : cues) {
    for (const std::string_view line : cue.lines) {
      if (line.empty()) continue;
      if (!cue.payload.empty()) cue.payload += ' ';
      cue.payload += line;
    }
  }
  return cues;
}

// `text` is already decoded and normalised.
Document read_captions(const std::string& text, bool webvtt, const ReadContext& context) {
  const std::vector<Cue> cues = parse_cues(text, webvtt, context.file_name);

  // Who speaks in each cue: a voice tag, a label the source bears out, or nobody new (a continuation).
  struct Spoken {
    std::string speaker;
    std::string content;
    std::optional<SpeakerLabel> label;
  };
  std::vector<Spoken> spoken(cues.size());
  std::vector<const SpeakerLabel*> candidates(cues.size(), nullptr);
  for (std::size_t k = 0; k < cues.size(); ++k) {
    Spoken& entry = spoken[k];
    std::string name;
    re2::StringPiece rest(cues[k].payload);
    if (webvtt && RE2::Consume(&rest, voice_tag(), &name)) {
      entry.speaker = std::string(trim(strip_markup(name)));  // "<v Carlos Far&#237;as>"
      entry.content = std::string(trim(strip_markup(std::string_view(rest.data(), rest.size()))));
      continue;
    }
    entry.content = std::string(trim(strip_markup(cues[k].payload)));
    entry.label = context.speakers.match(entry.content);
    // A cue's own times are its times: a time or a footer at its start is text.
    if (entry.label && (entry.label->form == LabelForm::TimeOnly || entry.label->form == LabelForm::Footer)) entry.label.reset();
    // A roster's name with a colon is a label whatever its form ("Budi Santoso (he/him): ..."), where
    // the built-in forms found none or another name.
    const SpeakerRoster& roster = context.options.roster;
    if (!context.speakers.is_custom() && !roster.empty() && (!entry.label || roster.count(entry.label->name) == 0)) {
      if (auto named = roster_label(entry.content, roster)) entry.label = std::move(named);
    }
    if (entry.label) candidates[k] = &*entry.label;
  }
  // Every cue starts a paragraph of the caption track.
  const std::vector<bool> accepted =
      context.speakers.accept(candidates, std::vector<bool>(cues.size(), true), context.options.roster);
  for (std::size_t k = 0; k < cues.size(); ++k) {
    Spoken& entry = spoken[k];
    if (!entry.label) continue;
    if (accepted[k]) {
      entry.speaker = entry.label->name;
      entry.content = std::string(trim(std::string_view(entry.content).substr(entry.label->length)));
    } else if (context.report != nullptr && !context.options.roster.empty() && entry.label->explicit_form) {
      context.report->unlisted_labels.insert(entry.label->name);
    }
  }

  Document document;
  std::string current_speaker;
  for (std::size_t k = 0; k < cues.size(); ++k) {
    Spoken& entry = spoken[k];
    if (entry.content.empty() && entry.speaker.empty()) continue;
    const bool starts_turn = document.blocks.empty() || (!entry.speaker.empty() && entry.speaker != current_speaker);
    if (!entry.speaker.empty()) current_speaker = entry.speaker;
    // Cues of one turn are joined by a space so sentences can run across them; turns are paragraphs.
    if (!document.text.empty()) document.text += starts_turn ? "\n\n" : " ";
    if (starts_turn && !current_speaker.empty()) document.text += current_speaker + ": ";
    Block block;
    block.begin = document.text.size();
    document.text += entry.content;
    block.end = document.text.size();
    block.starts_turn = starts_turn;
    if (starts_turn) block.speaker = current_speaker;
    block.start_ms = cues[k].start_ms;
    block.end_ms = cues[k].end_ms;
    document.blocks.push_back(std::move(block));
  }
  // The text was assembled from normalised pieces; NFC is closed under this concatenation except at
  // the joins, which are ASCII, so offsets stay valid.
  return document;
}

// Without a UTF-8 byte-order mark.
std::string_view without_bom(std::string_view head) {
  return head.substr(0, 3) == "\xEF\xBB\xBF" ? head.substr(3) : head;
}

}  // namespace

Document read_webvtt(std::string_view bytes, const ReadContext& context) {
  return read_captions(normalize_source_text(decode_source_text(bytes, context)), true, context);
}

Document read_subrip(std::string_view bytes, const ReadContext& context) {
  return read_captions(normalize_source_text(decode_source_text(bytes, context)), false, context);
}

bool has_webvtt_signature(std::string_view head) {
  // WebVTT's own: the file starts with "WEBVTT", then a space, a tab, a line end or nothing.
  head = without_bom(head);
  return head.substr(0, 6) == "WEBVTT" && (head.size() == 6 || std::string_view(" \t\r\n").find(head[6]) != std::string_view::npos);
}

bool has_subrip_signature(std::string_view head) {
  // SubRip has none of its own: its first cue is a number alone on its line, then a timing line, its
  // times as the reader takes them (a ',' or a '.' before the milliseconds, one-digit fields).
  static const RE2 first_cue(R"(\A(?:[ \t]*\r?\n)*[ \t]*[0-9]+[ \t]*\r?\n[0-9]+:[0-9]{1,2}:[0-9]{1,2}[,.][0-9]{3}[ \t]*-->)");
  return RE2::PartialMatch(without_bom(head), first_cue);
}

}  // namespace qda
