// Atomic outputs: nothing appears or changes at the target until commit; inputs are never targets.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
std::size_t files_in(const std::filesystem::path& folder) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(folder), {}));
}
}  // namespace

TEST(OutputFile, IsInvisibleUntilCommitted) {
  testing::TempFolder folder;
  {
    OutputFile file(folder / "out.csv");
    file.stream() << "data";
    EXPECT_FALSE(std::filesystem::exists(folder / "out.csv"));
    file.commit();
  }
  EXPECT_EQ(testing::read_bytes(folder / "out.csv"), "data");
  EXPECT_EQ(files_in(folder.path()), 1u);
}

TEST(OutputFile, AbandonedWriteLeavesTheOldFileAndNoTemporary) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "out.csv", "old");
  try {
    OutputFile file(folder / "out.csv");
    file.stream() << "half-written";
    throw std::runtime_error("failure while writing");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(testing::read_bytes(folder / "out.csv"), "old");
  EXPECT_EQ(files_in(folder.path()), 1u);
}

TEST(OutputFile, MissingFolderIsAnIoError) {
  testing::TempFolder folder;
  try {
    OutputFile file(folder / "no" / "out.csv");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
  }
}

TEST(OutputSet, CommitsAllOrNothing) {
  testing::TempFolder folder;
  {
    OutputSet outputs;
    outputs.add(folder / "a.txt").stream() << "a";
    outputs.add(folder / "b.txt").stream() << "b";
    // destroyed without commit_all(): neither appears
  }
  EXPECT_EQ(files_in(folder.path()), 0u);
  OutputSet outputs;
  outputs.add(folder / "a.txt").stream() << "a";
  outputs.add(folder / "b.txt").stream() << "b";
  outputs.commit_all();
  EXPECT_EQ(testing::read_bytes(folder / "b.txt"), "b");
}

TEST(InputGuard, RefusesToOverwriteAnInputHoweverItIsSpelt) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in.csv", "x");
  const InputGuard guard({folder / "in.csv"});
  EXPECT_THROW(guard.check(folder / "sub" / ".." / "in.csv"), Error);
  EXPECT_NO_THROW(guard.check(folder / "out.csv"));
  EXPECT_TRUE(guard.is_input(folder / "." / "in.csv"));
  EXPECT_FALSE(guard.is_input(folder / "out.csv"));
}

TEST(PathResolver, AgreesWithResolvedPathThroughLinksDotsAndMissingFiles) {
  testing::TempFolder folder;
  namespace fs = std::filesystem;
  fs::create_directories(folder / "real/sub");
  testing::write_bytes(folder / "real/sub/a.txt", "a");
  fs::create_directory_symlink(folder / "real", folder / "linked");
  fs::create_symlink(folder / "real/sub/a.txt", folder / "real/sub/link-to-a.txt");
  PathResolver resolver;
  for (const fs::path& path : {folder / "real/sub/a.txt", folder / "linked/sub/a.txt", folder / "real/sub/link-to-a.txt",
                               folder / "linked/sub/../sub/a.txt", folder / "real/sub/missing.txt",
                               folder / "missing-folder/x.txt", folder / "real/sub/.", folder / "real/sub/.."}) {
    EXPECT_EQ(resolver.resolve(path), resolved_path(path)) << path;
    EXPECT_EQ(resolver.resolve(path), resolved_path(path)) << path << " (from the folder cache)";
  }
  EXPECT_EQ(resolver.resolve(folder / "real/sub/link-to-a.txt"), resolved_path(folder / "real/sub/a.txt"));
}

TEST(OutputFile, CommittingAgainReplacesTheContent) {
  testing::TempFolder folder;
  for (const char* content : {"one", "two"}) {
    OutputFile file(folder / "f.txt");
    file.stream() << content;
    file.commit();
  }
  EXPECT_EQ(testing::read_bytes(folder / "f.txt"), "two");
}

}  // namespace qda
