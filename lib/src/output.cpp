// Atomic outputs: temporary file in the target's folder (same file system), then rename(2).
#include "qda/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/paths.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kStreamBufferBytes = 1 << 18;

mode_t default_file_mode() {
  // umask can only be read by setting it; restore it at once.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666) & ~mask;
}

}  // namespace

OutputFile::OutputFile(fs::path target) : target_(std::move(target)) {
  fs::path folder = target_.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw io_error("the output folder does not exist", {folder.string()});
  }
  std::string name = ".";
  name += target_.filename().string();
  name += ".tmp-XXXXXX";
  std::string pattern = (folder / name).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw io_error(fmt::format("cannot create a temporary output file: {}", std::strerror(errno)),
                   {target_.string()});
  }
  ::fchmod(fd, default_file_mode());
  ::close(fd);
  temporary_ = pattern;
  buffer_.reset(new char[kStreamBufferBytes]);  // not make_unique: it would zero the buffer first
  stream_.rdbuf()->pubsetbuf(buffer_.get(), kStreamBufferBytes);
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    fs::remove(temporary_, ec);
    throw io_error("cannot open the temporary output file", {temporary_.string()});
  }
}

OutputFile::~OutputFile() {
  if (!committed_) {
    stream_.close();
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
}

void OutputFile::finish() {
  if (finished_) return;
  stream_.flush();
  const bool ok = static_cast<bool>(stream_);
  stream_.close();
  buffer_.reset();  // a run may hold many finished files until commit; their buffers are not needed
  if (!ok || stream_.fail()) throw io_error("writing failed (disk full?)", {target_.string()});
  finished_ = true;
}

void OutputFile::commit() {
  finish();
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw io_error(fmt::format("cannot rename the finished output into place: {}", std::strerror(errno)),
                   {target_.string()});
  }
  committed_ = true;
}

OutputFile& OutputSet::add(const fs::path& target) {
  files_.push_back(std::make_unique<OutputFile>(target));
  return *files_.back();
}

void OutputSet::commit_all() {
  for (auto& file : files_) file->finish();
  for (auto& file : files_) file->commit();
}

InputGuard::InputGuard(const std::vector<fs::path>& inputs) {
  for (const auto& input : inputs) {
    const fs::path resolved = resolved_path(input);
    if (!resolved.empty()) inputs_.emplace(resolved, input);
  }
}

bool InputGuard::is_input(const fs::path& path) const {
  const fs::path resolved = resolved_path(path);
  return !resolved.empty() && inputs_.count(resolved) > 0;
}

void InputGuard::check(const fs::path& output) const {
  const fs::path resolved = resolved_path(output);
  if (resolved.empty()) return;
  if (auto found = inputs_.find(resolved); found != inputs_.end()) {
    throw usage_error(fmt::format("refusing to overwrite the input {} with an output", found->second.string()));
  }
}

}  // namespace qda
