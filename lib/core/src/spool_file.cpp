#include "qda/spool_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "output_lock.hpp"

namespace qda {

SpoolFile::SpoolFile(const std::filesystem::path& folder) : folder_(folder) {
  // Named as any temporary output, so that a later run removes it should this one die before the unlink.
  std::string pattern = (folder / temporary_name_pattern("spool")).string();
  fd_ = ::mkstemp(pattern.data());
  if (fd_ < 0) throw io_error(fmt::format("cannot create a temporary file: {}", std::strerror(errno)), {folder.string()});
  if (::unlink(pattern.c_str()) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    throw io_error(fmt::format("cannot unlink a temporary file: {}", std::strerror(error)), {pattern});
  }
  buffer_ = std::make_unique<DescriptorBuffer>(fd_);
  stream_.rdbuf(buffer_.get());
}

SpoolFile::~SpoolFile() {
  stream_.rdbuf(nullptr);
  if (fd_ >= 0) ::close(fd_);
}

void SpoolFile::copy_to(std::ostream& out) {
  const bool written = static_cast<bool>(stream_) && buffer_->flush_and_release();
  stream_.rdbuf(nullptr);
  if (!written) throw io_error("writing a temporary file failed (disk full?)", {folder_.string()});
  if (::lseek(fd_, 0, SEEK_SET) != 0) {
    throw io_error(fmt::format("cannot read back a temporary file: {}", std::strerror(errno)), {folder_.string()});
  }
  std::vector<char> block(1 << 20);
  while (true) {
    const ssize_t got = ::read(fd_, block.data(), block.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw io_error(fmt::format("cannot read back a temporary file: {}", std::strerror(errno)), {folder_.string()});
    if (got == 0) return;
    out.write(block.data(), got);
  }
}

}  // namespace qda
