// The input of the DOCX and ODT targets: ZIP bytes as they are (an input that starts with "PK"), which
// fuzzes the container, or else the XML of the document's main entry, wrapped in a stored archive
// (stored_zip.hpp), which fuzzes the XML. Either way the bytes go through qda-import's reading and
// segmentation (import_source.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qda::fuzz {

struct OfficeFormat {
  std::string file_name;   // "interview.docx": its extension picks the format
  std::string main_entry;  // the XML the reader parses: "word/document.xml", "content.xml"
  std::vector<std::pair<std::string, std::string>> other_entries;  // written before it (ODT's "mimetype")
};

// Returns -1 for an input skipped as a known class (see kMaxXmlDepth in office_input.cpp), else 0.
int import_office_input(std::string_view input, const OfficeFormat& format);

}  // namespace qda::fuzz
