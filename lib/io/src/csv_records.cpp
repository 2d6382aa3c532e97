// Scanning CSV records byte by byte, keeping where each lies in the file.
#include "qda/csv_records.hpp"

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda {

CsvRecordScanner::CsvRecordScanner(std::istream& in, std::string file_name)
    : in_(in), file_name_(std::move(file_name)), buffer_(1 << 20) {
  if (peek() == 0xEF) {
    // Only a whole mark is skipped: a lone 0xEF belongs to the first record. The first read fills the
    // buffer as far as the file goes, so the mark's three bytes are in it.
    if (length_ - position_ >= 3 && static_cast<unsigned char>(buffer_[position_ + 1]) == 0xBB &&
        static_cast<unsigned char>(buffer_[position_ + 2]) == 0xBF) {
      position_ += 3;
      offset_ = 3;
      byte_order_mark_ = true;
    }
  }
}

int CsvRecordScanner::peek() {
  if (position_ == length_) {
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    length_ = static_cast<std::size_t>(in_.gcount());
    position_ = 0;
    if (length_ == 0) {
      if (in_.bad()) throw io_error("cannot read the file", {file_name_});
      return -1;
    }
  }
  return static_cast<unsigned char>(buffer_[position_]);
}

int CsvRecordScanner::get() {
  const int c = peek();
  if (c < 0) return c;
  ++position_;
  ++offset_;
  if (c == '\n') ++line_;
  return c;
}

bool CsvRecordScanner::next(CsvRecord& record) {
  record.fields.clear();
  if (peek() < 0) return false;
  record.offset = offset_;
  record.line = line_;
  std::string field;
  bool carriage_return = false;  // read just before the line feed that ends the record
  for (;;) {
    int c = peek();
    if (c == '"') {
      get();
      const std::size_t opened = line_;
      for (;;) {
        c = get();
        if (c < 0) throw invalid_input("a quoted field is not closed before the end of the file", {file_name_, opened});
        if (c != '"') {
          field.push_back(static_cast<char>(c));
          continue;
        }
        if (peek() == '"') {
          field.push_back(static_cast<char>(get()));
          continue;
        }
        break;
      }
      c = peek();
      if (c != ',' && c != '\r' && c != '\n' && c >= 0) {
        throw invalid_input("a byte after a closing quote; expected a comma or the end of the line", {file_name_, line_});
      }
    } else {
      while (c >= 0 && c != ',' && c != '\n') {
        if (c == '\r') {
          get();
          carriage_return = true;
          if (peek() == '\n') break;
          carriage_return = false;
          field.push_back('\r');
          c = peek();
          continue;
        }
        field.push_back(static_cast<char>(get()));
        c = peek();
      }
    }
    record.fields.push_back(std::move(field));
    field.clear();
    c = get();
    if (c == ',') continue;
    if (c == '\r') {  // after a quoted field the CR is still to read
      // A lone CR there would swallow the byte after it into no field at all.
      if (peek() != '\n') {
        throw invalid_input("a carriage return after a closing quote without a line feed after it; expected CRLF, LF or a comma",
                            {file_name_, line_});
      }
      carriage_return = true;
      c = get();
    }
    record.line_end = c != '\n' ? CsvRecord::LineEnd::kNone : carriage_return ? CsvRecord::LineEnd::kCrLf : CsvRecord::LineEnd::kLf;
    break;  // '\n' or the end of the input
  }
  record.size = offset_ - record.offset;
  // As CsvReader refuses them: the merged files are read by tools that would refuse them later, far
  // from the shard that held them.
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string& text = record.fields[i];
    if (text.find('\0') != std::string::npos) {
      throw invalid_input(fmt::format("a NUL byte in field {} of the record starting on this line; expected text", i + 1),
                          {file_name_, record.line});
    }
    if (const std::size_t bad = find_invalid_utf8(text); bad != std::string::npos) {
      throw invalid_input(fmt::format("invalid UTF-8 in field {} of the record starting on this line, at its byte {} (0x{:02X}); "
                                      "expected UTF-8 text",
                                      i + 1, bad + 1, static_cast<unsigned char>(text[bad])),
                          {file_name_, record.line});
    }
  }
  return true;
}

void require_crlf(const CsvRecord& record, const std::string& file_name, std::string_view writer) {
  if (record.line_end == CsvRecord::LineEnd::kCrLf) return;
  throw invalid_input(record.line_end == CsvRecord::LineEnd::kLf
                          ? fmt::format("this line ends with LF alone; expected CRLF, as {} ends every line (was the file "
                                        "converted, as git's core.autocrlf or an editor may do?)",
                                        writer)
                          : fmt::format("the last line has no line end; expected CRLF, as {} ends every line (was the file "
                                        "cut short?)",
                                        writer),
                      {file_name, record.line});
}

}  // namespace qda
