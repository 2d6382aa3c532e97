// Searching several regular expressions at once: the same leftmost matches as RE2 gives for each
// pattern alone, with the RE2::Set prefilter, shared patterns and patterns not wanted.
#include <gtest/gtest.h>

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "qda/regex_search.hpp"

namespace qda {

namespace {
struct Patterns {
  explicit Patterns(const std::vector<std::string>& texts) {
    for (const auto& text : texts) owned.push_back(std::make_unique<re2::RE2>(text));
    for (const auto& regex : owned) pointers.push_back(regex.get());
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
}  // namespace

TEST(RegexSearch, FindsWhatEachPatternFindsAlone) {
  const Patterns patterns({R"((?i)\b(?:SP4N|LAPOR|SIPD)\b)", R"((?i)\b20[12][0-9]\b)", R"((?i)audit\s+keamanan)",
                           R"((?i)\b(?:SP4N|LAPOR|SIPD)\b)", R"(z*\b)"});
  RegexSearch search(patterns.pointers);
  const std::vector<char> all(patterns.pointers.size(), 1);
  for (const std::string text : {"", "Laporan 2023 lewat SP4N-LAPOR, sejak 2019.", "AUDIT  KEAMANAN belum pernah",
                                 "tidak ada apa-apa", "z", "lapor 1999 20234 2024"}) {
    std::vector<RegexSearch::Span> found;
    search.search(text, all, found);
    ASSERT_EQ(found.size(), patterns.pointers.size());
    for (std::size_t i = 0; i < found.size(); ++i) EXPECT_EQ(found[i], alone(*patterns.owned[i], text)) << i << ": " << text;
  }
}

TEST(RegexSearch, OnlyWantedPatternsAreReported) {
  const Patterns patterns({"sudah", "belum", "sudah"});
  RegexSearch search(patterns.pointers);
  std::vector<RegexSearch::Span> found;
  search.search("belum, sudah", {1, 0, 0}, found);
  EXPECT_EQ(found[0], std::make_optional(std::make_pair(std::size_t{7}, std::size_t{12})));
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
  EXPECT_EQ(found[0], std::make_optional(std::make_pair(std::size_t{6}, std::size_t{11})));
  EXPECT_EQ(found[1], std::make_optional(std::make_pair(std::size_t{0}, std::size_t{5})));
}

}  // namespace qda
