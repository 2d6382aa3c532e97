// ZIP containers: not-a-zip, zip bombs (declared and lying sizes) among the entries read, entries escaping the
// archive.
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

TEST(Zip, RejectsEntriesThatClaimTooMuchWhenTheyAreRead) {
  ZipLimits limits;
  limits.max_entry_bytes = 1000000;
  EXPECT_EQ(message_of("bomb.docx", limits, false), "");  // opening reads no entry
  EXPECT_NE(message_of("bomb.docx", limits, true).find("claims to expand to"), std::string::npos);
  limits.max_entry_bytes = 100ULL << 20;
  limits.max_total_bytes = 1000000;
  EXPECT_NE(message_of("bomb.docx", limits, true).find("in all"), std::string::npos);
}

TEST(Zip, OnlyTheEntriesReadCountTowardsTheLimits) {
  // A project may carry a large video qda never reads: only what is read is limited.
  ZipWriter writer("big.zip");
  writer.add("sources/video.mp4", std::string(3000000, 'v'));
  writer.add("a.txt", std::string(600, 'a'));
  writer.add("b.txt", std::string(600, 'b'));
  const std::string bytes = writer.finish();
  ZipLimits limits;
  limits.max_entry_bytes = 1000;
  limits.max_total_bytes = 1000;
  const ZipArchive archive(bytes, "big.zip", limits);
  EXPECT_EQ(archive.read("a.txt"), std::string(600, 'a'));
  try {
    archive.read("b.txt");  // 1,200 bytes read in all
    ADD_FAILURE() << "the total of the entries read is not limited";
  } catch (const Error& error) {
    EXPECT_NE(error.message().find("in all"), std::string::npos) << error.message();
  }
  EXPECT_THROW(archive.read("sources/video.mp4"), Error);
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

// Two entries of one name (libzip reads the first, Python's zipfile the last: two different projects).
TEST(Zip, RejectsTwoEntriesOfOneName) {
  EXPECT_EQ(message_of("two-project-qde.qdpx", {}, false),
            "the ZIP archive holds two entries named 'project.qde'; expected each name once (tools differ on which of the "
            "two they read)");
}

TEST(Zip, RejectsEntriesThatLeaveTheArchive) {
  EXPECT_NE(message_of("traversal.docx", {}, false).find("unsafe path"), std::string::npos);
}

}  // namespace qda
