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

namespace qda {

// A word matches up to two single-word patterns without a branch on how many (the matcher writes two
// and keeps as many as there are); the third and later go one by one. Every count must come out
// exactly, in words of one and of two blocks, and over many texts (the buffer grows).
TEST(PatternMatcher, AnyNumberOfSingleWordPatternsPerWord) {
  PatternIndex index;
  for (std::uint32_t copies = 0; copies < 4; ++copies) {
    // Patterns 3 * copies, 3 * copies + 1 and 3 * copies + 2.
    index.add(compile_term("audit", "id", false));          // four patterns
    index.add(compile_term("keterbukaanku", "id", false));  // four, on a word of two blocks
    index.add(compile_term("x" + std::to_string(copies), "id", false));  // one each
  }
  PatternMatcher matcher(index);
  const Found found = matches_in(matcher, "Audit keterbukaanku x0 x1 x3 lain AUDIT");
  // audit: patterns 0 3 6 9 at words 0 and 6; keterbukaanku: 1 4 7 10 at word 1; x0 2, x1 5, x3 11.
  const Found expected = {{0, 0, 1}, {0, 6, 7}, {1, 1, 2}, {2, 2, 3}, {3, 0, 1}, {3, 6, 7}, {4, 1, 2}, {5, 3, 4},
                          {6, 0, 1}, {6, 6, 7}, {7, 1, 2}, {9, 0, 1}, {9, 6, 7}, {10, 1, 2}, {11, 4, 5}};
  EXPECT_EQ(found, expected);
  std::string long_text;
  for (int i = 0; i < 3000; ++i) long_text += i % 3 == 0 ? "audit " : i % 3 == 1 ? "lain " : "x1 ";
  EXPECT_EQ(matches_in(matcher, long_text).size(), 1000u * 4 + 1000u);
}

}  // namespace qda

namespace qda {

// A word may start phrases in several kinds (folded, and stemmed per language): the first two walks
// are asked whether they may go on without a branch, and a word with more is walked in full.
TEST(PatternMatcher, PhrasesStartingWithAWordInEveryKindAreFound) {
  PatternIndex index;
  index.add(compile_term("audit keamanan", "id", false));     // 0: folded
  index.add(compile_term("audit keamanannya", "id", true));   // 1: Indonesian stems
  index.add(compile_term("audit securities", "en", true));    // 2: English stems, the third walk
  index.add(compile_term("audit berkala", "id", false));      // 3: folded, the same first word
  index.add(compile_term("laporan data*", "id", false));      // 4: a trailing prefix
  PatternMatcher matcher(index);
  const Found found = matches_in(matcher, "Audit keamanan, audit security; AUDIT berkala. laporan datanya audit");
  // Words: 0 Audit 1 keamanan 2 audit 3 security 4 AUDIT 5 berkala 6 laporan 7 datanya 8 audit
  const Found expected = {{0, 0, 2}, {1, 0, 2}, {2, 2, 4}, {3, 4, 6}, {4, 6, 8}};
  EXPECT_EQ(found, expected);
}

}  // namespace qda

namespace qda {

// Words of 17 to 32 bytes are read from the lowered text eight bytes at a time: in capitals, mid-text
// and as the text's last bytes (where the last load reaches into the padding after the text).
TEST(PatternMatcher, WordsLongerThanSixteenBytesMatchAnywhere) {
  PatternIndex index;
  index.add(compile_term("keterbukaaninformasi", "id", false));              // 0: 20 bytes
  index.add(compile_term("pengarusutamaankesetaraangender", "id", false));   // 1: 31 bytes
  PatternMatcher matcher(index);
  EXPECT_EQ(matches_in(matcher, "KeterbukaanInformasi, lalu pengarusutamaankesetaraangender"),
            (Found{{0, 0, 1}, {1, 2, 3}}));
  EXPECT_EQ(matches_in(matcher, "PENGARUSUTAMAANKESETARAANGENDER keterbukaaninformasix"), (Found{{1, 0, 1}}))
      << "a longer word that starts like a term is not it";
}

}  // namespace qda
