// The attribute sheet: matching rows to files, and the errors a bad sheet gets.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "qda/attribute_sheet.hpp"
#include "qda/error.hpp"
#include "temp_folder.hpp"

namespace qda {

TEST(AttributeSheet, MatchesByFileNameOrRelativePathThenById) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "sources.csv",
                       "file,id,role,language\n01.txt,inf-01,Kepala,id\nsub/02.txt,inf-02,Staf,en\n");
  // The rows view the inputs' paths, which outlive the sheet.
  const std::string first_input = (folder / "interviews" / "01.txt").string(), second_input = (folder / "sub" / "02.txt").string(),
                    by_id_input = (folder / "Wawancara A.txt").string();
  AttributeSheet sheet(folder / "sources.csv");
  const AttributeRow* first = sheet.find(first_input, "01");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->id, "inf-01");
  EXPECT_EQ(first->language, "id");
  EXPECT_EQ(first->attributes, (Attributes{{"role", "Kepala"}}));
  EXPECT_NE(sheet.find(second_input, "02"), nullptr);
  EXPECT_EQ(first->matched, first_input);
  EXPECT_TRUE(sheet.unused_rows().empty());

  testing::write_bytes(folder / "by-id.csv", "id,role\nwawancara-a,Kepala\n");
  AttributeSheet by_id(folder / "by-id.csv");
  EXPECT_NE(by_id.find(by_id_input, "wawancara-a"), nullptr);
}

// A row's relative path matches the file however the file's path is spelt: absolute or relative to the
// working folder, plain (matched by string operations) or with ".", ".." and doubled '/' (taken apart
// into components); a file outside the sheet's folder is matched by its name only; and so for a sheet
// named relative to the working folder.
TEST(AttributeSheet, MatchesARelativePathHoweverTheFileIsSpelt) {
  namespace fs = std::filesystem;
  // Under the working folder, so that the relative spellings are plain paths too (a temporary folder
  // elsewhere is reached through "..").
  const fs::path relative_study = fs::path("qda-unit-sheet-" + std::to_string(::getpid()));
  const fs::path study = fs::current_path() / relative_study;
  struct Removed {
    fs::path path;
    ~Removed() { fs::remove_all(path); }
  } removed{study};
  testing::write_bytes(study / "sources.csv", "file,role\nsub/02.txt,Staf\nsub/deeper/03.txt,Kepala\n");
  testing::TempFolder folder;  // for a file outside the sheet's folder
  std::vector<std::string> spellings = {
      (study / "sub/02.txt").string(),          (relative_study / "sub/02.txt").string(),
      (study / "sub/./02.txt").string(),        (study / "sub/deeper/../02.txt").string(),
      study.string() + "//sub/02.txt",          (study / "sub/deeper/03.txt").string(),
      (relative_study / "sub/deeper/03.txt").string()};
  for (const fs::path& sheet_path : {study / "sources.csv", relative_study / "sources.csv"}) {
    for (const std::string& input : spellings) {
      AttributeSheet sheet(sheet_path);
      const AttributeRow* row = sheet.find(input, "x");
      ASSERT_NE(row, nullptr) << input << " with " << sheet_path;
      EXPECT_EQ(row->attributes[0].second, input.find("03.txt") != std::string::npos ? "Kepala" : "Staf") << input;
    }
    const std::string outside = (folder / "elsewhere" / "02.txt").string();
    AttributeSheet sheet(sheet_path);
    EXPECT_EQ(sheet.find(outside, "x"), nullptr) << "a row giving a path matches only that path";
  }
}

TEST(AttributeSheet, ReportsUnusedRows) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "s.csv", "file,role\na.txt,x\nb.txt,y\n");
  const std::string input = (folder / "a.txt").string();
  AttributeSheet sheet(folder / "s.csv");
  sheet.find(input, "a");
  ASSERT_EQ(sheet.unused_rows().size(), 1u);
  EXPECT_EQ(sheet.unused_rows()[0]->line, 3u);
}

TEST(AttributeSheet, BadSheetsNameTheLine) {
  testing::TempFolder folder;
  const auto error_of = [&](const std::string& text) {
    testing::write_bytes(folder / "s.csv", text);
    try {
      AttributeSheet sheet(folder / "s.csv");
    } catch (const Error& error) {
      return error;
    }
    ADD_FAILURE() << "no error for " << text;
    return invalid_input("none");
  };
  EXPECT_NE(error_of("role\nx\n").message().find("'file' or an 'id'"), std::string::npos);
  EXPECT_EQ(error_of("file,role\na.txt,x\na.txt,y\n").where().line, 3u);
  EXPECT_NE(error_of("file,id\na.txt,Not A Slug\n").message().find("not-a-slug"), std::string::npos);
  EXPECT_EQ(error_of("file,role\na.txt,x,extra\n").where().line, 2u);
}

}  // namespace qda
