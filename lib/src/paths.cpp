// Relative, portable paths for provenance and corpus records.
#include "qda/paths.hpp"

namespace qda {
namespace fs = std::filesystem;

fs::path resolved_path(const fs::path& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(path.empty() ? fs::path(".") : path), ec);
  return ec ? fs::path() : resolved;
}

std::string portable_relative_path(const fs::path& path, const fs::path& base_folder) {
  const fs::path absolute_path = fs::absolute(path).lexically_normal();
  const fs::path absolute_base = fs::absolute(base_folder.empty() ? fs::path(".") : base_folder).lexically_normal();
  fs::path relative = absolute_path.lexically_relative(absolute_base);
  if (relative.empty()) relative = absolute_path;
  return relative.generic_string();
}

}  // namespace qda
