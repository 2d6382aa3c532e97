// ZIP containers: not-a-zip, zip bombs (declared and lying sizes), entries escaping the archive.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/zip.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
std::string message_of(const std::string& fixture_name, ZipLimits limits, bool read_document) {
  const std::string bytes = testing::read_bytes(testing::fixture(fixture_name));
  try {
    ZipArchive archive(bytes, fixture_name, limits);
    if (read_document) archive.read("word/document.xml");
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_EQ(error.where().file, fixture_name);
    return error.message();
  }
  return "";
}
}  // namespace

TEST(Zip, ReadsEntries) {
  const std::string bytes = testing::read_bytes(testing::fixture("interview.docx"));
  ZipArchive archive(bytes, "interview.docx");
  EXPECT_TRUE(archive.contains("word/document.xml"));
  EXPECT_NE(archive.read("word/document.xml").find("Pewawancara"), std::string::npos);
  EXPECT_THROW(archive.read("word/missing.xml"), Error);
}

TEST(Zip, RejectsWhatIsNotAZip) {
  EXPECT_NE(message_of("not-a-zip.docx", {}, false).find("not a readable ZIP archive"), std::string::npos);
}

TEST(Zip, RejectsEntriesThatClaimTooMuch) {
  ZipLimits limits;
  limits.max_entry_bytes = 1000000;
  EXPECT_NE(message_of("bomb.docx", limits, false).find("zip bomb"), std::string::npos);
  limits.max_entry_bytes = 100ULL << 20;
  limits.max_total_bytes = 1000000;
  EXPECT_NE(message_of("bomb.docx", limits, false).find("in all"), std::string::npos);
}

TEST(Zip, StopsInflatingAtTheLimitWhenHeadersLie) {
  ZipLimits limits;
  limits.max_entry_bytes = 1000000;
  const std::string message = message_of("lying-bomb.docx", limits, true);
  EXPECT_FALSE(message.empty()) << "a lying header must not let the entry expand unchecked";
}

TEST(Zip, DefaultLimitsAcceptTheSmallBomb) {
  // 4 MiB is a plausible document: only the lowered limits above make it a bomb.
  EXPECT_EQ(message_of("bomb.docx", {}, true), "");
}

TEST(Zip, RejectsEntriesThatLeaveTheArchive) {
  EXPECT_NE(message_of("traversal.docx", {}, false).find("unsafe path"), std::string::npos);
}

}  // namespace qda
