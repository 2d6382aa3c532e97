// The codebook's word patterns (terms, phrases, wildcards, NEAR operands, exclusions, cues) in one
// index, and the per-thread matcher that finds every one of them in a segment's words in one pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "qda/phrase_trie.hpp"
#include "qda/term_pattern.hpp"
#include "qda/tokens.hpp"
#include "qda/word_cache.hpp"

namespace qda {

struct PatternMatch {
  std::uint32_t pattern;  // as numbered by PatternIndex::add
  std::uint32_t begin;    // word indexes, end exclusive
  std::uint32_t end;
};

class PatternIndex {
 public:
  PatternIndex();
  // Adds a pattern (it must outlive the index) and returns its number: 0, 1, 2, ...
  std::uint32_t add(const TermPattern& pattern);

 private:
  friend class PatternMatcher;
  struct PrefixHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };

  std::uint32_t intern(std::size_t kind, const std::string& form);
  std::size_t stem_kind(const std::string& language);

  std::uint32_t size_ = 0;
  // Form kinds: how words compare. Kind 0 compares folded words; kind k > 0 their stems in
  // stem_languages_[k - 1]. Words are compared as small integers: every form a pattern uses is
  // interned per kind, and the patterns of a kind are a trie over those ids.
  std::vector<std::string> stem_languages_;
  std::vector<std::unordered_map<std::string, std::uint32_t>> form_ids_;  // [kind]: form -> id (from 1)
  std::vector<PhraseTrie> phrases_;                                      // [kind]
  // One-word wildcards, by their folded prefix, and the lengths of those prefixes.
  std::unordered_map<std::string, std::vector<std::uint32_t>, PrefixHash, std::equal_to<>> prefixes_;
  std::vector<std::size_t> prefix_lengths_;
};

// Finds an index's patterns in the words of one text after another. One per thread: it owns stemmers
// and a bounded cache of what each word seen so far is to the patterns.
class PatternMatcher {
 public:
  explicit PatternMatcher(const PatternIndex& index);
  ~PatternMatcher();
  PatternMatcher(const PatternMatcher&) = delete;
  PatternMatcher& operator=(const PatternMatcher&) = delete;

  // Every match of every pattern among `words` (found in `text` by Tokenizer::find_words), in order
  // of their first word.
  void match(std::string_view text, const std::vector<WordBounds>& words, std::vector<PatternMatch>& matches);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qda
