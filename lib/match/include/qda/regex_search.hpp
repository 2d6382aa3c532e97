// The leftmost match of each of several regular expressions in a text. A pattern given twice is
// searched once. Before any regular expression runs, one quick pass looks for the literal strings
// the patterns' matches must contain (FilteredRE2's atoms): a pattern whose literals are missing is
// not run at all, so a text without any costs a few instructions per byte instead of a DFA pass. A
// pattern whose matches have a bounded length runs only on the stretches of text around its
// literals' occurrences. Of the others, with two or more left, one RE2::Set pass tells which occur
// at all, and only those are searched again for their match.
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
