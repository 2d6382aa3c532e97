// Paths as outputs record them: relative to the output's folder, with '/' separators.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace qda {

// The path made absolute, with symbolic links, "." and ".." resolved as far as it exists: two
// spellings of one file resolve alike. Empty if the file system cannot be asked.
std::filesystem::path resolved_path(const std::filesystem::path& path);

// `path` made absolute against `working_folder` (absolute) by joining the strings: no system call and
// no parsing into components, for tens of thousands of paths; "." and ".." stay as they are written.
std::string joined_absolute(std::string_view path, std::string_view working_folder);

// resolved_path for many paths in few folders: each distinct folder is resolved once, and a path
// is its folder's resolution plus its own name unless that name is itself a symbolic link. Whether it
// is one is read from the folder's listing once a folder has been asked about often (read once: its
// links by name, its other names by a hash), by an lstat before that and for a name the listing does
// not have, and from the walk for a walked entry. An import resolves every transcript twice and checks
// every text it writes: tens of thousands of paths before its threads start. A listing is not read
// again: an entry that becomes a link after it, during the run, is not seen as one (no tool makes one).
class PathResolver {
 public:
  std::filesystem::path resolve(const std::filesystem::path& path);
  // An entry of a folder's walk, whose type the walk read with its name: no lstat unless it is a link.
  std::filesystem::path resolve(const std::filesystem::directory_entry& entry);

 private:
  struct Folder {
    std::filesystem::path resolved;  // empty if the file system cannot be asked
    std::size_t asked = 0;           // paths looked up in it before it was listed
    bool listed = false;             // `links` and `others` hold its entries (none if it did not exist)
    bool existed = false;            // when it was listed
    bool unlistable = false;         // it could not be read: an lstat a path, as before
    std::unordered_set<std::string> links;
    std::vector<std::size_t> others;  // hashes of the other names, sorted
  };
  std::filesystem::path resolve_in_folder(const std::filesystem::path& path, bool may_be_link);
  static bool is_link(const Folder& folder, const std::string& name, const std::string& absolute);
  static void list(Folder& folder, const std::string& path);
  std::unordered_map<std::string, Folder> folders_;
  std::string working_folder_;  // asked for at the first relative path; no tool changes it during a run
};

std::string portable_relative_path(const std::filesystem::path& path, const std::filesystem::path& base_folder);

}  // namespace qda
