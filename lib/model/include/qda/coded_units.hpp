// codings.csv joined with segments.csv: each segment of the corpus, in corpus order, with every coding
// of it. Both files are read as streams side by side (qda-code writes codings in segment order), so
// memory holds one chunk of segments and one segment's codings, whatever the size of the corpus.
#pragma once

#include <cstddef>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/segment_stream.hpp"
#include "qda/strings.hpp"

namespace qda {

// The segment and its codings view the reader's chunks: valid until the reader's next call.
struct CodedUnit {
  SegmentRow segment;
  std::vector<CodingFields> codings;  // in codings.csv's order, every coder's
  std::vector<std::size_t> lines;     // each coding's line in codings.csv, for messages
};

class CodedUnitReader {
 public:
  // With `read_ahead`, the next chunks of segments.csv and codings.csv are read and parsed on threads
  // of their own while this one's units are handed out (a tool's second thread); the units are the
  // same either way.
  // `chunk_bytes`: how much of each file is read at a time.
  CodedUnitReader(const CorpusInfo& corpus, const std::filesystem::path& codings, bool read_ahead = false,
                  std::size_t chunk_bytes = 1 << 20);

  // The next segment with its codings; false at the end. InvalidInput errors, naming codings.csv and
  // the line, for a coding of a source the corpus lacks, of a segment segments.csv lacks, or out of
  // segment order.
  bool next(CodedUnit& unit);
  // Adds to `held` the chunks the last unit views, unless `held` has them: a caller that keeps units
  // past the next call (a batch handed to another thread) keeps their views valid by holding these,
  // without copying a byte of them.
  void hold_chunks(std::vector<std::shared_ptr<const void>>& held) const;
  const std::string& codings_file() const { return codings_.file_name(); }

 private:
  using Key = std::pair<std::size_t, std::size_t>;  // (source index in the corpus, segment seq)
  // A chunk of segments.csv and its rows, which view it.
  struct ParsedChunk {
    SegmentChunk chunk;
    std::vector<SegmentRow> rows;
    bool read = false;  // false at the end of the file
  };
  std::shared_ptr<ParsedChunk> parse_next_chunk();
  std::shared_ptr<CodingChunk> parse_next_codings();  // null at the end of the file
  // Makes the next coding the pending one, checked; none at the end of the file.
  void read_pending();
  const CodingFields& pending() const { return codings_chunk_->codings[next_coding_]; }
  [[noreturn]] void not_in_segments() const;

  const CorpusInfo& corpus_;
  std::unordered_map<std::string, std::size_t, TransparentStringHash, std::equal_to<>> source_index_;
  SegmentChunkReader segments_;
  bool read_ahead_ = false;
  std::future<std::shared_ptr<ParsedChunk>> ahead_;  // the next chunk, being parsed (read_ahead_)
  std::shared_ptr<ParsedChunk> current_;
  std::size_t next_row_ = 0;
  CodingChunkReader codings_;
  std::future<std::shared_ptr<CodingChunk>> codings_ahead_;  // (read_ahead_)
  std::shared_ptr<CodingChunk> codings_chunk_;  // holds the pending coding
  std::vector<std::shared_ptr<CodingChunk>> spent_;  // chunks the unit handed out last may view
  std::size_t next_coding_ = 0;
  bool pending_ = false;  // codings_chunk_ holds the next coding not yet handed out
  Key pending_key_{};
  std::optional<Key> last_key_;  // of the coding before it
};

}  // namespace qda
