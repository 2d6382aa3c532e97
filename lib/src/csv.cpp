// A streaming RFC 4180 reader (a small state machine over a buffered stream) and writer.
#include "qda/csv.hpp"

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda {

namespace {
constexpr std::size_t kBufferBytes = 1 << 16;
}

CsvReader::CsvReader(std::istream& in, std::string file_name, std::size_t first_line)
    : in_(in), file_name_(std::move(file_name)), buffer_(kBufferBytes), line_(first_line) {}

bool CsvReader::fill() {
  if (position_ < length_) return true;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  length_ = static_cast<std::size_t>(in_.gcount());
  position_ = 0;
  if (in_.bad()) throw io_error("read failed", {file_name_});
  return length_ > 0;
}

int CsvReader::peek() {
  if (!fill()) return -1;
  return static_cast<unsigned char>(buffer_[position_]);
}

int CsvReader::get() {
  const int c = peek();
  if (c < 0) return c;
  ++position_;
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else if ((c & 0xC0) != 0x80) {  // count code points, not bytes, for the column
    ++column_;
  }
  return c;
}

bool CsvReader::read_row(std::vector<std::string>& fields) {
  fields.clear();
  if (at_start_) {
    at_start_ = false;
    // A UTF-8 byte-order mark, as spreadsheet programs write, is not part of the first field.
    // (0xEF alone also starts characters U+F000-U+FFFF, so all three bytes must match.)
    if (peek() == 0xEF && fill() && length_ - position_ >= 3 &&
        static_cast<unsigned char>(buffer_[position_ + 1]) == 0xBB &&
        static_cast<unsigned char>(buffer_[position_ + 2]) == 0xBF) {
      position_ += 3;
    }
  }
  if (peek() < 0) return false;
  row_line_ = line_;
  std::string field;
  while (true) {
    int c = peek();
    if (c == '"') {
      const std::size_t quote_line = line_;
      const std::size_t quote_column = column_;
      if (!field.empty()) {
        throw invalid_input("a quote inside an unquoted field; expected the whole field to be quoted",
                            {file_name_, line_, column_});
      }
      get();
      while (true) {
        c = get();
        if (c < 0) {
          throw invalid_input("a quoted field is not closed; expected a closing quote",
                              {file_name_, quote_line, quote_column});
        }
        if (c == '"') {
          if (peek() == '"') {
            get();
            field.push_back('"');
            continue;
          }
          break;
        }
        field.push_back(static_cast<char>(c));
      }
      c = peek();
      if (c != ',' && c != '\r' && c != '\n' && c >= 0) {
        throw invalid_input("text after a closing quote; expected a comma or the end of the row",
                            {file_name_, line_, column_});
      }
      continue;
    }
    if (c == ',') {
      get();
      fields.push_back(std::move(field));
      field.clear();
      continue;
    }
    if (c == '\r') {
      get();
      if (peek() == '\n') get();
      break;
    }
    if (c == '\n' || c < 0) {
      if (c == '\n') get();
      break;
    }
    get();
    field.push_back(static_cast<char>(c));
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

void CsvWriter::write_field(std::string_view field) {
  // One pass over the bytes (find_first_of would call memchr on the set once per byte).
  bool needs_quotes = !field.empty() && (field.front() == ' ' || field.back() == ' ');
  for (const char c : field) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    out_.write(field.data(), static_cast<std::streamsize>(field.size()));
    return;
  }
  out_.put('"');
  std::size_t start = 0;
  for (std::size_t quote = field.find('"'); quote != std::string_view::npos; quote = field.find('"', start)) {
    out_.write(field.data() + start, static_cast<std::streamsize>(quote - start + 1));
    out_.put('"');
    start = quote + 1;
  }
  out_.write(field.data() + start, static_cast<std::streamsize>(field.size() - start));
  out_.put('"');
}

void CsvWriter::write_row(const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_.put(',');
    write_field(fields[i]);
  }
  out_.write("\r\n", 2);
}

void CsvWriter::write_row(const std::vector<std::string>& fields) {
  std::vector<std::string_view> views(fields.begin(), fields.end());
  write_row(views);
}

}  // namespace qda
