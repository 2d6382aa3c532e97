// The trie of phrases over word ids: every phrase that starts at a word is found, with its length,
// including phrases that share words, prefixes of longer phrases and trailing wildcards.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "qda/phrase_trie.hpp"

namespace qda {

namespace {
// The (pattern, words) matches starting at each position of `ids` (with `words` their folded text).
std::set<std::pair<std::uint32_t, std::size_t>> matches_at(const PhraseTrie& trie, const std::vector<std::uint32_t>& ids,
                                                           const std::vector<std::string>& words, std::size_t start) {
  std::set<std::pair<std::uint32_t, std::size_t>> found;
  trie.match(
      ids.size() - start, [&](std::size_t i) { return ids[start + i]; },
      [&](std::size_t i) { return std::string_view(words[start + i]); },
      [&](std::uint32_t pattern, std::size_t length) { found.emplace(pattern, length); });
  return found;
}
using Found = std::set<std::pair<std::uint32_t, std::size_t>>;
}  // namespace

TEST(PhraseTrie, FindsEveryPhraseStartingAtAWord) {
  PhraseTrie trie;
  trie.add({1}, "", 10);        // "layanan"
  trie.add({1, 2}, "", 11);     // "layanan digital"
  trie.add({1, 2, 3}, "", 12);  // "layanan digital terpadu"
  trie.add({1, 3}, "", 13);     // "layanan terpadu"
  trie.add({2, 3}, "", 14);     // "digital terpadu"
  trie.add({1, 2}, "", 15);     // the same phrase in a second rule
  const std::vector<std::uint32_t> ids = {1, 2, 3, 0, 1};
  const std::vector<std::string> words = {"layanan", "digital", "terpadu", "kami", "layanan"};
  EXPECT_EQ(matches_at(trie, ids, words, 0), (Found{{10, 1}, {11, 2}, {15, 2}, {12, 3}}));
  EXPECT_EQ(matches_at(trie, ids, words, 1), (Found{{14, 2}}));
  EXPECT_EQ(matches_at(trie, ids, words, 3), Found{});
  EXPECT_EQ(matches_at(trie, ids, words, 4), (Found{{10, 1}})) << "a phrase cut short by the end of the text";
}

TEST(PhraseTrie, TrailingPrefixMatchesWordsStartingWithIt) {
  PhraseTrie trie;
  trie.add({7}, "service", 1);  // "digital service*"
  trie.add({7, 8}, "", 2);      // "digital government"
  const std::vector<std::string> words = {"digital", "services", "digital", "servi", "digital", "government"};
  const std::vector<std::uint32_t> ids = {7, 0, 7, 0, 7, 8};
  EXPECT_EQ(matches_at(trie, ids, words, 0), (Found{{1, 2}}));
  EXPECT_EQ(matches_at(trie, ids, words, 2), Found{}) << "'servi' is shorter than the prefix";
  EXPECT_EQ(matches_at(trie, ids, words, 4), (Found{{2, 2}}));
  EXPECT_EQ(matches_at(trie, {7}, {"digital"}, 0), Found{}) << "no word after the last";
}

TEST(PhraseTrie, IdsBeyondAnyPhraseAreNoMatch) {
  PhraseTrie trie;
  trie.add({3, 5}, "", 1);
  EXPECT_EQ(matches_at(trie, {99, 5}, {"x", "y"}, 0), Found{});
  EXPECT_EQ(matches_at(trie, {3, 99}, {"x", "y"}, 0), Found{});
  EXPECT_EQ(matches_at(trie, {3, 5}, {"x", "y"}, 0), (Found{{1, 2}}));
}

}  // namespace qda
