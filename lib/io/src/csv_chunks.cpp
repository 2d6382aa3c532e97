// Chunked reading of CSV: a record ends at a newline outside quotes, which one scan for quotes and
// newlines finds without parsing the fields. Records are then split where they stand in the chunk;
// any record that is not plain RFC 4180 goes through CsvReader, for its error messages.
#include "qda/csv_chunks.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/spreadsheet_guard.hpp"
#include "qda/text.hpp"

namespace qda {

CsvChunkReader::CsvChunkReader(const std::filesystem::path& path, std::string_view what, std::size_t chunk_bytes)
    : in_(path, std::ios::binary), file_name_(path.string()), chunk_bytes_(chunk_bytes) {
  if (!in_) throw io_error(fmt::format("cannot open {}", what), {file_name_});
  std::string line;
  if (!std::getline(in_, line)) return;
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  CsvReader(std::string_view(line), file_name_).read_row(header_);
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (!index_.emplace(header_[i], i).second) {
      throw invalid_input(fmt::format("column '{}' appears twice in the header", header_[i]), {file_name_, 1});
    }
  }
}

std::size_t CsvChunkReader::column(std::string_view name) const {
  const auto found = index_.find(std::string(name));
  if (found == index_.end()) throw invalid_input(fmt::format("expected a column named '{}' in the header", name), {file_name_, 1});
  return found->second;
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

bool CsvChunkReader::next(CsvChunk& chunk) {
  // Not zero-filled first, as resizing a std::string would: the file's bytes overwrite it.
  std::size_t capacity = carry_.size() + chunk_bytes_;
  auto storage = std::make_unique_for_overwrite<char[]>(capacity);
  std::memcpy(storage.get(), carry_.data(), carry_.size());
  std::size_t size = carry_.size();
  carry_.clear();
  while (true) {
    if (capacity - size < chunk_bytes_) {  // a record longer than a chunk: read on into a larger buffer
      // Twice CsvReader's bound on a field, so that a record whose longest field CsvReader would read
      // is never refused here.
      if (size > 2 * kMaxCsvFieldBytes) {
        throw invalid_input(fmt::format("a record longer than {} MiB; expected a shorter record (a quote left open?)",
                                        (2 * kMaxCsvFieldBytes) >> 20),
                            {file_name_, line_});
      }
      capacity = std::max(2 * capacity, size + chunk_bytes_);
      auto larger = std::make_unique_for_overwrite<char[]>(capacity);
      std::memcpy(larger.get(), storage.get(), size);
      storage = std::move(larger);
    }
    in_.read(storage.get() + size, static_cast<std::streamsize>(chunk_bytes_));
    if (in_.bad()) throw io_error("read failed", {file_name_});
    size += static_cast<std::size_t>(in_.gcount());
    const bool at_end = in_.gcount() == 0 || in_.eof();
    const std::string_view bytes(storage.get(), size);
    // Quotes and line ends counted in one pass (the reading thread's share of the work, which a run
    // on several threads cannot share out).
    const auto [quotes, newlines] = count_two_bytes(bytes, '"', '\n');
    const std::size_t cut = at_end ? size : end_of_last_record(bytes, quotes);
    if (cut == 0) {
      if (at_end) return false;
      continue;
    }
    carry_.assign(bytes.substr(cut));
    chunk.first_line = line_;
    chunk.line_ends = newlines - count_byte(bytes.substr(cut), '\n');
    line_ += chunk.line_ends;
    chunk.storage = std::move(storage);
    chunk.size = cut;
    chunk.fields.clear();
    return true;
  }
}

namespace {

// A field as it stands in the chunk, without its enclosing quotes; `escaped` if it still holds
// doubled quotes.
struct RawField {
  char* begin = nullptr;
  std::size_t size = 0;
  bool escaped = false;
};

// A record as qda writes it (and as most hand edits leave it), split where it stands.
struct RawRecord {
  std::vector<RawField> fields;
  std::size_t field_count = 0;
  std::size_t newlines = 0;  // the lines it spans, less one
  std::size_t end = 0;       // one past its line end
};

// Splits the record at `at` into fields, as CsvReader reads it but without copying a byte. False for
// what CsvReader must read instead, to report it: a CSV syntax error, more fields than `columns`, or a
// record ended by a lone CR (valid, but too rare to handle twice).
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
void split_with_csv_reader(CsvChunk& chunk, std::size_t at, std::size_t line, const std::string& file_name,
                           CsvChunkRecords& records) {
  CsvReader reader(chunk.bytes().substr(at), file_name, line);
  std::vector<std::string> fields;
  try {
    while (reader.read_row(fields)) {
      const std::size_t row_line = reader.row_line();
      if (fields.size() == 1 && fields[0].empty() && records.columns != 1) continue;
      if (fields.size() != records.columns) {
        throw invalid_input(fmt::format("expected {} fields as in the header, found {}", records.columns, fields.size()),
                            {file_name, row_line});
      }
      for (auto& field : fields) records.fields.push_back(chunk.fields.emplace_back(std::move(field)));
      records.lines.push_back(row_line);
    }
  } catch (const Error&) {
    records.error = std::current_exception();
  }
}

}  // namespace

void split_csv_chunk(CsvChunk& chunk, std::size_t columns, const std::string& file_name, CsvChunkRecords& records) {
  records.columns = columns;
  records.fields.clear();
  records.lines.clear();
  records.error = nullptr;
  // Bytes that are not UTF-8 (a file edited in another encoding), and NULs, go to CsvReader, which
  // names the field; a chunk holds whole records, so no character is split at its ends.
  if (find_invalid_utf8(chunk.bytes()) != std::string_view::npos || std::memchr(chunk.storage.get(), '\0', chunk.size)) {
    split_with_csv_reader(chunk, 0, chunk.first_line, file_name, records);
    return;
  }
  records.fields.reserve(columns * (chunk.line_ends + 1));
  records.lines.reserve(chunk.line_ends + 1);
  RawRecord record;
  record.fields.resize(columns);
  std::size_t at = 0, line = chunk.first_line;
  while (at < chunk.size) {
    const bool split = split_record(chunk.storage.get(), chunk.size, at, columns, record);
    const bool blank = split && record.field_count == 1 && record.fields[0].size == 0 && columns != 1;
    if (!split || (record.field_count != columns && !blank)) {
      split_with_csv_reader(chunk, at, line, file_name, records);
      return;
    }
    if (!blank) {
      // The apostrophe that keeps a spreadsheet from running a cell is not part of it (asked only of a
      // cell that starts with one: a call per field was a third of this function's instructions).
      for (std::size_t i = 0; i < columns; ++i) {
        const std::string_view field = unquote_in_place(record.fields[i]);
        records.fields.push_back(field.empty() || field.front() != '\'' ? field : unguard_cell(field));
      }
      records.lines.push_back(line);
    }
    line += record.newlines;
    at = record.end;
  }
}

}  // namespace qda
