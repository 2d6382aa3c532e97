// The sentence around an offset must be the span sentence_spans() gives for the whole text, at every
// offset, in every language's rules (abbreviation suppressions, Greek question marks, line breaks).
// The boundaries next_sentence_boundary() finds without ICU must be exactly those of ICU's root
// iterator: texts made at random from pieces of every Sentence_Break class are compared with it.
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "qda/sentence_finder.hpp"
#include "qda/sentence_rules.hpp"
#include "qda/text.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
// Compares sentence_at(offset) with sentence_spans() at every code point of `text`, asking in a
// scattered order so that the finder's cache and ICU's are exercised out of order.
void expect_same_sentences(SentenceFinder& finder, const std::string& text, const std::string& language) {
  const auto spans = sentence_spans(text, language);
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  for (std::size_t stride : {std::size_t{1}, std::size_t{7}}) {
    finder.set_text(text, language);
    for (std::size_t k = 0; k < offsets.size(); ++k) {
      const std::size_t offset = offsets[(k * stride) % offsets.size()];
      std::optional<std::pair<std::size_t, std::size_t>> expected;
      for (const auto& span : spans) {
        if (offset >= span.first && offset < span.second) expected = span;
      }
      ASSERT_EQ(finder.sentence_at(offset), expected) << language << " at " << offset << ": " << text;
    }
  }
}

// ICU's root sentence boundaries in `text`, as byte offsets, the start and the end included.
std::vector<std::size_t> icu_root_boundaries(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  static const std::unique_ptr<icu::BreakIterator> root(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  root->setText(utext, status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::vector<std::size_t> boundaries{static_cast<std::size_t>(root->first())};
  for (int32_t next = root->next(); next != icu::BreakIterator::DONE; next = root->next()) {
    boundaries.push_back(static_cast<std::size_t>(next));
  }
  utext_close(utext);
  return boundaries;
}

// next_sentence_boundary()'s boundaries in `text` from the start, or nullopt if it leaves the text to ICU.
std::optional<std::vector<std::size_t>> rule_boundaries(const std::string& text) {
  std::vector<std::size_t> boundaries{0};
  while (boundaries.back() < text.size()) {
    const std::optional<std::size_t> next = next_sentence_boundary(text, boundaries.back());
    if (!next) return std::nullopt;
    if (*next <= boundaries.back() || *next > text.size()) {
      ADD_FAILURE() << "boundary " << *next << " after " << boundaries.back() << " in: " << text;
      return std::nullopt;
    }
    boundaries.push_back(*next);
  }
  return boundaries;
}

// Texts assembled from pieces chosen to meet every rule (SB3-SB11) and every Sentence_Break class,
// ASCII and not, including code points of two UTF-16 units, with now and then one the rules leave to
// ICU (Extend, Format, invalid UTF-8). The same seed gives the same texts.
class RandomTexts {
 public:
  explicit RandomTexts(std::uint32_t seed) : random_(seed) {}

  std::string next() {
    static const std::vector<std::string> pieces = {
        // ASCII: Lower, Upper, Numeric, ATerm, STerm, Close, Sp, CR, LF, SContinue, Other.
        "a", "e", "z", "word", "A", "I", "Z", "Word", "0", "7", "1.5", ".", ".", "..", "!", "?", "?!",
        "\"", "'", "(", ")", "[", "]", "{", "}", " ", " ", "  ", "\t", "\v", "\f", "\r", "\n", "\r\n",
        "\n\n", ",", ";", ":", "-", "#", "e.g.", "U.S.", "Mr.", "x.Y", "a. b", "A. B",
        "\u2024",                                  // ONE DOT LEADER: ATerm
        "\uFF0E",                                  // FULLWIDTH FULL STOP: ATerm
        "\u3002", "\u0964", "\uFF01", "\u203C",  // STerm
        "\U00011047",                              // BRAHMI DANDA: STerm, two UTF-16 units
        "\u00AB", "\u00BB", "\u201C", "\u201D", "\u2019", "\u300C", "\u300D",  // Close
        "\U0001F676",                              // a Close of two UTF-16 units
        "\u00A0", "\u2003", "\u3000",             // Sp
        "\u00C9", "\u03A3", "\U0001D400",          // Upper
        "\u00E9", "\u00DF", "\U0001D41A",          // Lower
        "\u0E01\u0E32", "\u6771\u4EAC", "\u05D0",  // OLetter: Thai, CJK, Hebrew
        "\u0663", "\uFF10",                        // Numeric: Arabic-Indic, fullwidth digits
        "\u2014", "\u2013", "\u3001", "\uFF0C",    // SContinue
        "\u2028", "\u2029", "\u0085",              // Sep
        "\u2026", "\U0001F600", "\u20AC",          // Other, an emoji among them
    };
    static const std::vector<std::string> left_to_icu = {
        "\u0301",  // COMBINING ACUTE ACCENT: Extend
        "\u200D",  // ZERO WIDTH JOINER: Extend
        "\u00AD",  // SOFT HYPHEN: Format
        "\xFF",    // never in UTF-8
        "\xC3",    // a lead byte without its continuation
    };
    std::string text;
    const std::uint32_t count = random_() % 40;
    for (std::uint32_t i = 0; i < count; ++i) {
      if (random_() % 150 == 0) text += left_to_icu[random_() % left_to_icu.size()];
      else text += pieces[random_() % pieces.size()];
    }
    return text;
  }

 private:
  std::mt19937 random_;
};

// How many random texts to compare: QDA_SENTENCE_RANDOM_TEXTS if set (for long runs), else `usual`.
std::size_t random_text_count(std::size_t usual) {
  const char* count = std::getenv("QDA_SENTENCE_RANDOM_TEXTS");
  return count != nullptr ? static_cast<std::size_t>(std::strtoull(count, nullptr, 10)) : usual;
}
}  // namespace

TEST(SentenceRules, CanBeUsedWithThisIcu) { EXPECT_TRUE(sentence_rules_usable()); }

TEST(SentenceRules, FindIcuRootBoundariesInRandomTexts) {
  RandomTexts texts(20240529);
  const std::size_t count = random_text_count(20000);
  std::size_t by_rules = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string text = texts.next();
    const auto found = rule_boundaries(text);
    if (!found) continue;
    ++by_rules;
    ASSERT_EQ(*found, icu_root_boundaries(text)) << "text " << i << ": " << text;
  }
  // The texts left to ICU are those with a piece from left_to_icu: about one in eight.
  EXPECT_GT(by_rules, count * 8 / 10);
  std::cout << "compared " << by_rules << " of " << count << " random texts with ICU (the rest are left to it)\n";
}

TEST(SentenceRules, FindIcuRootBoundariesAroundLongRuns) {
  // SB8 looks past any number of non-letters for a Lower; SB9 and SB10 past any number of Close and Sp.
  const std::string digits(100000, '7'), spaces(100000, ' '), closes(50000, ')');
  for (const std::string& text : {"x. " + digits + "a", "x. " + digits + "A", "x." + closes + spaces + "a", "x!" + closes + spaces + "a",
                                  "x." + spaces + closes + "A", "x." + spaces + "\n" + spaces, digits + "." + closes, "A." + digits}) {
    const auto found = rule_boundaries(text);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(*found, icu_root_boundaries(text)) << text.substr(0, 20);
  }
}

TEST(SentenceRules, LeaveExtendFormatAndInvalidUtf8ToIcu) {
  for (const std::string text : {"Cafe\u0301. Next", "soft\u00ADhyphen", "bad \xFF byte", "cut \xC3"}) {
    EXPECT_FALSE(rule_boundaries(text).has_value()) << text;
  }
}

TEST(SentenceFinder, AgreesWithSentenceSpansEverywhere) {
  SentenceFinder finder;
  const std::vector<std::string> texts = {
      "The plan is not yet ready, said Mr. Smith today. It will be. Really?! Yes.",
      "  Belum ada, Mas.  Audit keamanan informasi belum pernah dilakukan …\nBaris baru tanpa titik\n\nLagi. ",
      "Rp1.500.000,00 on 3.5% — e.g. U.S.A. isn't \"quoted.\" (Bracketed.) next; Τι κάνεις; Καλά.",
      "\u00A0Leading no-break space. Ends with one.\u00A0",
      "ภาษาไทย ไม่มีจุด 東京都。次の文！ end",
      ".", " ", "x",
      // Code points of two UTF-16 units between ASCII runs longer and shorter than sixteen bytes.
      "Emoji \U0001F600 here. Next\U0001F600. \U0001F600\U0001F600 Done with a sentence longer than sixteen bytes. é.",
  };
  for (const auto& text : texts) {
    for (const std::string language : {"und", "en", "id", "el", "de", ""}) expect_same_sentences(finder, text, language);
  }
}

// Random texts in languages whose boundaries come from the rules (und, id) and from ICU (en and de
// have abbreviations, el its own rules), asked about in a scattered order, and with an Extend or
// Format character or invalid UTF-8 met partway, once some boundaries are found.
TEST(SentenceFinder, AgreesWithSentenceSpansOnRandomTexts) {
  SentenceFinder finder;
  RandomTexts texts(7);
  const std::size_t count = random_text_count(20000) / 10;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string text = texts.next();
    for (const std::string language : {"und", "id", "en", "el", "de"}) expect_same_sentences(finder, text, language);
  }
}

TEST(SentenceFinder, AgreesWithSentenceSpansOnTheExampleTranscripts) {
  SentenceFinder finder;
  const auto texts = std::filesystem::path(QDA_SOURCE_DIR) / "tests" / "golden" / "brebes-smart-governance" / "corpus" / "texts";
  for (const auto& entry : std::filesystem::directory_iterator(texts)) {
    const std::string text = testing::read_bytes(entry.path());
    for (const std::string language : {"id", "en"}) expect_same_sentences(finder, text.substr(0, 6000), language);
  }
}

}  // namespace qda
