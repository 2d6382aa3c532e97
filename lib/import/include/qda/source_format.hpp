// The source formats qda-import reads, as one registry: a row per format with its name, media type,
// file extensions, content signature and reader. Adding a format is its reader and its row
// (source_formats.cpp); nothing else lists the formats.
#pragma once

#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qda/document.hpp"
#include "qda/speakers.hpp"
#include "qda/zip.hpp"

namespace qda {

struct ReadOptions {
  std::string encoding;                   // --encoding: for text files that are not UTF-8
  std::string declared_encoding;          // the sheet's "encoding" for this file: used as it says
  int min_encoding_confidence = 50;       // --min-encoding-confidence, for ICU's charset detector
  std::vector<std::string> text_columns;  // --text-column, for CSV surveys
  std::string respondent_column;          // --respondent-column, for CSV surveys
  SpeakerRoster roster;                   // --speakers, the sheet's "speakers" and --interviewer; empty if none
  ZipLimits zip_limits;
};

// What reading a source found out besides its text, for corpus.yaml and the messages on stderr.
struct ReadReport {
  std::string encoding;          // what the bytes were decoded from: "UTF-8", "UTF-16LE", "windows-1252", ...
  int encoding_confidence = -1;  // ICU's confidence (0-100) when the encoding was detected; -1 if not
  std::size_t footnotes = 0;     // footnotes and endnotes kept as "[footnote N: ...]" in the text
  std::size_t comments = 0;      // comments kept as "[comment by ...: ...]"
  std::set<std::string> unlisted_labels;  // label names the roster left out (they stayed text)
};

// What a reader is given besides the file's bytes. Errors name `file_name` and, where it makes
// sense, the line and column.
struct ReadContext {
  const std::string& file_name;
  const ReadOptions& options;
  const SpeakerRules& speakers;
  ReadReport* report = nullptr;  // filled in if given
};

struct SourceFormat {
  std::string_view name;        // as corpus.yaml records it: "txt", "docx", ...
  std::string_view media_type;
  std::vector<std::string_view> extensions;  // lower case, with the dot
  // Whether a file's first bytes (up to kSignatureBytes) carry this format's signature, whatever its
  // name says (a WebVTT file saved as .txt); null for a format known by its extension only.
  bool (*signature)(std::string_view head) = nullptr;
  // Reads the file's bytes (never empty) into the normalised text and its blocks.
  Document (*read)(std::string_view bytes, const ReadContext& context) = nullptr;
  // A project that holds many sources, their codings and a codebook (REFI-QDA .qdpx), read by
  // qda-import's project reader rather than `read` (docs/refi-qda.md).
  bool holds_project = false;
};

// How many leading bytes a signature looks at.
inline constexpr std::size_t kSignatureBytes = 512;

// Every format, in the order signatures are tried.
const std::vector<SourceFormat>& source_formats();
// The format of that name; throws std::out_of_range for an unknown one.
const SourceFormat& source_format(std::string_view name);
// The format a file name's extension stands for (case-insensitive), or null.
const SourceFormat* format_for_extension(const std::filesystem::path& path);
// The format of a file: the first whose signature its first bytes carry, else its extension's; null
// if neither says.
const SourceFormat* recognise_format(const std::filesystem::path& path, std::string_view head);
// ".txt, .md, ..." for messages.
std::string known_extensions();

// Reads one source with its format's reader: an empty file, or one that yields no text, is an
// InvalidInput error.
Document read_document(std::string_view bytes, const SourceFormat& format, const ReadContext& context);

}  // namespace qda
