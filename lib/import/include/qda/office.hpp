// The text of word-processor files, DOCX (WordprocessingML) and ODT (OpenDocument), read from their
// ZIP container: paragraphs, speaker tables read as turns, and notes and comments kept in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qda/blocks.hpp"
#include "qda/speakers.hpp"
#include "qda/zip.hpp"

namespace qda {

struct OfficeText {
  std::vector<SourceParagraph> paragraphs;  // in document order
  std::size_t footnotes = 0;  // footnotes and endnotes kept as "[footnote N: ...]" where referenced
  std::size_t comments = 0;   // comments kept as "[comment by Author: ...]" where anchored
};

// A DOCX's word/document.xml (with word/footnotes.xml, endnotes.xml and comments.xml when present),
// or an ODT's content.xml. `roster` helps tell a speaker table: a column of names it knows.
OfficeText read_docx_text(std::string_view bytes, const std::string& file_name, const ZipLimits& limits,
                          const SpeakerRoster& roster = {});
OfficeText read_odt_text(std::string_view bytes, const std::string& file_name, const ZipLimits& limits,
                         const SpeakerRoster& roster = {});

}  // namespace qda
