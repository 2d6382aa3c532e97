// Atomic outputs: nothing appears or changes at the target until commit; inputs are never targets.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/output.hpp"
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

TEST(Output, RefusesToOverwriteAnInput) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in.csv", "x");
  EXPECT_THROW(refuse_to_overwrite_inputs(folder / "sub" / ".." / "in.csv", {folder / "in.csv"}), Error);
  EXPECT_NO_THROW(refuse_to_overwrite_inputs(folder / "out.csv", {folder / "in.csv"}));
}

TEST(Output, WriteFileAtomicallyReplacesContent) {
  testing::TempFolder folder;
  write_file_atomically(folder / "f.txt", "one");
  write_file_atomically(folder / "f.txt", "two");
  EXPECT_EQ(testing::read_bytes(folder / "f.txt"), "two");
}

}  // namespace qda
