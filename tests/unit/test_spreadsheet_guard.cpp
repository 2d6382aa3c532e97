// The spreadsheet guard: which cells get an apostrophe, that readers take it away again, and that
// --raw-csv's switch turns it off.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "qda/csv.hpp"
#include "qda/spreadsheet_guard.hpp"

namespace qda {

TEST(SpreadsheetGuard, GuardsCellsThatStartAFormula) {
  for (const char* cell : {"=HYPERLINK(\"http://x\",\"click\")", "+cmd", "-2+3", "@SUM(A1:A2)", "\tx", "\rx", "-", "--x"}) {
    EXPECT_EQ(cell_needs_guard(cell), std::string(cell) != "-") << cell;
  }
  for (const char* cell : {"", "plain", " =x", "a=b", "-0.25", "+3", "1e-05", "-1.5E+10", "42", "'plain", "'"}) {
    EXPECT_FALSE(cell_needs_guard(cell)) << cell;
  }
  // An apostrophe already before a formula character gets another, so that reading takes one away.
  EXPECT_TRUE(cell_needs_guard("'=x"));
  EXPECT_TRUE(cell_needs_guard("''-3"));
}

TEST(SpreadsheetGuard, UnguardTakesOneApostropheBeforeAFormulaOnly) {
  EXPECT_EQ(unguard_cell(std::string_view("'=x")), "=x");
  EXPECT_EQ(unguard_cell(std::string_view("''=x")), "'=x");
  EXPECT_EQ(unguard_cell(std::string_view("'plain")), "'plain");
  EXPECT_EQ(unguard_cell(std::string_view("'")), "'");
  EXPECT_EQ(unguard_cell(std::string_view("=x")), "=x");
}

TEST(SpreadsheetGuard, WriterGuardsAndReaderReadsBackExactly) {
  const std::vector<std::string> cells = {"=1+1", "'=x", "''@y", "-0.5", "-", "text, with comma", "@", "+", "'", "=\"q\""};
  std::ostringstream out;
  CsvWriter(out).write_row(cells);
  EXPECT_EQ(out.str(), "'=1+1,''=x,'''@y,-0.5,-,\"text, with comma\",'@,'+,',\"'=\"\"q\"\"\"\r\n");
  const std::string written = out.str();
  CsvReader reader(written, "t.csv");
  std::vector<std::string> back;
  ASSERT_TRUE(reader.read_row(back));
  EXPECT_EQ(back, cells);
}

TEST(SpreadsheetGuard, RawCsvWritesCellsAsTheyAre) {
  set_spreadsheet_guard(false);
  std::ostringstream out;
  CsvWriter(out).write_row({"=1+1", "@x"});
  std::string row;
  append_csv_row(row, {"-x", "+y"});
  set_spreadsheet_guard(true);
  EXPECT_EQ(out.str(), "=1+1,@x\r\n");
  EXPECT_EQ(row, "-x,+y\r\n");
}

}  // namespace qda
