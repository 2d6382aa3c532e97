// Reading segments.csv in chunks of whole records, so chunks can be parsed and coded on several
// threads while memory stays bounded by the chunk size, not the corpus. A chunk's rows view its bytes
// rather than copy them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "qda/csv_chunks.hpp"

namespace qda {

// One record of segments.csv. The text fields view the SegmentChunk it was parsed from, and live as
// long as that chunk (moving the chunk keeps them).
struct SegmentRow {
  std::string_view id;
  std::string_view source;
  std::size_t seq = 0;
  std::string_view speaker;
  bool interviewer = false;
  std::size_t start = 0;  // code points into the source's normalised text
  std::size_t end = 0;
  std::string_view start_seconds;  // where it lies in the recording, as written ("2.400"); empty if not known
  std::string_view end_seconds;
  std::string_view text;
  std::size_t line = 0;   // in segments.csv, for messages
};

// A chunk of segments.csv, and the layout of the file's header: its current one, or the older one
// without times (0 for a chunk not from a SegmentChunkReader: the current one).
struct SegmentChunk : CsvChunk {
  std::size_t columns = 0;
};

class SegmentChunkReader {
 public:
  // Opens segments.csv and checks its header (schemas/v1/segments.schema.json's columns, or the older
  // layout without start_seconds and end_seconds).
  explicit SegmentChunkReader(const std::filesystem::path& path, std::size_t chunk_bytes = 1 << 20);
  // The next chunk of whole records; false at the end of the file.
  bool next(SegmentChunk& chunk);
  const std::string& file_name() const { return reader_.file_name(); }

 private:
  CsvChunkReader reader_;
  std::size_t columns_ = 0;
};

// Parses a chunk's records into `rows`, which view the chunk: parse a chunk once, since its quoted
// fields are unquoted in place. Errors name segments.csv, the line and, for CSV syntax, the column.
void parse_segment_chunk(SegmentChunk& chunk, const std::string& file_name, std::vector<SegmentRow>& rows);

}  // namespace qda
