// The bound on a pattern's match length that RegexSearch uses to search only near the literals a
// match contains: exact values for patterns whose longest match is plain to see, unknown where
// matches are unbounded or the syntax is not read, the places where a misread pattern would give a
// bound too small (the end of a character class, a `{` that is a literal, case folding into longer
// code points), and, for random patterns, that no match RE2 finds is longer than the bound.
#include <gtest/gtest.h>

#include <re2/re2.h>

#include <cstdio>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "qda/regex_length.hpp"

namespace qda {

namespace {
std::optional<std::size_t> bound(const std::string& pattern, const re2::RE2::Options& options = re2::RE2::Options()) {
  const re2::RE2 regex(pattern, options);
  EXPECT_TRUE(regex.ok()) << pattern << ": " << regex.error();
  return max_match_length(regex);
}

const std::string kKelvinSign = "\xE2\x84\xAA";  // U+212A, folds with k
const std::string kLongS = "\xC5\xBF";           // U+017F, folds with s
}  // namespace

TEST(RegexLength, LiteralsCountTheirBytes) {
  EXPECT_EQ(bound("lapor"), 5u);
  EXPECT_EQ(bound("lapor desa"), 10u);
  EXPECT_EQ(bound(""), 0u);
  EXPECT_EQ(bound("caf\u00E9"), 7u) << "a code point other than ASCII counts 4 bytes";
  EXPECT_EQ(bound("}]x"), 3u) << "a lone } or ] is a literal";
}

TEST(RegexLength, ItemsMatchingOneCodePointCountFourBytes) {
  EXPECT_EQ(bound("."), 4u);
  EXPECT_EQ(bound("(?s:.)"), 4u);
  EXPECT_EQ(bound("[a-z]"), 4u);
  EXPECT_EQ(bound(R"(\d\D\s\S\w\W)"), 24u);
  EXPECT_EQ(bound(R"(\pL\p{Greek}\PN\P{^Han})"), 16u);
  EXPECT_EQ(bound(R"(\C)"), 1u) << "any one byte";
}

TEST(RegexLength, AssertionsMatchNoBytes) {
  EXPECT_EQ(bound(R"(^$\A\z\b\B)"), 0u);
  EXPECT_EQ(bound(R"((?m)^lapor$)"), 5u);
  EXPECT_EQ(bound(R"(\blapor\b)"), 5u);
}

TEST(RegexLength, TheBenchmarksPatterns) {
  EXPECT_EQ(bound(R"((?i)\b(?:SP4N|LAPOR|SIPD)\b)"), 5u) << "S counts 2 bytes under (?i): LONG S";
  EXPECT_EQ(bound(R"((?i)\b20[12][0-9]\b)"), 10u);
}

TEST(RegexLength, CaseFoldingCountsKelvinSignAndLongS) {
  EXPECT_EQ(bound("kasus"), 5u);
  EXPECT_EQ(bound("(?i)kasus"), 9u) << "k: 3 bytes (KELVIN SIGN), s: 2 bytes (LONG S)";
  EXPECT_EQ(bound("(?i)KASUS"), 9u);
  EXPECT_EQ(bound("(?i)lapor"), 5u);
  EXPECT_EQ(bound("a(?i)k"), 4u) << "(?i) applies from where it stands";
  EXPECT_EQ(bound(R"((?i)\x6B\153)"), 6u) << "an escaped k folds too";
  EXPECT_EQ(bound("(?i:k)s"), 5u) << "kept on past its group: the bound is larger, never smaller";
  EXPECT_EQ(bound("(?i)k(?-i)k"), 6u);
  re2::RE2::Options insensitive;
  insensitive.set_case_sensitive(false);
  EXPECT_EQ(bound("kasus", insensitive), 9u);
  // What the bound counts on, matched by RE2:
  EXPECT_TRUE(re2::RE2::FullMatch(kKelvinSign + "a" + kLongS + "u" + kLongS, "(?i)kasus"));
}

TEST(RegexLength, OnlyKAndSFoldWithLongerCodePoints) {
  // An ASCII code point under (?i) matches itself, its other case if a letter, and the code points
  // outside ASCII that fold with it: test_regex_search's OnlyLongSAndKelvinSignFoldIntoAscii shows
  // those are only U+017F and U+212A; here, which ASCII characters they fold with.
  for (int c = 0; c < 0x80; ++c) {
    char escaped[16];
    std::snprintf(escaped, sizeof escaped, "(?i)\\x{%X}", static_cast<unsigned>(c));
    const re2::RE2 regex(escaped);
    ASSERT_TRUE(regex.ok()) << escaped;
    EXPECT_EQ(re2::RE2::FullMatch(kKelvinSign, regex), c == 'k' || c == 'K') << escaped;
    EXPECT_EQ(re2::RE2::FullMatch(kLongS, regex), c == 's' || c == 'S') << escaped;
  }
}

TEST(RegexLength, AlternationsTakeTheLongestBranch) {
  EXPECT_EQ(bound("a|bcd|ef"), 3u);
  EXPECT_EQ(bound("(a|bc|)"), 2u);
  EXPECT_EQ(bound("a|"), 1u);
  EXPECT_EQ(bound("x(?:a|bc)y"), 4u);
  EXPECT_EQ(bound(R"((?P<year>\d{4})-(?:\d\d))"), 25u);
}

TEST(RegexLength, BoundedRepetitionsMultiply) {
  EXPECT_EQ(bound("a?"), 1u);
  EXPECT_EQ(bound("a??"), 1u);
  EXPECT_EQ(bound("a{3}"), 3u);
  EXPECT_EQ(bound("a{2,5}"), 5u);
  EXPECT_EQ(bound("a{2,5}?"), 5u);
  EXPECT_EQ(bound("a{0}b"), 1u);
  EXPECT_EQ(bound("(?:ab){3}"), 6u);
  EXPECT_EQ(bound("((a){2}b){3}"), 9u);
  EXPECT_EQ(bound("ab{3}"), 4u) << "the operator repeats the last code point only";
  EXPECT_EQ(bound("a(?i)?"), 1u) << "after flags, RE2 repeats the item before them";
}

TEST(RegexLength, UnboundedRepetitionsHaveNoBound) {
  for (const std::string pattern : {"a*", "a+", "a{2,}", "(?:ab)*?", "x.*y", R"(\d+)", "a+?", "(a|b*)", "^*", R"(lapor\w*)",
                                    "a{2,}?"}) {
    EXPECT_EQ(bound(pattern), std::nullopt) << pattern;
  }
}

TEST(RegexLength, ABraceThatStartsNoRepetitionIsALiteral) {
  EXPECT_EQ(bound("x{,3}"), 5u);
  EXPECT_EQ(bound("x{2,y}"), 6u);
  EXPECT_EQ(bound("x{"), 2u);
  EXPECT_EQ(bound("x{a}"), 4u);
  EXPECT_TRUE(re2::RE2::FullMatch("x{,3}", "x{,3}"));
  // RE2 reads these as literal text too, where a looser reading would take a repetition.
  EXPECT_EQ(bound("a{01}"), std::nullopt);
  EXPECT_EQ(bound("a{1234567890}"), std::nullopt);
  EXPECT_TRUE(re2::RE2::FullMatch("a{01}", "a{01}"));
  EXPECT_TRUE(re2::RE2::FullMatch("a{1234567890}", "a{1234567890}"));
}

TEST(RegexLength, CharacterClassesEndWhereRE2EndsThem) {
  EXPECT_EQ(bound("[]a]b"), 5u) << "] first is a member";
  EXPECT_EQ(bound("[^]a]b"), 5u);
  EXPECT_EQ(bound("[[:alpha:]]b"), 5u);
  EXPECT_EQ(bound(R"([a\]]b)"), 5u);
  EXPECT_EQ(bound(R"([\[-\]]b)"), 5u);
  EXPECT_EQ(bound(R"([\x{5D}\p{Greek}]b)"), 5u);
  EXPECT_EQ(bound("[[:]b"), 5u) << "[: with no :] after it is two members";
  // A range's second end is a plain character, so "[A-[" ends at the first "]" and the second is a
  // literal; a reader taking [:alpha:] as a name would end the class one "]" later.
  EXPECT_EQ(bound("[A-[:alpha:]]"), 5u);
  EXPECT_TRUE(re2::RE2::FullMatch("B]", "[A-[:alpha:]]"));
  EXPECT_EQ(bound("[*]+"), std::nullopt);
  EXPECT_EQ(bound("[+*]"), 4u);
}

TEST(RegexLength, EscapesCountTheCodePointTheyStandFor) {
  EXPECT_EQ(bound(R"(\x41\x{212A}\101\0\n\.\_)"), 10u);
  EXPECT_EQ(bound(R"(\x{E9}\351)"), 8u);
  EXPECT_EQ(bound(R"(\*\+\?\{\(\[)"), 6u);
  EXPECT_EQ(bound(R"(\Qa*b\E)"), 3u);
  EXPECT_EQ(bound(R"(\Qa*b)"), 3u) << "\\Q runs to the end without \\E";
  EXPECT_EQ(bound(R"(\Qab\E{3})"), 4u) << "the operator repeats the quote's last code point";
  EXPECT_EQ(bound(R"(a\Q\E{2})"), 2u);
  EXPECT_EQ(bound(R"(a\Q\E*)"), std::nullopt);
}

TEST(RegexLength, OptionsAreRead) {
  re2::RE2::Options literal;
  literal.set_literal(true);
  EXPECT_EQ(bound("a*b", literal), 3u);
  literal.set_case_sensitive(false);
  EXPECT_EQ(bound("ks", literal), 5u);

  re2::RE2::Options latin1;
  latin1.set_encoding(re2::RE2::Options::EncodingLatin1);
  EXPECT_EQ(bound("caf\xE9", latin1), 7u);
  EXPECT_EQ(bound("\xE9{2}", latin1), 8u) << "one Latin-1 byte is one code point";

  re2::RE2::Options posix;
  posix.set_posix_syntax(true);
  EXPECT_EQ(bound("lapor", posix), std::nullopt);

  re2::RE2::Options longest;
  longest.set_longest_match(true);
  EXPECT_EQ(bound("a{1,3}?", longest), 3u);
}

TEST(RegexLength, NoMatchIsLongerThanTheBound) {
  // Random patterns and texts; for every start in the text, RE2's longest match starting there.
  std::mt19937 random(20241128);
  const auto pick = [&](const std::vector<std::string>& choices) {
    return choices[std::uniform_int_distribution<std::size_t>(0, choices.size() - 1)(random)];
  };
  const auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(random) < percent; };
  const std::vector<std::string> atoms = {"k", "s", "ks", "a", "\u00E9", "\\x{212A}", ".", R"(\w)", R"(\pL)", "[^a]", "[ks]",
                                          R"(\b)", "^", "$", R"(\d)", R"(\s)", "(?i:k)"};
  const std::vector<std::string> repeats = {"", "", "", "?", "{2}", "{0,3}", "{1,2}?"};
  std::function<std::string(int)> random_pattern = [&](int depth) {
    std::string pattern;
    const int parts = std::uniform_int_distribution<int>(1, 3)(random);
    for (int i = 0; i < parts; ++i) {
      if (depth < 2 && chance(25)) {
        pattern += "(?:" + random_pattern(depth + 1) + "|" + random_pattern(depth + 1) + ")";
      } else {
        pattern += pick(atoms);
      }
      pattern += pick(repeats);
    }
    return pattern;
  };
  const std::vector<std::string> pieces = {"k", "K", "s", "S", "a", "\u00E9", "\u00C9", kKelvinSign, kLongS, " ", "\n", "7",
                                           "\xF0\x9F\x98\x80", "x"};
  for (int round = 0; round < 300; ++round) {
    const std::string pattern = (chance(50) ? "(?i)" : "") + random_pattern(0);
    re2::RE2::Options options;
    options.set_longest_match(true);
    const re2::RE2 regex(pattern, options);
    ASSERT_TRUE(regex.ok()) << pattern;
    const std::optional<std::size_t> longest = max_match_length(regex);
    ASSERT_TRUE(longest.has_value()) << pattern;
    for (int t = 0; t < 10; ++t) {
      std::string text;
      const int count = std::uniform_int_distribution<int>(0, 20)(random);
      for (int i = 0; i < count; ++i) text += pick(pieces);
      for (std::size_t start = 0; start <= text.size(); ++start) {
        re2::StringPiece match;
        if (!regex.Match(text, start, text.size(), re2::RE2::ANCHOR_START, &match, 1)) continue;
        ASSERT_LE(match.size(), *longest) << pattern << " in: " << text;
      }
    }
  }
}

}  // namespace qda
