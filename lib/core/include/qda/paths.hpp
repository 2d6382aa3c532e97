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
// lstat instead of a readlink per component, and none for a walked entry the walk knows is no link;
// an import resolves every transcript twice).
class PathResolver {
 public:
  std::filesystem::path resolve(const std::filesystem::path& path);
  // An entry of a folder's walk, whose type the walk read with its name: no lstat unless it is a link.
  std::filesystem::path resolve(const std::filesystem::directory_entry& entry);

 private:
  std::filesystem::path resolve_in_folder(const std::filesystem::path& path, bool may_be_link);
  std::unordered_map<std::string, std::filesystem::path> folders_;
};

std::string portable_relative_path(const std::filesystem::path& path, const std::filesystem::path& base_folder);

}  // namespace qda
