#include "output_lock.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/interruption.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

fs::path lock_path(const fs::path& output) { return output.parent_path() / fmt::format(".{}.qda-lock", output.filename().string()); }

bool same_file(int fd, const fs::path& path) {
  struct stat held {}, named {};
  return ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 && held.st_ino == named.st_ino && held.st_dev == named.st_dev;
}

// The process id in ".NAME.qda-tmp-PID-XXXXXX", if the name has that shape.
bool temporary_owner(const std::string& name, long& pid) {
  if (name.size() < 2 || name.front() != '.') return false;
  const std::size_t tag = name.rfind(".qda-tmp-");
  if (tag == std::string::npos) return false;
  const char* first = name.data() + tag + 9;
  const char* last = name.data() + name.size();
  const auto [end, error] = std::from_chars(first, last, pid);
  return error == std::errc() && end != first && last - end == 7 && *end == '-';
}

}  // namespace

OutputLock::OutputLock(const fs::path& output) : path_(lock_path(output)) {
  // The run holding the lock may remove its file between our open and flock: then try again.
  for (int attempt = 0; attempt < 8; ++attempt) {
    const auto creating = interruption::hold_off_clean_up();
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0 && (errno == ENOENT || errno == ENOTDIR)) throw io_error("the output folder does not exist", {output.parent_path().string()});
    if (fd_ < 0) throw io_error(fmt::format("cannot create the output's lock file: {}", std::strerror(errno)), {path_.string()});
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd_);
      fd_ = -1;
      if (error == EWOULDBLOCK) {
        throw io_error(fmt::format("another run is writing this output (it holds {}); wait for it to end", path_.filename().string()),
                       {output.string()});
      }
      throw io_error(fmt::format("cannot lock the output: {}", std::strerror(error)), {output.string()});
    }
    if (same_file(fd_, path_)) {
      interruption::add(path_);
      return;
    }
    ::close(fd_);
    fd_ = -1;
  }
  throw io_error("cannot lock the output: its lock file keeps changing", {output.string()});
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  interruption::remove(path_);
  ::unlink(path_.c_str());  // before the lock is released, so no run locks a file about to vanish
  ::close(fd_);
}

std::string temporary_name_pattern(const fs::path& output) {
  return fmt::format(".{}.qda-tmp-{}-XXXXXX", output.filename().string(), static_cast<long>(::getpid()));
}

void remove_stale_leftovers(const fs::path& folder) {
  static std::mutex mutex;
  static std::set<fs::path> cleaned;
  const std::lock_guard lock(mutex);
  if (!cleaned.insert(folder).second) return;
  std::error_code error;
  for (fs::directory_iterator it(folder.empty() ? fs::path(".") : folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    long pid = 0;
    if (temporary_owner(name, pid)) {
      // A file, or a staging folder with the files in it.
      if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(it->path(), error);
      error.clear();
    } else if (name.size() > 10 && name.front() == '.' && name.compare(name.size() - 9, 9, ".qda-lock") == 0) {
      // A lock file nobody holds was left by a run killed outright.
      const int fd = ::open(it->path().c_str(), O_RDWR | O_CLOEXEC);
      if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0 && same_file(fd, it->path())) ::unlink(it->path().c_str());
      if (fd >= 0) ::close(fd);
    }
  }
}

}  // namespace qda
