// Every word pattern found in one pass over a text's words: folded words, stems, one-word and
// trailing wildcards, phrases across punctuation, non-ASCII folding, and the same word seen again
// (from the matcher's cache) in a later text.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/pattern_index.hpp"
#include "qda/tokens.hpp"

namespace qda {

namespace {
using Found = std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>>;  // pattern, first word, end

Found matches_in(PatternMatcher& matcher, const std::string& text) {
  Tokenizer tokenizer;
  std::vector<WordBounds> words;
  tokenizer.find_words(text, words);
  std::vector<PatternMatch> matches;
  matcher.match(text, words, matches);
  Found found;
  for (const auto& match : matches) found.emplace_back(match.pattern, match.begin, match.end);
  std::sort(found.begin(), found.end());
  return found;
}
}  // namespace

TEST(PatternMatcher, FindsEveryKindOfPatternInOnePass) {
  const std::vector<TermPattern> patterns = {
      compile_term("layanan digital", "id", false),  // 0
      compile_term("keterbukaan", "id", true),       // 1: stem "buka"
      compile_term("transparan*", "id", false),      // 2
      compile_term("digital service*", "en", true),  // 3: "digital" stemmed, "service" a prefix
      compile_term("Straße", "de", false),           // 4: folds to "strasse"
      compile_term("digital", "en", false),          // 5
      compile_term("digital", "en", false),          // 6: the same term again
  };
  PatternIndex index;
  for (const auto& pattern : patterns) index.add(pattern);
  PatternMatcher matcher(index);
  // Words: 0 Layanan 1 DIGITAL 2 terbuka 3 transparansinya 4 digital 5 services 6 STRASSE 7 dibuka
  const std::string text = "Layanan\nDIGITAL. Terbuka; transparansinya — digital-services, STRASSE dibuka.";
  const Found expected = {{0, 0, 2}, {1, 2, 3}, {1, 7, 8}, {2, 3, 4}, {3, 4, 6}, {4, 6, 7},
                          {5, 1, 2}, {5, 4, 5}, {6, 1, 2}, {6, 4, 5}};
  EXPECT_EQ(matches_in(matcher, text), expected);
  EXPECT_EQ(matches_in(matcher, text), expected) << "the second time, every word comes from the cache";
  EXPECT_EQ(matches_in(matcher, "digital"), (Found{{5, 0, 1}, {6, 0, 1}})) << "a phrase cut short by the end";
  EXPECT_EQ(matches_in(matcher, "transpara layanandigital"), Found{}) << "no match inside a word or short of a prefix";
  // Capitals anywhere in words longer than eight bytes, and a capital that only ICU folds (ẞ to ss).
  EXPECT_EQ(matches_in(matcher, "TRANSPARANSINYA KeTeRbUkAaN STRAẞE"), (Found{{1, 1, 2}, {2, 0, 1}, {4, 2, 3}}));
}

}  // namespace qda
