// A ZIP archive whose entries are stored, not deflated: how the office targets turn fuzzed XML into the
// container bytes qda-import reads, so mutations reach the XML parser instead of breaking the deflate
// stream or the CRC that libzip checks.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qda::fuzz {

// The archive's bytes: a local header and data per entry, then the central directory.
std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& entries);

}  // namespace qda::fuzz
