// Chunked reading of segments.csv (qda/csv_chunks.hpp), each record made a SegmentRow.
#include "qda/segment_stream.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include <fmt/format.h>

#include "qda/corpus.hpp"
#include "qda/error.hpp"

namespace qda {

SegmentChunkReader::SegmentChunkReader(const std::filesystem::path& path, std::size_t chunk_bytes)
    : reader_(path, "the segments file", chunk_bytes) {
  const auto same = [&](const auto& columns) { return std::equal(columns.begin(), columns.end(), reader_.header().begin(), reader_.header().end()); };
  if (same(kSegmentColumns)) {
    columns_ = kSegmentColumns.size();
  } else if (same(kSegmentColumnsWithoutTimes)) {
    columns_ = kSegmentColumnsWithoutTimes.size();
  } else {
    throw invalid_input(fmt::format("unexpected header; expected '{}' as qda-import writes it", fmt::join(kSegmentColumns, ",")),
                        {reader_.file_name(), 1, 1});
  }
}

bool SegmentChunkReader::next(SegmentChunk& chunk) {
  chunk.columns = columns_;
  return reader_.next(chunk);
}

namespace {

constexpr std::size_t kMaxColumns = kSegmentColumns.size();
static_assert(kSegmentColumnsWithoutTimes.size() <= kMaxColumns);

std::size_t count_of(std::string_view text, std::string_view column, const std::string& file, std::size_t line) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw invalid_input(fmt::format("'{}' in column {} is not a whole number", text, column), {file, line});
  }
  return value;
}

// "2.400" or "": seconds as qda-import writes them, or nothing.
std::string_view seconds_of(std::string_view text, std::string_view column, const std::string& file, std::size_t line) {
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point), fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  const auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!text.empty() && (whole.empty() || !digits(whole) || !digits(fraction) || (point != std::string_view::npos && fraction.empty()))) {
    throw invalid_input(fmt::format("'{}' in column {} is not a number of seconds such as 2.400", text, column), {file, line});
  }
  return text;
}

// The row a record's fields describe (`columns` of them: the current layout or the one without
// times); throws for a bad number or interviewer flag.
SegmentRow row_of_fields(const std::string_view* fields, std::size_t columns, const std::string& file_name, std::size_t line) {
  SegmentRow row;
  row.id = fields[0];
  row.source = fields[1];
  row.seq = count_of(fields[2], "seq", file_name, line);
  row.speaker = fields[4];
  if (fields[5] != "true" && fields[5] != "false") {
    throw invalid_input(fmt::format("interviewer is '{}'; expected true or false", fields[5]), {file_name, line});
  }
  row.interviewer = fields[5] == "true";
  row.start = count_of(fields[6], "start", file_name, line);
  row.end = count_of(fields[7], "end", file_name, line);
  if (columns == kSegmentColumns.size()) {
    row.start_seconds = seconds_of(fields[8], "start_seconds", file_name, line);
    row.end_seconds = seconds_of(fields[9], "end_seconds", file_name, line);
  }
  row.text = fields[columns - 1];
  row.line = line;
  return row;
}

}  // namespace

void parse_segment_chunk(SegmentChunk& chunk, const std::string& file_name, std::vector<SegmentRow>& rows) {
  rows.clear();
  if (chunk.columns == 0) chunk.columns = kSegmentColumns.size();  // a chunk not from a SegmentChunkReader
  CsvChunkRecords records;
  split_csv_chunk(chunk, chunk.columns, file_name, records);
  rows.reserve(records.size());
  for (std::size_t r = 0; r < records.size(); ++r) rows.push_back(row_of_fields(records.record(r), chunk.columns, file_name, records.lines[r]));
  if (records.error) std::rethrow_exception(records.error);
}

}  // namespace qda
