// Phrases over word ids, found by walking a trie from a starting word: phrases that share their first
// words are followed together, one child lookup per word, instead of each being compared on its own.
// Codebooks have many phrases that start with the same common words.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qda {

class PhraseTrie {
 public:
  // Adds phrase `pattern`: the ids of its words (at least one, none 0), then optionally a last word
  // given as a prefix, which any word starting with it matches (empty: none).
  void add(const std::vector<std::uint32_t>& ids, std::string_view trailing_prefix, std::uint32_t pattern);

  // Calls found(pattern, words) for every phrase that matches the words from a starting word on.
  // id_at(i) is the id of the i-th word from the start (0 if it has none), word_at(i) its folded
  // text (for trailing prefixes); i < available, the words left in the text.
  template <typename IdAt, typename WordAt, typename Found>
  void match(std::size_t available, IdAt id_at, WordAt word_at, Found found) const {
    if (available == 0) return;
    const std::uint32_t first = id_at(0);
    const Node* node = first < root_.size() && root_[first] != 0 ? &nodes_[root_[first]] : nullptr;
    for (std::size_t depth = 1; node != nullptr; ++depth) {
      for (const std::uint32_t pattern : node->patterns) found(pattern, depth);
      if (depth >= available) return;
      if (!node->tails.empty()) {
        const std::string_view word = word_at(depth);
        for (const auto& [prefix, pattern] : node->tails) {
          if (word.substr(0, prefix.size()) == prefix) found(pattern, depth + 1);
        }
      }
      node = child(*node, id_at(depth));
    }
  }

 private:
  struct Node {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> children;  // (word id, node), sorted by id
    std::vector<std::uint32_t> patterns;                            // phrases that end here
    std::vector<std::pair<std::string, std::uint32_t>> tails;       // (prefix, phrase) ending one word on
  };

  const Node* child(const Node& node, std::uint32_t id) const {
    const auto found = std::lower_bound(node.children.begin(), node.children.end(), std::make_pair(id, std::uint32_t{0}));
    return found != node.children.end() && found->first == id ? &nodes_[found->second] : nullptr;
  }

  std::vector<std::uint32_t> root_;  // by the first word's id: its node, or 0 for none
  std::vector<Node> nodes_{1};       // node 0 stands for "none"
};

}  // namespace qda
