// Clauses: sentences cut at clause marks between words and before openers; a mark inside a word or
// right after an opener does not cut.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "qda/clause_finder.hpp"
#include "qda/tokens.hpp"

namespace qda {

namespace {

struct Found {
  std::vector<std::string> clauses;  // each clause's words, joined by one space; "|" before a sentence, "~" for a contrast
  std::vector<Clause> raw;
  std::vector<WordBounds> words;
};

// `openers`: (first word, end word, contrast), by word index.
Found clauses_of(const std::string& text, const std::vector<ClauseOpener>& openers = {}, const std::string& language = "id") {
  Tokenizer tokenizer;
  Found found;
  tokenizer.find_words(text, found.words);
  ClauseFinder finder({",", ";", ":"});
  finder.find(text, language, found.words, openers, found.raw);
  for (const Clause& clause : found.raw) {
    std::string words = clause.opens_sentence ? "|" : "";
    if (clause.contrast) words += "~";
    for (std::uint32_t w = clause.first_word; w < clause.end_word; ++w) {
      if (w != clause.first_word) words += ' ';
      words += text.substr(found.words[w].begin, found.words[w].end - found.words[w].begin);
    }
    found.clauses.push_back(words);
  }
  return found;
}

}  // namespace

TEST(ClauseFinder, SentencesAreCutAtMarksBetweenWords) {
  EXPECT_EQ(clauses_of("TTE belum semua, SOP belum ada; partisipasi: kurang. Itu saja.").clauses,
            (std::vector<std::string>{"|TTE belum semua", "SOP belum ada", "partisipasi", "kurang", "|Itu saja"}));
}

TEST(ClauseFinder, AMarkInsideAWordDoesNotCut) {
  // ICU keeps "1,5" one word.
  EXPECT_EQ(clauses_of("Nilainya 1,5 persen saja").clauses, (std::vector<std::string>{"|Nilainya 1,5 persen saja"}));
}

TEST(ClauseFinder, OpenersStartClausesAndContrastsAreMarked) {
  // Words: Sudah 0, ada 1, tapi 2, belum 3, terpadu 4, karena 5, dana 6.
  const Found found = clauses_of("Sudah ada tapi belum terpadu karena dana", {{5, 6, false}, {2, 3, true}});
  EXPECT_EQ(found.clauses, (std::vector<std::string>{"|Sudah ada", "~tapi belum terpadu", "karena dana"}));
  EXPECT_EQ(found.raw[1].body, 3u) << "the clause's words after its opener start at 'belum'";
  EXPECT_EQ(found.raw[2].body, 6u);
  EXPECT_EQ(found.raw[0].body, 0u);
}

TEST(ClauseFinder, AMarkRightAfterAnOpenerDoesNotCut) {
  const Found found = clauses_of("It works. However, it is not used.", {{2, 3, true}}, "en");
  EXPECT_EQ(found.clauses, (std::vector<std::string>{"|It works", "|~However it is not used"}));
  EXPECT_EQ(found.raw[1].body, 3u);
}

TEST(ClauseFinder, AnOpenerOfSeveralWordsAndItsBody) {
  const Found found = clauses_of("Sudah ada akan tetapi kurang", {{2, 4, true}});
  EXPECT_EQ(found.clauses, (std::vector<std::string>{"|Sudah ada", "~akan tetapi kurang"}));
  EXPECT_EQ(found.raw[1].body, 4u);
}

TEST(ClauseFinder, ClauseOfAWord) {
  const Found found = clauses_of("a, b c; d");
  EXPECT_EQ(clause_of(found.raw, 0), 0u);
  EXPECT_EQ(clause_of(found.raw, 1), 1u);
  EXPECT_EQ(clause_of(found.raw, 2), 1u);
  EXPECT_EQ(clause_of(found.raw, 3), 2u);
}

TEST(ClauseFinder, NoWordsNoClauses) { EXPECT_TRUE(clauses_of(" , ; ").raw.empty()); }

}  // namespace qda
