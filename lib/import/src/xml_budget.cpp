#include "xml_budget.hpp"

#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda {

namespace {

// pugixml's memory functions are process-wide and must be set before its first allocation, so they are
// installed while the program starts (this file's static initialisation) and count every block on the
// thread that makes it; a parse compares the count with what it was when it began. Each block carries
// its size in front, as pugixml's deallocation function is given only the pointer.
constexpr std::size_t kHeader = alignof(std::max_align_t);
thread_local std::int64_t xml_bytes_in_use = 0;
thread_local std::int64_t xml_bytes_allowed_until = INT64_MAX;

void* allocate_counted(std::size_t size) {
  if (xml_bytes_in_use + static_cast<std::int64_t>(size) > xml_bytes_allowed_until) return nullptr;  // pugixml: out of memory
  auto* block = static_cast<unsigned char*>(std::malloc(size + kHeader));
  if (block == nullptr) return nullptr;
  *reinterpret_cast<std::size_t*>(block) = size;
  xml_bytes_in_use += static_cast<std::int64_t>(size);
  return block + kHeader;
}

void deallocate_counted(void* pointer) {
  if (pointer == nullptr) return;
  auto* block = static_cast<unsigned char*>(pointer) - kHeader;
  xml_bytes_in_use -= static_cast<std::int64_t>(*reinterpret_cast<std::size_t*>(block));
  std::free(block);
}

const bool kCountingInstalled = [] {
  pugi::set_memory_management_functions(allocate_counted, deallocate_counted);
  return true;
}();

// Where a byte offset of the entry is, for messages: "word/document.xml, line 3, column 14".
std::string place_in(const std::string& xml, std::ptrdiff_t offset, std::string_view entry) {
  if (offset < 0 || static_cast<std::size_t>(offset) > xml.size()) return std::string(entry);
  const std::string_view before = std::string_view(xml).substr(0, static_cast<std::size_t>(offset));
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  std::size_t line = 1;
  for (const char c : before) line += c == '\n' ? 1 : 0;
  return fmt::format("{}, line {}, column {}", entry, line, before.size() - line_start + 1);
}

// The first element deeper than kMaxXmlDepth, walked without recursion; an empty node if there is none.
pugi::xml_node too_deep(const pugi::xml_document& document) {
  std::vector<std::pair<pugi::xml_node, std::size_t>> pending{{document.document_element(), 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node) continue;
    if (depth > kMaxXmlDepth) return node;
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) pending.emplace_back(child, depth + 1);
    }
  }
  return {};
}

}  // namespace

void parse_xml_within_budget(pugi::xml_document& document, const std::string& xml, std::string_view entry,
                             const std::string& file_name, unsigned options, std::uint64_t max_bytes) {
  (void)kCountingInstalled;
  const std::int64_t before = xml_bytes_allowed_until;
  xml_bytes_allowed_until = xml_bytes_in_use + static_cast<std::int64_t>(std::min<std::uint64_t>(max_bytes, INT64_MAX / 2));
  const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
  xml_bytes_allowed_until = before;
  if (parsed.status == pugi::status_out_of_memory) {
    throw invalid_input(fmt::format("{}: parsing it would take more than {} MiB of memory, the most qda gives one XML "
                                    "part; expected a document as an office program writes it",
                                    place_in(xml, parsed.offset, entry), max_bytes >> 20),
                        {file_name});
  }
  if (!parsed) {
    throw invalid_input(fmt::format("{} is not well-formed XML at byte {}: {}", entry, parsed.offset, parsed.description()),
                        {file_name});
  }
  if (const pugi::xml_node deep = too_deep(document)) {
    throw invalid_input(fmt::format("{}: elements nested more than {} deep; expected a document as an office program writes it",
                                    place_in(xml, deep.offset_debug(), entry), kMaxXmlDepth),
                        {file_name});
  }
}

}  // namespace qda
