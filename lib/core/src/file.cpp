// Reading input files into memory, with errors that name it.
#include "qda/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <limits>
#include <cstring>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda {

namespace {

// Up to `limit` bytes from an open descriptor, named `name` in errors.
std::string read_descriptor(int fd, const std::string& name, std::size_t limit) {
  struct stat status {};
  if (::fstat(fd, &status) != 0) throw io_error("cannot read the file's size", {name});
  if (S_ISDIR(status.st_mode)) throw io_error("is a folder; expected a file", {name});
  // /dev/zero and /dev/urandom never end: read whole, they took all memory. A terminal (standard
  // input typed by hand) ends at Ctrl-D.
  if (S_ISCHR(status.st_mode) && ::isatty(fd) == 0) {
    throw invalid_input("is a device, not a file; expected a file, a pipe or '-' for standard input", {name});
  }
  // The whole of an input is read into memory: past kMaxInputBytes that is refused as an input error,
  // not left to end in an allocation failure reported as qda's own.
  const bool whole = limit > kMaxInputBytes;
  if (whole) limit = kMaxInputBytes + 1;
  const auto too_large = [&] {
    return invalid_input(fmt::format("larger than {} MiB, the most qda reads of one input; expected a smaller file "
                                     "(split the source, or import its parts as separate files)",
                                     kMaxInputBytes >> 20),
                         {name});
  };
  if (whole && S_ISREG(status.st_mode) && static_cast<std::uint64_t>(status.st_size) > kMaxInputBytes) throw too_large();
  const auto read_some = [&](char* into, std::size_t size) {
    while (true) {
      const ssize_t got = ::read(fd, into, size);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) throw io_error(fmt::format("read failed: {}", std::strerror(errno)), {name});
    }
  };
  // Read straight into a string of the file's size, then on to the end: a file may have grown
  // since, or report no size (a pipe).
  std::string bytes(S_ISREG(status.st_mode) ? std::min(static_cast<std::size_t>(status.st_size), limit) : 0, '\0');
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const std::size_t got = read_some(bytes.data() + filled, bytes.size() - filled);
    if (got == 0) break;
    filled += got;
  }
  bytes.resize(filled);
  char more[1 << 12];
  while (bytes.size() < limit) {
    const std::size_t got = read_some(more, std::min(sizeof more, limit - bytes.size()));
    if (got == 0) break;
    bytes.append(more, got);
  }
  if (whole && bytes.size() > kMaxInputBytes) throw too_large();
  return bytes;
}

// Up to `limit` bytes of the file, from its start.
std::string read_up_to(const std::filesystem::path& path, std::size_t limit) {
  // One open and one fstat, not separate exists/is_directory/file_size calls: an import reads
  // thousands of files.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw io_error("no such file", {path.string()});
    throw io_error(fmt::format("cannot open file for reading: {}", std::strerror(errno)), {path.string()});
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  return read_descriptor(fd, path.string(), limit);
}

}  // namespace

std::string read_file(const std::filesystem::path& path) { return read_up_to(path, std::numeric_limits<std::size_t>::max()); }

bool is_standard_input(std::string_view name) { return name == "-"; }

std::string input_display_name(const std::string& name) { return is_standard_input(name) ? "standard input" : name; }

std::string read_input(const std::string& name) {
  if (is_standard_input(name)) {
    return read_descriptor(STDIN_FILENO, input_display_name(name), std::numeric_limits<std::size_t>::max());
  }
  return read_file(name);
}

std::string read_file_head(const std::filesystem::path& path, std::size_t max_bytes) { return read_up_to(path, max_bytes); }

}  // namespace qda
