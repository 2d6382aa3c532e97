// Reading the times transcripts carry, by hand rather than with a pattern: they are tried on the
// lines of every text source, most of which start or end with no digit at all.
#include "qda/timestamps.hpp"

#include <array>

namespace qda {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank_byte(char c) { return c == ' ' || c == '\t'; }

// The value of a run of 1 to `max_digits` digits, the whole of `text`.
std::optional<std::int64_t> digits_value(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The bytes a time may consist of.
bool is_time_byte(char c) { return is_digit(c) || c == ':' || c == '.' || c == ','; }

std::size_t skip_blanks(std::string_view text, std::size_t at) {
  while (at < text.size() && is_blank_byte(text[at])) ++at;
  return at;
}

// The length of a range separator at `at` ("-->", "->", "-", en dash, em dash), or 0.
std::size_t separator_length(std::string_view text, std::size_t at) {
  for (const std::string_view separator : {"-->", "->", "\xE2\x80\x93", "\xE2\x80\x94", "-"}) {
    if (text.substr(at, separator.size()) == separator) return separator.size();
  }
  return 0;
}

// The time that starts at `at` (its bytes and value), if one does.
std::optional<std::pair<std::size_t, std::int64_t>> time_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_time_byte(text[end])) ++end;
  // A time is not followed by a trailing separator of a sentence ("at 10:30.").
  while (end > at && (text[end - 1] == '.' || text[end - 1] == ',')) --end;
  const auto value = parse_time(text.substr(at, end - at));
  if (!value) return std::nullopt;
  return std::pair{end - at, *value};
}

}  // namespace

std::optional<std::int64_t> parse_time(std::string_view text) {
  std::int64_t fraction_ms = 0;
  const std::size_t mark = text.find_first_of(".,");
  if (mark != std::string_view::npos) {
    const std::string_view fraction = text.substr(mark + 1);
    if (fraction.empty() || fraction.size() > 6) return std::nullopt;
    for (std::size_t i = 0; i < fraction.size(); ++i) {
      if (!is_digit(fraction[i])) return std::nullopt;
      if (i < 3) fraction_ms += (fraction[i] - '0') * std::array<int, 3>{100, 10, 1}[i];
    }
    text = text.substr(0, mark);
  }
  std::array<std::string_view, 3> fields;
  std::size_t count = 0;
  for (std::size_t start = 0;;) {
    if (count == fields.size()) return std::nullopt;  // a fourth field
    const std::size_t colon = text.find(':', start);
    fields[count++] = colon == std::string_view::npos ? text.substr(start) : text.substr(start, colon - start);
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  std::optional<std::int64_t> hours = 0, minutes, seconds;
  if (count == 3) {
    hours = digits_value(fields[0], 3);
    minutes = digits_value(fields[1], 2);
    seconds = digits_value(fields[2], 2);
    if (!minutes || *minutes >= 60) return std::nullopt;
  } else if (count == 2) {
    // Without an hour the seconds take two digits, so that "1:2" in prose is not a time.
    minutes = digits_value(fields[0], 3);
    seconds = fields[1].size() == 2 ? digits_value(fields[1], 2) : std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!hours || !minutes || !seconds || *seconds >= 60) return std::nullopt;
  return ((*hours * 60 + *minutes) * 60 + *seconds) * 1000 + fraction_ms;
}

std::optional<TimeMark> time_mark_at_start(std::string_view line) {
  if (line.empty()) return std::nullopt;
  const char open = line.front();
  const bool bracketed = open == '[' || open == '(';
  if (!bracketed && !is_digit(open)) return std::nullopt;
  std::size_t at = bracketed ? 1 : 0;
  const auto first = time_at(line, at);
  if (!first) return std::nullopt;
  TimeMark mark;
  mark.bracketed = bracketed;
  mark.start_ms = first->second;
  at += first->first;
  // A range: the separator and the second time.
  std::size_t after = skip_blanks(line, at);
  if (const std::size_t separator = separator_length(line, after); separator > 0) {
    const std::size_t second_at = skip_blanks(line, after + separator);
    if (const auto second = time_at(line, second_at)) {
      mark.end_ms = second->second;
      at = second_at + second->first;
    }
  }
  if (bracketed) {
    at = skip_blanks(line, at);
    if (at >= line.size() || line[at] != (open == '[' ? ']' : ')')) return std::nullopt;
    ++at;
    // "[00:00:00.00] - Speaker 1": a dash after the mark separates it from the name.
    const std::size_t dash_at = skip_blanks(line, at);
    if (const std::size_t dash = separator_length(line, dash_at);
        dash > 0 && dash_at > at && (dash_at + dash == line.size() || is_blank_byte(line[dash_at + dash]))) {
      at = dash_at + dash;
    }
  } else if (at < line.size() && !is_blank_byte(line[at])) {
    return std::nullopt;  // "10:30am" or "1:2:3x" is not a bare time
  }
  mark.length = skip_blanks(line, at);
  return mark;
}

std::optional<TrailingTime> trailing_time(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && is_blank_byte(text[end - 1])) --end;
  if (end == 0) return std::nullopt;
  std::size_t token_begin = 0, token_end = end;
  const char last = text[end - 1];
  if (last == ')' || last == ']') {
    const std::size_t open = text.rfind(last == ')' ? '(' : '[', end - 1);
    if (open == std::string_view::npos) return std::nullopt;
    token_begin = open + 1;
    token_end = end - 1;
    end = open;
  } else {
    if (!is_digit(last)) return std::nullopt;
    token_begin = end;
    while (token_begin > 0 && is_time_byte(text[token_begin - 1])) --token_begin;
    end = token_begin;
  }
  const auto value = parse_time(text.substr(token_begin, token_end - token_begin));
  if (!value) return std::nullopt;
  // The time stands apart from what precedes it: after a blank, or alone.
  if (end > 0 && !is_blank_byte(text[end - 1])) return std::nullopt;
  while (end > 0 && is_blank_byte(text[end - 1])) --end;
  return TrailingTime{end, *value};
}

}  // namespace qda
