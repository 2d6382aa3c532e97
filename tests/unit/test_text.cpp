// Decoding, normalisation, code points and byte counts, sentences and slugs.
#include <gtest/gtest.h>

#include <vector>

#include <algorithm>

#include "qda/error.hpp"
#include "qda/simd.hpp"
#include "qda/text.hpp"

namespace qda {

TEST(Decode, InvalidUtf8NamesByteOffsetLineAndColumn) {
  try {
    decode_to_utf8("ab\ncé\xFFz", "t.txt");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 2u);
    EXPECT_EQ(error.where().column, 3u);
    EXPECT_NE(error.message().find("byte offset 6"), std::string::npos) << error.what();
  }
}

TEST(Decode, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("ok\xED\xA0\x80"), 2u);    // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("ok\xE2\x82"), 2u);        // truncated
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("plain ascii text that is long enough, é, 😀"), std::string_view::npos);
  // A bad byte, or a good character, at every offset of a long ASCII text: the ASCII runs are skipped
  // thirty-two and eight bytes at a time, and every block boundary must still be seen.
  for (std::size_t at = 0; at < 100; ++at) {
    std::string text(100, 'a');
    text[at] = '\xFF';
    EXPECT_EQ(find_invalid_utf8(text), at) << at;
    text.replace(at, 1, "é");
    EXPECT_EQ(find_invalid_utf8(text), std::string_view::npos) << at;
  }
}

TEST(Decode, DropsUtf8BomAndConvertsUtf16WithBom) {
  EXPECT_EQ(decode_to_utf8("\xEF\xBB\xBFhi", "t"), "hi");
  EXPECT_EQ(decode_to_utf8(std::string("\xFF\xFEh\0\xE9\0", 6), "t"), "hé");
  EXPECT_EQ(decode_to_utf8(std::string("\xFE\xFF\0h\0\xE9", 6), "t"), "hé");
}

// UTF-32's byte-order marks are known before UTF-16's (UTF-32LE's begins with UTF-16LE's), and a
// mark is dropped when the encoding is named too (ICU's UTF-8 and UTF-16LE converters keep it).
TEST(Decode, KnowsUtf32MarksAndDropsAMarkWhenTheEncodingIsNamed) {
  EXPECT_EQ(decode_to_utf8(std::string("\xFF\xFE\0\0h\0\0\0\xE9\0\0\0", 12), "t"), "hé");
  EXPECT_EQ(decode_to_utf8(std::string("\0\0\xFE\xFF\0\0\0h\0\0\0\xE9", 12), "t"), "hé");
  EXPECT_EQ(decode_to_utf8("\xEF\xBB\xBF" "Ana: Halo.", "t", "UTF-8"), "Ana: Halo.");
  EXPECT_EQ(decode_to_utf8(std::string("\xFF\xFE" "A\0:\0", 6), "t", "UTF-16LE"), "A:");
  EXPECT_EQ(decode_to_utf8(std::string("\xFF\xFE\0\0A\0\0\0", 8), "t", "UTF-32"), "A");
  EXPECT_EQ(decode_to_utf8("a\xEF\xBB\xBF", "t", "UTF-8"), "a\xEF\xBB\xBF") << "U+FEFF inside the text stays";
}

TEST(Decode, ConvertsNamedLegacyEncodings) {
  EXPECT_EQ(decode_to_utf8("caf\xE9 \x93ok\x94", "t", "windows-1252"), "café “ok”");
  EXPECT_THROW(decode_to_utf8("x", "t", "no-such-encoding"), Error);
}

TEST(DetectEncodings, ADetectorThatGivesUpIsNoGuessNotAnError) {
  // Ten bytes the fuzzer made, on which ICU's detector fails with U_INVALID_CHAR_FOUND: this escaped as
  // an internal error from qda-import.
  constexpr char kBytes[] = "AQ\t\x01\0\0\"\0\xe1\0";
  EXPECT_TRUE(detect_encodings(std::string_view(kBytes, sizeof kBytes - 1)).empty());
  EXPECT_FALSE(detect_encodings("Se\xf1ora Mu\xf1oz: Casi veinte a\xf1os, la verdad, en esta misma oficina.").empty());
}

TEST(Normalize, NewlinesAndNfc) {
  EXPECT_EQ(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
  EXPECT_EQ(to_nfc("e\xCC\x81"), "\xC3\xA9");  // e + combining acute -> é
  EXPECT_EQ(normalize_source_text("caf" "e\xCC\x81\r\n"), "café\n");
}

TEST(CodePoints, CountsAndCursorAgree) {
  const std::string text = "aé😀b";
  EXPECT_EQ(count_code_points(text), 4u);
  CodePointCursor cursor(text);
  EXPECT_EQ(cursor.advance_to(1), 1u);
  EXPECT_EQ(cursor.advance_to(3), 2u);
  EXPECT_EQ(cursor.advance_to(text.size()), 4u);
  // Steps of every size under and over sixteen bytes, before and after the sixteenth byte, over
  // code points of one to four bytes (short steps are counted from one load).
  std::string mixed;
  for (int i = 0; mixed.size() < 300; ++i) mixed += i % 5 == 0 ? "é" : i % 7 == 0 ? "😀" : i % 3 == 0 ? "€" : "ab";
  std::vector<std::size_t> starts;  // code point boundaries
  for (std::size_t i = 0; i <= mixed.size(); ++i) {
    if (i == mixed.size() || (static_cast<unsigned char>(mixed[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  for (std::size_t stride = 1; stride < 12; ++stride) {
    CodePointCursor walker(mixed);
    for (std::size_t k = 0; k < starts.size(); k += stride) {
      ASSERT_EQ(walker.advance_to(starts[k]), k) << "stride " << stride << " at byte " << starts[k];
    }
  }
}

// The counts go sixteen bytes at a time with 8-bit lanes summed every 255 blocks: texts of every
// length around those boundaries, and runs of only matching bytes (a lane's largest count).
TEST(CodePoints, BlockwiseCountsAgreeWithCountingByteByByte) {
  std::string mixed;
  for (std::size_t i = 0; mixed.size() < 16 * 255 * 2 + 40; ++i) mixed += i % 7 == 0 ? "é\"" : i % 5 == 0 ? "😀\n" : "ab";
  const std::string& text = mixed;
  const std::string quotes(16 * 255 * 3 + 5, '"');
  for (const std::string* sample : {&text, &quotes}) {
    for (const std::size_t length : {std::size_t{0}, std::size_t{15}, std::size_t{16}, std::size_t{17}, std::size_t{16 * 255},
                                     std::size_t{16 * 255 + 1}, std::size_t{16 * 256 + 3}, sample->size()}) {
      const std::string_view part = std::string_view(*sample).substr(0, std::min(length, sample->size()));
      std::size_t quote_count = 0, newline_count = 0, code_points = 0;
      for (const char c : part) {
        quote_count += c == '"';
        newline_count += c == '\n';
        code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }
      EXPECT_EQ(count_byte(part, '"'), quote_count) << part.size();
      EXPECT_EQ(count_byte(part, '\n'), newline_count) << part.size();
      EXPECT_EQ(count_two_bytes(part, '"', '\n'), std::make_pair(quote_count, newline_count)) << part.size();
      EXPECT_EQ(count_code_points(part), code_points) << part.size();
    }
  }
  EXPECT_EQ(count_byte("\xE9\xE9x", '\xE9'), 2u);  // a byte above 0x7F as the one counted
  // Every tail (the last 1 to 15 bytes, counted from one load of the last sixteen) at every start.
  for (std::size_t start = 0; start < 8; ++start) {
    for (std::size_t length = 0; length <= 80; ++length) {
      const std::string_view part = std::string_view(text).substr(start, length);
      std::size_t quote_count = 0, code_points = 0;
      for (const char c : part) {
        quote_count += c == '"';
        code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }
      ASSERT_EQ(count_byte(part, '"'), quote_count) << start << "+" << length;
      ASSERT_EQ(count_code_points(part), code_points) << start << "+" << length;
    }
  }
}

TEST(Sentences, SplitsIndonesianAndEnglish) {
  const std::string indonesian = "Anggaran sudah ada. Tapi belum optimal! Apakah e-government terintegrasi?";
  const auto spans = sentence_spans(indonesian, "id");
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(indonesian.substr(spans[1].first, spans[1].second - spans[1].first), "Tapi belum optimal!");
  const std::string english = "Mr. Smith agreed. The budget is committed.";
  const auto english_spans = sentence_spans(english, "en");
  ASSERT_EQ(english_spans.size(), 2u) << "ICU's suppressions keep 'Mr.' inside the sentence";
  EXPECT_EQ(english.substr(english_spans[0].first, english_spans[0].second), "Mr. Smith agreed.");
}

TEST(Slug, MakesAsciiIds) {
  EXPECT_EQ(slugify("Wawancara Kepala Bappeda (2023)"), "wawancara-kepala-bappeda-2023");
  EXPECT_EQ(slugify("Ébène—Café"), "ebene-cafe");
  EXPECT_EQ(slugify("--"), "");
  // ASCII takes a path of its own, past ICU: it must give what the transliterator gives.
  EXPECT_EQ(slugify("Interview_07 FINAL.v2"), "interview-07-final-v2");
  EXPECT_EQ(slugify("Interview_07 FINAL.v2 \xC3\xA9"), "interview-07-final-v2-e");
}

TEST(Trim, RemovesAsciiBlanksAndNoBreakSpace) {
  EXPECT_EQ(trim("\xC2\xA0 x \n"), "x");
  EXPECT_TRUE(is_blank(" \t\n"));
}

}  // namespace qda

namespace qda {

TEST(Normalize, NfcAroundAsciiRunsAndAtTheEdges) {
  EXPECT_EQ(to_nfc("plain ASCII"), "plain ASCII");
  EXPECT_EQ(to_nfc("cafe\xCC\x81 ok"), "caf\xC3\xA9 ok");           // a combining mark after an ASCII base
  EXPECT_EQ(to_nfc("\xCC\x81start"), "\xCC\x81start");             // a lone mark at the start stays
  EXPECT_EQ(to_nfc("x \xE1\x84\x80\xE1\x85\xA1"), "x \xEA\xB0\x80");  // Hangul jamo compose to a syllable
  EXPECT_EQ(to_nfc("ok \xC3\xA9\xCC\x81"), "ok \xC3\xA9\xCC\x81");      // é + acute: already NFC
}

}  // namespace qda

namespace qda {

// The scalar build (-DQDA_SCALAR=ON, the "scalar" preset) must really take the plain loops, or CI
// would test the SSE2 paths twice and the fallbacks never.
TEST(Simd, TheScalarBuildTakesThePlainLoops) {
#if defined(QDA_SCALAR)
  EXPECT_EQ(QDA_SSE2, 0);
#elif defined(__SSE2__)
  EXPECT_EQ(QDA_SSE2, 1);
#endif
  // Counting takes the same path either way: a text long enough for blocks and a tail.
  const std::string text = std::string(40, 'a') + "é" + std::string(20, ',');
  // Chosen before the macro: a directive inside a macro's arguments is not portable.
#if QDA_SSE2
  const auto block_test = [](simd::Block block) { return simd::equal(block, ','); };
#else
  const auto block_test = nullptr;
#endif
  EXPECT_EQ(simd::count_bytes_where(block_test, [](unsigned char c) { return c == ','; }, text), 20u);
}

}  // namespace qda
