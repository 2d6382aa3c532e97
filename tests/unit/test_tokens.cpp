// Word tokens, case folding and Snowball stems.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/tokens.hpp"
#include "temp_folder.hpp"

#include <filesystem>
#include <tuple>

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

namespace qda {

namespace {
std::vector<std::tuple<std::size_t, std::size_t, std::string>> both_ways(Tokenizer& tokenizer, const std::string& text,
                                                                         bool icu) {
  std::vector<Token> tokens;
  if (icu) tokenizer.tokenize_with_icu(text, tokens);
  else tokenizer.tokenize(text, tokens);
  std::vector<std::tuple<std::size_t, std::size_t, std::string>> result;
  for (const auto& token : tokens) result.emplace_back(token.begin, token.end, token.folded);
  return result;
}
}  // namespace

TEST(Tokenizer, FastPathGivesIcusWordsOnTrickyText) {
  Tokenizer tokenizer;
  for (const std::string text : {
           "Rp1.500.000,00 on 3.5% of 1,000 items; e.g. U.S.A. isn't can't o'clock 10:30 a:b _x_ __ x__y",
           "e-government, SP4N-LAPOR! (2022) — “kutipan” ‘single’ naïve café Ǆemal ŉ 50€ №5 x²",
           "Straße ΣΊΣΥΦΟΣ Здравствуйте, мир! tiếng Việt ₫ 1st 2nd A1-B2 ...dots... trailing.",
           "e\u0301 combining; soft\u00ADhyphen; zero\u200Bwidth; word\u200Djoiner",
           "_ lone, __ pair, ___ three, a _ b, x _a, a__ b, _",
           "ab_\u00AD x, g_\u00AD, e.g\u00AD_\u00AD",  // ICU gives these no word status
           "lapor ke admin@brebes.go.id, a@b 1@2 @ a.@b",     // ICU's '@' is a letter
           "a\u200D© x\u200D® ‼ y\u200D⁉",                // a joiner and a pictograph are one word
       }) {
    EXPECT_EQ(both_ways(tokenizer, text, false), both_ways(tokenizer, text, true)) << text;
  }
}

// Random texts of letters, digits, joiners (. ' , ;), connectors, accents and marks, long enough to
// cross the fast path's 16- and 64-byte windows at every kind of character, with gaps and words
// longer than 64 bytes.
TEST(Tokenizer, FastPathGivesIcusWordsOnRandomText) {
  Tokenizer tokenizer;
  const std::vector<std::string> pieces = {"a", "Z", "k", "7", "0", ".", "'", ",", ";", "_", ":", " ", "  ", "-", "\n",
                                           "é", "e\u0301", "\u00AD", "—", "\u200B", "ß", "Σ", "1.5", "e.g", "don't",
                                           "@", "\u200D", "©", "‼",
                                           // Gaps and words longer than the 64 bytes looked at in one go.
                                           std::string(70, ' '), std::string(64, ' '), std::string(70, 'x'), std::string(65, '9')};
  std::uint64_t state = 88172645463325252ull;  // xorshift: the same texts on every run
  const auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t length = next() % 400;
    while (text.size() < length) text += pieces[next() % pieces.size()];
    ASSERT_EQ(both_ways(tokenizer, text, false), both_ways(tokenizer, text, true)) << text;
  }
}

TEST(Tokenizer, FastPathGivesIcusWordsOnTheExampleTranscripts) {
  Tokenizer tokenizer;
  const auto texts = std::filesystem::path(QDA_SOURCE_DIR) / "tests" / "golden" / "brebes-smart-governance" / "corpus" / "texts";
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(texts)) {
    const std::string text = testing::read_bytes(entry.path());
    EXPECT_EQ(both_ways(tokenizer, text, false), both_ways(tokenizer, text, true)) << entry.path();
    ++compared;
  }
  EXPECT_EQ(compared, 6u);
}

TEST(Tokenizer, OtherScriptsGoToIcu) {
  Tokenizer tokenizer;
  std::vector<Token> tokens;
  tokenizer.tokenize("ภาษาไทย 東京都", tokens);  // Thai and Han are split by ICU's dictionaries
  EXPECT_GE(tokens.size(), 3u);
}

}  // namespace qda
