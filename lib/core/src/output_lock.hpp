// The lock that keeps two runs from writing one output at once, and the clean-up of what runs killed
// outright (SIGKILL, a power cut) left beside their outputs.
#pragma once

#include <filesystem>
#include <string>

namespace qda {

// Held while an output is written: an exclusive flock(2) on ".NAME.qda-lock" beside it, created for the
// run and removed at its end. A second run wanting the same output fails at once with an Io error.
class OutputLock {
 public:
  explicit OutputLock(const std::filesystem::path& output);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// The name of a temporary file for `output`, for mkstemp: ".NAME.qda-tmp-PID-XXXXXX", the process id
// telling a later run whether its writer is gone.
std::string temporary_name_pattern(const std::filesystem::path& output);

// Removes, once per folder and process, the temporary files and staging folders of runs that no longer
// exist and the lock files no run holds.
void remove_stale_leftovers(const std::filesystem::path& folder);

}  // namespace qda
