// The streaming join of codings.csv with segments.csv.
#include "qda/coded_units.hpp"

#include <charconv>

#include <fmt/format.h>

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

CodedUnitReader::CodedUnitReader(const CorpusInfo& corpus, const std::filesystem::path& codings, bool read_ahead)
    : corpus_(corpus), segments_(corpus.segments_path), read_ahead_(read_ahead), codings_file_(codings.string()) {
  for (std::size_t i = 0; i < corpus.sources.size(); ++i) source_index_.emplace(corpus.sources[i].id, i);
  codings_in_.open(codings, std::ios::binary);
  if (!codings_in_) throw io_error("cannot open the codings", {codings_file_});
  codings_.emplace(codings_in_, codings_file_);
  read_pending();
}

void CodedUnitReader::read_pending() {
  if (pending_) last_key_ = pending_key_;
  CodingRecord record;
  if (!codings_->read(record)) {
    pending_.reset();
    return;
  }
  pending_line_ = codings_->line();
  const auto source = source_index_.find(record.source);
  if (source == source_index_.end()) {
    throw invalid_input(fmt::format("source '{}' is not in {}", record.source, corpus_.path.string()),
                        {codings_file_, pending_line_});
  }
  const auto seq = seq_of(record.segment);
  if (!seq) {
    throw invalid_input(fmt::format("'{}' is not a segment id; expected <source>:<number>", record.segment),
                        {codings_file_, pending_line_});
  }
  pending_key_ = {source->second, *seq};
  if (last_key_ && pending_key_ < *last_key_) {
    throw invalid_input(fmt::format("segment '{}' comes after a later segment of the corpus; expected codings in corpus "
                                    "order, as qda-code writes them",
                                    record.segment),
                        {codings_file_, pending_line_});
  }
  pending_ = std::move(record);
}

void CodedUnitReader::not_in_segments() const {
  throw invalid_input(fmt::format("segment '{}' is not in {}", pending_->segment, corpus_.segments_path.string()),
                      {codings_file_, pending_line_});
}

CodedUnitReader::ParsedChunk CodedUnitReader::parse_next_chunk() {
  ParsedChunk parsed;
  parsed.read = segments_.next(parsed.chunk);
  if (parsed.read) parse_segment_chunk(parsed.chunk, segments_.file_name(), parsed.rows);
  return parsed;
}

bool CodedUnitReader::next(CodedUnit& unit) {
  while (next_row_ == current_.rows.size()) {
    // Reading ahead, the first chunk is parsed here and each next one on a thread while this one is
    // handed out. An error parsing a chunk comes out of get() when its turn comes, as without threads.
    current_ = ahead_.valid() ? ahead_.get() : parse_next_chunk();
    if (read_ahead_ && current_.read) ahead_ = std::async(std::launch::async, [this] { return parse_next_chunk(); });
    next_row_ = 0;
    if (!current_.read) {
      if (pending_) not_in_segments();
      return false;
    }
  }
  unit.segment = current_.rows[next_row_++];
  unit.codings.clear();
  unit.lines.clear();
  const auto source = source_index_.find(std::string(unit.segment.source));
  if (source == source_index_.end()) {
    throw invalid_input(fmt::format("source '{}' is not in {}", unit.segment.source, corpus_.path.string()),
                        {segments_.file_name(), unit.segment.line});
  }
  const Key key{source->second, unit.segment.seq};
  while (pending_ && pending_key_ <= key) {
    if (pending_key_ < key || pending_->segment != unit.segment.id) not_in_segments();
    unit.codings.push_back(std::move(*pending_));
    unit.lines.push_back(pending_line_);
    read_pending();
  }
  return true;
}

HeldCodedUnit::HeldCodedUnit(const CodedUnit& unit) : unit_(unit) {
  SegmentRow& row = unit_.segment;
  std::string_view* views[] = {&row.id, &row.source, &row.speaker, &row.start_seconds, &row.end_seconds, &row.text};
  std::size_t size = 0;
  for (const std::string_view* view : views) size += view->size();
  storage_.reserve(size);  // no reallocation below: the views taken stay valid
  for (std::string_view* view : views) {
    const std::size_t at = storage_.size();
    storage_.append(*view);
    *view = std::string_view(storage_).substr(at, view->size());
  }
}

}  // namespace qda
