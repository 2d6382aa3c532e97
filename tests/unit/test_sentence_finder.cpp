// The sentence around an offset must be the span sentence_spans() gives for the whole text, at every
// offset, in every language's rules (abbreviation suppressions, Greek question marks, line breaks).
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "qda/sentence_finder.hpp"
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
}  // namespace

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

TEST(SentenceFinder, AgreesWithSentenceSpansOnTheExampleTranscripts) {
  SentenceFinder finder;
  const auto texts = std::filesystem::path(QDA_SOURCE_DIR) / "tests" / "golden" / "brebes-smart-governance" / "corpus" / "texts";
  for (const auto& entry : std::filesystem::directory_iterator(texts)) {
    const std::string text = testing::read_bytes(entry.path());
    for (const std::string language : {"id", "en"}) expect_same_sentences(finder, text.substr(0, 6000), language);
  }
}

}  // namespace qda
