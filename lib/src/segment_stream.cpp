// Chunked reading of segments.csv: a record ends at a newline outside quotes, which one scan for
// quotes and newlines finds without parsing the fields.
#include "qda/segment_stream.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "qda/corpus.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"

namespace qda {

SegmentChunkReader::SegmentChunkReader(const std::filesystem::path& path, std::size_t chunk_bytes)
    : in_(path, std::ios::binary), file_name_(path.string()), chunk_bytes_(chunk_bytes) {
  if (!in_) throw io_error("cannot open the segments file", {file_name_});
  std::string header;
  std::getline(in_, header);
  if (header.size() >= 3 && header.compare(0, 3, "\xEF\xBB\xBF") == 0) header.erase(0, 3);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  std::string expected;
  for (const auto column : kSegmentColumns) {
    if (!expected.empty()) expected += ',';
    expected += column;
  }
  if (header != expected) {
    throw invalid_input(fmt::format("unexpected header; expected '{}' as qda-import writes it", expected), {file_name_, 1, 1});
  }
}

namespace {

// One past the last newline outside quotes in `bytes`, which start at a record's start: the end of
// the last whole record (0 if there is none). A newline is outside quotes when an even number of
// quotes precede it; the quotes are counted in bulk, which vectorises, rather than by walking every
// byte with a flag (which cost a tenth of qda-code's time).
std::size_t end_of_last_record(std::string_view bytes) {
  std::size_t quotes_before_end = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '"'));
  std::size_t end = bytes.size();
  while (end > 0) {
    const void* found = ::memrchr(bytes.data(), '\n', end);
    if (found == nullptr) return 0;
    const auto newline = static_cast<std::size_t>(static_cast<const char*>(found) - bytes.data());
    quotes_before_end -= static_cast<std::size_t>(std::count(bytes.begin() + newline, bytes.begin() + end, '"'));
    if (quotes_before_end % 2 == 0) return newline + 1;
    end = newline;
  }
  return 0;
}

}  // namespace

bool SegmentChunkReader::next(SegmentChunk& chunk) {
  std::string buffer = std::move(carry_);
  carry_.clear();
  while (true) {
    const std::size_t old_size = buffer.size();
    buffer.resize(old_size + chunk_bytes_);
    in_.read(buffer.data() + old_size, static_cast<std::streamsize>(chunk_bytes_));
    buffer.resize(old_size + static_cast<std::size_t>(in_.gcount()));
    const bool at_end = in_.gcount() == 0 || in_.eof();
    const std::size_t cut = at_end ? buffer.size() : end_of_last_record(buffer);
    if (cut == 0) {
      if (at_end) return false;
      continue;  // a record longer than a chunk: read on
    }
    carry_ = buffer.substr(cut);
    buffer.resize(cut);
    chunk.first_line = line_;
    line_ += static_cast<std::size_t>(std::count(buffer.begin(), buffer.end(), '\n'));
    chunk.bytes = std::move(buffer);
    return !chunk.bytes.empty();
  }
}

namespace {

std::size_t count_of(const std::string& text, std::string_view column, const std::string& file, std::size_t line) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw invalid_input(fmt::format("'{}' in column {} is not a whole number", text, column), {file, line});
  }
  return value;
}

}  // namespace

void parse_segment_chunk(const SegmentChunk& chunk, const std::string& file_name, std::vector<SegmentRow>& rows) {
  rows.clear();
  CsvReader reader(std::string_view(chunk.bytes), file_name, chunk.first_line);  // parsed in place, not copied
  std::vector<std::string> fields;
  while (reader.read_row(fields)) {
    const std::size_t line = reader.row_line();
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != kSegmentColumns.size()) {
      throw invalid_input(fmt::format("expected {} fields as in the header, found {}", kSegmentColumns.size(), fields.size()),
                          {file_name, line});
    }
    SegmentRow row;
    row.id = std::move(fields[0]);
    row.source = std::move(fields[1]);
    row.seq = count_of(fields[2], "seq", file_name, line);
    row.speaker = std::move(fields[4]);
    if (fields[5] != "true" && fields[5] != "false") {
      throw invalid_input(fmt::format("interviewer is '{}'; expected true or false", fields[5]), {file_name, line});
    }
    row.interviewer = fields[5] == "true";
    row.start = count_of(fields[6], "start", file_name, line);
    row.end = count_of(fields[7], "end", file_name, line);
    row.text = std::move(fields[9]);
    row.line = line;
    rows.push_back(std::move(row));
  }
}

}  // namespace qda
