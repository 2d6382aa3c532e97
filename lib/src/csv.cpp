// A streaming RFC 4180 reader (a small state machine over a buffered stream) and writer.
#include "qda/csv.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// Whether any byte of `word` equals `byte` (the classic zero-byte test on word ^ byte...byte).
constexpr bool word_has_byte(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kOnes * byte);
  return ((x - kOnes) & ~x & kHighBits) != 0;
}

constexpr bool is_csv_special(char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; }

// The offset of the first comma, quote, CR or LF in [data, data + size), or size; eight bytes at a
// time, because the text column is most of a segments file.
std::size_t find_csv_special(const char* data, std::size_t size) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, 8);
    if (word_has_byte(word, ',') || word_has_byte(word, '"') || word_has_byte(word, '\n') || word_has_byte(word, '\r')) {
      break;
    }
  }
  while (i < size && !is_csv_special(data[i])) ++i;
  return i;
}

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
  field.append(run);
  position_ = end;
  // memrchr and count_code_points rather than rfind and a loop adding to column_ byte by byte: those
  // two were most of the time spent reading segments.csv.
  const void* last_newline = run.empty() ? nullptr : ::memrchr(run.data(), '\n', run.size());
  std::string_view last_line = run;
  if (last_newline != nullptr) {
    line_ += static_cast<std::size_t>(std::count(run.begin(), run.end(), '\n'));
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
    const std::size_t run = find_csv_special(window_ + position_, length_ - position_);
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
  while (true) {
    const int c = peek();
    if (c == '"') {
      read_quoted(field);
    } else if (c == ',') {
      skip_byte();
      fields.push_back(std::move(field));
      field.clear();
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
  fields.push_back(std::move(field));
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
bool holds_quoted_character(std::string_view field) { return find_csv_special(field.data(), field.size()) < field.size(); }

}  // namespace

void CsvWriter::append_field(std::string_view field) {
  const bool needs_quotes =
      !field.empty() && (field.front() == ' ' || field.back() == ' ' || holds_quoted_character(field));
  if (!needs_quotes) {
    row_.append(field);
    return;
  }
  row_.push_back('"');
  std::size_t start = 0;
  for (std::size_t quote = field.find('"'); quote != std::string_view::npos; quote = field.find('"', start)) {
    row_.append(field.substr(start, quote - start + 1));
    row_.push_back('"');
    start = quote + 1;
  }
  row_.append(field.substr(start));
  row_.push_back('"');
}

void CsvWriter::write_fields(const std::string_view* begin, const std::string_view* end) {
  // The row is built in memory and written once: an ostream call per field cost more than the bytes.
  row_.clear();
  for (const std::string_view* field = begin; field != end; ++field) {
    if (field != begin) row_.push_back(',');
    append_field(*field);
  }
  row_.append("\r\n");
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

}  // namespace qda
