// The qda manifest of a .qdpx (qda/manifest.yaml, schemas/v1/refi-manifest.schema.json): what qda-export
// keeps beside the REFI-QDA project because REFI-QDA has no place for it — source ids, titles and
// languages, the segments, codebook.yaml and codings.csv as they were — so that qda-import gives back
// the qda project exported. It holds only while every entry it names has the SHA-256 it records,
// project.qde first: a tool that changed the project leaves a manifest qda-import does not use
// (docs/refi-qda.md#the-qda-manifest).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "qda/document.hpp"

namespace qda {

inline constexpr std::string_view kManifestEntry = "qda/manifest.yaml";
inline constexpr std::string_view kManifestSegmentsEntry = "qda/segments.csv";
inline constexpr std::string_view kManifestCodebookEntry = "qda/codebook.yaml";
inline constexpr std::string_view kManifestCodingsEntry = "qda/codings.csv";

struct RefiManifest {
  // An archive entry and the SHA-256 of its bytes.
  struct Entry {
    std::string entry;
    std::string sha256;
  };
  struct Source {
    std::string guid;  // its REFI TextSource
    std::string id;
    std::string title;
    std::string language;
    Entry text;
  };

  Entry project;  // project.qde
  std::string unit;
  std::vector<std::string> interviewers;
  std::vector<Source> sources;  // in corpus order
  Entry segments;
  std::optional<Entry> codebook;  // codebook.yaml; absent when the codebook exported was a .qdc
  std::optional<Entry> codings;   // codings.csv; absent when none was exported
};

void write_refi_manifest(std::ostream& out, const RefiManifest& manifest);

// Parses and checks the manifest against its schema; errors name `file_name`, the line and column.
RefiManifest read_refi_manifest(std::string_view yaml, const std::string& file_name);

// One segment as the manifest keeps it: segments.csv's row without its text, which the source's
// text gives back.
struct StoredSegment {
  std::size_t turn = 0;
  std::string speaker;
  std::size_t start = 0;  // code points into the source's normalised text
  std::size_t end = 0;
  Attributes attributes;
  std::optional<std::int64_t> start_ms;  // where it lies in the recording, when known
  std::optional<std::int64_t> end_ms;
  std::size_t line = 0;  // in the manifest's segments file, for messages
};

// The manifest's segments file (source,seq,turn,speaker,start,end,start_seconds,end_seconds,attributes) from a corpus's
// segments.csv, streamed row by row.
void write_stored_segments(std::ostream& out, const std::filesystem::path& segments_csv);

// The segments of each source id, in order. Errors (a column missing, a seq out of order, attributes
// that are not a JSON object of strings) name `file_name` and the line.
std::map<std::string, std::vector<StoredSegment>> read_stored_segments(std::string_view csv, const std::string& file_name);

// The manifest's codings.csv against its stored segments: every row's segment is one of its source's,
// and its span is not empty and ends within the text its segments cover. An error names `file_name`
// and the row's line.
void check_kept_codings(std::string_view csv, const std::string& file_name,
                        const std::map<std::string, std::vector<StoredSegment>>& segments);

}  // namespace qda
