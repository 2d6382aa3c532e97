// Reading inputs as users name them: files, standard input ("-"), named pipes and /dev/stdin.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>
#include <thread>

#include "qda/error.hpp"
#include "qda/file.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {

// Runs `read` with standard input replaced by a pipe that a thread fills with `bytes`, larger than a
// pipe's buffer so that reading must wait for the writer.
std::string with_piped_stdin(const std::string& bytes, const std::function<std::string()>& read) {
  int ends[2];
  EXPECT_EQ(::pipe(ends), 0);
  const int saved = ::dup(STDIN_FILENO);
  ::dup2(ends[0], STDIN_FILENO);
  ::close(ends[0]);
  std::thread writer([&] {
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t got = ::write(ends[1], bytes.data() + written, bytes.size() - written);
      if (got <= 0) break;
      written += static_cast<std::size_t>(got);
    }
    ::close(ends[1]);
  });
  std::string result;
  try {
    result = read();
  } catch (...) {
    writer.join();
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    throw;
  }
  writer.join();
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  return result;
}

}  // namespace

TEST(ReadInput, ReadsAFileAndNamesAMissingOne) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "a.csv", "x,y\n");
  EXPECT_EQ(read_input((folder / "a.csv").string()), "x,y\n");
  try {
    read_input((folder / "nowhere.csv").string());
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
    EXPECT_EQ(error.message(), "no such file");
    EXPECT_EQ(error.where().file, (folder / "nowhere.csv").string());
  }
}

TEST(ReadInput, DashIsStandardInputEvenThroughAPipe) {
  const std::string big(300000, 'r');  // more than a pipe holds at once
  EXPECT_EQ(with_piped_stdin(big, [] { return read_input("-"); }), big);
  EXPECT_TRUE(is_standard_input("-"));
  EXPECT_FALSE(is_standard_input("-x"));
  EXPECT_EQ(input_display_name("-"), "standard input");
  EXPECT_EQ(input_display_name("a.csv"), "a.csv");
}

TEST(ReadInput, DevStdinIsReadAsAFile) {
  EXPECT_EQ(with_piped_stdin("unit,a,b\n", [] { return read_input("/dev/stdin"); }), "unit,a,b\n");
}

TEST(ReadInput, ReadsANamedPipe) {
  testing::TempFolder folder;
  const std::string fifo = (folder / "ratings.fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string bytes(200000, 'f');
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    std::size_t written = 0;
    while (fd >= 0 && written < bytes.size()) {
      const ssize_t got = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (got <= 0) break;
      written += static_cast<std::size_t>(got);
    }
    if (fd >= 0) ::close(fd);
  });
  const std::string read = read_input(fifo);
  writer.join();
  EXPECT_EQ(read, bytes);
}

TEST(ReadInput, AFolderIsNotAFile) {
  testing::TempFolder folder;
  try {
    read_input(folder.path().string());
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
    EXPECT_EQ(error.message(), "is a folder; expected a file");
  }
}

TEST(ReadInput, ADeviceThatNeverEndsIsRefusedNotReadUntilMemoryRunsOut) {
  try {
    read_input("/dev/zero");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_EQ(error.message(), "is a device, not a file; expected a file, a pipe or '-' for standard input");
    EXPECT_EQ(error.where().file, "/dev/zero");
  }
}

TEST(ReadInput, AStreamPastTheInputLimitIsAnInputError) {
  // A pipe that goes on past kMaxInputBytes: refused once the limit is passed, not read to its end.
  FILE* pipe = ::popen("head -c 1073741830 /dev/zero", "r");
  ASSERT_NE(pipe, nullptr);
  const int saved = ::dup(STDIN_FILENO);
  ::dup2(::fileno(pipe), STDIN_FILENO);
  std::string message;
  try {
    read_input("-");
  } catch (const Error& error) {
    message = error.message();
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  ::pclose(pipe);
  EXPECT_EQ(message, "larger than 1024 MiB, the most qda reads of one input; expected a smaller file (split the source, or "
                     "import its parts as separate files)");
}

}  // namespace qda
