// The streaming join of codings.csv with segments.csv.
#include "qda/coded_units.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "qda/coding.hpp"
#include "qda/error.hpp"

namespace qda {

namespace {

// The seq after the last ':' of a segment id.
std::optional<std::size_t> seq_of(std::string_view id) {
  const std::size_t colon = id.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::size_t seq = 0;
  const std::string_view digits = id.substr(colon + 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return seq;
}

}  // namespace

CodedUnitReader::CodedUnitReader(const CorpusInfo& corpus, const std::filesystem::path& codings, bool read_ahead,
                                 std::size_t chunk_bytes)
    : corpus_(corpus), segments_(corpus.segments_path, chunk_bytes), read_ahead_(read_ahead), codings_(codings, chunk_bytes) {
  for (std::size_t i = 0; i < corpus.sources.size(); ++i) source_index_.emplace(corpus.sources[i].id, i);
  read_pending();
}

std::shared_ptr<CodingChunk> CodedUnitReader::parse_next_codings() {
  auto chunk = std::make_shared<CodingChunk>();
  if (!codings_.next(*chunk)) return nullptr;
  codings_.parse(*chunk);
  return chunk;
}

void CodedUnitReader::read_pending() {
  if (pending_) {
    last_key_ = pending_key_;
    ++next_coding_;
  }
  while (!codings_chunk_ || next_coding_ == codings_chunk_->codings.size()) {
    if (codings_chunk_ && codings_chunk_->error) std::rethrow_exception(codings_chunk_->error);
    // The unit being filled may view this chunk's codings: it is kept until the next unit.
    if (codings_chunk_) spent_.push_back(std::move(codings_chunk_));
    codings_chunk_ = codings_ahead_.valid() ? codings_ahead_.get() : parse_next_codings();
    if (!codings_chunk_) {
      pending_ = false;
      return;
    }
    next_coding_ = 0;
    if (read_ahead_) codings_ahead_ = std::async(std::launch::async, [this] { return parse_next_codings(); });
  }
  const CodingFields& record = pending();
  const std::size_t line = codings_chunk_->lines[next_coding_];
  const auto source = source_index_.find(record.source);
  if (source == source_index_.end()) {
    throw invalid_input(fmt::format("source '{}' is not in {}", record.source, corpus_.path.string()), {codings_file(), line});
  }
  const auto seq = seq_in_source(record.segment, record.source);
  if (!seq && !seq_of(record.segment)) {
    throw invalid_input(fmt::format("'{}' is not a segment id; expected <source>:<number>", record.segment), {codings_file(), line});
  }
  // A row whose segment is another source's: the source cell or the segment cell is wrong, not the
  // segment missing from segments.csv (as it was reported).
  if (!seq) {
    throw invalid_input(fmt::format("segment '{}' is not a segment of source '{}'; expected a segment id that begins with "
                                    "its row's source",
                                    record.segment, record.source),
                        {codings_file(), line});
  }
  pending_key_ = {source->second, *seq};
  if (last_key_ && pending_key_ < *last_key_) {
    throw invalid_input(fmt::format("segment '{}' comes after a later segment of the corpus; expected codings in corpus "
                                    "order, as qda-code writes them",
                                    record.segment),
                        {codings_file(), line});
  }
  pending_ = true;
}

void CodedUnitReader::not_in_segments() const {
  throw invalid_input(fmt::format("segment '{}' is not in {}", pending().segment, corpus_.segments_path.string()),
                      {codings_file(), codings_chunk_->lines[next_coding_]});
}

std::shared_ptr<CodedUnitReader::ParsedChunk> CodedUnitReader::parse_next_chunk() {
  auto parsed = std::make_shared<ParsedChunk>();
  parsed->read = segments_.next(parsed->chunk);
  if (parsed->read) parse_segment_chunk(parsed->chunk, segments_.file_name(), parsed->rows);
  return parsed;
}

bool CodedUnitReader::next(CodedUnit& unit) {
  spent_.clear();  // the last unit's codings
  while (!current_ || next_row_ == current_->rows.size()) {
    // Reading ahead, the first chunk is parsed here and each next one on a thread while this one is
    // handed out. An error parsing a chunk comes out of get() when its turn comes, as without threads.
    current_ = ahead_.valid() ? ahead_.get() : parse_next_chunk();
    if (read_ahead_ && current_->read) ahead_ = std::async(std::launch::async, [this] { return parse_next_chunk(); });
    next_row_ = 0;
    if (!current_->read) {
      if (pending_) not_in_segments();
      return false;
    }
  }
  unit.segment = current_->rows[next_row_++];
  unit.codings.clear();
  unit.lines.clear();
  const auto source = source_index_.find(unit.segment.source);
  if (source == source_index_.end()) {
    throw invalid_input(fmt::format("source '{}' is not in {}", unit.segment.source, corpus_.path.string()),
                        {segments_.file_name(), unit.segment.line});
  }
  const Key key{source->second, unit.segment.seq};
  while (pending_ && pending_key_ <= key) {
    if (pending_key_ < key || pending().segment != unit.segment.id) not_in_segments();
    unit.codings.push_back(pending());
    unit.lines.push_back(codings_chunk_->lines[next_coding_]);
    read_pending();
  }
  return true;
}

void CodedUnitReader::hold_chunks(std::vector<std::shared_ptr<const void>>& held) const {
  const auto hold = [&](std::shared_ptr<const void> chunk) {
    if (chunk && std::find(held.begin(), held.end(), chunk) == held.end()) held.push_back(std::move(chunk));
  };
  hold(current_);
  hold(codings_chunk_);
  for (const auto& chunk : spent_) hold(chunk);
}

}  // namespace qda
