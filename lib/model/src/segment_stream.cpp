// Chunked reading of segments.csv: a record ends at a newline outside quotes, which one scan for
// quotes and newlines finds without parsing the fields. Records are then split where they stand in
// the chunk; any record that is not plain RFC 4180 goes through CsvReader, for its error messages.
#include "qda/segment_stream.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "qda/corpus.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/spreadsheet_guard.hpp"
#include "qda/text.hpp"

namespace qda {

SegmentChunkReader::SegmentChunkReader(const std::filesystem::path& path, std::size_t chunk_bytes)
    : in_(path, std::ios::binary), file_name_(path.string()), chunk_bytes_(chunk_bytes) {
  if (!in_) throw io_error("cannot open the segments file", {file_name_});
  std::string header;
  std::getline(in_, header);
  if (header.size() >= 3 && header.compare(0, 3, "\xEF\xBB\xBF") == 0) header.erase(0, 3);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  const auto joined = [](const auto& columns) {
    std::string text;
    for (const auto column : columns) text.append(text.empty() ? "" : ",").append(column);
    return text;
  };
  const std::string expected = joined(kSegmentColumns);
  if (header == expected) {
    columns_ = kSegmentColumns.size();
  } else if (header == joined(kSegmentColumnsWithoutTimes)) {
    columns_ = kSegmentColumnsWithoutTimes.size();
  } else {
    throw invalid_input(fmt::format("unexpected header; expected '{}' as qda-import writes it", expected), {file_name_, 1, 1});
  }
}

namespace {

// One past the last newline outside quotes in `bytes`, which start at a record's start: the end of
// the last whole record (0 if there is none). A newline is outside quotes when an even number of
// quotes precede it; the quotes are counted in bulk, sixteen bytes at a time, rather than by walking
// every byte with a flag (which cost a tenth of qda-code's time). `quotes` is the count in `bytes`.
std::size_t end_of_last_record(std::string_view bytes, std::size_t quotes) {
  std::size_t quotes_before_end = quotes;
  std::size_t end = bytes.size();
  while (end > 0) {
    const void* found = ::memrchr(bytes.data(), '\n', end);
    if (found == nullptr) return 0;
    const auto newline = static_cast<std::size_t>(static_cast<const char*>(found) - bytes.data());
    quotes_before_end -= count_byte(bytes.substr(newline, end - newline), '"');
    if (quotes_before_end % 2 == 0) return newline + 1;
    end = newline;
  }
  return 0;
}

}  // namespace

bool SegmentChunkReader::next(SegmentChunk& chunk) {
  // Not zero-filled first, as resizing a std::string would: the file's bytes overwrite it.
  std::size_t capacity = carry_.size() + chunk_bytes_;
  auto storage = std::make_unique_for_overwrite<char[]>(capacity);
  std::memcpy(storage.get(), carry_.data(), carry_.size());
  std::size_t size = carry_.size();
  carry_.clear();
  while (true) {
    if (capacity - size < chunk_bytes_) {  // a record longer than a chunk: read on into a larger buffer
      capacity = std::max(2 * capacity, size + chunk_bytes_);
      auto larger = std::make_unique_for_overwrite<char[]>(capacity);
      std::memcpy(larger.get(), storage.get(), size);
      storage = std::move(larger);
    }
    in_.read(storage.get() + size, static_cast<std::streamsize>(chunk_bytes_));
    size += static_cast<std::size_t>(in_.gcount());
    const bool at_end = in_.gcount() == 0 || in_.eof();
    const std::string_view bytes(storage.get(), size);
    // Quotes and line ends counted in one pass (the main thread's share of the reading, which a
    // run on several threads cannot share out).
    const auto [quotes, newlines] = count_two_bytes(bytes, '"', '\n');
    const std::size_t cut = at_end ? size : end_of_last_record(bytes, quotes);
    if (cut == 0) {
      if (at_end) return false;
      continue;
    }
    carry_.assign(bytes.substr(cut));
    chunk.first_line = line_;
    line_ += newlines - count_byte(bytes.substr(cut), '\n');
    chunk.storage = std::move(storage);
    chunk.size = cut;
    chunk.columns = columns_;
    chunk.fields.clear();
    return true;
  }
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
SegmentRow row_of_fields(const std::array<std::string_view, kMaxColumns>& fields, std::size_t columns,
                         const std::string& file_name, std::size_t line) {
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

// A field as it stands in the chunk, without its enclosing quotes; `escaped` if it still holds
// doubled quotes.
struct RawField {
  char* begin = nullptr;
  std::size_t size = 0;
  bool escaped = false;
};

// A record as qda-import writes it (and as most hand edits leave it), split where it stands.
struct RawRecord {
  std::array<RawField, kMaxColumns> fields;
  std::size_t field_count = 0;
  std::size_t newlines = 0;  // the lines it spans, less one
  std::size_t end = 0;       // one past its line end
};

// Splits the record at `at` into fields, as CsvReader reads it but without copying a byte. False for
// what CsvReader must read instead, to report it: a CSV syntax error, more fields than the header
// has, or a record ended by a lone CR (valid, but too rare to handle twice).
bool split_record(char* data, std::size_t size, std::size_t at, std::size_t columns, RawRecord& record) {
  record.field_count = 0;
  record.newlines = 0;
  std::size_t i = at;
  while (true) {
    if (record.field_count == columns) return false;
    RawField& field = record.fields[record.field_count++];
    if (i < size && data[i] == '"') {
      const std::size_t open = ++i;
      field.escaped = false;
      while (true) {
        const void* quote = std::memchr(data + i, '"', size - i);
        if (quote == nullptr) return false;  // not closed
        i = static_cast<std::size_t>(static_cast<const char*>(quote) - data) + 1;
        if (i == size || data[i] != '"') break;
        field.escaped = true;  // "" stands for a quote
        ++i;
      }
      field.begin = data + open;
      field.size = i - 1 - open;
      record.newlines += count_byte({field.begin, field.size}, '\n');
    } else {
      const std::size_t start = i;
      i += find_csv_special({data + i, size - i});
      if (i < size && data[i] == '"') return false;  // a quote inside an unquoted field
      field = {data + start, i - start, false};
    }
    if (i == size) break;  // the last record of the file may have no line end
    const char separator = data[i++];
    if (separator == ',') continue;
    if (separator == '\r' && i < size && data[i] == '\n') ++i;
    else if (separator != '\n') return false;  // text after a closing quote, or a lone CR
    ++record.newlines;
    break;
  }
  record.end = i;
  return true;
}

// The field's text, its doubled quotes made single where it stands.
std::string_view unquote_in_place(const RawField& field) {
  if (!field.escaped) return {field.begin, field.size};
  char* out = field.begin;
  const char* in = field.begin;
  const char* const end = field.begin + field.size;
  while (in < end) {
    const auto* quote = static_cast<const char*>(std::memchr(in, '"', static_cast<std::size_t>(end - in)));
    const char* const stop = quote == nullptr ? end : quote + 1;
    std::memmove(out, in, static_cast<std::size_t>(stop - in));
    out += stop - in;
    in = quote == nullptr ? end : quote + 2;
  }
  return {field.begin, static_cast<std::size_t>(out - field.begin)};
}

// The records from `at` on, through CsvReader: for a record split_record declined, so that errors
// carry CsvReader's messages, lines and columns. Fields are copied into the chunk's `fields`.
void parse_with_csv_reader(SegmentChunk& chunk, std::size_t at, std::size_t line, const std::string& file_name,
                           std::vector<SegmentRow>& rows) {
  CsvReader reader(chunk.bytes().substr(at), file_name, line);
  std::vector<std::string> fields;
  while (reader.read_row(fields)) {
    const std::size_t row_line = reader.row_line();
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != chunk.columns) {
      throw invalid_input(fmt::format("expected {} fields as in the header, found {}", chunk.columns, fields.size()),
                          {file_name, row_line});
    }
    std::array<std::string_view, kMaxColumns> views;
    for (std::size_t i = 0; i < chunk.columns; ++i) views[i] = chunk.fields.emplace_back(std::move(fields[i]));
    rows.push_back(row_of_fields(views, chunk.columns, file_name, row_line));
  }
}

}  // namespace

void parse_segment_chunk(SegmentChunk& chunk, const std::string& file_name, std::vector<SegmentRow>& rows) {
  rows.clear();
  RawRecord record;
  std::array<std::string_view, kMaxColumns> fields;
  std::size_t at = 0, line = chunk.first_line;
  if (chunk.columns == 0) chunk.columns = kSegmentColumns.size();  // a chunk not from a SegmentChunkReader
  // Bytes that are not UTF-8 (a segments.csv edited in another encoding) go to CsvReader, which names
  // the field; a chunk holds whole records, so no character is split at its ends.
  if (find_invalid_utf8(chunk.bytes()) != std::string_view::npos) {
    parse_with_csv_reader(chunk, 0, chunk.first_line, file_name, rows);
    return;
  }
  while (at < chunk.size) {
    const bool split = split_record(chunk.storage.get(), chunk.size, at, chunk.columns, record);
    const bool blank = split && record.field_count == 1 && record.fields[0].size == 0;
    if (!split || (record.field_count != chunk.columns && !blank)) {
      parse_with_csv_reader(chunk, at, line, file_name, rows);
      return;
    }
    if (!blank) {
      // The apostrophe that keeps a spreadsheet from running a cell is not part of it.
      for (std::size_t i = 0; i < chunk.columns; ++i) fields[i] = unguard_cell(unquote_in_place(record.fields[i]));
      rows.push_back(row_of_fields(fields, chunk.columns, file_name, line));
    }
    line += record.newlines;
    at = record.end;
  }
}

}  // namespace qda
