// Atomic outputs: nothing appears or changes at the target until commit; inputs are never targets.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/finished_files.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "qda/spool_file.hpp"
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

TEST(OutputSet, KeepsAdoptedFinishedFilesAsPathsAndRenamesOrRemovesThem) {
  testing::TempFolder folder;
  const std::filesystem::path texts = folder / "texts";
  std::filesystem::create_directory(texts);
  testing::write_bytes(texts / "old.txt", "old");
  const auto written = [&](StagingFolder& staging, const std::string& name, const std::string& text) {
    auto file = std::make_unique<OutputFile>(texts / name, Locking::CoveredByAnother, &staging);
    file->stream() << text;
    file->finish();
    return file;
  };
  {
    StagingFolder staging(texts);
    OutputSet outputs;
    outputs.adopt_finished(written(staging, "a.txt", "a"));
    outputs.adopt_finished(written(staging, "old.txt", "new"));
    // Their objects are gone; their temporary files are not, until the set goes without a commit.
    EXPECT_EQ(files_in(staging.path()), 2u);
  }
  EXPECT_EQ(files_in(texts), 1u);
  EXPECT_EQ(testing::read_bytes(texts / "old.txt"), "old");
  {
    StagingFolder staging(texts);
    OutputSet outputs;
    outputs.add(folder / "corpus.yaml", Locking::Own).stream() << "corpus";
    outputs.adopt_finished(written(staging, "a.txt", "a"));
    outputs.adopt_finished(written(staging, "old.txt", "new"));
    outputs.commit_all();
    EXPECT_EQ(files_in(staging.path()), 0u);
  }
  EXPECT_EQ(testing::read_bytes(texts / "a.txt"), "a");
  EXPECT_EQ(testing::read_bytes(texts / "old.txt"), "new");
  EXPECT_EQ(testing::read_bytes(folder / "corpus.yaml"), "corpus");
  EXPECT_EQ(files_in(texts), 2u);
  // A file with a lock of its own keeps it until its commit: it cannot be adopted as paths.
  OutputSet outputs;
  EXPECT_THROW(outputs.adopt_finished(std::make_unique<OutputFile>(folder / "own.csv")), std::logic_error);
  EXPECT_EQ(files_in(folder.path()), 2u);
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

// Finished files come back whole and in the order added, however their paths are spelt, across the
// blocks that hold them (more than a mebibyte of names here).
TEST(FinishedFiles, GivesBackEveryPathInTheOrderAdded) {
  FinishedFiles files;
  EXPECT_FALSE(files.next().has_value());
  std::vector<std::pair<std::string, std::string>> added = {
      {"bare.tmp", "bare.txt"}, {"/root.tmp", "/root.txt"}, {"a/b/.staging-1/x.tmp", "a/b/x.txt"}, {"trailing/", "other/"}};
  for (int i = 0; i < 30000; ++i) {
    added.emplace_back(fmt::format("/out/texts/.qda-staging-{}/source-{:05}-with-a-long-name.txt.qda-tmp", i % 2, i),
                       fmt::format("/out/texts/source-{:05}-with-a-long-name.txt", i));
  }
  for (const auto& [temporary, destination] : added) files.add(temporary, destination);
  for (const auto& file : added) {
    const auto next = files.next();
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(*next, file);
    EXPECT_EQ(files.next(), next) << "next() takes nothing";
    files.take();
  }
  EXPECT_FALSE(files.next().has_value());
  files.take();  // nothing left to take: no effect
  files.add("late.tmp", "late.txt");
  EXPECT_EQ(files.next(), std::make_pair(std::string("late.tmp"), std::string("late.txt")));
}

// The guard holds hashes of the inputs, not their paths, and reads an input back when it checks: the
// error names the first spelling given of the input an output is, among thousands, through a link.
TEST(InputGuard, ReadsItsInputsBackToNameTheOneAnOutputIs) {
  testing::TempFolder folder;
  namespace fs = std::filesystem;
  fs::create_directories(folder / "real");
  fs::create_directory_symlink(folder / "real", folder / "linked");
  std::vector<std::string> inputs;
  for (int i = 0; i < 5000; ++i) inputs.push_back((folder / "real" / fmt::format("t{}.txt", i)).string());
  inputs.push_back((folder / "linked" / "t17.txt").string());  // t17.txt again, spelt otherwise
  std::size_t reads = 0;
  const InputGuard guard(inputs.size(), [&](std::size_t i) {
    ++reads;
    return inputs[i];
  });
  EXPECT_EQ(reads, inputs.size());
  for (const fs::path& output : {folder / "linked" / "sub" / ".." / "t17.txt", folder / "real" / "t17.txt"}) {
    try {
      guard.check(output);
      ADD_FAILURE() << output << " was taken for no input";
    } catch (const Error& error) {
      EXPECT_EQ(std::string(error.what()), fmt::format("refusing to overwrite the input {} with an output", inputs[17]));
    }
  }
  EXPECT_TRUE(guard.is_input(folder / "linked" / "t4999.txt"));
  EXPECT_FALSE(guard.is_input(folder / "real" / "t5000.txt"));
  EXPECT_FALSE(guard.is_input(folder / "t17.txt"));
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

// A folder asked about often is listed once, and its links are read from the listing: a link among
// many files still resolves to where it points, a file that is no link to its folder's resolution, a
// missing file or folder as resolved_path gives it; relative paths from the working folder.
TEST(PathResolver, ReadsLinksFromTheListingOfAFolderAskedOften) {
  testing::TempFolder folder;
  namespace fs = std::filesystem;
  fs::create_directories(folder / "many");
  fs::create_directories(folder / "elsewhere");
  testing::write_bytes(folder / "elsewhere/target.txt", "t");
  for (int i = 0; i < 100; ++i) testing::write_bytes(folder / "many" / fmt::format("f{}.txt", i), "x");
  fs::create_symlink(folder / "elsewhere/target.txt", folder / "many/link.txt");
  const fs::path relative = fs::relative(folder.path(), fs::current_path());
  ASSERT_FALSE(relative.empty());
  PathResolver resolver;
  for (int round = 0; round < 2; ++round) {  // the first round lists each folder partway through
    for (int i = 0; i < 100; ++i) {
      const fs::path file = (i % 2 == 0 ? folder.path() : relative) / "many" / fmt::format("f{}.txt", i);
      EXPECT_EQ(resolver.resolve(file), resolved_path(file)) << file;
      const fs::path missing = folder / "missing-folder" / fmt::format("m{}.txt", i);
      EXPECT_EQ(resolver.resolve(missing), resolved_path(missing)) << missing;
    }
    for (const fs::path& path : {folder / "many/link.txt", relative / "many/link.txt"}) {
      EXPECT_EQ(resolver.resolve(path), resolved_path(folder / "elsewhere/target.txt")) << path << ", round " << round;
    }
    EXPECT_EQ(resolver.resolve(folder / "many/not-there.txt"), resolved_path(folder / "many/not-there.txt"));
  }
  // A name the listing does not have is asked as before: a link made after the listing is seen.
  fs::create_symlink(folder / "elsewhere/target.txt", folder / "many/late-link.txt");
  EXPECT_EQ(resolver.resolve(folder / "many/late-link.txt"), resolved_path(folder / "elsewhere/target.txt"));
}

// An output that is a link to an input, in a folder of many files the guard lists, is still refused.
TEST(InputGuard, FindsAnOutputLinkedToAnInputInAFolderOfManyFiles) {
  testing::TempFolder folder;
  namespace fs = std::filesystem;
  fs::create_directories(folder / "inputs");
  fs::create_directories(folder / "out");
  std::vector<fs::path> inputs;
  for (int i = 0; i < 64; ++i) {
    inputs.push_back(folder / "inputs" / fmt::format("t{}.txt", i));
    testing::write_bytes(inputs.back(), "x");
  }
  fs::create_symlink(inputs[40], folder / "out/t40.txt");
  const InputGuard guard(inputs);
  for (int i = 0; i < 64; ++i) {
    const fs::path output = folder / "out" / fmt::format("t{}.txt", i);
    if (i == 40) {
      EXPECT_THROW(guard.check(output), Error);
    } else {
      EXPECT_NO_THROW(guard.check(output)) << output;
    }
  }
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

namespace qda {

namespace {

// A process id no process has now (for a leftover of a run that is gone).
long unused_process_id() {
  for (long pid = 4194000; pid > 1000; --pid) {
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return pid;
  }
  return 0;
}

}  // namespace

TEST(OutputFile, ASymbolicLinkIsWrittenWhereItPoints) {
  testing::TempFolder folder;
  std::filesystem::create_directory(folder / "data");
  testing::write_bytes(folder / "data/out.csv", "old");
  std::filesystem::create_symlink("data/out.csv", folder / "link.csv");
  OutputFile file(folder / "link.csv");
  file.stream() << "new";
  file.commit();
  EXPECT_TRUE(std::filesystem::is_symlink(folder / "link.csv"));
  EXPECT_EQ(testing::read_bytes(folder / "data/out.csv"), "new");
}

TEST(OutputFile, APipeOrADeviceIsWrittenInPlaceAndAFolderIsRefused) {
  testing::TempFolder folder;
  {
    OutputFile null("/dev/null");
    null.stream() << "discarded";
    null.commit();
  }
  struct stat status {};
  ASSERT_EQ(::stat("/dev/null", &status), 0);
  EXPECT_TRUE(S_ISCHR(status.st_mode));
  const std::filesystem::path fifo = folder / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  {
    OutputFile piped(fifo);
    piped.stream() << "through the pipe";
    piped.commit();
  }
  char bytes[64] = {};
  EXPECT_EQ(::read(reader, bytes, sizeof bytes), 16);
  EXPECT_EQ(std::string(bytes), "through the pipe");
  ::close(reader);
  EXPECT_EQ(files_in(folder.path()), 1u);  // the pipe, still a pipe, and nothing beside it
  std::filesystem::create_directory(folder / "folder.csv");
  try {
    OutputFile refused(folder / "folder.csv");
    FAIL() << "a folder was accepted as an output";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
    EXPECT_NE(std::string(error.what()).find("is a folder; expected a file"), std::string::npos);
  }
}

TEST(OutputLock, ASecondWriterOfTheSameOutputIsRefusedAndTheLockGoesWithTheFirst) {
  testing::TempFolder folder;
  {
    OutputFile first(folder / "corpus.yaml");
    EXPECT_TRUE(std::filesystem::exists(folder / ".corpus.yaml.qda-lock"));
    try {
      OutputFile second(folder / "corpus.yaml");
      FAIL() << "two writers of one output";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::Io);
      EXPECT_NE(std::string(error.what()).find("another run is writing this output (it holds .corpus.yaml.qda-lock)"), std::string::npos)
          << error.what();
    }
    OutputFile other(folder / "segments.csv");  // another output of the same folder is free
    first.commit();
  }
  EXPECT_EQ(files_in(folder.path()), 1u);
  OutputFile again(folder / "corpus.yaml", Locking::CoveredByAnother);
  EXPECT_FALSE(std::filesystem::exists(folder / ".corpus.yaml.qda-lock"));
}

TEST(OutputFile, LeftoversOfRunsKilledOutrightAreRemoved) {
  testing::TempFolder folder;
  const long gone = unused_process_id();
  ASSERT_NE(gone, 0);
  const std::string stale = ".out.csv.qda-tmp-" + std::to_string(gone) + "-AbC123";
  const std::string live = ".out.csv.qda-tmp-" + std::to_string(::getpid()) + "-XyZ789";
  for (const std::string& name : {stale, live, std::string(".x.qda-lock"), std::string(".notes.tmp-123456"), std::string("keep.lock")}) {
    testing::write_bytes(folder / name, "");
  }
  // A staging folder left with files in it (StagingFolder).
  const std::string stale_staging = ".stage.qda-tmp-" + std::to_string(gone) + "-QwE456";
  std::filesystem::create_directory(folder / stale_staging);
  testing::write_bytes(folder / stale_staging / (".a.txt.qda-tmp-" + std::to_string(gone) + "-RtY789"), "half");
  OutputFile file(folder / "new.csv");
  EXPECT_FALSE(std::filesystem::exists(folder / stale));
  EXPECT_FALSE(std::filesystem::exists(folder / stale_staging));
  EXPECT_FALSE(std::filesystem::exists(folder / ".x.qda-lock"));
  EXPECT_TRUE(std::filesystem::exists(folder / live));  // this process is alive
  EXPECT_TRUE(std::filesystem::exists(folder / ".notes.tmp-123456"));  // not qda's
  EXPECT_TRUE(std::filesystem::exists(folder / "keep.lock"));
}

TEST(StagingFolder, HoldsTheTemporaryFilesOfItsFolderUntilTheyAreCommitted) {
  testing::TempFolder folder;
  const std::filesystem::path texts = folder / "texts";
  std::filesystem::create_directory(texts);
  {
    StagingFolder staging(texts);
    OutputFile kept(texts / "a.txt", Locking::CoveredByAnother, &staging);
    kept.stream() << "kept";
    {
      OutputFile abandoned(texts / "b.txt", Locking::CoveredByAnother, &staging);
      abandoned.stream() << "abandoned";
      // Both temporaries are in the staging folder, which is the folder's only entry.
      ASSERT_EQ(files_in(texts), 1u);
      EXPECT_EQ(files_in(staging.path()), 2u);
      EXPECT_EQ(staging.path().parent_path(), texts);
    }
    EXPECT_EQ(files_in(staging.path()), 1u);
    // An output of another folder is made beside its target.
    OutputFile elsewhere(folder / "corpus.yaml", Locking::Own, &staging);
    EXPECT_EQ(files_in(staging.path()), 1u);
    kept.commit();
    elsewhere.commit();
    EXPECT_EQ(files_in(staging.path()), 0u);
    EXPECT_EQ(testing::read_bytes(texts / "a.txt"), "kept");
  }
  // Gone with its object: texts/ holds only what was committed.
  EXPECT_EQ(files_in(texts), 1u);
  EXPECT_FALSE(std::filesystem::exists(texts / "b.txt"));
  EXPECT_EQ(testing::read_bytes(folder / "corpus.yaml"), "");
}

TEST(StagingFolder, IsMadeOnlyWhenUsedAndIsAnIoErrorWhereItCannotBe) {
  testing::TempFolder folder;
  { StagingFolder unused(folder.path()); }
  EXPECT_EQ(files_in(folder.path()), 0u);
  StagingFolder missing(folder / "no");
  try {
    missing.path();
    FAIL() << "a staging folder in a missing folder";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
    EXPECT_NE(std::string(error.what()).find("cannot create a folder for temporary outputs"), std::string::npos) << error.what();
  }
}

TEST(SpoolFile, GivesBackWhatWasWrittenAndLeavesNoFile) {
  testing::TempFolder folder;
  std::string written;
  {
    SpoolFile spool(folder.path());
    EXPECT_EQ(files_in(folder.path()), 0u) << "unnamed from the start";
    for (int i = 0; i < 40000; ++i) {  // past the stream's buffer and the copy's block
      const std::string line = "  - id: s" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'x') + "\n";
      spool.stream() << line;
      written += line;
    }
    std::ostringstream out;
    out << "head\n";
    spool.copy_to(out);
    EXPECT_EQ(out.str(), "head\n" + written);
  }
  EXPECT_EQ(files_in(folder.path()), 0u);
  EXPECT_THROW(SpoolFile(folder / "missing"), Error);
}

}  // namespace qda
