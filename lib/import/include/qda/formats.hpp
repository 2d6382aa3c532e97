// The source formats qda-import reads, and one reader per format turning a file's bytes into a Document.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qda/document.hpp"
#include "qda/speakers.hpp"
#include "qda/zip.hpp"

namespace qda {

enum class SourceFormat { PlainText, Markdown, Docx, Odt, WebVtt, SubRip, CsvSurvey };

// The format a file name's extension stands for (case-insensitive), if qda reads it.
std::optional<SourceFormat> format_for_path(const std::filesystem::path& path);
std::string_view format_name(SourceFormat format);
std::string_view media_type(SourceFormat format);

struct ReadOptions {
  std::string encoding;                   // --encoding, for the text formats
  std::vector<std::string> text_columns;  // --text-column, for CSV surveys
  std::string respondent_column;          // --respondent-column, for CSV surveys
  ZipLimits zip_limits;
};

// Reads one source. Errors name `file_name` and, where it makes sense, the line and column.
Document read_document(std::string_view bytes, SourceFormat format, const std::string& file_name,
                       const ReadOptions& options, const SpeakerRules& speakers);

// Paragraph texts of a DOCX (word/document.xml) or ODT (content.xml), in document order.
std::vector<std::string> docx_paragraphs(std::string_view bytes, const std::string& file_name, const ZipLimits& limits);
std::vector<std::string> odt_paragraphs(std::string_view bytes, const std::string& file_name, const ZipLimits& limits);

// Splits normalised text into blocks: a blank line ends a block, and a line that opens with a
// speaker label starts a new block (and turn). Plain "Name:" labels count only when the same name
// labels at least two lines of the text, so a lone "Note: ..." is not taken for a speaker.
std::vector<Block> split_into_blocks(std::string_view text, const SpeakerRules& speakers);

}  // namespace qda
