// Paragraph text of word-processor files, DOCX (WordprocessingML) and ODT (OpenDocument), read from
// their ZIP container.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qda/zip.hpp"

namespace qda {

// Paragraph texts of a DOCX (word/document.xml) or ODT (content.xml), in document order.
std::vector<std::string> docx_paragraphs(std::string_view bytes, const std::string& file_name, const ZipLimits& limits);
std::vector<std::string> odt_paragraphs(std::string_view bytes, const std::string& file_name, const ZipLimits& limits);

}  // namespace qda
