// The finished files a run has written and not yet renamed into place (qda-import's texts): tens of
// thousands of them, held in tens of bytes each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qda {

// Each file as the folders of its two paths, held once in a table (a run's files are in a few), and its
// two names, in blocks that are never moved or copied as they fill: twice each full path in one string
// that doubled as it grew took 21 MB at 47,450 files. Files come out in the order they were added.
class FinishedFiles {
 public:
  FinishedFiles() = default;
  FinishedFiles(const FinishedFiles&) = delete;  // a run's files are renamed or removed once
  FinishedFiles& operator=(const FinishedFiles&) = delete;
  // All or nothing: if it throws, the file is not held.
  void add(std::string_view temporary, std::string_view destination);
  // The first file not yet taken: its temporary path and its destination.
  std::optional<std::pair<std::string, std::string>> next() const;
  // Takes the file next() gives.
  void take();

 private:
  // A file's two names in its block, and where the next file starts.
  struct Entry {
    const char* temporary_name;
    const char* destination_name;
    std::size_t end;
  };
  std::uint32_t folder_index(std::string_view folder);
  // Moves a cursor past a block it has read all of, unless that is the last; whether a file is there.
  bool settle(std::size_t& block, std::size_t& at) const;
  Entry entry_at(std::size_t block, std::size_t at) const;

  std::vector<std::string> folders_;  // each ending in '/', or empty for a bare name
  std::unordered_map<std::string, std::uint32_t> folder_of_;
  // Per file: the two folders' indexes (4 bytes each), then the two names, each ended by '\0'.
  std::vector<std::string> blocks_;
  std::size_t block_ = 0, at_ = 0;  // where next() reads
};

}  // namespace qda
