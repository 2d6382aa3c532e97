// Building the phrase trie: nodes are appended as phrases are added; edges live in one hash table
// keyed by (node, word id), so a walk finds a child with one probe, however many children a common
// first word has.
#include "qda/phrase_trie.hpp"

namespace qda {

void PhraseTrie::add(const std::vector<std::uint32_t>& ids, std::string_view trailing_prefix, std::uint32_t pattern) {
  const auto new_node = [this] {
    nodes_.emplace_back();
    flags_.push_back(0);
    return static_cast<Node>(nodes_.size() - 1);
  };
  if (ids.front() >= roots_.size()) roots_.resize(ids.front() + 1, 0);
  if (roots_[ids.front()] == 0) roots_[ids.front()] = new_node();
  Node node = roots_[ids.front()];
  for (std::size_t k = 1; k < ids.size(); ++k) {
    Node next = edges_.empty() ? 0 : child(node, ids[k]);
    if (next == 0) {
      next = new_node();
      add_edge(node, ids[k], next);
    }
    node = next;
  }
  if (trailing_prefix.empty()) {
    nodes_[node].ends.push_back(pattern);
  } else {
    nodes_[node].tails.emplace_back(std::string(trailing_prefix), pattern);
    flags_[node] |= kHasTails;
  }
}

void PhraseTrie::add_edge(Node node, std::uint32_t id, Node child) {
  flags_[node] |= kHasChildren;
  ++edge_count_;
  if (2 * edge_count_ > edges_.size()) {
    std::vector<Edge> old = std::move(edges_);
    edges_.assign(old.empty() ? 64 : 2 * old.size(), Edge{});
    edge_filter_.assign(edges_.size() * 8 / 64, 0);
    filter_mask_ = edge_filter_.size() * 64 - 1;
    for (const Edge& edge : old) {
      if (edge.key != 0) add_edge_slot(edge);
    }
  }
  add_edge_slot({edge_key(node, id), child});
}

void PhraseTrie::add_edge_slot(const Edge& edge) {
  const std::size_t mask = edges_.size() - 1;
  std::size_t slot = edge_slot(edge.key, mask);
  while (edges_[slot].key != 0) slot = (slot + 1) & mask;
  edges_[slot] = edge;
  const std::size_t bit = filter_bit(edge.key);
  edge_filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

}  // namespace qda
