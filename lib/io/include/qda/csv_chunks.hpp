// A CSV file read in chunks of whole records, and each chunk's records split where they stand: the
// way qda reads its own large files (segments.csv, codings.csv), so that chunks can be parsed on
// several threads and memory holds a few chunks, not the file. The fields of a split chunk view its
// bytes rather than copy them. Any record that is not plain RFC 4180 UTF-8 goes through CsvReader,
// so that errors carry its messages, lines and columns.
#pragma once

#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qda {

struct CsvChunk {
  std::unique_ptr<char[]> storage;  // whole CSV records; splitting unquotes fields in place
  std::size_t size = 0;
  std::size_t first_line = 0;       // the physical line the first record starts on
  std::size_t line_ends = 0;        // its LFs: at least its records less one (0 if not counted)
  std::deque<std::string> fields;   // fields of records only CsvReader could parse (rare)

  std::string_view bytes() const { return {storage.get(), size}; }
};

class CsvChunkReader {
 public:
  // Opens `path` and reads its header row (a UTF-8 byte-order mark and a CR are not part of it).
  // `what` names the file in the error when it cannot be opened ("the segments file"). An empty file
  // has an empty header: the caller says what it expected.
  CsvChunkReader(const std::filesystem::path& path, std::string_view what, std::size_t chunk_bytes = 1 << 20);

  const std::vector<std::string>& header() const { return header_; }
  // A column's index in the header; an InvalidInput error naming the file if it has none.
  std::size_t column(std::string_view name) const;
  // The next chunk of whole records; false at the end of the file.
  bool next(CsvChunk& chunk);
  const std::string& file_name() const { return file_name_; }

 private:
  std::ifstream in_;
  std::string file_name_;
  std::size_t chunk_bytes_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
  std::string carry_;  // bytes read past the last whole record
  std::size_t line_ = 2;
};

// The records of a chunk: `columns` fields each, viewing the chunk. Blank lines carry no record.
struct CsvChunkRecords {
  std::size_t columns = 0;
  std::vector<std::string_view> fields;  // record r's field i at r * columns + i
  std::vector<std::size_t> lines;        // the physical line each record starts on
  std::exception_ptr error;              // the error of the record after the last, if one was bad

  std::size_t size() const { return lines.size(); }
  const std::string_view* record(std::size_t r) const { return fields.data() + r * columns; }
};

// Splits a chunk's records into `records` (cleared first), each field without its quotes and without
// the apostrophe that keeps a spreadsheet from running it, as CsvReader reads it. Split a chunk once:
// quoted fields are unquoted in place. A record without `columns` fields is an InvalidInput error
// naming the file and line, as are CSV syntax errors (with the column), NUL bytes and text that is not
// UTF-8: the records before it are kept, and the error goes in `error`, so that a reader can report
// what it finds wrong in those records first, as it would reading record by record.
void split_csv_chunk(CsvChunk& chunk, std::size_t columns, const std::string& file_name, CsvChunkRecords& records);

}  // namespace qda
