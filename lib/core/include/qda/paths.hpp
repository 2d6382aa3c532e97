// Paths as outputs record them: relative to the output's folder, with '/' separators.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace qda {

// The path made absolute, with symbolic links, "." and ".." resolved as far as it exists: two
// spellings of one file resolve alike. Empty if the file system cannot be asked.
std::filesystem::path resolved_path(const std::filesystem::path& path);

// resolved_path for many paths in few folders: each distinct folder is resolved once, and a path
// is its folder's resolution plus its own name unless that name is itself a symbolic link. Whether it
// is one is read from the folder's listing once a folder has been asked about often (its links, read
// once, instead of an lstat a path), by an lstat before that, and from the walk for a walked entry.
// An import resolves every transcript twice and checks every text it writes: tens of thousands of
// paths before its threads start.
class PathResolver {
 public:
  std::filesystem::path resolve(const std::filesystem::path& path);
  // An entry of a folder's walk, whose type the walk read with its name: no lstat unless it is a link.
  std::filesystem::path resolve(const std::filesystem::directory_entry& entry);

 private:
  struct Folder {
    std::filesystem::path resolved;  // empty if the file system cannot be asked
    std::size_t asked = 0;           // paths looked up in it before it was listed
    bool listed = false;             // `links` holds its links, and what cannot be told apart from one
    bool unlistable = false;         // it could not be read: an lstat a path, as before
    std::unordered_set<std::string> links;
  };
  std::filesystem::path resolve_in_folder(const std::filesystem::path& path, bool may_be_link);
  static bool is_link(const std::string& absolute);
  static void list(Folder& folder, const std::string& path);
  std::unordered_map<std::string, Folder> folders_;
  std::string working_folder_;  // asked for at the first relative path; no tool changes it during a run
};

std::string portable_relative_path(const std::filesystem::path& path, const std::filesystem::path& base_folder);

}  // namespace qda
