// Relative, portable paths for provenance and corpus records.
#include "qda/paths.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>

namespace qda {
namespace fs = std::filesystem;

fs::path resolved_path(const fs::path& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(path.empty() ? fs::path(".") : path), ec);
  return ec ? fs::path() : resolved;
}

fs::path PathResolver::resolve(const fs::path& path) { return resolve_in_folder(path, true); }

fs::path PathResolver::resolve(const fs::directory_entry& entry) {
  std::error_code error;
  return resolve_in_folder(entry.path(), entry.is_symlink(error) || error);
}

namespace {
// Paths asked about in one folder before it is listed: a listing reads every name of the folder,
// worth it for a transcripts folder, not for the folder of one output.
constexpr std::size_t kListAfter = 32;
}  // namespace

// With strings rather than fs::path operations, and the working folder asked for once: fs::absolute's
// getcwd and a path's parsing into components cost more than the lookup itself.
fs::path PathResolver::resolve_in_folder(const fs::path& path, bool may_be_link) {
  const std::string& given = path.native();
  if (given.empty()) return resolved_path(path);
  std::string absolute;
  if (given.front() == '/') {
    absolute = given;
  } else {
    if (working_folder_.empty()) working_folder_ = fs::current_path().native();
    absolute.reserve(working_folder_.size() + 1 + given.size());
    absolute.append(working_folder_);
    if (absolute.back() != '/') absolute.push_back('/');
    absolute.append(given);
  }
  const std::size_t slash = absolute.rfind('/');
  const std::string name = absolute.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return resolved_path(path);
  std::size_t folder_end = slash;
  while (folder_end > 0 && absolute[folder_end - 1] == '/') --folder_end;  // "a//b" is in "a"
  const std::string folder_path = folder_end == 0 ? std::string("/") : absolute.substr(0, folder_end);
  auto found = folders_.find(folder_path);
  if (found == folders_.end()) {
    found = folders_.emplace(folder_path, Folder{}).first;
    found->second.resolved = resolved_path(folder_path);
  }
  Folder& folder = found->second;
  if (may_be_link) {
    if (!folder.listed && !folder.unlistable && ++folder.asked >= kListAfter) list(folder, folder_path);
    if (folder.listed ? folder.links.count(name) > 0 : is_link(absolute)) return resolved_path(path);
  }
  if (folder.resolved.empty()) return {};
  return folder.resolved / name;
}

bool PathResolver::is_link(const std::string& absolute) {
  struct stat status {};
  return ::lstat(absolute.c_str(), &status) == 0 && S_ISLNK(status.st_mode);
}

// The folder's links, and the entries whose type the listing does not give, which might be links. A
// folder that does not exist has none; one that cannot be read is asked an lstat a path.
void PathResolver::list(Folder& folder, const std::string& path) {
  DIR* listing = ::opendir(path.c_str());
  if (listing == nullptr) {
    if (errno == ENOENT || errno == ENOTDIR) folder.listed = true;
    else folder.unlistable = true;
    return;
  }
  errno = 0;
  while (const dirent* entry = ::readdir(listing)) {
    if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) folder.links.emplace(entry->d_name);
  }
  if (errno != 0) {
    folder.links.clear();
    folder.unlistable = true;
  } else {
    folder.listed = true;
  }
  ::closedir(listing);
}

std::string portable_relative_path(const fs::path& path, const fs::path& base_folder) {
  const fs::path absolute_path = fs::absolute(path).lexically_normal();
  const fs::path absolute_base = fs::absolute(base_folder.empty() ? fs::path(".") : base_folder).lexically_normal();
  fs::path relative = absolute_path.lexically_relative(absolute_base);
  if (relative.empty()) relative = absolute_path;
  return relative.generic_string();
}

}  // namespace qda
