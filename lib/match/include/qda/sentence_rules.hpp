// Sentence boundaries by the default rules of Unicode UAX #29 (SB1-SB998), found in UTF-8 text
// without ICU's rule engine: the boundaries of ICU's root sentence break iterator, at a cost close
// to a byte scan, since a boundary can only follow a line break or a run of sentence terminators.
// Texts with an Extend or Format character (SB5 makes them invisible to the other rules; they are
// rare in transcripts) or invalid UTF-8 are left to ICU.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace qda {

// Whether next_sentence_boundary() can be used with this ICU: false if an ASCII character needed
// by the rules is not where the byte scan looks for it (only a future Unicode could do that).
bool sentence_rules_usable();

// The first sentence boundary after `from`, which must be a boundary before the end of `utf8` (0
// to start with): a byte offset in (from, utf8.size()], the end of the text being a boundary.
// nullopt if ICU must decide instead: the rules met an Extend or Format character, or invalid UTF-8.
std::optional<std::size_t> next_sentence_boundary(std::string_view utf8, std::size_t from);

}  // namespace qda
