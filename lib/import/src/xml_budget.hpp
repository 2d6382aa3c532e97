// What parsing an office document's XML may cost, counted where the cost is: the memory of pugixml's
// document (a 0.7 MB .docx within the zip limits once built a 2.6 GB DOM of tiny elements) and the depth
// of its elements (100,000 nested elements overflowed the stack of every recursive walk). Both are
// input errors naming the file and the entry, not a crash or exhausted memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace qda {

// The deepest nesting one XML entry may have.
inline constexpr std::size_t kMaxXmlDepth = 256;

// Parses `xml` (an entry of `file_name`'s archive) into `document` within `max_bytes` of memory
// (ZipLimits::max_xml_document_bytes), and checks its depth; InvalidInput errors name the file, the entry and, for the depth and the
// memory, the line and column in the entry.
void parse_xml_within_budget(pugi::xml_document& document, const std::string& xml, std::string_view entry,
                             const std::string& file_name, unsigned options, std::uint64_t max_bytes);

}  // namespace qda
