// RFC 4180 records as spans of their file's bytes, with their fields: for tools that move rows from
// file to file unchanged (qda-merge), where parsing and writing a row again could only lose bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace qda {

struct CsvRecord {
  // How the record's line ends: qda writes CRLF; an editor or git's autocrlf may have made it LF, and
  // the last record of a file may have none. Rows copied as bytes must all end alike.
  enum class LineEnd { kNone, kLf, kCrLf };
  std::uint64_t offset = 0;  // of its first byte in the file
  std::uint64_t size = 0;    // of its bytes, its line end included
  std::size_t line = 0;      // the physical line it starts on (1-based)
  LineEnd line_end = LineEnd::kNone;
  std::vector<std::string> fields;
};

// Throws InvalidInput at the record's line unless it ends with CRLF, as every line `writer` (a qda tool)
// writes does: rows copied as bytes from files converted to LF (git's core.autocrlf, an editor) would
// mix line ends in the output, and a last row without one would run into the next file's first.
void require_crlf(const CsvRecord& record, const std::string& file_name, std::string_view writer);

// Streams records from `in` (a whole file). A UTF-8 byte-order mark at the start is not part of the
// first record. A quote left open at the end, or a byte after a closing quote other than a comma or
// a line end (CRLF or LF), is an InvalidInput error naming the file and line.
class CsvRecordScanner {
 public:
  CsvRecordScanner(std::istream& in, std::string file_name);
  // Reads the next record; false at the end of the input.
  bool next(CsvRecord& record);
  bool had_byte_order_mark() const { return byte_order_mark_; }
  const std::string& file_name() const { return file_name_; }

 private:
  int get();
  int peek();

  std::istream& in_;
  std::string file_name_;
  std::vector<char> buffer_;
  std::size_t position_ = 0, length_ = 0;
  std::uint64_t offset_ = 0;  // of the next byte get() returns
  std::size_t line_ = 1;
  bool byte_order_mark_ = false;
};

}  // namespace qda
