// Searching several regular expressions at once: the same leftmost matches as RE2 gives for each
// pattern alone, with the required-literal prefilter, the RE2::Set prefilter, shared patterns and
// patterns not wanted. The prefilter tests put each pattern where it has to be found although a
// filter that judged wrongly would drop it: atoms in another case, atoms that are not ASCII, code
// points that RE2 folds into ASCII letters. The tests of the search near the literals' occurrences
// put the match where a window too narrow, windows not merged, a window searched without the text
// around it, or a scan blind to those code points would miss it or cut it short.
#include <gtest/gtest.h>

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "qda/regex_search.hpp"

namespace qda {

namespace {
struct Patterns {
  explicit Patterns(const std::vector<std::string>& texts, const re2::RE2::Options& options = re2::RE2::Options()) {
    for (const auto& text : texts) add(text, options);
  }
  void add(const std::string& text, const re2::RE2::Options& options) {
    owned.push_back(std::make_unique<re2::RE2>(text, options));
    pointers.push_back(owned.back().get());
  }
  std::vector<std::unique_ptr<re2::RE2>> owned;
  std::vector<const re2::RE2*> pointers;
};

// What RE2 finds for one pattern alone: the leftmost match, if not empty.
RegexSearch::Span alone(const re2::RE2& regex, const std::string& text) {
  re2::StringPiece match;
  if (!regex.Match(text, 0, text.size(), RE2::UNANCHORED, &match, 1) || match.empty()) return std::nullopt;
  const auto begin = static_cast<std::size_t>(match.data() - text.data());
  return std::make_pair(begin, begin + match.size());
}

RegexSearch::Span span(std::size_t begin, std::size_t end) { return std::make_pair(begin, end); }
using Spans = std::vector<RegexSearch::Span>;

Spans search_wanted(RegexSearch& search, const std::string& text, const std::vector<char>& wanted) {
  Spans found;
  search.search(text, wanted, found);
  return found;
}

// Searches `text` for every pattern and checks each result against RE2 alone.
std::vector<RegexSearch::Span> search_all(RegexSearch& search, const Patterns& patterns, const std::string& text) {
  std::vector<RegexSearch::Span> found;
  search.search(text, std::vector<char>(patterns.pointers.size(), 1), found);
  EXPECT_EQ(found.size(), patterns.pointers.size());
  for (std::size_t i = 0; i < found.size() && i < patterns.owned.size(); ++i) {
    EXPECT_EQ(found[i], alone(*patterns.owned[i], text)) << "pattern " << patterns.owned[i]->pattern() << " in: " << text;
  }
  return found;
}

// The UTF-8 of a code point.
std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

const std::string kKelvinSign = utf8(0x212A);
const std::string kLongS = utf8(0x17F);
}  // namespace

TEST(RegexSearch, FindsWhatEachPatternFindsAlone) {
  const Patterns patterns({R"((?i)\b(?:SP4N|LAPOR|SIPD)\b)", R"((?i)\b20[12][0-9]\b)", R"((?i)audit\s+keamanan)",
                           R"((?i)\b(?:SP4N|LAPOR|SIPD)\b)", R"(z*\b)"});
  RegexSearch search(patterns.pointers);
  for (const std::string text : {"", "Laporan 2023 lewat SP4N-LAPOR, sejak 2019.", "AUDIT  KEAMANAN belum pernah",
                                 "tidak ada apa-apa", "z", "lapor 1999 20234 2024"}) {
    search_all(search, patterns, text);
  }
}

TEST(RegexSearch, OnlyWantedPatternsAreReported) {
  const Patterns patterns({"sudah", "belum", "sudah"});
  RegexSearch search(patterns.pointers);
  std::vector<RegexSearch::Span> found;
  search.search("belum, sudah", {1, 0, 0}, found);
  EXPECT_EQ(found[0], span(7, 12));
  EXPECT_EQ(found[1], std::nullopt);
  EXPECT_EQ(found[2], std::nullopt) << "the same pattern, not wanted under this index";
  search.search("belum, sudah", {0, 0, 0}, found);
  EXPECT_EQ(found, (std::vector<RegexSearch::Span>(3, std::nullopt)));
}

TEST(RegexSearch, PatternsWithDifferentOptionsAreSearchedOneByOne) {
  re2::RE2::Options insensitive;
  insensitive.set_case_sensitive(false);
  const re2::RE2 a("audit"), b("audit", insensitive);
  RegexSearch search({&a, &b});
  std::vector<RegexSearch::Span> found;
  search.search("AUDIT audit", {1, 1}, found);
  EXPECT_EQ(found[0], span(6, 11));
  EXPECT_EQ(found[1], span(0, 5));
}

TEST(RegexSearch, PatternsWhoseLiteralsAreMissingAreNotFoundAndPresentOnesAre) {
  const Patterns patterns({R"((?i)\blapor\b)", R"(audit\s+keamanan)", R"(tahun\s+\d{4})"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, "tidak ada apa-apa di sini");
  EXPECT_EQ(found, (std::vector<RegexSearch::Span>(3, std::nullopt)));
  found = search_all(search, patterns, "kami lapor lewat audit  keamanan pada tahun 2023");
  EXPECT_EQ(found[0], span(5, 10));
  EXPECT_EQ(found[1], span(17, 32));
  EXPECT_EQ(found[2], span(38, 48));
  found = search_all(search, patterns, "laporan tanpa audit");
  EXPECT_EQ(found[0], std::nullopt) << "the literal is there, the word boundary is not";
  EXPECT_EQ(found[1], std::nullopt);
}

TEST(RegexSearch, CaseInsensitivePatternsMatchTextInAnyCase) {
  Patterns patterns({R"((?i)keamanan\s+data)", R"((?i)\bSIPD\b)"});
  re2::RE2::Options insensitive;
  insensitive.set_case_sensitive(false);
  patterns.add("Audit Sistem", insensitive);
  RegexSearch search(patterns.pointers);
  const std::string text = "Kata mereka, KeAmAnAn DATA lewat sipd dan aUDIT sISTEM itu penting.";
  const auto found = search_all(search, patterns, text);
  EXPECT_EQ(found[0], span(13, 26));
  EXPECT_EQ(found[1], span(33, 37));
  EXPECT_EQ(found[2], span(42, 54));
}

TEST(RegexSearch, PatternsWithoutLiteralsAreSearchedInEveryText) {
  // \d+ and [xyz] need no literal of three characters or more; `.` and (?i)ya need none either.
  const Patterns patterns({R"((?i)\blapor\b)", R"(\d+)", R"([xyz])", ".", R"((?i)\bya\b)"});
  RegexSearch search(patterns.pointers);
  const auto found = search_all(search, patterns, "Ya, tahun 2023 juga.");
  EXPECT_EQ(found[0], std::nullopt);
  EXPECT_EQ(found[1], span(10, 14));
  EXPECT_EQ(found[2], std::nullopt);
  EXPECT_EQ(found[3], span(0, 1));
  EXPECT_EQ(found[4], span(0, 2));
}

TEST(RegexSearch, CodePointsThatFoldIntoAsciiLettersAreMatched) {
  // RE2 folds KELVIN SIGN with k and LONG S with s, and lowercases them into k and s when it makes
  // the patterns' literals: each pattern here has an ASCII literal ("kelvin", "sapi") that the
  // matching text lacks.
  Patterns patterns({"(?i)kelvin", "(?i)sapi", "\\x{212A}elvin", "\\x{17F}api", "(?i)[jk]elvin"});
  RegexSearch search(patterns.pointers);
  const std::string kelvin = kKelvinSign + "elvin", sapi = kLongS + "api";
  for (const std::string& text : {kelvin + " " + sapi, "suhu 300 " + kelvin + " dan " + sapi + "\xE2\x80\x9C...\xE2\x80\x9D",
                                  std::string(40, 'x') + "\xE2\x80\x94" + kelvin + std::string(40, '.') + sapi}) {
    const auto found = search_all(search, patterns, text);
    for (std::size_t i = 0; i < found.size(); ++i) EXPECT_TRUE(found[i].has_value()) << patterns.owned[i]->pattern() << " in: " << text;
  }
  for (const std::string& text : {kelvin, sapi}) search_all(search, patterns, text);
  const auto found = search_all(search, patterns, "KELVIN Sapi");
  EXPECT_EQ(found[0], span(0, 6));
  EXPECT_EQ(found[1], span(7, 11));
  EXPECT_EQ(found[2], std::nullopt);
  EXPECT_EQ(found[3], std::nullopt);
}

TEST(RegexSearch, OnlyLongSAndKelvinSignFoldIntoAscii) {
  // regex_search.cpp treats these two code points as the only ones that can stand for an ASCII
  // letter of a literal. Checked here against RE2's own tables for every code point: those that
  // (?i) folds with an ASCII letter, and those whose literal FilteredRE2 turns into ASCII.
  const re2::RE2 folds_with_ascii(R"((?i)[\x00-\x7F])");
  std::set<char32_t> into_ascii;
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    if (re2::RE2::FullMatch(utf8(c), folds_with_ascii)) into_ascii.insert(c);
  }
  // Case mappings stop well below U+20000.
  for (char32_t c = 0x80; c < 0x20000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    for (const char* flags : {"", "(?i)"}) {
      re2::FilteredRE2 filter(1);
      int id = 0;
      char pattern[32];
      std::snprintf(pattern, sizeof pattern, "%s\\x{%X}", flags, static_cast<unsigned>(c));
      ASSERT_EQ(filter.Add(pattern, re2::RE2::Options(), &id), re2::RE2::NoError) << pattern;
      std::vector<std::string> atoms;
      filter.Compile(&atoms);
      for (const std::string& atom : atoms) {
        if (std::all_of(atom.begin(), atom.end(), [](char b) { return static_cast<unsigned char>(b) < 0x80; })) into_ascii.insert(c);
      }
    }
  }
  EXPECT_EQ(into_ascii, (std::set<char32_t>{0x17F, 0x212A}));
}

TEST(RegexSearch, LiteralsThatAreNotAsciiNeverRuleAPatternOut) {
  // (?i)ß matches CAPITAL SHARP S and (?i)é matches É, though the lowercase literal is not in the
  // text; in Latin-1, (?i)É matches é.
  const Patterns patterns({"(?i)stra\u00DFe", "(?i)caf\u00E9 \\w+", "\u00E9t\u00E9"});
  RegexSearch search(patterns.pointers);
  const auto found = search_all(search, patterns, "STRA\u1E9EE ke CAF\u00C9 lama, \u00E9t\u00E9");
  EXPECT_EQ(found[0], span(0, 8));
  EXPECT_EQ(found[1], span(12, 22));
  EXPECT_EQ(found[2], span(24, 29));

  re2::RE2::Options latin1;
  latin1.set_encoding(re2::RE2::Options::EncodingLatin1);
  const Patterns latin1_patterns({"(?i)caf\xC9", "(?i)audit"}, latin1);
  RegexSearch latin1_search(latin1_patterns.pointers);
  const auto latin1_found = search_all(latin1_search, latin1_patterns, "ke caf\xE9 untuk AUDIT");
  EXPECT_EQ(latin1_found[0], span(3, 7));
  EXPECT_EQ(latin1_found[1], span(14, 19));
}

TEST(RegexSearch, OtherOptionsKeepTheirMatches) {
  for (const int variant : {0, 1, 2}) {
    re2::RE2::Options options;
    if (variant == 0) options.set_literal(true);
    if (variant == 1) options.set_longest_match(true);
    if (variant == 2) options.set_posix_syntax(true);
    const Patterns patterns({"lapor.an", "(audit|audit keamanan)", "kesiapan"}, options);
    RegexSearch search(patterns.pointers);
    for (const std::string text : {"lapor.an", "laporan", "Audit keamanan", "audit keamanan sudah", "KESIAPAN", "kesiapan"}) {
      search_all(search, patterns, text);
    }
  }
}

TEST(RegexSearch, PatternsSharingLiteralsAreEachFound) {
  const Patterns patterns({R"((?i)\blapor\b)", R"((?i)pelaporan|lapor\s+ke)", R"((?i)lapor)"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, "Pelaporan lewat aplikasi.");
  EXPECT_EQ(found[0], std::nullopt);
  EXPECT_EQ(found[1], span(0, 9));
  EXPECT_EQ(found[2], span(2, 7));
  found = search_all(search, patterns, "saya LAPOR ke desa");
  EXPECT_EQ(found[0], span(5, 10));
  EXPECT_EQ(found[1], span(5, 13));
  EXPECT_EQ(found[2], span(5, 10));
}

TEST(RegexSearch, APatternGivenTwiceIsFoundUnderBothIndices) {
  const Patterns patterns({R"((?i)audit\s+keamanan)", R"(\bdesa\b)", R"((?i)audit\s+keamanan)"});
  RegexSearch search(patterns.pointers);
  const std::string text = "desa itu belum pernah Audit Keamanan";
  EXPECT_EQ(search_wanted(search, text, {1, 1, 1}), (Spans{span(22, 36), span(0, 4), span(22, 36)}));
  EXPECT_EQ(search_wanted(search, text, {0, 0, 1}), (Spans{std::nullopt, std::nullopt, span(22, 36)}));
}

TEST(RegexSearch, PatternsNotWantedAreNotReportedEvenWhenTheyMatch) {
  const Patterns patterns({R"((?i)\blapor\b)", R"(\d{4})", R"((?i)audit)"});
  RegexSearch search(patterns.pointers);
  const std::string text = "lapor tahun 2023, audit";
  EXPECT_EQ(search_wanted(search, text, {0, 1, 0}), (Spans{std::nullopt, span(12, 16), std::nullopt}));
  EXPECT_EQ(search_wanted(search, text, {1, 0, 1}), (Spans{span(0, 5), std::nullopt, span(18, 23)}));
}

TEST(RegexSearch, AnEmptyLeftmostMatchIsNoHit) {
  const Patterns patterns({R"(z*\b)", R"((?i)lapor)", R"((?:zzz)?\bdesa)"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, "desa lapor");
  EXPECT_EQ(found[0], std::nullopt) << "the leftmost match is empty, at 0";
  EXPECT_EQ(found[1], span(5, 10));
  EXPECT_EQ(found[2], span(0, 4));
  found = search_all(search, patterns, "zz desa");
  EXPECT_EQ(found[0], span(0, 2));
  EXPECT_EQ(found[1], std::nullopt);
}

TEST(RegexSearch, LiteralsAreFoundAtEveryPlaceInTextsOfEveryLength) {
  // Across the 16-byte blocks, the end of the text and the copy of its last bytes.
  const Patterns patterns({"(?i)lapor", "(?i)kelvin", "[0-9]{3}ab", "(?i)xyz"});
  RegexSearch search(patterns.pointers);
  for (std::size_t length = 0; length <= 70; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const std::string& needle : {std::string("LaPoR"), kKelvinSign + "ELVIN", std::string("123AB"), std::string("123ab")}) {
        if (at + needle.size() > length) continue;
        std::string text(length, '-');
        text.replace(at, needle.size(), needle);
        search_all(search, patterns, text);
      }
    }
  }
}

TEST(RegexSearch, ManyLiteralsAreSearchedAsWithoutTheFilter) {
  std::vector<std::string> words;
  for (int i = 0; i < 24; ++i) words.push_back("(?i)kata" + std::string(1, static_cast<char>('a' + i)) + "x");
  const Patterns patterns(words);
  RegexSearch search(patterns.pointers);
  for (const std::string text : {"KATAbX dan katayx", "kata", "tidak ada"}) search_all(search, patterns, text);
}

// Patterns with a bounded match length are searched only near their atoms' occurrences. Texts
// longer than the windows around them, so that a window does not cover the whole text.
const std::string kPadding(60, '-');

TEST(RegexSearch, AtomsOccurringOutsideAMatchArePassedOver) {
  const Patterns patterns({R"((?i)\blapor\b)", R"(\b20[12][0-9]\b)"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, "Laporan 20234 " + kPadding + " laporannya, pelaporan 1202, " + kPadding + "LAPOR 2021.");
  EXPECT_EQ(found[0], span(163, 168));
  EXPECT_EQ(found[1], span(169, 173));
  found = search_all(search, patterns, "laporan 2019 laporlah lapor " + kPadding);
  EXPECT_EQ(found[0], span(22, 27)) << "the windows of three occurrences close together, searched as one";
  EXPECT_EQ(found[1], span(8, 12));
  found = search_all(search, patterns, kPadding + "laporan" + kPadding + "pelapor" + kPadding + "20199");
  EXPECT_EQ(found, (Spans{std::nullopt, std::nullopt}));
}

TEST(RegexSearch, MatchesReachingFarFromTheirAtomAreFound) {
  // The match starts, or ends, up to the bound away from the atom; the leftmost one starts before
  // the first occurrence whose window holds a match.
  const Patterns patterns({R"(\d{1,5} {0,3}lapor)", R"(lapor {0,3}\d{1,5})", R"(\w{0,3}desa)"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, kPadding + "12345   lapor 678" + kPadding);
  EXPECT_EQ(found[0], span(60, 73));
  EXPECT_EQ(found[1], span(68, 77));
  found = search_all(search, patterns, kPadding + "lapor lapor   12345" + kPadding);
  EXPECT_EQ(found[1], span(66, 79)) << "the second occurrence's match, found from the first one's window";
  found = search_all(search, patterns, kPadding + "abcdesa desa" + kPadding);
  EXPECT_EQ(found[2], span(60, 67)) << "leftmost: it starts before the atom";
}

TEST(RegexSearch, AMatchSpanningTwoOccurrencesIsFound) {
  const Patterns patterns({R"(lapor.{0,12}lapor)", R"((?i)audit[a-z ]{0,20}keamanan)"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, kPadding + "lapor x lapor" + kPadding + "audit soal keamanan" + kPadding);
  EXPECT_EQ(found[0], span(60, 73));
  EXPECT_EQ(found[1], span(133, 152));
  found = search_all(search, patterns, kPadding + "lapor" + kPadding + "lapor" + kPadding);
  EXPECT_EQ(found[0], std::nullopt) << "too far apart";
}

TEST(RegexSearch, OverlappingWindowsAreSearchedAsOne) {
  // The first occurrence (in "laporan") matches nothing, but its window ends inside the second
  // one's match: searched alone, it would hold a match cut short, "lapor,bb".
  const Patterns patterns({R"(\blapor\b(?:,b{0,10})?)"});
  RegexSearch search(patterns.pointers);
  const auto found = search_all(search, patterns, kPadding + "laporan lapor,bbbbbbbbbb" + kPadding);
  EXPECT_EQ(found[0], span(68, 84));
}

TEST(RegexSearch, WordBoundariesAtAWindowsEdgeSeeTheWholeText) {
  // lapor\B's match ends where its window ends: only the text after it tells that \B holds.
  const Patterns patterns({R"(lapor\B)", R"(\Blapor)", R"(lapor\b)"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, kPadding + "laporan" + kPadding);
  EXPECT_EQ(found[0], span(60, 65));
  EXPECT_EQ(found[1], std::nullopt);
  EXPECT_EQ(found[2], std::nullopt);
  found = search_all(search, patterns, kPadding + "pelapor" + kPadding + "lapor." + kPadding);
  EXPECT_EQ(found[0], std::nullopt);
  EXPECT_EQ(found[1], span(62, 67));
  EXPECT_EQ(found[2], span(62, 67));
}

TEST(RegexSearch, AnchorsSeeTheWholeText) {
  const Patterns patterns({"^lapor", "lapor$", "(?m)^lapor", "(?m)lapor$", R"(\Alapor|desa\z)"});
  RegexSearch search(patterns.pointers);
  auto found = search_all(search, patterns, "lapor" + kPadding + "lapor");
  EXPECT_EQ(found, (Spans{span(0, 5), span(65, 70), span(0, 5), span(65, 70), span(0, 5)}));
  found = search_all(search, patterns, "x lapor" + kPadding + "\nlapor x" + kPadding + "lapor\n" + kPadding + "desa");
  EXPECT_EQ(found, (Spans{std::nullopt, std::nullopt, span(68, 73), span(135, 140), span(201, 205)}));
}

TEST(RegexSearch, LongSAndKelvinSignAfterAFalseOccurrenceAreMatched) {
  // The ASCII atom occurs first, where it is no match: the match further on, with KELVIN SIGN or
  // LONG S in place of k or s, contains no ASCII atom, so no window would hold it.
  const Patterns patterns({R"((?i)kasus\b)", R"((?i)sapi\b)"});
  RegexSearch search(patterns.pointers);
  const std::string kelvin_kasus = kKelvinSign + "asus", long_s_sapi = kLongS + "api";
  auto found = search_all(search, patterns, "kasusnya sapinya" + kPadding + kelvin_kasus + kPadding + long_s_sapi + kPadding);
  EXPECT_EQ(found[0], span(76, 83));
  EXPECT_EQ(found[1], span(143, 148));
  found = search_all(search, patterns, "kasusnya sapinya" + kPadding + kelvin_kasus + "nya " + long_s_sapi + "nya" + kPadding);
  EXPECT_EQ(found, (Spans{std::nullopt, std::nullopt}));
}

TEST(RegexSearch, PatternsWithoutABoundAreSearchedOverTheWholeText) {
  const Patterns patterns({R"((?i)\blapor\w*an\b)", R"(lapor.*desa)", R"((?i)\blapor\b)", R"(\d+ lapor)"});
  RegexSearch search(patterns.pointers);
  const auto found = search_all(search, patterns, "pelapor" + kPadding + "laporkan" + kPadding + "desa 123456 lapor");
  EXPECT_EQ(found[0], span(67, 75));
  EXPECT_EQ(found[1], span(2, 139));
  EXPECT_EQ(found[2], span(147, 152));
  EXPECT_EQ(found[3], span(140, 152));
}

TEST(RegexSearch, RandomBoundedPatternsFindWhatRE2FindsOverTheWholeText) {
  // Patterns from a small grammar (literals that are atoms, classes, bounded and unbounded
  // repetitions, \b, anchors, (?i)) over long texts made of pieces that hold the literals, in and out
  // of words, with code points that fold into ASCII now and then. QDA_REGEX_RANDOM_ROUNDS runs more.
  const char* rounds_wanted = std::getenv("QDA_REGEX_RANDOM_ROUNDS");
  const int rounds = rounds_wanted != nullptr ? std::atoi(rounds_wanted) : 300;
  std::mt19937 random(20241128);
  const auto pick = [&](const std::vector<std::string>& choices) {
    return choices[std::uniform_int_distribution<std::size_t>(0, choices.size() - 1)(random)];
  };
  const auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(random) < percent; };
  const std::vector<std::string> literals = {"lapor", "desa", "audit", "kasus", "sapi", "2023", "sp4n", "keamanan"};
  const std::vector<std::string> classes = {"[a-z]", R"(\d)", R"(\w)", R"(\s)", "[^ ]", ".", R"(\pL)", "[ks]", " "};
  const std::vector<std::string> repeats = {"", "", "", "?", "{2}", "{0,3}", "{1,4}?", "*", "+", "{2,}"};
  const std::vector<std::string> assertions = {R"(\b)", R"(\B)", "^", "$", R"(\A)", R"(\z)"};
  const auto random_part = [&] {
    if (chance(40)) return pick(literals);
    if (chance(30)) {
      std::string group = "(?:" + pick(literals);
      group += '|';
      group += pick(literals);
      if (chance(30)) {
        group += '|';
        group += pick(classes);
      }
      return group + ")";
    }
    if (chance(50)) return pick(classes) + pick(repeats);
    return pick(assertions);
  };
  const auto random_pattern = [&] {
    std::string pattern = chance(40) ? "(?i)" : "";
    if (chance(15)) pattern += "(?m)";
    const int parts = std::uniform_int_distribution<int>(1, 5)(random);
    for (int i = 0; i < parts; ++i) pattern += random_part();
    return pattern;
  };
  const std::vector<std::string> pieces = {"lapor", "LAPOR", "laporan", "pelaporan", "desa", "Desa", "audit", "kasus",
                                           "KASUS", "sapi", "2023", "20234", "sp4n", "keamanan", " ", "  ", "\n", ",", ".",
                                           "x", "ab", "7", "s", "k", "\u00E9", "\u00E9", "\xE2\x80\x94", "\xE2\x80\x94",
                                           "\xF0\x9F\x98\x80", kPadding};
  const std::vector<std::string> folding_pieces = {kKelvinSign + "asus", kLongS + "api", "kasus" + kLongS, kKelvinSign, kLongS};
  std::size_t compared = 0;
  for (int round = 0; round < rounds; ++round) {
    Patterns patterns(std::vector<std::string>{});
    const int count = std::uniform_int_distribution<int>(1, 4)(random);
    re2::RE2::Options options;
    options.set_log_errors(false);
    if (chance(10)) options.set_longest_match(true);
    for (int i = 0; i < count; ++i) {
      patterns.add(random_pattern(), options);
      if (!patterns.owned.back()->ok()) {
        patterns.owned.pop_back();
        patterns.pointers.pop_back();
      }
    }
    if (patterns.owned.empty()) continue;
    RegexSearch search(patterns.pointers);
    for (int t = 0; t < 30; ++t) {
      std::string text;
      const int parts = std::uniform_int_distribution<int>(0, 80)(random);
      const bool folding = chance(10);
      for (int i = 0; i < parts; ++i) text += folding && chance(5) ? pick(folding_pieces) : pick(pieces);
      std::vector<RegexSearch::Span> found;
      search.search(text, std::vector<char>(patterns.pointers.size(), 1), found);
      for (std::size_t i = 0; i < found.size(); ++i) {
        ASSERT_EQ(found[i], alone(*patterns.owned[i], text)) << "pattern " << patterns.owned[i]->pattern() << " in: " << text;
        ++compared;
      }
    }
  }
  std::printf("[          ] %zu searches compared with RE2 over the whole text\n", compared);
}

TEST(RegexSearch, RandomPatternsAndTextsGiveWhatEachPatternGivesAlone) {
  std::mt19937 random(20240601);
  const auto pick = [&](const std::vector<std::string>& choices) {
    return choices[std::uniform_int_distribution<std::size_t>(0, choices.size() - 1)(random)];
  };
  const auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(random) < percent; };
  const std::vector<std::string> words = {"lapor", "sapi", "kelvin", "audit", "2023", "ab", "xyz", "desa",
                                          "stra\u00DFe", "caf\u00E9", "\\x{212A}ab", "\\x{17F}ab", "ks", "sks", "kss"};
  const std::vector<std::string> pieces = {R"(\b)", R"(\s+)", R"(\d+)", ".", "[a-c]", R"(\pL)", "[kK]", " ", R"(\w*)"};
  const auto random_pattern = [&] {
    std::string pattern = chance(50) ? "(?i)" : "";
    const int parts = std::uniform_int_distribution<int>(1, 3)(random);
    for (int i = 0; i < parts; ++i) {
      if (chance(25)) {
        pattern += pick(pieces);
      } else if (chance(25)) {
        pattern += "(?:" + pick(words) + "|" + pick(words) + ")";
      } else {
        pattern += pick(words);
        if (chance(20)) pattern += pick({"?", "*", "+", "{2}"});
      }
    }
    return pattern;
  };
  const std::vector<std::string> text_pieces = {"lapor", "LAPOR", "LaPoR", "sapi", "SAPI", "kelvin", "KELVIN", "audit",
                                                "2023", "ab", "AB", "xyz", "desa", "strasse", "stra\u00DFe", "STRA\u1E9EE",
                                                "caf\u00E9", "CAF\u00C9", "ks", "KS", kKelvinSign, kLongS, kKelvinSign + "ab",
                                                kLongS + "AB", " ", "  ", "\n", ",", "\xE2\x80\x9C", "\xE2\x80\x9D",
                                                "\xE2\x80\x94", "\u00BF", "\u00AA", "x", "q", "7"};
  const auto random_text = [&] {
    std::string text;
    const int parts = std::uniform_int_distribution<int>(0, 60)(random);
    for (int i = 0; i < parts; ++i) text += pick(text_pieces);
    return text;
  };
  for (int round = 0; round < 400; ++round) {
    re2::RE2::Options options;
    options.set_log_errors(false);  // \x{212A} in a Latin-1 pattern: such patterns are left out
    if (chance(10)) options.set_case_sensitive(false);
    if (chance(10)) options.set_longest_match(true);
    Patterns patterns(std::vector<std::string>{});
    const int count = std::uniform_int_distribution<int>(1, 7)(random);
    for (int i = 0; i < count; ++i) {
      if (!patterns.owned.empty() && chance(15)) {
        patterns.add(patterns.owned.front()->pattern(), options);
        continue;
      }
      re2::RE2::Options these = options;
      if (chance(5)) these.set_encoding(re2::RE2::Options::EncodingLatin1);
      patterns.add(random_pattern(), these);
      if (!patterns.owned.back()->ok()) {
        patterns.owned.pop_back();
        patterns.pointers.pop_back();
      }
    }
    if (patterns.owned.empty()) continue;
    RegexSearch search(patterns.pointers);
    for (int t = 0; t < 40; ++t) {
      const std::string text = random_text();
      std::vector<char> wanted(patterns.pointers.size());
      for (char& w : wanted) w = chance(80) ? 1 : 0;
      std::vector<RegexSearch::Span> found;
      search.search(text, wanted, found);
      ASSERT_EQ(found.size(), wanted.size());
      for (std::size_t i = 0; i < found.size(); ++i) {
        const RegexSearch::Span expected = wanted[i] ? alone(*patterns.owned[i], text) : std::nullopt;
        ASSERT_EQ(found[i], expected) << "pattern " << patterns.owned[i]->pattern() << " in: " << text;
      }
    }
  }
}

}  // namespace qda
