// A streaming RFC 4180 reader (a small state machine over a buffered stream) and writer.
#include "qda/csv.hpp"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/text.hpp"
#include "qda/simd.hpp"
#include "qda/spreadsheet_guard.hpp"

namespace qda {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

constexpr bool is_csv_special(char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; }

#if QDA_SSE2
// 0xFF for each of sixteen bytes that is a comma, quote, CR or LF, else 0.
__m128i csv_special_bytes(__m128i block) {
  return _mm_or_si128(_mm_or_si128(simd::equal(block, ','), simd::equal(block, '"')),
                      _mm_or_si128(simd::equal(block, '\r'), simd::equal(block, '\n')));
}
#else
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// Whether any byte of `word` equals `byte` (the classic zero-byte test on word ^ byte...byte).
constexpr bool word_has_byte(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kOnes * byte);
  return ((x - kOnes) & ~x & kHighBits) != 0;
}
#endif

}  // namespace

std::size_t find_csv_special(std::string_view bytes) {
  std::size_t i = 0;
#if QDA_SSE2
  for (; i + 16 <= bytes.size(); i += 16) {
    const auto found = static_cast<unsigned>(
        _mm_movemask_epi8(csv_special_bytes(simd::load(bytes.data() + i))));
    if (found != 0) return i + static_cast<std::size_t>(__builtin_ctz(found));
  }
#else
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    if (word_has_byte(word, ',') || word_has_byte(word, '"') || word_has_byte(word, '\n') || word_has_byte(word, '\r')) {
      break;
    }
  }
#endif
  while (i < bytes.size() && !is_csv_special(bytes[i])) ++i;
  return i;
}

namespace {

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string file_name, std::size_t first_line)
    : in_(&in), file_name_(std::move(file_name)), buffer_(kBufferBytes), window_(buffer_.data()), line_(first_line) {}

CsvReader::CsvReader(std::string_view bytes, std::string file_name, std::size_t first_line)
    : file_name_(std::move(file_name)), window_(bytes.data()), length_(bytes.size()), line_(first_line) {}

bool CsvReader::fill() {
  if (position_ < length_) return true;
  if (in_ == nullptr) return false;
  in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  length_ = static_cast<std::size_t>(in_->gcount());
  position_ = 0;
  if (in_->bad()) throw io_error("read failed", {file_name_});
  return length_ > 0;
}

int CsvReader::peek() {
  if (!fill()) return -1;
  return static_cast<unsigned char>(window_[position_]);
}

void CsvReader::skip_byte() {
  const char c = window_[position_++];
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // count code points, not bytes, for the column
    ++column_;
  }
}

void CsvReader::take_run(std::size_t end, std::string& field) {
  const std::string_view run(window_ + position_, end - position_);
  // A NUL is no text (R's read.csv cuts a field at it; a NUL every other byte is UTF-16), and a field
  // past kMaxCsvFieldBytes is refused before it exhausts memory (/dev/zero read as a CSV did).
  if (const void* nul = std::memchr(run.data(), '\0', run.size())) {
    take_text(static_cast<std::size_t>(static_cast<const char*>(nul) - window_), field);
    throw invalid_input("a NUL byte; expected text (a NUL every other byte is UTF-16, which qda reads only as UTF-8 here)",
                        {file_name_, line_, column_});
  }
  if (field.size() + run.size() > kMaxCsvFieldBytes) {
    throw invalid_input(fmt::format("a field longer than {} MiB; expected a shorter field", kMaxCsvFieldBytes >> 20),
                        {file_name_, line_, column_});
  }
  take_text(end, field);
}

void CsvReader::take_text(std::size_t end, std::string& field) {
  const std::string_view run(window_ + position_, end - position_);
  field.append(run);
  position_ = end;
  // memrchr and count_code_points rather than rfind and a loop adding to column_ byte by byte: those
  // two were most of the time spent reading segments.csv.
  const void* last_newline = run.empty() ? nullptr : ::memrchr(run.data(), '\n', run.size());
  std::string_view last_line = run;
  if (last_newline != nullptr) {
    line_ += count_byte(run, '\n');
    column_ = 1;
    last_line = run.substr(static_cast<std::size_t>(static_cast<const char*>(last_newline) - run.data()) + 1);
  }
  column_ += count_code_points(last_line);
}

void CsvReader::read_quoted(std::string& field) {
  const std::size_t quote_line = line_;
  const std::size_t quote_column = column_;
  if (!field.empty()) {
    throw invalid_input("a quote inside an unquoted field; expected the whole field to be quoted",
                        {file_name_, line_, column_});
  }
  skip_byte();
  while (true) {
    if (!fill()) {
      throw invalid_input("a quoted field is not closed; expected a closing quote", {file_name_, quote_line, quote_column});
    }
    const void* quote = std::memchr(window_ + position_, '"', length_ - position_);
    if (quote == nullptr) {
      take_run(length_, field);
      continue;
    }
    take_run(static_cast<std::size_t>(static_cast<const char*>(quote) - window_), field);
    skip_byte();
    if (peek() != '"') break;  // "" is a quote inside the field
    skip_byte();
    field.push_back('"');
  }
  const int c = peek();
  if (c != ',' && c != '\r' && c != '\n' && c >= 0) {
    throw invalid_input("text after a closing quote; expected a comma or the end of the row", {file_name_, line_, column_});
  }
}

void CsvReader::read_unquoted(std::string& field) {
  while (fill()) {
    const std::size_t run = find_csv_special(std::string_view(window_ + position_, length_ - position_));
    take_run(position_ + run, field);
    if (position_ < length_) return;  // stopped at a comma, quote or line end
  }
}

bool CsvReader::read_row(std::vector<std::string>& fields) {
  fields.clear();
  if (at_start_) {
    at_start_ = false;
    // A UTF-8 byte-order mark, as spreadsheet programs write, is not part of the first field.
    // (0xEF alone also starts characters U+F000-U+FFFF, so all three bytes must match.)
    if (peek() == 0xEF && length_ - position_ >= 3 && static_cast<unsigned char>(window_[position_ + 1]) == 0xBB &&
        static_cast<unsigned char>(window_[position_ + 2]) == 0xBF) {
      position_ += 3;
    }
  }
  if (peek() < 0) return false;
  row_line_ = line_;
  std::string field;
  std::size_t field_line = line_, field_column = column_;
  // A field is checked as UTF-8 whole (a character may straddle two reads of the buffer): bytes that
  // are not UTF-8, overlong forms included, would be copied into qda's outputs and read by others.
  const auto finish_field = [&] {
    const std::size_t invalid = find_invalid_utf8(field);
    if (invalid != std::string::npos) {
      throw invalid_input(fmt::format("invalid UTF-8 in the field starting here, at its byte {} (0x{:02X}); expected UTF-8 "
                                      "text",
                                      invalid + 1, static_cast<unsigned char>(field[invalid])),
                          {file_name_, field_line, field_column});
    }
    unguard_cell(field);
    fields.push_back(std::move(field));
    field.clear();
  };
  while (true) {
    const int c = peek();
    if (c == '"') {
      read_quoted(field);
    } else if (c == ',') {
      if (fields.size() + 1 >= kMaxCsvFields) {
        throw invalid_input(fmt::format("more than {} fields in a row; expected fewer", kMaxCsvFields), {file_name_, line_, column_});
      }
      skip_byte();
      finish_field();
      field_line = line_;
      field_column = column_;
    } else if (c == '\r') {
      skip_byte();
      if (peek() == '\n') skip_byte();
      break;
    } else if (c == '\n' || c < 0) {
      if (c == '\n') skip_byte();
      break;
    } else {
      read_unquoted(field);
    }
  }
  finish_field();
  return true;
}

CsvTableReader::CsvTableReader(std::istream& in, std::string file_name) : reader_(in, std::move(file_name)) {
  if (!reader_.read_row(header_)) {
    throw invalid_input("the file is empty; expected a header row", {reader_.file_name(), 1, 1});
  }
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (!index_.emplace(header_[i], i).second) {
      throw invalid_input(fmt::format("column '{}' appears twice in the header", header_[i]),
                          {reader_.file_name(), 1});
    }
  }
}

bool CsvTableReader::has_column(std::string_view name) const { return index_.count(std::string(name)) > 0; }

std::size_t CsvTableReader::column(std::string_view name) const {
  auto found = index_.find(std::string(name));
  if (found == index_.end()) {
    throw invalid_input(fmt::format("expected a column named '{}' in the header", name),
                        {reader_.file_name(), 1});
  }
  return found->second;
}

bool CsvTableReader::read_row(std::vector<std::string>& fields) {
  while (reader_.read_row(fields)) {
    // A blank line carries no record (common at the end of hand-edited files).
    if (fields.size() == 1 && fields[0].empty() && header_.size() != 1) continue;
    if (fields.size() != header_.size()) {
      throw invalid_input(fmt::format("expected {} fields as in the header, found {}", header_.size(),
                                      fields.size()),
                          {reader_.file_name(), reader_.row_line()});
    }
    return true;
  }
  return false;
}

namespace {

// Whether the field holds a comma, quote, CR or LF.
bool holds_quoted_character(std::string_view field) { return find_csv_special(field) < field.size(); }

void append_field(std::string& out, std::string_view field) {
  std::string guarded;
  if (spreadsheet_guard_enabled() && cell_needs_guard(field)) {
    guarded.reserve(field.size() + 1);
    guarded.push_back('\'');
    guarded.append(field);
    field = guarded;
  }
  const bool needs_quotes =
      !field.empty() && (field.front() == ' ' || field.back() == ' ' || holds_quoted_character(field));
  if (!needs_quotes) {
    out.append(field);
    return;
  }
  out.push_back('"');
  std::size_t start = 0;
  for (std::size_t quote = field.find('"'); quote != std::string_view::npos; quote = field.find('"', start)) {
    out.append(field.substr(start, quote - start + 1));
    out.push_back('"');
    start = quote + 1;
  }
  out.append(field.substr(start));
  out.push_back('"');
}

// How many bytes of `bytes` are commas, quotes, CRs or LFs.
std::size_t count_csv_special(std::string_view bytes) {
#if QDA_SSE2
  const auto special = csv_special_bytes;
#else
  const auto special = nullptr;
#endif
  return simd::count_bytes_where(special, [](unsigned char c) { return is_csv_special(static_cast<char>(c)); }, bytes);
}

// Appends the fields as they are, joined by commas, and returns true if none needs quotes; else
// appends nothing and returns false. One pass over the joined row costs far less than one per
// field, and almost every row qda writes needs no quotes in any field but the text.
bool append_plain_fields(std::string& out, const std::string_view* begin, const std::string_view* end) {
  const std::size_t start = out.size();
  std::size_t size = static_cast<std::size_t>(end - begin) - 1;  // the commas
  for (const std::string_view* field = begin; field != end; ++field) size += field->size();
  out.resize(start + size);
  char* at = out.data() + start;
  bool spaced = false;  // a field that starts or ends with a space is quoted
  bool guarded = false;  // a field a spreadsheet would run as a formula gets an apostrophe
  const bool guard = spreadsheet_guard_enabled();
  for (const std::string_view* field = begin; field != end; ++field) {
    if (field != begin) *at++ = ',';
    if (field->empty()) continue;
    std::memcpy(at, field->data(), field->size());
    at += field->size();
    spaced |= field->front() == ' ' || field->back() == ' ';
    guarded |= guard && cell_needs_guard(*field);
  }
  // Any comma, quote, CR or LF beyond the commas between the fields is inside one.
  if (!spaced && !guarded && count_csv_special(std::string_view(out).substr(start)) == static_cast<std::size_t>(end - begin) - 1) return true;
  out.resize(start);
  return false;
}

void append_fields(std::string& out, const std::string_view* begin, const std::string_view* end) {
  if (begin == end || !append_plain_fields(out, begin, end)) {
    for (const std::string_view* field = begin; field != end; ++field) {
      if (field != begin) out.push_back(',');
      append_field(out, *field);
    }
  }
  out.append("\r\n");
}

}  // namespace

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
  append_fields(out, fields.begin(), fields.end());
}

void append_csv_field(std::string& out, std::string_view field) { append_field(out, field); }

void CsvWriter::write_fields(const std::string_view* begin, const std::string_view* end) {
  // The row is built in memory and written once: an ostream call per field cost more than the bytes.
  row_.clear();
  append_fields(row_, begin, end);
  out_.write(row_.data(), static_cast<std::streamsize>(row_.size()));
}

void CsvWriter::write_row(const std::vector<std::string_view>& fields) {
  write_fields(fields.data(), fields.data() + fields.size());
}

void CsvWriter::write_row(std::initializer_list<std::string_view> fields) { write_fields(fields.begin(), fields.end()); }

void CsvWriter::write_row(const std::vector<std::string>& fields) {
  std::vector<std::string_view> views(fields.begin(), fields.end());
  write_row(views);
}

std::vector<std::string> split_csv_list(std::string_view text, const std::string& what) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  CsvReader reader(text, what);
  reader.read_row(items);
  std::vector<std::string> more;
  if (reader.read_row(more) || text.find_first_of("\r\n") != std::string_view::npos) {
    throw invalid_input("a list is one line; expected no line break", {what, 1, 0});
  }
  return items;
}

}  // namespace qda
