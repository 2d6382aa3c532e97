// Reading segments.csv in chunks of whole records, so chunks can be parsed and coded on several
// threads while memory stays bounded by the chunk size, not the corpus.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace qda {

struct SegmentRow {
  std::string id;
  std::string source;
  std::size_t seq = 0;
  std::string speaker;
  bool interviewer = false;
  std::size_t start = 0;  // code points into the source's normalised text
  std::size_t end = 0;
  std::string text;
  std::size_t line = 0;   // in segments.csv, for messages
};

struct SegmentChunk {
  std::string bytes;          // whole CSV records
  std::size_t first_line = 0; // the physical line the first record starts on
};

class SegmentChunkReader {
 public:
  // Opens segments.csv and checks its header (schemas/v1/segments.schema.json's columns).
  explicit SegmentChunkReader(const std::filesystem::path& path, std::size_t chunk_bytes = 1 << 20);
  // The next chunk of whole records; false at the end of the file.
  bool next(SegmentChunk& chunk);
  const std::string& file_name() const { return file_name_; }

 private:
  std::ifstream in_;
  std::string file_name_;
  std::size_t chunk_bytes_;
  std::string carry_;  // bytes read past the last whole record
  std::size_t line_ = 2;
};

// Parses a chunk's records; errors name segments.csv and the line.
void parse_segment_chunk(const SegmentChunk& chunk, const std::string& file_name, std::vector<SegmentRow>& rows);

}  // namespace qda
