// Relative, portable paths for provenance and corpus records.
#include "qda/paths.hpp"

#include <sys/stat.h>

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

fs::path PathResolver::resolve_in_folder(const fs::path& path, bool may_be_link) {
  const fs::path absolute = fs::absolute(path.empty() ? fs::path(".") : path);
  const fs::path name = absolute.filename();
  if (name.empty() || name == "." || name == "..") return resolved_path(path);
  struct stat status {};
  if (may_be_link && ::lstat(absolute.c_str(), &status) == 0 && S_ISLNK(status.st_mode)) return resolved_path(path);
  const std::string folder = absolute.parent_path().string();
  auto found = folders_.find(folder);
  if (found == folders_.end()) found = folders_.emplace(folder, resolved_path(absolute.parent_path())).first;
  if (found->second.empty()) return {};
  return found->second / name;
}

std::string portable_relative_path(const fs::path& path, const fs::path& base_folder) {
  const fs::path absolute_path = fs::absolute(path).lexically_normal();
  const fs::path absolute_base = fs::absolute(base_folder.empty() ? fs::path(".") : base_folder).lexically_normal();
  fs::path relative = absolute_path.lexically_relative(absolute_base);
  if (relative.empty()) relative = absolute_path;
  return relative.generic_string();
}

}  // namespace qda
