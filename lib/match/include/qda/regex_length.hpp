// How long, in bytes, a match of an RE2 pattern can be at most, read from the pattern's text (RE2's
// parse tree is not part of its installed headers). RegexSearch uses the bound to search only near
// the literals a match must contain.
#pragma once

#include <cstddef>
#include <optional>

namespace re2 {
class RE2;
}

namespace qda {

// A number of bytes that no match of `regex` exceeds, in any text; nullopt when its matches can be
// arbitrarily long (*, +, {n,}) or when the pattern or its options use anything this does not read.
// The bound is conservative, not tight: every item that matches one code point counts as 4 bytes,
// except an ASCII literal.
std::optional<std::size_t> max_match_length(const re2::RE2& regex);

}  // namespace qda
