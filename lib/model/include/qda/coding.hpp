// Codings: (segment, code, coder, stance, span) rows of codings.csv, and the manual codings human
// coders write (docs/formats/codings-csv.md, docs/formats/manual-codings.md).
#pragma once

#include <array>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/csv_chunks.hpp"
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

// A chunk of codings.csv and its codings, which view it: valid as long as the chunk (moving it keeps
// them).
struct CodingChunk {
  CsvChunk chunk;
  std::vector<CodingFields> codings;
  std::vector<std::size_t> lines;  // the line each coding starts on, for messages
  std::exception_ptr error;        // of the coding after the last, which was refused
};

// Reads codings.csv in chunks of whole records (qda/csv_chunks.hpp), so that a large file's codings
// can be parsed on several threads, without a string copied per field. Checks what CodingReader
// checks, with the same messages.
class CodingChunkReader {
 public:
  explicit CodingChunkReader(const std::filesystem::path& path, std::size_t chunk_bytes = 1 << 20);
  // The next chunk, not parsed yet; false at the end of the file.
  bool next(CodingChunk& chunk);
  // Parses the chunk's codings (once: quoted fields are unquoted in place). Several threads may parse
  // chunks at once. A bad record ends the codings, and its error is kept in the chunk's `error`, to be
  // thrown when a reader reaches it (after what it finds wrong in the codings before it).
  void parse(CodingChunk& chunk) const;
  const std::string& file_name() const { return reader_.file_name(); }

 private:
  CsvChunkReader reader_;
  std::array<std::size_t, kCodingColumns.size()> columns_{};
};

// Every coder of codings.csv, sorted: one pass, its chunks parsed on `jobs` threads.
std::vector<std::string> coders_in(const std::filesystem::path& codings, unsigned jobs);

// One row of a manual codings file, checked against the codebook.
struct ManualCoding {
  std::string coder;
  std::string segment;   // "<source>:<seq>", or empty when a span is given
  std::string source;    // with start/end: a span of the source's normalised text
  std::optional<std::size_t> start, end;
  std::size_t code = 0;  // index into Codebook::codes
  std::string stance;
  std::string memo;
  // The file, shared by its codings (a sample of a large study holds hundreds of thousands), and the
  // line: for "unknown segment" errors found later.
  std::shared_ptr<const std::string> file;
  std::size_t line = 0;

  Location where() const { return {file ? *file : std::string(), line}; }
};

// Reads a manual codings file. The coder comes from a `coder` column, else the file name's stem.
// Unknown or uncodable codes, unknown stances, bad segment ids and bad spans are errors naming the
// file and line; unknown segments are found later, when the segments are read.
std::vector<ManualCoding> read_manual_codings(const std::filesystem::path& path, const Codebook& codebook);
// The same, handing each coding to `take` as it is read (a caller may keep them in its own form).
void read_manual_codings(const std::filesystem::path& path, const Codebook& codebook, const std::function<void(ManualCoding&&)>& take);
// How many lines the files hold: at least their codings (a size to reserve once: a sample read file
// after file grew by copies, and peaked at twice its size).
std::size_t manual_codings_lines(const std::vector<std::string>& paths);

// Splits "<source>:<seq>"; false if it is not of that form.
bool split_segment_id(std::string_view id, std::string& source, std::size_t& seq);
// The seq of `segment` if it is "<source>:<seq>" for this source, seq a whole number written in
// digits alone; none otherwise. Allocates nothing: a codings file's every row is checked with it.
std::optional<std::size_t> seq_in_source(std::string_view segment, std::string_view source);

}  // namespace qda
