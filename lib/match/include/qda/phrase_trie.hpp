// Phrases over word ids, found by walking a trie from a starting word: phrases that share their first
// words are followed together, one child lookup per word, instead of each being compared on its own.
// Codebooks have many phrases that start with the same common words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qda {

class PhraseTrie {
 public:
  using Node = std::uint32_t;  // 0: none

  // Adds phrase `pattern`: the ids of its words (at least one, none 0), then optionally a last word
  // given as a prefix, which any word starting with it matches (empty: none).
  void add(const std::vector<std::uint32_t>& ids, std::string_view trailing_prefix, std::uint32_t pattern);

  // The node reached by a first word with this id, or 0.
  Node root(std::uint32_t id) const { return id < roots_.size() ? roots_[id] : 0; }
  // The phrases that end at a node.
  const std::vector<std::uint32_t>& ends(Node node) const { return nodes_[node].ends; }
  // True if a phrase goes on past the node.
  bool leads_on(Node node) const { return flags_[node] != 0; }

  // Calls found(pattern, words) for every phrase that matches the words from a starting word on.
  // id_at(i) is the id of the i-th word from the start (0 if it has none), word_at(i) its folded
  // text (for trailing prefixes); i < available, the words left in the text.
  template <typename IdAt, typename WordAt, typename Found>
  void match(std::size_t available, IdAt id_at, WordAt word_at, Found found) const {
    if (available == 0) return;
    const Node first = root(id_at(0));
    if (first == 0) return;
    for (const std::uint32_t pattern : ends(first)) found(pattern, 1);
    extend(first, available, id_at, word_at, found);
  }

  // Whether extend() from `node` could find anything when the next word's id is `next_id`. False
  // settles it in a few instructions without a branch: a word that starts a phrase is rarely followed
  // by the phrase's next word, and whether it starts one at all follows no pattern a branch predictor
  // could learn. True only means extend() must look. Any node, 0 too.
  bool may_go_on(Node node, std::uint32_t next_id) const {
    const std::size_t bit = filter_bit(edge_key(node, next_id));
    const auto filtered = static_cast<std::uint8_t>(edge_filter_[bit / 64] >> (bit % 64) & 1);
    return (flags_[node] & (kHasTails | filtered * kHasChildren)) != 0;
  }

  // As match(), for the phrases longer than one word, given the node its first word reached.
  template <typename IdAt, typename WordAt, typename Found>
  void extend(Node node, std::size_t available, IdAt id_at, WordAt word_at, Found found) const {
    // The flags and the edge filter are small enough to stay in cache; the nodes themselves are
    // touched only where a phrase really goes on.
    for (std::size_t depth = 1; depth < available; ++depth) {
      if (flags_[node] & kHasTails) {
        const std::string_view word = word_at(depth);
        for (const auto& [prefix, pattern] : nodes_[node].tails) {
          if (word.substr(0, prefix.size()) == prefix) found(pattern, depth + 1);
        }
      }
      if (!(flags_[node] & kHasChildren) || (node = child(node, id_at(depth))) == 0) return;
      for (const std::uint32_t pattern : nodes_[node].ends) found(pattern, depth + 1);
    }
  }

 private:
  static constexpr std::uint8_t kHasChildren = 1, kHasTails = 2;
  struct NodeData {
    std::vector<std::uint32_t> ends;                           // phrases that end here
    std::vector<std::pair<std::string, std::uint32_t>> tails;  // (prefix, phrase) ending one word on
  };
  struct Edge {
    std::uint64_t key = 0;  // node << 32 | word id; 0 for an empty slot (node 0 has no edges)
    Node child = 0;
  };

  static std::uint64_t edge_key(Node node, std::uint32_t id) { return std::uint64_t{node} << 32 | id; }
  static std::size_t edge_slot(std::uint64_t key, std::size_t mask) { return (key * 0x9E3779B97F4A7C15ull) >> 32 & mask; }
  // One bit per hash of an edge's key: most words do not continue a phrase, and the filter says so
  // without a probe of the (larger) edge table.
  std::size_t filter_bit(std::uint64_t key) const { return (key * 0xC2B2AE3D27D4EB4Full) >> 32 & filter_mask_; }
  Node child(Node node, std::uint32_t id) const {
    if (id == 0) return 0;
    const std::uint64_t key = edge_key(node, id);
    const std::size_t bit = filter_bit(key);
    if (!(edge_filter_[bit / 64] >> (bit % 64) & 1)) return 0;
    const std::size_t mask = edges_.size() - 1;
    for (std::size_t slot = edge_slot(key, mask);; slot = (slot + 1) & mask) {
      if (edges_[slot].key == key) return edges_[slot].child;
      if (edges_[slot].key == 0) return 0;
    }
  }
  void add_edge(Node node, std::uint32_t id, Node child);
  void add_edge_slot(const Edge& edge);

  std::vector<Node> roots_;        // by the first word's id
  std::vector<NodeData> nodes_{1};  // node 0 stands for "none"
  std::vector<std::uint8_t> flags_{0};  // per node: kHasChildren, kHasTails
  std::vector<Edge> edges_;         // open addressing, linear probing, at most half full
  std::vector<std::uint64_t> edge_filter_ = std::vector<std::uint64_t>(1, 0);  // as many bits as edge slots, times 8
  std::size_t filter_mask_ = 63;                                                 // its bits, less one
  std::size_t edge_count_ = 0;
};

}  // namespace qda
