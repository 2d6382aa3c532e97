// Relative, portable paths for provenance and corpus records.
#include "qda/paths.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>

namespace qda {
namespace fs = std::filesystem;

fs::path resolved_path(const fs::path& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(path.empty() ? fs::path(".") : path), ec);
  return ec ? fs::path() : resolved;
}

std::string joined_absolute(std::string_view path, std::string_view working_folder) {
  if (!path.empty() && path.front() == '/') return std::string(path);
  std::string absolute;
  absolute.reserve(working_folder.size() + 1 + path.size());
  absolute.append(working_folder);
  if (absolute.empty() || absolute.back() != '/') absolute.push_back('/');
  absolute.append(path);
  return absolute;
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
  if (given.front() != '/' && working_folder_.empty()) working_folder_ = fs::current_path().native();
  const std::string absolute = joined_absolute(given, working_folder_);
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
    if (is_link(folder, name, absolute)) return resolved_path(path);
  }
  if (folder.resolved.empty()) return {};
  return folder.resolved / name;
}

// From the listing when the name is in it; else, and in a folder not listed, by an lstat: a name the
// listing does not have byte for byte (made after it, or the same name in other letter case on a file
// system that folds case) is asked as before. A folder that did not exist when it was listed has no
// names and no links.
bool PathResolver::is_link(const Folder& folder, const std::string& name, const std::string& absolute) {
  if (folder.listed) {
    if (folder.links.count(name) > 0) return true;
    if (!folder.existed || std::binary_search(folder.others.begin(), folder.others.end(), std::hash<std::string>{}(name))) return false;
  }
  struct stat status {};
  return ::lstat(absolute.c_str(), &status) == 0 && S_ISLNK(status.st_mode);
}

// The folder's links by name and its other entries by a hash of the name. An entry whose type the
// listing does not give is asked for it. A folder that does not exist has none; one that cannot be
// read is asked an lstat a path.
void PathResolver::list(Folder& folder, const std::string& path) {
  const std::unique_ptr<DIR, int (*)(DIR*)> listing(::opendir(path.c_str()), ::closedir);
  if (!listing) {
    if (errno == ENOENT || errno == ENOTDIR) folder.listed = true;
    else folder.unlistable = true;
    return;
  }
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(listing.get());
    if (entry == nullptr) break;
    bool link = entry->d_type == DT_LNK;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat status {};
      link = ::fstatat(::dirfd(listing.get()), entry->d_name, &status, AT_SYMLINK_NOFOLLOW) != 0 || S_ISLNK(status.st_mode);
    }
    if (link) folder.links.emplace(entry->d_name);
    else folder.others.push_back(std::hash<std::string>{}(entry->d_name));
  }
  if (errno != 0) {
    folder.links.clear();
    folder.others.clear();
    folder.unlistable = true;
    return;
  }
  std::sort(folder.others.begin(), folder.others.end());
  folder.listed = folder.existed = true;
}

std::string portable_relative_path(const fs::path& path, const fs::path& base_folder) {
  const fs::path absolute_path = fs::absolute(path).lexically_normal();
  const fs::path absolute_base = fs::absolute(base_folder.empty() ? fs::path(".") : base_folder).lexically_normal();
  fs::path relative = absolute_path.lexically_relative(absolute_base);
  if (relative.empty()) relative = absolute_path;
  return relative.generic_string();
}

}  // namespace qda
