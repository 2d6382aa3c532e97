// Paths as outputs record them: relative to the output's folder, with '/' separators.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

namespace qda {

// The path made absolute, with symbolic links, "." and ".." resolved as far as it exists: two
// spellings of one file resolve alike. Empty if the file system cannot be asked.
std::filesystem::path resolved_path(const std::filesystem::path& path);

// resolved_path for many paths in few folders: each distinct folder is resolved once, and a path
// is its folder's resolution plus its own name unless that name is itself a symbolic link (one
// lstat instead of a readlink per component; an import resolves every transcript three times).
class PathResolver {
 public:
  std::filesystem::path resolve(const std::filesystem::path& path);

 private:
  std::unordered_map<std::string, std::filesystem::path> folders_;
};

std::string portable_relative_path(const std::filesystem::path& path, const std::filesystem::path& base_folder);

}  // namespace qda
