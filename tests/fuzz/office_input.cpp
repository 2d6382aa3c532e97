// The DOCX and ODT targets' input (office_input.hpp), and the bound they put on XML nesting.
#include "office_input.hpp"

#include <algorithm>

#include "import_source.hpp"
#include "qda/zip.hpp"
#include "stored_zip.hpp"

namespace qda::fuzz {

namespace {

// A known class, left to issue 16 (lib/import): the readers walk the XML tree recursively, so a
// document nested tens of thousands of levels deep overflows the stack (tests/fuzz/known/). The targets
// skip documents nested deeper than this, far beyond any word processor's and far from the stack's end.
constexpr std::size_t kMaxXmlDepth = 500;

// How deep the elements of `xml` nest, counted from its tags (start tags up, end tags down, empty-element
// tags neither). Comments, processing instructions and declarations are skipped, and quoted attribute
// values are stepped over, so a '>' or "/>" inside them is not taken for a tag's end; a document this
// count gets wrong is not well-formed and fails to parse before any walk.
std::size_t xml_nesting_depth(std::string_view xml) {
  std::size_t depth = 0, deepest = 0;
  for (std::size_t i = xml.find('<'); i != std::string_view::npos && i + 1 < xml.size(); i = xml.find('<', i + 1)) {
    const char next = xml[i + 1];
    if (next == '/') {
      depth -= depth > 0 ? 1 : 0;
      continue;
    }
    if (next == '?' || next == '!') continue;
    char quote = 0;
    std::size_t end = i + 1;
    for (; end < xml.size(); ++end) {
      const char c = xml[end];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (end >= xml.size()) break;
    if (xml[end - 1] != '/') deepest = std::max(deepest, ++depth);
    i = end;
  }
  return deepest;
}

// The main entry of a ZIP input, if the archive opens and holds it; the reader reports the rest.
std::string main_entry_of(std::string_view zip, const OfficeFormat& format) {
  try {
    const ZipArchive archive(zip, format.file_name);
    return archive.contains(format.main_entry) ? archive.read(format.main_entry) : std::string();
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

int import_office_input(std::string_view input, const OfficeFormat& format) {
  const bool zip_bytes = input.substr(0, 2) == "PK";
  std::string archive;
  if (!zip_bytes) {
    std::vector<std::pair<std::string, std::string_view>> entries(format.other_entries.begin(), format.other_entries.end());
    entries.emplace_back(format.main_entry, input);
    archive = stored_zip(entries);
  }
  const std::string unzipped = zip_bytes ? main_entry_of(input, format) : std::string();
  if (xml_nesting_depth(zip_bytes ? std::string_view(unzipped) : input) > kMaxXmlDepth) return -1;
  import_source(zip_bytes ? input : std::string_view(archive), format.file_name);
  return 0;
}

}  // namespace qda::fuzz
