// Atomic outputs: temporary file in the target's folder (same file system), then rename(2).
#include "qda/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/interruption.hpp"
#include "qda/paths.hpp"
#include "output_lock.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kStreamBufferBytes = 1 << 18;
constexpr std::size_t kDirectWriteBytes = 1 << 16;

mode_t default_file_mode() {
  // umask can only be read by setting it; restore it at once. Read once: an import creates thousands.
  static const mode_t mode = [] {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666) & ~mask;
  }();
  return mode;
}

}  // namespace

// Not make_unique for the buffer: it would zero the bytes first.
DescriptorBuffer::DescriptorBuffer(int fd) : fd_(fd), buffer_(new char[kStreamBufferBytes]) {
  setp(buffer_.get(), buffer_.get() + kStreamBufferBytes);
}

bool DescriptorBuffer::write_all(const char* data, std::size_t size) {
  while (size > 0 && !failed_) {
    const ssize_t written = ::write(fd_, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
    } else {
      data += written;
      size -= static_cast<std::size_t>(written);
    }
  }
  return !failed_;
}

bool DescriptorBuffer::drain() {
  const bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
  setp(pbase(), epptr());
  return ok;
}

DescriptorBuffer::int_type DescriptorBuffer::overflow(int_type c) {
  if (!buffer_ || !drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize DescriptorBuffer::xsputn(const char* data, std::streamsize size) {
  if (!buffer_) return 0;
  const auto bytes = static_cast<std::size_t>(size);
  // A large write (a source's whole text) on an empty buffer goes straight to the file, uncopied.
  if (pptr() == pbase() && bytes >= kDirectWriteBytes) return write_all(data, bytes) ? size : 0;
  if (bytes <= static_cast<std::size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), data, bytes);
    pbump(static_cast<int>(size));
    return size;
  }
  if (!drain()) return 0;
  if (bytes >= kDirectWriteBytes) return write_all(data, bytes) ? size : 0;
  std::memcpy(pptr(), data, bytes);
  pbump(static_cast<int>(size));
  return size;
}

int DescriptorBuffer::sync() { return buffer_ && drain() ? 0 : -1; }

bool DescriptorBuffer::flush_and_release() {
  const bool ok = buffer_ && drain();
  buffer_.reset();
  setp(nullptr, nullptr);
  return ok && !failed_;
}

namespace {

// Where writing `target` should land: the file a symbolic link points to (followed to its end), so
// that a link is never replaced by a regular file.
fs::path follow_links(const fs::path& target) {
  fs::path at = target;
  std::error_code error;
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(at, error)); ++hops) {
    const fs::path pointed = fs::read_symlink(at, error);
    if (error) throw io_error(fmt::format("cannot read the symbolic link: {}", error.message()), {at.string()});
    at = pointed.is_absolute() ? pointed : at.parent_path() / pointed;
  }
  return at;
}

}  // namespace

StagingFolder::StagingFolder(fs::path parent) : parent_(std::move(parent)) {}

const fs::path& StagingFolder::path() {
  if (!path_.empty()) return path_;
  std::string pattern = (parent_ / temporary_name_pattern("stage")).string();
  const auto creating = interruption::hold_off_clean_up();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw io_error(fmt::format("cannot create a folder for temporary outputs: {}", std::strerror(errno)), {parent_.string()});
  }
  path_ = pattern;
  interruption::add_with_contents(path_);  // its temporary files are not listed each
  return path_;
}

StagingFolder::~StagingFolder() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
  interruption::remove(path_);
}

OutputFile::OutputFile(fs::path target, Locking locking, StagingFolder* staging)
    : target_(target.string()), destination_(follow_links(target).string()) {
  if (target_ == "-") {
    // Standard output, as every Unix tool takes "-": written as a stream, like a pipe. The copy of the
    // descriptor is closed at the end without closing the process's own.
    const int fd = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) throw io_error(fmt::format("cannot write to standard output: {}", std::strerror(errno)), {"-"});
    open_stream(fd);
    return;
  }
  struct stat status {};
  if (::stat(destination_.c_str(), &status) == 0) {
    if (S_ISDIR(status.st_mode)) throw io_error("is a folder; expected a file", {target_});
    if (S_ISFIFO(status.st_mode) || S_ISCHR(status.st_mode) || S_ISSOCK(status.st_mode)) {
      // A pipe or device cannot be replaced atomically, and must not be replaced at all: written as a stream.
      const int fd = ::open(destination_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) throw io_error(fmt::format("cannot open for writing: {}", std::strerror(errno)), {target_});
      open_stream(fd);
      return;
    }
    if (!S_ISREG(status.st_mode)) throw io_error("is not a regular file, a pipe or a character device; refusing to write over it", {target_});
  }
  const fs::path destination(destination_);
  fs::path folder = destination.parent_path();
  if (folder.empty()) folder = ".";
  if (locking == Locking::Own) lock_ = std::make_unique<OutputLock>(folder / destination.filename());
  remove_stale_leftovers(folder);
  const bool staged = staging != nullptr && staging->parent() == folder;
  const fs::path& temporary_folder = staged ? staging->path() : folder;
  std::string pattern = (temporary_folder / temporary_name_pattern(destination)).string();
  // Written through the descriptor mkstemp returns: reopening with O_TRUNC would make ext4 flush
  // the file to disk on close (its safeguard for files truncated and rewritten in place).
  const auto creating = interruption::hold_off_clean_up();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) throw io_error("the output folder does not exist", {folder.string()});
  if (fd < 0) throw io_error(fmt::format("cannot create a temporary output file: {}", std::strerror(errno)), {target_});
  ::fchmod(fd, default_file_mode());
  temporary_ = std::move(pattern);
  listed_ = !staged;
  if (listed_) interruption::add(temporary_);
  open_stream(fd);
}

void OutputFile::open_stream(int fd) {
  fd_ = fd;
  buffer_ = std::make_unique<DescriptorBuffer>(fd_);
  stream_.rdbuf(buffer_.get());
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temporary_.empty()) {
    std::error_code ec;
    fs::remove(temporary_, ec);
    if (listed_) interruption::remove(temporary_);
  }
}

void OutputFile::finish() {
  if (finished_) return;
  bool ok = static_cast<bool>(stream_) && buffer_->flush_and_release();
  stream_.rdbuf(nullptr);
  buffer_.reset();  // a run may hold many finished files until commit; their buffers are not needed
  ok = ::close(fd_) == 0 && ok;
  fd_ = -1;
  if (!ok) throw io_error("writing failed (disk full?)", {target_});
  finished_ = true;
}

void OutputFile::commit() {
  finish();
  if (temporary_.empty()) {
    committed_ = true;
    return;
  }
  interruption::hold_off_during([&] {
    if (::rename(temporary_.c_str(), destination_.c_str()) != 0) {
      throw io_error(fmt::format("cannot rename the finished output into place: {}", std::strerror(errno)), {target_});
    }
    committed_ = true;
    if (listed_) interruption::remove(temporary_);
  });
}

std::pair<std::string, std::string> OutputFile::finish_and_release() {
  if (lock_ != nullptr || temporary_.empty()) throw std::logic_error("OutputFile: only a file covered by another's lock and renamed on commit can be released");
  finish();
  committed_ = true;  // the destructor leaves the temporary file to its new owner
  return {std::move(temporary_), std::move(destination_)};
}

OutputFile& OutputSet::add(const fs::path& target, Locking locking) {
  files_.push_back(std::make_unique<OutputFile>(target, locking));
  return *files_.back();
}

OutputFile& OutputSet::adopt(std::unique_ptr<OutputFile> file) {
  files_.push_back(std::move(file));
  return *files_.back();
}

void OutputSet::adopt_finished(std::unique_ptr<OutputFile> file) {
  auto [temporary, destination] = file->finish_and_release();
  try {
    finished_.add(temporary, destination);
  } catch (...) {  // out of memory: the file has no owner but this
    std::error_code ec;
    fs::remove(temporary, ec);
    interruption::remove(temporary);
    throw;
  }
}

void OutputSet::commit_all() {
  for (auto& file : files_) file->finish();
  // All renamed or, if a signal comes first, none: the watcher waits for the renames to end.
  interruption::hold_off_during([&] {
    while (const auto next = finished_.next()) {
      const auto& [temporary, destination] = *next;
      if (::rename(temporary.c_str(), destination.c_str()) != 0) {
        throw io_error(fmt::format("cannot rename the finished output into place: {}", std::strerror(errno)), {destination});
      }
      interruption::remove(temporary);  // listed if it was made outside a staging folder
      finished_.take();
    }
    for (auto& file : files_) file->commit();
  });
}

OutputSet::~OutputSet() {
  // The finished files not renamed: a failed run leaves no temporary file.
  std::error_code ec;
  while (const auto next = finished_.next()) {
    fs::remove(next->first, ec);
    interruption::remove(next->first);
    finished_.take();
  }
}

void CreatedFolders::create(const fs::path& folder) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path at = fs::absolute(folder).lexically_normal(); !at.empty() && !fs::exists(at, ec); at = at.parent_path()) {
    missing.insert(missing.begin(), at);
    if (at == at.parent_path()) break;
  }
  for (const auto& level : missing) {
    const auto creating = interruption::hold_off_clean_up();
    if (!fs::create_directory(level, ec) || ec) {
      throw io_error(fmt::format("cannot create the output folder: {}", ec ? ec.message() : "it appeared meanwhile"), {level.string()});
    }
    created_.push_back(level);
    interruption::add(level);
  }
  if (!fs::is_directory(folder, ec)) throw io_error("exists and is not a folder", {folder.string()});
}

void CreatedFolders::keep() {
  for (const auto& folder : created_) interruption::remove(folder);
  created_.clear();
}

CreatedFolders::~CreatedFolders() {
  std::error_code ec;
  for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
    fs::remove(*it, ec);  // only if left empty
    interruption::remove(*it);
  }
}

InputGuard::InputGuard(const std::vector<fs::path>& inputs)
    : owned_(inputs), input_([this](std::size_t i) { return owned_[i].string(); }) {
  hold(owned_.size());
}

InputGuard::InputGuard(std::size_t count, std::function<std::string(std::size_t)> input) : input_(std::move(input)) {
  hold(count);
}

void InputGuard::hold(std::size_t count) {
  hashes_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const fs::path resolved = resolver_.resolve(input_(i));
    if (!resolved.empty()) hashes_.emplace_back(std::hash<std::string>{}(resolved.native()), i);
  }
  std::sort(hashes_.begin(), hashes_.end());
}

std::optional<std::size_t> InputGuard::find(const fs::path& resolved) const {
  if (resolved.empty()) return std::nullopt;
  const std::size_t hash = std::hash<std::string>{}(resolved.native());
  auto candidate = std::lower_bound(hashes_.begin(), hashes_.end(), std::make_pair(hash, std::size_t{0}));
  for (; candidate != hashes_.end() && candidate->first == hash; ++candidate) {  // in the inputs' order
    if (resolver_.resolve(input_(candidate->second)) == resolved) return candidate->second;
  }
  return std::nullopt;
}

bool InputGuard::is_input(const fs::path& path) const { return find(resolver_.resolve(path)).has_value(); }

void InputGuard::check(const fs::path& output) const {
  if (const auto input = find(resolver_.resolve(output))) {
    throw usage_error(fmt::format("refusing to overwrite the input {} with an output", input_(*input)));
  }
}

void check_distinct_outputs(const std::vector<std::pair<std::string_view, std::string>>& outputs) {
  std::vector<std::pair<std::string_view, fs::path>> seen;  // option, resolved path
  std::string_view to_stdout;  // the option that writes to standard output, if one does
  for (const auto& [option, path] : outputs) {
    if (path == "-") {
      if (!to_stdout.empty()) throw usage_error(fmt::format("{} and {} both write to standard output ('-')", to_stdout, option));
      to_stdout = option;
      continue;
    }
    if (path.empty()) continue;
    const fs::path resolved = resolved_path(path);
    if (resolved.empty()) continue;
    for (const auto& [earlier, earlier_path] : seen) {
      if (earlier_path == resolved) throw usage_error(fmt::format("{} and {} name the same file", earlier, option));
    }
    seen.emplace_back(option, resolved);
  }
}

}  // namespace qda
