// The leftmost match of each of several regular expressions in a text. A pattern given twice is
// searched once. With two or more to search, one RE2::Set pass first tells which of them occur at
// all, so a text is read about once however many patterns the codebook has, and only the patterns
// that occur are searched again for their match.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace re2 {
class RE2;
}

namespace qda {

class RegexSearch {
 public:
  // Compiles this searcher's own copies of the patterns, with their options (RE2 objects share a locked cache between
  // the threads that use them, so each thread should have its own searcher).
  explicit RegexSearch(const std::vector<const re2::RE2*>& patterns);
  ~RegexSearch();
  RegexSearch(const RegexSearch&) = delete;
  RegexSearch& operator=(const RegexSearch&) = delete;

  using Span = std::optional<std::pair<std::size_t, std::size_t>>;  // bytes [begin, end)
  // For each pattern i with wanted[i], found[i] is its leftmost match in `text`, or nullopt if there
  // is none or it is empty (an empty match is no evidence); found[i] is nullopt for the others.
  void search(std::string_view text, const std::vector<char>& wanted, std::vector<Span>& found);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qda
