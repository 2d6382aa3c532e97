// segments.csv in chunks: where chunks are cut, and rows split where they stand in the chunk, with
// the same rows and the same errors (message, line, column) as reading every record with CsvReader.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <random>

#include <fmt/format.h>

#include "qda/corpus.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/segment_stream.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {

const std::string kHeader = "id,source,seq,turn,speaker,interviewer,start,end,start_seconds,end_seconds,attributes,text\r\n";

SegmentChunk chunk_of(std::string_view bytes, std::size_t first_line = 2) {
  SegmentChunk chunk;
  chunk.storage = std::make_unique<char[]>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), chunk.storage.get());
  chunk.size = bytes.size();
  chunk.first_line = first_line;
  return chunk;
}

// A row, or the error, as text: what the two readers are compared by.
std::string describe_row(std::string_view id, std::string_view source, std::size_t seq, std::string_view speaker, bool interviewer,
                         std::size_t start, std::size_t end, std::string_view start_seconds, std::string_view end_seconds,
                         std::string_view text, std::size_t line) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|line {}", id, source, seq, speaker, interviewer, start, end, start_seconds,
                     end_seconds, text, line);
}

std::vector<std::string> parse(std::string_view bytes) {
  std::vector<std::string> parsed;
  try {
    SegmentChunk chunk = chunk_of(bytes);
    std::vector<SegmentRow> rows;
    parse_segment_chunk(chunk, "segments.csv", rows);
    for (const auto& row : rows) {
      parsed.push_back(describe_row(row.id, row.source, row.seq, row.speaker, row.interviewer, row.start, row.end,
                                    row.start_seconds, row.end_seconds, row.text, row.line));
    }
  } catch (const Error& error) {
    parsed.push_back(describe(error.where(), error.message()));
  }
  return parsed;
}

// Every record read by CsvReader and checked field by field, as parse_segment_chunk did before it
// split records in place: the behaviour the fast path must keep.
std::vector<std::string> parse_with_csv_reader(std::string_view bytes) {
  std::vector<std::string> parsed;
  try {
    CsvReader reader(bytes, "segments.csv", 2);
    std::vector<std::string> fields;
    const auto count = [&](const std::string& text, std::string_view column) {
      std::size_t value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        throw invalid_input(fmt::format("'{}' in column {} is not a whole number", text, column), {"segments.csv", reader.row_line()});
      }
      return value;
    };
    while (reader.read_row(fields)) {
      const std::size_t line = reader.row_line();
      if (fields.size() == 1 && fields[0].empty()) continue;
      if (fields.size() != kSegmentColumns.size()) {
        throw invalid_input(fmt::format("expected {} fields as in the header, found {}", kSegmentColumns.size(), fields.size()),
                            {"segments.csv", line});
      }
      const std::size_t seq = count(fields[2], "seq");
      if (fields[5] != "true" && fields[5] != "false") {
        throw invalid_input(fmt::format("interviewer is '{}'; expected true or false", fields[5]), {"segments.csv", line});
      }
      const std::size_t start = count(fields[6], "start"), end = count(fields[7], "end");
      for (const std::size_t seconds : {8, 9}) {
        const std::string& text = fields[seconds];
        const bool number = text.empty() || (std::isdigit(static_cast<unsigned char>(text[0])) &&
                                             text.find_first_not_of("0123456789.") == std::string::npos &&
                                             std::count(text.begin(), text.end(), '.') <= 1 && text.back() != '.');
        if (!number) {
          throw invalid_input(fmt::format("'{}' in column {} is not a number of seconds such as 2.400", text,
                                          kSegmentColumns[seconds]),
                              {"segments.csv", line});
        }
      }
      parsed.push_back(describe_row(fields[0], fields[1], seq, fields[4], fields[5] == "true", start, end, fields[8],
                                    fields[9], fields[11], line));
    }
  } catch (const Error& error) {
    parsed = {describe(error.where(), error.message())};  // the rows before an error are not used
  }
  return parsed;
}

std::string error_of(std::string_view bytes) {
  const auto parsed = parse(bytes);
  return parsed.empty() ? "" : parsed.back();
}

}  // namespace

TEST(SegmentChunks, SplitOnlyBetweenRecordsEvenInsideQuotedNewlines) {
  testing::TempFolder folder;
  std::string csv = kHeader;
  for (int i = 1; i <= 50; ++i) {
    csv += "s:" + std::to_string(i) + ",s," + std::to_string(i) + ",1,A,false,0,1,,,,\"line one\nline \"\"two\"\", three\"\r\n";
  }
  testing::write_bytes(folder / "segments.csv", csv);
  SegmentChunkReader reader(folder / "segments.csv", 64);  // far smaller than a record
  SegmentChunk chunk;
  std::vector<SegmentRow> rows;
  std::size_t total = 0, expected_line = 2;
  while (reader.next(chunk)) {
    parse_segment_chunk(chunk, "segments.csv", rows);
    for (const auto& row : rows) {
      EXPECT_EQ(row.text, "line one\nline \"two\", three");
      EXPECT_EQ(row.line, expected_line);
      expected_line += 2;
      ++total;
    }
  }
  EXPECT_EQ(total, 50u);
}

TEST(SegmentChunks, RejectsAForeignHeader) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "segments.csv", "id,text\r\n");
  EXPECT_THROW(SegmentChunkReader(folder / "segments.csv"), Error);
}

TEST(SegmentChunks, RowsViewTheChunkAndOutliveItsMove) {
  SegmentChunk chunk = chunk_of("a:1,a,1,1,\"Pak \"\"B\"\"\",true,0,5,1.500,2.250,,\"x, \"\"y\"\"\"\r\na:2,a,2,2,,false,6,9,,,,plain\r\n");
  std::vector<SegmentRow> rows;
  parse_segment_chunk(chunk, "segments.csv", rows);
  const SegmentChunk moved = std::move(chunk);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].speaker, "Pak \"B\"");
  EXPECT_EQ(rows[0].text, "x, \"y\"");
  EXPECT_TRUE(rows[0].interviewer);
  EXPECT_EQ(rows[1].text, "plain");
  EXPECT_EQ(rows[1].start, 6u);
  EXPECT_EQ(rows[0].start_seconds, "1.500");
  EXPECT_EQ(rows[0].end_seconds, "2.250");
  EXPECT_EQ(rows[1].start_seconds, "");
  EXPECT_GE(rows[1].text.data(), moved.bytes().data());
  EXPECT_LT(rows[1].text.data(), moved.bytes().data() + moved.size);
}

TEST(SegmentChunks, TheSpreadsheetGuardsApostropheIsNotPartOfACell) {
  // qda writes '=x for =x so that spreadsheets do not run it; the fast path and CsvReader both read =x.
  const std::string bytes = "a:1,a,1,1,'@Budi,false,0,4,,,,'=SUM(1)\r\na:2,a,2,2,,false,5,9,,,,\"''-x, y\"\r\n";
  const auto rows = parse(bytes);
  EXPECT_EQ(rows, parse_with_csv_reader(bytes));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], "a:1|a|1|@Budi|false|0|4|||=SUM(1)|line 2");
  EXPECT_EQ(rows[1], "a:2|a|2||false|5|9|||'-x, y|line 3");
}

TEST(SegmentChunks, AcceptsWhatCsvReaderAccepts) {
  // LF line ends, blank lines, a lone CR ending a record, quoted short fields, no final line end.
  const std::string bytes =
      "a:1,a,1,1,,false,0,1,,,,x\n\r\n\n\"a:2\",\"a\",\"2\",2,,\"true\",1,2,\"0.5\",,,\"y\"\ra:3,a,3,3,,false,2,3,,,,\"z\nz\"\r\n"
      "a:4,a,4,4,,false,3,4,1,2.000,,w";
  const auto rows = parse(bytes);
  EXPECT_EQ(rows, parse_with_csv_reader(bytes));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], "a:2|a|2||true|1|2|0.5||y|line 5");
  EXPECT_EQ(rows[3], "a:4|a|4||false|3|4|1|2.000|w|line 7");
}

TEST(SegmentChunks, ErrorsNameTheLineAndColumnAsCsvReaderDoes) {
  const std::string before = "a:1,a,1,1,,false,0,1,,,,\"two\nlines\"\r\n";  // lines 2 and 3
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,fa\"lse,1,2,,,,x\r\n"),
            "segments.csv:4:14: a quote inside an unquoted field; expected the whole field to be quoted");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,false,1,2,,,,\"é\nnever closed\r\n"),
            "segments.csv:4:25: a quoted field is not closed; expected a closing quote");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,false,1,2,,,,\"é\nx\"y\r\n"),
            "segments.csv:5:3: text after a closing quote; expected a comma or the end of the row");
  EXPECT_EQ(error_of(before + "a:2,a,2\r\n"), "segments.csv:4: expected 12 fields as in the header, found 3");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,false,1,2,,,,x,more\r\n"), "segments.csv:4: expected 12 fields as in the header, found 13");
  EXPECT_EQ(error_of(before + "a:2,a,2x,2,,false,1,2,,,,x\r\n"), "segments.csv:4: '2x' in column seq is not a whole number");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,yes,1,2,,,,x\r\n"), "segments.csv:4: interviewer is 'yes'; expected true or false");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,false,\"\",2,,,,x\r\n"), "segments.csv:4: '' in column start is not a whole number");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,false,1,-2,,,,x\r\n"), "segments.csv:4: '-2' in column end is not a whole number");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,false,1,2,1:02,,,x\r\n"),
            "segments.csv:4: '1:02' in column start_seconds is not a number of seconds such as 2.400");
  EXPECT_EQ(error_of(before + "a:2,a,2,2,,false,1,2,,3.,,x\r\n"),
            "segments.csv:4: '3.' in column end_seconds is not a number of seconds such as 2.400");
}

// A segments.csv from before the time columns: read by its header, with no times.
TEST(SegmentChunks, ReadsTheLayoutWithoutTimes) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "segments.csv",
                       "id,source,seq,turn,speaker,interviewer,start,end,attributes,text\r\na:1,a,1,1,A,false,0,4,,\"Halo\"\r\n");
  SegmentChunkReader reader(folder / "segments.csv");
  SegmentChunk chunk;
  std::vector<SegmentRow> rows;
  ASSERT_TRUE(reader.next(chunk));
  parse_segment_chunk(chunk, "segments.csv", rows);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text, "Halo");
  EXPECT_EQ(rows[0].end, 4u);
  EXPECT_EQ(rows[0].start_seconds, "");
  chunk = chunk_of("a:2,a,2,2,A,false,4,8,,,,x\r\n");
  chunk.columns = 10;
  EXPECT_THROW(parse_segment_chunk(chunk, "segments.csv", rows), Error) << "twelve fields under the older header";
}

// Random records, most of them well formed, some with a byte changed: the rows or the first error
// must be those of CsvReader.
TEST(SegmentChunks, SplittingInPlaceAgreesWithCsvReaderOnRandomRecords) {
  std::mt19937 random(12345);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const std::vector<std::string> texts = {"plain", "\"with, comma\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"\"",
                                          "\"ends in CR\r\"", "\"é \"\"\"\"\""};
  const std::vector<std::string> speakers = {"", "Informan 1", "\"Pak \"\"A\"\"\""};
  const std::vector<std::string> seconds = {",", "1.500,2.000", "\"3\",12.25"};
  const std::vector<std::string> line_ends = {"\r\n", "\n", "\r\n", "\r"};
  const std::string specials = ",\"\r\nx1";
  for (int round = 0; round < 3000; ++round) {
    std::string bytes;
    const std::size_t records = 1 + pick(4);
    for (std::size_t r = 0; r < records; ++r) {
      const std::string seq = std::to_string(r + 1);
      bytes += "s:" + seq + ",s," + seq + ",1," + speakers[pick(speakers.size())] + (pick(2) ? ",true," : ",false,") + "0,5," +
               seconds[pick(seconds.size())] + ",," + texts[pick(texts.size())];
      if (r + 1 < records || pick(2)) bytes += line_ends[pick(line_ends.size())];
      if (pick(8) == 0) bytes += "\r\n";  // a blank line
    }
    if (pick(2)) bytes[pick(bytes.size())] = specials[pick(specials.size())];
    EXPECT_EQ(parse(bytes), parse_with_csv_reader(bytes)) << ::testing::PrintToString(bytes);
  }
}

}  // namespace qda
