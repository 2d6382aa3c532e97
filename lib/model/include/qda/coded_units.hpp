// codings.csv joined with segments.csv: each segment of the corpus, in corpus order, with every coding
// of it. Both files are read as streams side by side (qda-code writes codings in segment order), so
// memory holds one chunk of segments and one segment's codings, whatever the size of the corpus.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/segment_stream.hpp"

namespace qda {

struct CodedUnit {
  SegmentRow segment;                 // views the reader's current chunk: valid until the next call
  std::vector<CodingRecord> codings;  // in codings.csv's order, every coder's
  std::vector<std::size_t> lines;     // each coding's line in codings.csv, for messages
};

// A CodedUnit that owns what its segment's views point at, so that it outlives the reader's chunk
// (batches of units handed to other threads). Neither copied nor moved: the views point into it.
class HeldCodedUnit {
 public:
  explicit HeldCodedUnit(const CodedUnit& unit);
  HeldCodedUnit(const HeldCodedUnit&) = delete;
  HeldCodedUnit& operator=(const HeldCodedUnit&) = delete;
  const CodedUnit& unit() const { return unit_; }

 private:
  std::string storage_;  // the segment's id, source, speaker, times and text, one after another
  CodedUnit unit_;
};

class CodedUnitReader {
 public:
  // With `read_ahead`, the next chunk of segments.csv is read and parsed on a thread of its own while
  // this one's units are handed out (a tool's second thread); the units are the same either way.
  CodedUnitReader(const CorpusInfo& corpus, const std::filesystem::path& codings, bool read_ahead = false);

  // The next segment with its codings; false at the end. InvalidInput errors, naming codings.csv and
  // the line, for a coding of a source the corpus lacks, of a segment segments.csv lacks, or out of
  // segment order.
  bool next(CodedUnit& unit);
  const std::string& codings_file() const { return codings_file_; }

 private:
  using Key = std::pair<std::size_t, std::size_t>;  // (source index in the corpus, segment seq)
  void read_pending();
  [[noreturn]] void not_in_segments() const;

  const CorpusInfo& corpus_;
  std::unordered_map<std::string, std::size_t> source_index_;
  // A chunk of segments.csv and its rows, which view it.
  struct ParsedChunk {
    SegmentChunk chunk;
    std::vector<SegmentRow> rows;
    bool read = false;  // false at the end of the file
  };
  ParsedChunk parse_next_chunk();

  SegmentChunkReader segments_;
  bool read_ahead_ = false;
  std::future<ParsedChunk> ahead_;  // the next chunk, being parsed (read_ahead_)
  ParsedChunk current_;
  std::size_t next_row_ = 0;
  std::string codings_file_;
  std::ifstream codings_in_;
  std::optional<CodingReader> codings_;
  std::optional<CodingRecord> pending_;  // the next coding not yet handed out
  Key pending_key_{};
  std::size_t pending_line_ = 0;
  std::optional<Key> last_key_;  // of the coding before it
};

}  // namespace qda
