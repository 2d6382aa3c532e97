// What a file's claims read of its long lists, so that qda-check holds only that: a corpus.yaml of
// thousands of sources, of which a claim counts the sources or reads a value of one of them.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace qda {

// One value a claim reads: its path (a JSON Pointer with [key=value] tokens, value_path.hpp), and
// whether it compares the value itself (equals, in, every, ...) or only counts its items.
struct ValueRead {
  std::string pointer;
  bool compares = false;
};

// For a list of a document (named by the object keys that lead to it from the root), what the reads
// need of its items: all of them whole; or only some of their members (the keys a [key=value]
// token selects by, and the first key read below an item), or none (only how many there are), each
// item then kept as null. A read that addresses an item whole, compares the list or anything above
// it, or steps into the list other than by an index or a [key=value] token needs the items whole.
class ListProjection {
 public:
  explicit ListProjection(std::vector<ValueRead> reads) : reads_(std::move(reads)) {}

  // Whether the list at `keys` may be held projected (not every item whole).
  bool projects(const std::vector<std::string>& keys) const { return !needs(keys).whole; }
  // The item as the reads need it (the list at `keys` must be one that projects()).
  nlohmann::ordered_json project(const std::vector<std::string>& keys, nlohmann::ordered_json&& item) const;

 private:
  struct Needs {
    bool whole = false;
    std::set<std::string> members;
  };
  // Worked out once a list: project() asks for every item.
  const Needs& needs(const std::vector<std::string>& keys) const;

  std::vector<ValueRead> reads_;
  mutable std::map<std::vector<std::string>, Needs> needs_;
};

}  // namespace qda
