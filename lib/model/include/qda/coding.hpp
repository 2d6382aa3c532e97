// Codings: (segment, code, coder, stance, span) rows of codings.csv, and the manual codings human
// coders write (docs/formats/codings-csv.md, docs/formats/manual-codings.md).
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"

namespace qda {

inline constexpr std::array<std::string_view, 10> kCodingColumns = {
    "source", "segment", "code", "coder", "stance", "start", "end", "rule", "cue", "memo"};

inline constexpr std::string_view kAutoCoder = "auto";

struct CodingRecord {
  std::string source;
  std::string segment;
  std::string code;   // code id
  std::string coder;  // "auto" or a human coder's name
  std::string stance;
  std::size_t start = 0;  // code points into the source's normalised text
  std::size_t end = 0;
  std::string rule;
  std::string cue;
  std::string memo;
};

// One row of codings.csv as views of strings kept elsewhere: what formatting a row needs, without
// copying each coding's strings into a CodingRecord first.
struct CodingFields {
  std::string_view source;
  std::string_view segment;
  std::string_view code;
  std::string_view coder;
  std::string_view stance;
  std::size_t start = 0;
  std::size_t end = 0;
  std::string_view rule;
  std::string_view cue;
  std::string_view memo;
};

// Appends the row as CodingWriter writes it, for rows formatted away from the stream (qda-code's
// worker threads format the auto codings' rows).
void append_coding_row(std::string& out, const CodingFields& coding);

// Writes codings.csv: the header, then rows.
class CodingWriter {
 public:
  explicit CodingWriter(std::ostream& out);
  void write(const CodingFields& coding);
  // Rows made by append_coding_row, as they are.
  void write_formatted(std::string_view rows);

 private:
  std::ostream& out_;
  std::string row_;
};

// Streams codings.csv back, checking its header and its numbers.
class CodingReader {
 public:
  CodingReader(std::istream& in, std::string file_name);
  bool read(CodingRecord& coding);
  std::size_t line() const { return table_.row_line(); }

 private:
  CsvTableReader table_;
  std::array<std::size_t, kCodingColumns.size()> columns_{};
  std::vector<std::string> row_;
};

// One row of a manual codings file, checked against the codebook.
struct ManualCoding {
  std::string coder;
  std::string segment;   // "<source>:<seq>", or empty when a span is given
  std::string source;    // with start/end: a span of the source's normalised text
  std::optional<std::size_t> start, end;
  std::size_t code = 0;  // index into Codebook::codes
  std::string stance;
  std::string memo;
  Location where;        // file and line, for "unknown segment" errors found later
};

// Reads a manual codings file. The coder comes from a `coder` column, else the file name's stem.
// Unknown or uncodable codes, unknown stances, bad segment ids and bad spans are errors naming the
// file and line; unknown segments are found later, when the segments are read.
std::vector<ManualCoding> read_manual_codings(const std::filesystem::path& path, const Codebook& codebook);

// Splits "<source>:<seq>"; false if it is not of that form.
bool split_segment_id(std::string_view id, std::string& source, std::size_t& seq);

}  // namespace qda
