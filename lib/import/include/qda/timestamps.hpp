// Times as transcripts write them ("0:08", "00:01:02", "1:02:03.500", "00:00:03,100", "0:0:5.1"),
// alone or as a range ("[00:00:01.000 --> 00:00:04.000]"), read into milliseconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace qda {

// "[h:]m:ss" with an optional fraction after '.' or ',' (one to three digits), the whole of `text`:
// minutes and seconds below 60 when an hour is given, seconds below 60 always; a time with an hour
// may give its fields one digit each (Teams writes "0:0:5.1"). Null for anything else.
std::optional<std::int64_t> parse_time(std::string_view text);

// A time or a range of two at the start of a line, bracketed ("[00:01:02]", "(01:02)") or bare
// ("00:01:02.000 --> 00:01:05.000"); a range's times are separated by "-->", "-" or "–".
struct TimeMark {
  std::int64_t start_ms = 0;
  std::optional<std::int64_t> end_ms;
  std::size_t length = 0;  // bytes the mark takes, blanks after it included
  bool bracketed = false;
};
std::optional<TimeMark> time_mark_at_start(std::string_view line);

// A time at the end of `text` after a blank, bracketed or not ("Ana Lee  0:08", "[Ana] 11:02:09",
// "Ana (00:01:02)"): its start in `text` (where the time's blank run begins) and its value.
struct TrailingTime {
  std::size_t begin = 0;
  std::int64_t ms = 0;
};
std::optional<TrailingTime> trailing_time(std::string_view text);

}  // namespace qda
