// Whether an RE2 pattern can match part of a character: `\C` matches any single byte, so its matches
// can begin or end inside a UTF-8 sequence, which no offset in characters can name and no output may
// carry. Codebook rules and qda-import's --speaker-pattern refuse such patterns.
#pragma once

#include <string_view>

namespace qda {

// True when `pattern` uses \C outside \Q...\E (a backslash that escapes a backslash does not count).
bool matches_single_bytes(std::string_view pattern);

}  // namespace qda
