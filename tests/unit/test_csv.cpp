// RFC 4180 CSV: quoting, embedded newlines, CRLF/LF, BOM, ragged rows, and lossless round trips.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/spreadsheet_guard.hpp"

namespace qda {

namespace {
std::vector<std::vector<std::string>> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in, "t.csv");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  while (reader.read_row(row)) rows.push_back(row);
  return rows;
}

Error error_of(const std::string& text) {
  try {
    read_all(text);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error for: " << text;
  return invalid_input("none");
}
}  // namespace

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  const auto rows = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x, y", "say \"hi\"", "line1\nline2"}));
}

TEST(CsvReader, AcceptsLfCrlfAndNoFinalNewline) {
  EXPECT_EQ(read_all("a,b\nc,d").size(), 2u);
  EXPECT_EQ(read_all("a,b\r\nc,d\r\n").size(), 2u);
  EXPECT_EQ(read_all("a,b\r\nc,d\r\n")[1][1], "d");
}

TEST(CsvReader, DropsAUtf8ByteOrderMark) {
  const auto rows = read_all("\xEF\xBB\xBFid,text\n1,x\n");
  EXPECT_EQ(rows[0][0], "id");
}

TEST(CsvReader, KeepsEmptyFields) {
  EXPECT_EQ(read_all(",,\n")[0], (std::vector<std::string>{"", "", ""}));
}

TEST(CsvReader, ReportsTheLineARowStartsOn) {
  std::istringstream in("a\n\"multi\nline\"\nlast\n");
  CsvReader reader(in, "t.csv");
  std::vector<std::string> row;
  reader.read_row(row);
  reader.read_row(row);
  EXPECT_EQ(reader.row_line(), 2u);
  reader.read_row(row);
  EXPECT_EQ(reader.row_line(), 4u);
}

TEST(CsvReader, UnclosedQuoteNamesWhereTheFieldStarted) {
  const Error error = error_of("a,b\nc,\"never closed\n");
  EXPECT_EQ(error.where().line, 2u);
  EXPECT_EQ(error.where().column, 3u);
  EXPECT_NE(error.message().find("closing quote"), std::string::npos);
}

TEST(CsvReader, RejectsTextAfterAClosingQuoteAndBareQuotes) {
  EXPECT_NE(error_of("\"a\"b,c\n").message().find("after a closing quote"), std::string::npos);
  const Error bare = error_of("ab\"c,d\n");
  EXPECT_NE(bare.message().find("quote inside an unquoted field"), std::string::npos);
  EXPECT_EQ(bare.where().column, 3u);
}

TEST(CsvTableReader, ReportsRaggedRowsWithTheirLine) {
  std::istringstream in("id,text\n1,a\n2,b,extra\n");
  CsvTableReader table(in, "t.csv");
  std::vector<std::string> row;
  EXPECT_TRUE(table.read_row(row));
  try {
    table.read_row(row);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "t.csv:3: expected 2 fields as in the header, found 3");
  }
}

TEST(CsvTableReader, FindsColumnsAndNamesMissingOnes) {
  std::istringstream in("id,text\n");
  CsvTableReader table(in, "t.csv");
  EXPECT_EQ(table.column("text"), 1u);
  EXPECT_THROW(table.column("speaker"), Error);
}

TEST(CsvTableReader, RejectsDuplicateHeaderNamesAndEmptyFiles) {
  std::istringstream duplicate("id,id\n");
  EXPECT_THROW(CsvTableReader(duplicate, "t.csv"), Error);
  std::istringstream empty("");
  EXPECT_THROW(CsvTableReader(empty, "t.csv"), Error);
}

TEST(CsvWriter, QuotesOnlyWhatNeedsItAndEndsRecordsWithCrlf) {
  std::ostringstream out;
  CsvWriter writer(out);
  writer.write_row(std::vector<std::string>{"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""});
  EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\r\n");
}

TEST(CsvWriter, FindsACharacterNeedingQuotesAtEveryPositionOfALongField) {
  // The writer scans sixteen bytes at a time; each special character at each offset must be seen.
  for (const char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at < 37; ++at) {
      std::string field(37, 'x');
      field[at] = special;
      std::ostringstream out;
      CsvWriter(out).write_row(std::vector<std::string>{field});
      EXPECT_EQ(out.str().front(), '"') << "byte " << int(special) << " at " << at;
    }
  }
  std::ostringstream plain;
  CsvWriter(plain).write_row(std::vector<std::string>{std::string(21, 'x') + "\xE2\x80\x94+-.;:'"});
  EXPECT_EQ(plain.str().front(), 'x');
}

// Rows are first written plain and checked whole; a row with any field to quote is written field by
// field. Random rows of plain and awkward fields against the rules written out one field at a time.
TEST(CsvWriter, AppendedRowsQuoteExactlyTheFieldsThatNeedIt) {
  const auto quoted = [](std::string field) {
    if (cell_needs_guard(field)) field.insert(0, 1, '\'');  // a cell starting with CR starts a formula too
    const bool needs = !field.empty() && (field.front() == ' ' || field.back() == ' ' || field.find_first_of(",\"\r\n") != std::string::npos);
    if (!needs) return field;
    std::string text = "\"";
    for (const char c : field) text += c == '"' ? std::string("\"\"") : std::string(1, c);
    return text + "\"";
  };
  std::mt19937 random(7);
  const std::vector<std::string> pieces = {"x", "inf-01:12", "é", " ", ",", "\"", "\r", "\n", "auto", "0123456789abcdef"};
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> fields(1 + random() % 12);
    for (auto& field : fields) {
      const std::size_t length = random() % 5;
      for (std::size_t i = 0; i < length; ++i) {
        // Mostly plain pieces, so that most rows take the whole-row path.
        const std::size_t piece = random() % 20 == 0 ? random() % pieces.size() : (random() % 2 == 0 ? 0 : 9);
        field += pieces[piece];
      }
    }
    std::string expected;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) expected += ',';
      expected += quoted(fields[i]);
    }
    expected += "\r\n";
    std::ostringstream out;
    CsvWriter(out).write_row(fields);
    ASSERT_EQ(out.str(), expected);
    std::string appended = "before";
    append_csv_row(appended, {fields[0], fields.size() > 1 ? std::string_view(fields[1]) : std::string_view("last")});
    EXPECT_EQ(appended, "before" + quoted(fields[0]) + "," + quoted(fields.size() > 1 ? fields[1] : "last") + "\r\n");
  }
}

TEST(Csv, FindsTheFirstCharacterThatEndsAnUnquotedField) {
  for (const char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string bytes(40, 'y');
      bytes[at] = special;
      if (at + 3 < bytes.size()) bytes[at + 3] = ',';
      EXPECT_EQ(find_csv_special(bytes), at) << int(special) << " at " << at;
    }
  }
  EXPECT_EQ(find_csv_special(std::string(40, 'y')), 40u);
  EXPECT_EQ(find_csv_special(""), 0u);
}

TEST(Csv, RoundTripsAwkwardFieldsLosslessly) {
  const std::vector<std::string> fields = {"", ",", "\"", "\r\n", "\n\n", "ünï — “ok”", " x ", "a\"b\"c", "\r"};
  std::ostringstream out;
  CsvWriter writer(out);
  writer.write_row(fields);
  writer.write_row(fields);
  const auto rows = read_all(out.str());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], fields);
  EXPECT_EQ(rows[1], fields);
}

}  // namespace qda

namespace qda {

TEST(CsvReader, AFirstCharacterFromU_F000IsNotAByteOrderMark) {
  EXPECT_EQ(read_all("\xEF\xBD\xB1nswer,b\n1,2\n")[0][0], "\xEF\xBD\xB1nswer");  // half-width katakana A
}

TEST(CsvReader, ErrorsOfAChunkNameTheFilesLine) {
  std::istringstream in("ok,row\n\"bad\"x,row\n");
  CsvReader reader(in, "segments.csv", 40);
  std::vector<std::string> row;
  reader.read_row(row);
  try {
    reader.read_row(row);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 41u);
  }
}

TEST(CsvReader, ReadsBytesInMemoryAsItReadsAStream) {
  const std::string bytes = "\xEF\xBB\xBFid,text\r\n1,\"a, \"\"b\"\"\nc\"\r\n2,plain\n";
  CsvReader reader(std::string_view(bytes), "m.csv");
  std::vector<std::string> row;
  ASSERT_TRUE(reader.read_row(row));
  EXPECT_EQ(row, (std::vector<std::string>{"id", "text"}));
  ASSERT_TRUE(reader.read_row(row));
  EXPECT_EQ(row, (std::vector<std::string>{"1", "a, \"b\"\nc"}));
  ASSERT_TRUE(reader.read_row(row));
  EXPECT_EQ(reader.row_line(), 4u);
  EXPECT_EQ(row, (std::vector<std::string>{"2", "plain"}));
  EXPECT_FALSE(reader.read_row(row));
}

TEST(CsvReader, ColumnsCountCodePointsAfterAQuotedLineBreak) {
  // The error's column is counted in code points from the last line break inside the quoted field.
  const Error error = error_of("a,\"x\n\xC3\xA9\xC3\xA9\"z\n");
  EXPECT_EQ(error.where().line, 2u);
  EXPECT_EQ(error.where().column, 4u);  // é é " then z
  const Error long_field = error_of(std::string(100000, 'y') + "\"q\"\n");
  EXPECT_EQ(long_field.where().column, 100001u);  // a quote after 100,000 bytes: across buffer refills
}

}  // namespace qda

namespace qda {

TEST(SplitCsvList, QuotedItemsHoldCommasAndQuotes) {
  EXPECT_EQ(split_csv_list("low,mid,high", "--categories"), (std::vector<std::string>{"low", "mid", "high"}));
  EXPECT_EQ(split_csv_list("\"1,000-2,000\",other", "--categories"),
            (std::vector<std::string>{"1,000-2,000", "other"}));
  EXPECT_EQ(split_csv_list("\"say \"\"no\"\"\",x", "--categories"), (std::vector<std::string>{"say \"no\"", "x"}));
  EXPECT_EQ(split_csv_list("a,,b", "--categories"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_TRUE(split_csv_list("", "--categories").empty());
}

TEST(SplitCsvList, BadQuotingAndLineBreaksAreErrorsNamingTheOption) {
  const auto error_of = [](const std::string& text) {
    try {
      split_csv_list(text, "--categories");
    } catch (const Error& error) {
      return describe(error.where(), error.message());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("\"a,b"), "--categories:1:1: a quoted field is not closed; expected a closing quote");
  EXPECT_EQ(error_of("\"a\"b"), "--categories:1:4: text after a closing quote; expected a comma or the end of the row");
  EXPECT_EQ(error_of("a\nb"), "--categories:1: a list is one line; expected no line break");
}

TEST(CsvReader, ANulByteIsNoTextAndIsNamedWhereItStands) {
  constexpr char kBytes[] = "a,b\r\nx,y\0z\r\n";
  const std::string bytes(kBytes, sizeof kBytes - 1);
  CsvReader reader(bytes, "codings.csv");
  std::vector<std::string> row;
  ASSERT_TRUE(reader.read_row(row));
  try {
    reader.read_row(row);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_EQ(describe(error.where(), error.message()),
              "codings.csv:2:4: a NUL byte; expected text (a NUL every other byte is UTF-16, which qda reads only as UTF-8 here)");
  }
}

TEST(CsvReader, ARowOfAMillionFieldsIsRefused) {
  const std::string bytes(kMaxCsvFields, ',');  // a million and one empty fields
  CsvReader reader(bytes, "wide.csv");
  std::vector<std::string> row;
  EXPECT_THROW(reader.read_row(row), Error);
  const std::string fewer(kMaxCsvFields - 2, ',');
  CsvReader fine(fewer, "wide.csv");
  ASSERT_TRUE(fine.read_row(row));
  EXPECT_EQ(row.size(), kMaxCsvFields - 1);
}

TEST(CsvReader, BytesThatAreNotUtf8AreRefusedWhereTheirFieldStarts) {
  // An overlong '/' (0xC0 0xAF) and a lone continuation byte: both copied into outputs before.
  for (const std::string& bad : {std::string("\xC0\xAF"), std::string("x\x80")}) {
    const std::string bytes = "coder,memo\r\na,\"ok, " + bad + "\"\r\n";
    CsvReader reader(bytes, "manual.csv");
    std::vector<std::string> row;
    ASSERT_TRUE(reader.read_row(row));
    try {
      reader.read_row(row);
      FAIL() << "no error";
    } catch (const Error& error) {
      EXPECT_EQ(error.where().line, 2u);
      EXPECT_EQ(error.where().column, 3u);
      EXPECT_NE(error.message().find("invalid UTF-8 in the field starting here"), std::string::npos);
    }
  }
}

}  // namespace qda
