// Outputs that appear whole or not at all: written to a temporary file beside the target, renamed on commit.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qda/finished_files.hpp"
#include "qda/paths.hpp"

namespace qda {

// A stream buffer over a file descriptor that copies every write smaller than its buffer into the
// buffer. (std::filebuf hands any write of 1 KiB or more straight to the kernel, which made a
// system call of every long CSV field.) Large writes on an empty buffer go straight through.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd);
  DescriptorBuffer(const DescriptorBuffer&) = delete;
  DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;
  // Writes what is buffered and releases the buffer; false if any write failed.
  bool flush_and_release();
  bool failed() const { return failed_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  bool write_all(const char* data, std::size_t size);
  bool drain();

  int fd_;
  std::unique_ptr<char[]> buffer_;
  bool failed_ = false;
};

class OutputLock;

// A hidden folder, inside the folder some outputs go to, where one thread creates their temporary files.
// Creating a file locks the folder it is made in, so threads writing thousands of outputs into one
// folder (qda-import's texts/) wait on each other in the kernel; each in a folder of its own, they do
// not. The files are renamed out of it on commit. Made on first use (".stage.qda-tmp-PID-XXXXXX", so a
// later run removes it if this one is killed outright); removed on destruction, or on interruption,
// with anything left in it, so it must outlive the OutputFiles made in it.
class StagingFolder {
 public:
  explicit StagingFolder(std::filesystem::path parent);
  ~StagingFolder();
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;

  const std::filesystem::path& parent() const { return parent_; }
  // The folder, created on the first call; an Io error if it cannot be.
  const std::filesystem::path& path();

 private:
  std::filesystem::path parent_;
  std::filesystem::path path_;
};

// Whether an output takes its own lock, or is covered by the lock of another output of the same run
// (qda-import's thousands of texts/ files, by segments.csv's: a lock holds a file descriptor open).
enum class Locking { Own, CoveredByAnother };

// One output file. Nothing is visible at the target path until commit(); if the object is destroyed
// before that (an error was thrown), the temporary file is removed and any existing target is untouched.
// While it exists no other run can write the same target (OutputLock). A target that is a symbolic
// link is written where the link points; a pipe or a character device (/dev/null, /dev/stdout, a
// process substitution) is written in place, as a stream, and so is "-", standard output; a folder or
// another kind of file is refused.
class OutputFile {
 public:
  // With a staging folder, the temporary file is made in it when the target's folder is its parent.
  explicit OutputFile(std::filesystem::path target, Locking locking = Locking::Own, StagingFolder* staging = nullptr);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return stream_; }
  // Flushes and checks the stream; throws an Io error if anything failed to reach the disk.
  void finish();
  // Renames the finished temporary file onto the target.
  void commit();
  // Finishes the file and hands its temporary file over: (temporary, destination), which the caller
  // renames or removes, then unlists from interruption (the file stays listed until then, if it was:
  // one made in a staging folder is not). Only for a file covered by another's lock and not written in
  // place (std::logic_error otherwise).
  std::pair<std::string, std::string> finish_and_release();

 private:
  void open_stream(int fd);

  // Strings, not paths, which keep each component besides: qda-import holds thousands of finished
  // outputs until its commit.
  std::string target_;       // as given, for messages
  std::string destination_;  // the file renamed onto: the target, or where its link points
  std::string temporary_;    // empty when written in place
  std::unique_ptr<OutputLock> lock_;
  bool listed_ = false;  // for interruption; not when made in a staging folder, which is listed whole
  int fd_ = -1;  // the descriptor written until finish()
  std::unique_ptr<DescriptorBuffer> buffer_;
  std::ostream stream_{nullptr};
  bool finished_ = false;
  bool committed_ = false;
};

// Folders a run creates for its outputs, removed again (when left empty) unless it keeps them: a
// failed or interrupted run leaves nothing behind.
class CreatedFolders {
 public:
  CreatedFolders() = default;
  ~CreatedFolders();
  CreatedFolders(const CreatedFolders&) = delete;
  CreatedFolders& operator=(const CreatedFolders&) = delete;
  // Creates `folder` and every missing level above it; an Io error if it cannot, or if it exists
  // and is not a folder.
  void create(const std::filesystem::path& folder);
  void keep();

 private:
  std::vector<std::filesystem::path> created_;  // outermost first
};

// Several outputs of one run: all are finished before any is renamed, so a failure while writing
// leaves every target as it was.
class OutputSet {
 public:
  OutputSet() = default;
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  OutputFile& add(const std::filesystem::path& target, Locking locking = Locking::Own);
  // A file made and written elsewhere, committed with the others in the order added.
  OutputFile& adopt(std::unique_ptr<OutputFile> file);
  // A file made, written and finished elsewhere, covered by another output's lock (qda-import writes
  // each source's text on the thread that read it), kept as its two paths only, not as an OutputFile of
  // half a kilobyte: a run holds thousands until its commit. Renamed before the set's other files.
  void adopt_finished(std::unique_ptr<OutputFile> file);
  // Renames every file onto its target; until then, destroying the set removes the temporary files.
  void commit_all();

 private:
  std::vector<std::unique_ptr<OutputFile>> files_;
  FinishedFiles finished_;  // adopted, not yet renamed into place
};

// A tool never overwrites its input: the inputs, resolved when the guard is made, against which outputs
// are checked. Only a hash of each input's resolved path is held, not the path (an import guards tens
// of thousands of inputs, which took about 200 bytes each as strings); an output whose hash is an
// input's is compared with that input, resolved again by the same PathResolver (a folder it has listed
// is not listed again, so a link made in it meanwhile is not seen; no tool makes one).
class InputGuard {
 public:
  explicit InputGuard(const std::vector<std::filesystem::path>& inputs);
  // `count` inputs, the i'th as given being `input(i)`: called again while the guard checks, so what it
  // reads must outlive the guard.
  InputGuard(std::size_t count, std::function<std::string(std::size_t)> input);
  InputGuard(const InputGuard&) = delete;  // input_ may view owned_
  InputGuard& operator=(const InputGuard&) = delete;
  bool is_input(const std::filesystem::path& path) const;
  // Throws a Usage error if `output` is one of the inputs.
  void check(const std::filesystem::path& output) const;

 private:
  void hold(std::size_t count);
  // The first input (as given) that resolves to `resolved`, if one does.
  std::optional<std::size_t> find(const std::filesystem::path& resolved) const;

  std::vector<std::filesystem::path> owned_;  // the inputs of the first constructor
  std::function<std::string(std::size_t)> input_;
  std::vector<std::pair<std::size_t, std::size_t>> hashes_;  // (hash of the resolved path, input), sorted
  mutable PathResolver resolver_;
};

// Throws a Usage error when two outputs of a run are one file, however spelt ("--output and --explain
// name the same file"), or when two write to standard output ("-"): each is (option, path); empty
// paths are left out.
void check_distinct_outputs(const std::vector<std::pair<std::string_view, std::string>>& outputs);

}  // namespace qda
