// RFC 4180 CSV, streamed row by row: quoted fields with commas, quotes and newlines; CRLF or LF;
// a UTF-8 byte-order mark tolerated on read. Errors carry the file, line and column.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qda {

// Bounds on what one CSV row may hold, so that a hostile or broken file ends in an input error
// rather than exhausted memory: a field of 256 MiB (a whole transcript is one field of segments.csv
// at most), a million fields.
inline constexpr std::size_t kMaxCsvFieldBytes = std::size_t{256} << 20;
inline constexpr std::size_t kMaxCsvFields = 1'000'000;

// Reads raw rows. Lines are counted as the file's physical lines, so a row whose quoted field
// spans lines reports the line it started on.
class CsvReader {
 public:
  // `first_line`: the line the input starts on in its file (for a chunk of a larger file).
  CsvReader(std::istream& in, std::string file_name, std::size_t first_line = 1);
  // Reads rows from bytes already in memory (which must outlive the reader), without copying them
  // into a buffer first.
  CsvReader(std::string_view bytes, std::string file_name, std::size_t first_line = 1);

  // Reads the next row into `fields`; returns false at the end of the input.
  bool read_row(std::vector<std::string>& fields);
  // The physical line the last row read started on (1-based).
  std::size_t row_line() const { return row_line_; }
  const std::string& file_name() const { return file_name_; }

 private:
  bool fill();
  int peek();
  void skip_byte();
  // Appends the bytes up to `end` in the window to `field`, counting the lines and columns they span;
  // an InvalidInput error for a NUL or a field grown past kMaxCsvFieldBytes.
  void take_run(std::size_t end, std::string& field);
  void take_text(std::size_t end, std::string& field);
  void read_quoted(std::string& field);
  void read_unquoted(std::string& field);

  std::istream* in_ = nullptr;  // null when reading from memory
  std::string file_name_;
  std::vector<char> buffer_;
  const char* window_ = nullptr;  // the bytes being parsed: buffer_ or the caller's memory
  std::size_t position_ = 0;
  std::size_t length_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;  // in code points
  std::size_t row_line_ = 0;
  bool at_start_ = true;
};

// Reads rows under a header: every row must have as many fields as the header (ragged rows are
// errors naming the line), and fields are looked up by column name.
class CsvTableReader {
 public:
  CsvTableReader(std::istream& in, std::string file_name);

  const std::vector<std::string>& header() const { return header_; }
  bool has_column(std::string_view name) const;
  // Index of a column; throws an InvalidInput error naming the file and the missing column.
  std::size_t column(std::string_view name) const;

  bool read_row(std::vector<std::string>& fields);
  std::size_t row_line() const { return reader_.row_line(); }
  const std::string& file_name() const { return reader_.file_name(); }

 private:
  CsvReader reader_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
};

// Writes rows, quoting only the fields that need it; records end with CRLF as RFC 4180 says.
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  void write_row(const std::vector<std::string_view>& fields);
  void write_row(const std::vector<std::string>& fields);
  void write_row(std::initializer_list<std::string_view> fields);

 private:
  void write_fields(const std::string_view* begin, const std::string_view* end);
  std::ostream& out_;
  std::string row_;
};

// The offset of the first comma, quote, CR or LF in `bytes` (where an unquoted field ends), or its
// size; sixteen bytes at a time where SSE2 is there, because the text column is most of a segments file.
std::size_t find_csv_special(std::string_view bytes);

// Appends one record to `out` as CsvWriter writes it: for rows formatted away from the stream they
// go to (qda-code formats its rows on the worker threads).
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);
// Appends one field as append_csv_row() would, quoted if it needs to be.
void append_csv_field(std::string& out, std::string_view field);

// A list written as one CSV record, as an option's value holds one: "a,b" is [a, b]; an item in double
// quotes may hold commas, and a doubled quote stands for a quote ("\"1,000-2,000\",other" is
// [1,000-2,000, other]). An empty text is no item. A line break, an unclosed quote or text after a
// closing quote is an InvalidInput error whose location names `what` and the column.
std::vector<std::string> split_csv_list(std::string_view text, const std::string& what);

}  // namespace qda
