// Outputs that appear whole or not at all: written to a temporary file beside the target, renamed on commit.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

namespace qda {

// One output file. Nothing is visible at the target path until commit(); if the object is destroyed
// before that (an error was thrown), the temporary file is removed and any existing target is untouched.
class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path target);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return stream_; }
  const std::filesystem::path& target() const { return target_; }
  // Flushes and checks the stream; throws an Io error if anything failed to reach the disk.
  void finish();
  // Renames the finished temporary file onto the target.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream stream_;
  std::unique_ptr<char[]> buffer_;
  bool finished_ = false;
  bool committed_ = false;
};

// Several outputs of one run: all are finished before any is renamed, so a failure while writing
// leaves every target as it was.
class OutputSet {
 public:
  OutputFile& add(const std::filesystem::path& target);
  void commit_all();

 private:
  std::vector<std::unique_ptr<OutputFile>> files_;
};

// A tool never overwrites its input: the inputs, resolved once, against which outputs are checked.
class InputGuard {
 public:
  explicit InputGuard(const std::vector<std::filesystem::path>& inputs);
  bool is_input(const std::filesystem::path& path) const;
  // Throws a Usage error if `output` is one of the inputs.
  void check(const std::filesystem::path& output) const;

 private:
  std::map<std::filesystem::path, std::filesystem::path> inputs_;  // resolved -> as given
};

}  // namespace qda
