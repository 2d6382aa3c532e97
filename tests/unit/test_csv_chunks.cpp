// CSV in chunks of whole records (qda/csv_chunks.hpp), and codings.csv read that way: the same codings
// and the same errors as reading record by record with CodingReader, whatever the chunk size.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "qda/coding.hpp"
#include "qda/csv_chunks.hpp"
#include "qda/error.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {

const std::string kCodingHeader = "source,segment,code,coder,stance,start,end,rule,cue,memo\r\n";

// A coding, or the error, as text: what the two readers are compared by.
std::string describe_coding(const CodingFields& coding, std::size_t line) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|line {}", coding.source, coding.segment, coding.code, coding.coder, coding.stance,
                     coding.start, coding.end, coding.rule, coding.cue, coding.memo, line);
}

std::vector<std::string> read_by_records(const std::filesystem::path& path) {
  std::vector<std::string> seen;
  try {
    std::ifstream in(path, std::ios::binary);
    CodingReader reader(in, path.string());
    CodingRecord record;
    while (reader.read(record)) {
      seen.push_back(describe_coding({record.source, record.segment, record.code, record.coder, record.stance, record.start,
                                      record.end, record.rule, record.cue, record.memo},
                                     reader.line()));
    }
  } catch (const Error& error) {
    seen.push_back(describe(error.where(), error.message()));
  }
  return seen;
}

std::vector<std::string> read_by_chunks(const std::filesystem::path& path, std::size_t chunk_bytes) {
  std::vector<std::string> seen;
  try {
    CodingChunkReader reader(path, chunk_bytes);
    CodingChunk chunk;
    while (reader.next(chunk)) {
      reader.parse(chunk);
      for (std::size_t k = 0; k < chunk.codings.size(); ++k) seen.push_back(describe_coding(chunk.codings[k], chunk.lines[k]));
      if (chunk.error) std::rethrow_exception(chunk.error);
    }
  } catch (const Error& error) {
    seen.push_back(describe(error.where(), error.message()));
  }
  return seen;
}

// The records of one chunk holding `bytes`, which start on line 2, split into `columns` fields.
CsvChunkRecords split(CsvChunk& chunk, const std::string& bytes, std::size_t columns) {
  chunk.storage = std::make_unique<char[]>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), chunk.storage.get());
  chunk.size = bytes.size();
  chunk.first_line = 2;
  CsvChunkRecords records;
  split_csv_chunk(chunk, columns, "t.csv", records);
  return records;
}

// A field of the kinds codings.csv holds: plain, empty, or one that needs quotes (commas, quotes,
// line ends), or that a spreadsheet guard protects.
std::string random_field(std::mt19937& random) {
  static const std::vector<std::string> kinds = {"x", "", "kode-1", "\"a, b\"", "\"say \"\"ya\"\"\"", "\"two\nlines\"",
                                                 "'=SUM(A1)", "\"crlf\r\ninside\"", "sudah ada"};
  return kinds[random() % kinds.size()];
}

}  // namespace

TEST(CsvChunks, TheHeaderIsReadAsCsvReaderReadsIt) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "t.csv", "\xEF\xBB\xBF" "b,\"a\",c\r\n1,2,3\r\n");
  const CsvChunkReader reader(folder / "t.csv", "the table");
  EXPECT_EQ(reader.header(), (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(reader.column("a"), 1u);
  try {
    reader.column("d");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.message(), "expected a column named 'd' in the header");
  }
  testing::write_bytes(folder / "twice.csv", "a,b,a\n");
  EXPECT_THROW(CsvChunkReader(folder / "twice.csv", "the table"), Error);
  testing::write_bytes(folder / "empty.csv", "");
  EXPECT_TRUE(CsvChunkReader(folder / "empty.csv", "the table").header().empty());
  try {
    CsvChunkReader(folder / "missing.csv", "the table");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.message(), "cannot open the table");
  }
}

// A bad record keeps the records before it, with its error beside them, so that a reader reports
// what is wrong in those first.
TEST(CsvChunks, ABadRecordKeepsTheRecordsBeforeItAndItsError) {
  CsvChunk chunk;
  const CsvChunkRecords records = split(chunk, "a,b\r\nc,\"d\"x\r\ne,f\r\n", 2);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records.record(0)[1], "b");
  ASSERT_TRUE(records.error);
  try {
    std::rethrow_exception(records.error);
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 3u);
    EXPECT_EQ(error.message(), "text after a closing quote; expected a comma or the end of the row");
  }
}

TEST(CsvChunks, ANulByteIsRefusedAsCsvReaderRefusesIt) {
  CsvChunk chunk;
  const CsvChunkRecords records = split(chunk, std::string("a,b\nc,d\0e\n", 10), 2);
  EXPECT_EQ(records.size(), 1u);
  ASSERT_TRUE(records.error);
  try {
    std::rethrow_exception(records.error);
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 3u);
    EXPECT_NE(error.message().find("a NUL byte"), std::string::npos) << error.message();
  }
}

// Random codings files, with the columns in another order and an extra column, read in chunks of
// several sizes (records cut across chunks, quoted line ends included): the same codings as
// CodingReader, with the same lines.
TEST(CodingChunks, TheSameCodingsAsCodingReaderWhateverTheChunkSize) {
  testing::TempFolder folder;
  std::mt19937 random(7);
  for (int file = 0; file < 20; ++file) {
    std::string bytes = "memo,coder,code,segment,source,stance,start,end,rule,cue,extra\r\n";
    for (int row = 0; row < 60; ++row) {
      // The code is never empty (a row without one is an error), the other free texts may be.
      bytes += fmt::format("{},ana,code-{},s:{},s,present,{},{},{},{},{}\r\n", random_field(random), random() % 5, row + 1,
                           random() % 100, 100 + random() % 100, random_field(random), random_field(random), random_field(random));
      if (random() % 10 == 0) bytes += "\r\n";  // a blank line carries no record
    }
    const auto path = folder / fmt::format("codings-{}.csv", file);
    testing::write_bytes(path, bytes);
    const std::vector<std::string> expected = read_by_records(path);
    ASSERT_EQ(expected.size(), 60u) << expected.back();
    for (const std::size_t chunk_bytes : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{1} << 20}) {
      EXPECT_EQ(read_by_chunks(path, chunk_bytes), expected) << "file " << file << ", chunks of " << chunk_bytes;
    }
  }
}

TEST(CodingChunks, ErrorsAreCodingReadersWithTheCodingsBeforeThem) {
  testing::TempFolder folder;
  const std::vector<std::string> bad = {
      "s,s:2,x,ana,present,zero,4,,,\r\n",  // not a count
      "s,s:2,x,ana,present,0,\r\n",         // too few fields
      "s,s:2,x,ana,present,0,4,,,\"open\r\n",
      "s,s:2,x,ana,pre\"sent,0,4,,,\r\n",
      "s,s:2,x,ana,present,0,4,,,\xFF\r\n",  // not UTF-8
      "s,s:2,x,,present,0,4,,,\r\n",          // no coder (it was taken for a coder named "")
      "s,s:2,,ana,present,0,4,,,\r\n",        // no code
  };
  for (const std::string& record : bad) {
    const auto path = folder / "codings.csv";
    testing::write_bytes(path, kCodingHeader + "s,s:1,x,ana,present,0,4,,,\r\n" + record + "s,s:3,x,ana,present,0,4,,,\r\n");
    const std::vector<std::string> expected = read_by_records(path);
    ASSERT_EQ(expected.size(), 2u) << record;
    EXPECT_NE(expected.back().find("codings.csv:3"), std::string::npos) << expected.back();
    for (const std::size_t chunk_bytes : {std::size_t{5}, std::size_t{1} << 20}) EXPECT_EQ(read_by_chunks(path, chunk_bytes), expected) << record;
  }
  testing::write_bytes(folder / "empty.csv", "");
  EXPECT_EQ(read_by_chunks(folder / "empty.csv", 64), read_by_records(folder / "empty.csv"));
  testing::write_bytes(folder / "other.csv", "source,segment\r\n");
  EXPECT_EQ(read_by_chunks(folder / "other.csv", 64), read_by_records(folder / "other.csv"));
}

TEST(CodingChunks, CodersInListsEveryCoderSortedAtAnyThreadCount) {
  testing::TempFolder folder;
  std::string bytes = kCodingHeader;
  for (int row = 0; row < 3000; ++row) {
    bytes += fmt::format("s,s:{},x,{},present,0,4,,,\r\n", row + 1, row % 3 == 0 ? "budi" : row % 1000 == 999 ? "zed" : "auto");
  }
  testing::write_bytes(folder / "codings.csv", bytes);
  for (const unsigned jobs : {1U, 2U}) {
    EXPECT_EQ(coders_in(folder / "codings.csv", jobs), (std::vector<std::string>{"auto", "budi", "zed"})) << jobs;
  }
  testing::write_bytes(folder / "bad.csv", kCodingHeader + "s,s:1,x,ana,present,0,4\r\n");
  EXPECT_THROW(coders_in(folder / "bad.csv", 2), Error);
}

}  // namespace qda
