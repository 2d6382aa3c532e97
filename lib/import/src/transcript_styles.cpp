// The signatures of the text exports of transcription services, tried on a file's first bytes. They
// only name the format a source was read as: every text source is read by the same rules
// (plain_text.cpp), which find these layouts anywhere in any text.
#include "qda/source_format.hpp"
#include "qda/speakers.hpp"
#include "qda/text.hpp"
#include "qda/timestamps.hpp"
#include "readers.hpp"

namespace qda {

namespace {

// The first `count` non-blank lines of a file's head, without a byte-order mark or CRs. A line cut
// off by the end of the head is left out, unless the head is the whole (short) file.
std::vector<std::string_view> first_lines(std::string_view head, std::size_t count) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.size() >= kSignatureBytes - 3) head = head.substr(0, head.rfind('\n') + 1);
  std::vector<std::string_view> lines;
  for (std::string_view line : split_lines(head)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) continue;
    lines.push_back(line);
    if (lines.size() == count) break;
  }
  return lines;
}

// "Name  0:08": a name, two blanks or a tab, a time, nothing else (Otter.ai).
bool is_otter_heading(std::string_view line) {
  const auto time = trailing_time(line);
  if (!time || time->begin == 0) return false;
  const std::string_view gap = line.substr(time->begin, line.find_first_not_of(" \t", time->begin) - time->begin);
  return (gap.size() >= 2 || gap == "\t") && line.back() != ')' && line.back() != ']' &&
         looks_like_name(line.substr(0, time->begin), 6);
}

// "[Name] 11:02:09" (Zoom's saved transcripts).
bool is_zoom_heading(std::string_view line) {
  if (line.empty() || line.front() != '[') return false;
  const std::size_t close = line.find(']');
  if (close == std::string_view::npos || close < 2) return false;
  const std::string_view rest = trim(line.substr(close + 1));
  return !rest.empty() && parse_time(rest) && !is_bracketed_note(line.substr(1, close - 1));
}

// "Name (00:01:02):", the text after it or on the next line (Rev's exports), or "Name: (00:01:02)"
// alone on its line (the transcripts on Rev's website).
bool is_rev_label(std::string_view line) {
  if (const std::size_t close = line.find("):"); close != std::string_view::npos && close <= 80) {
    const std::size_t open = line.rfind(" (", close);
    return open != std::string_view::npos && open > 0 && parse_time(line.substr(open + 2, close - open - 2)) &&
           looks_like_name(line.substr(0, open), 6);
  }
  const std::size_t open = line.find(": (");
  const std::string_view rest = open == std::string_view::npos ? std::string_view() : trim(line.substr(open + 3));
  return open != std::string_view::npos && open > 0 && open <= 60 && !rest.empty() && rest.back() == ')' &&
         parse_time(rest.substr(0, rest.size() - 1)) && looks_like_name(line.substr(0, open), 6);
}

// "SPEAKER_00: ...", "[SPEAKER_00]: ..." or "[00:00:02] SPEAKER_01: ..." (diarisation tools such as
// WhisperX and pyannote).
bool is_diarized_line(std::string_view line) {
  if (const auto mark = time_mark_at_start(line)) line.remove_prefix(mark->length);
  if (!line.empty() && line.front() == '[') line.remove_prefix(1);
  if (line.substr(0, 8) != "SPEAKER_") return false;
  std::size_t at = 8;
  while (at < line.size() && line[at] >= '0' && line[at] <= '9') ++at;
  if (at == 8) return false;
  if (at < line.size() && line[at] == ']') ++at;
  return at == line.size() || line[at] == ':';
}

}  // namespace

bool has_otter_signature(std::string_view head) {
  const auto lines = first_lines(head, 2);
  return lines.size() == 2 && is_otter_heading(lines[0]) && !is_otter_heading(lines[1]);
}

bool has_zoom_signature(std::string_view head) {
  const auto lines = first_lines(head, 2);
  return lines.size() == 2 && is_zoom_heading(lines[0]) && !is_zoom_heading(lines[1]);
}

bool has_rev_signature(std::string_view head) {
  for (const std::string_view line : first_lines(head, 3)) {
    if (is_rev_label(line)) return true;
  }
  return false;
}

bool has_diarized_signature(std::string_view head) {
  const auto lines = first_lines(head, 1);
  return !lines.empty() && is_diarized_line(lines[0]);
}

}  // namespace qda
