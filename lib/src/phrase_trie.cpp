// Building the phrase trie: nodes are appended as phrases are added; children stay sorted by id so
// that a walk finds a child by binary search.
#include "qda/phrase_trie.hpp"

namespace qda {

void PhraseTrie::add(const std::vector<std::uint32_t>& ids, std::string_view trailing_prefix, std::uint32_t pattern) {
  const auto new_node = [this] {
    nodes_.emplace_back();
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  };
  if (ids.front() >= root_.size()) root_.resize(ids.front() + 1, 0);
  if (root_[ids.front()] == 0) root_[ids.front()] = new_node();
  std::uint32_t node = root_[ids.front()];
  for (std::size_t k = 1; k < ids.size(); ++k) {
    auto& children = nodes_[node].children;
    auto found = std::lower_bound(children.begin(), children.end(), std::make_pair(ids[k], std::uint32_t{0}));
    if (found == children.end() || found->first != ids[k]) {
      const std::uint32_t created = new_node();  // may move nodes_, so `children` is looked up again
      auto& moved = nodes_[node].children;
      found = moved.insert(std::lower_bound(moved.begin(), moved.end(), std::make_pair(ids[k], std::uint32_t{0})),
                           {ids[k], created});
    }
    node = found->second;
  }
  if (trailing_prefix.empty()) nodes_[node].patterns.push_back(pattern);
  else nodes_[node].tails.emplace_back(std::string(trailing_prefix), pattern);
}

}  // namespace qda
