// Word tokens, case folding and Snowball stems.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/tokens.hpp"

namespace qda {

namespace {
std::vector<std::string> words(const std::string& text) {
  Tokenizer tokenizer;
  std::vector<Token> tokens;
  tokenizer.tokenize(text, tokens);
  std::vector<std::string> folded;
  for (const auto& token : tokens) folded.push_back(token.folded);
  return folded;
}
}  // namespace

TEST(Tokenizer, SplitsOnIcuWordBoundariesAndDropsPunctuation) {
  EXPECT_EQ(words("E-Government, SP4N-LAPOR! (2022)"),
            (std::vector<std::string>{"e", "government", "sp4n", "lapor", "2022"}));
  EXPECT_EQ(words("Straße\nÉCOLE"), (std::vector<std::string>{"strasse", "école"}));
}

TEST(Tokenizer, KeepsByteOffsetsIntoTheText) {
  Tokenizer tokenizer;
  std::vector<Token> tokens;
  const std::string text = "  café — ok";
  tokenizer.tokenize(text, tokens);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "café");
}

TEST(CaseFold, FoldsAsciiAndUnicode) {
  EXPECT_EQ(case_fold("E-GOVERNMENT"), "e-government");
  EXPECT_EQ(case_fold("ΣΊΣΥΦΟΣ"), "σίσυφοσ");
}

TEST(Stemmer, IndonesianAndEnglishStems) {
  Stemmer indonesian("id");
  EXPECT_EQ(indonesian.stem("keterbukaan"), "buka") << "two layers of affixes: stemmed to a fixed point";
  EXPECT_EQ(indonesian.stem("keterbukaan"), indonesian.stem("terbuka"));
  EXPECT_EQ(indonesian.stem("pelayanan"), "layan");
  Stemmer english("en");
  EXPECT_EQ(english.stem("transparency"), english.stem("transparent"));
  EXPECT_EQ(english.stem("budgeting"), "budget");
  EXPECT_THROW(Stemmer("xx"), Error);
  EXPECT_EQ(snowball_algorithm("en-GB"), "english");
}

}  // namespace qda
