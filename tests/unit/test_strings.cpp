// The small string helpers: join, six-decimal and shortest round-trip numbers, and printable(): what
// reaches a terminal or a log from an input cannot forge a line or steer the terminal.
#include <gtest/gtest.h>

#include <charconv>
#include <cstring>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include "qda/strings.hpp"

namespace qda {

TEST(ShortestDecimal, IsTheShortestTextThatReadsBackToTheSameDouble) {
  EXPECT_EQ(shortest_decimal(113.0 / 152.0), "0.743421052631579");
  EXPECT_EQ(shortest_decimal(0.1), "0.1");
  EXPECT_EQ(shortest_decimal(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(shortest_decimal(-2.0), "-2.0");
  // Every output keeps a '.', so YAML 1.1 readers (PyYAML) read a float, not an integer or a string.
  EXPECT_EQ(shortest_decimal(1.0), "1.0");
  EXPECT_EQ(shortest_decimal(2.5e-05), "2.5e-05");
  EXPECT_EQ(shortest_decimal(1e-05), "1.0e-05");
  EXPECT_EQ(shortest_decimal(1e22), "1.0e+22");
  EXPECT_EQ(shortest_decimal(0.0), "0.0");
  EXPECT_EQ(shortest_decimal(-0.0), "0.0");  // one text for one value: the same bytes either way
  EXPECT_THROW(shortest_decimal(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW(shortest_decimal(std::numeric_limits<double>::infinity()), std::invalid_argument);
}

TEST(ShortestDecimal, RoundTripsRandomDoubles) {
  std::mt19937_64 bits(18);
  for (int i = 0; i < 100000; ++i) {
    double value = 0;
    std::uint64_t raw = bits();
    std::memcpy(&value, &raw, sizeof value);
    if (!std::isfinite(value)) continue;
    const std::string text = shortest_decimal(value);
    double back = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), back);
    ASSERT_EQ(error, std::errc()) << text;
    ASSERT_EQ(end, text.data() + text.size()) << text;
    ASSERT_EQ(back, value == 0 ? 0.0 : value) << text;
    ASSERT_NE(text.find('.'), std::string::npos) << text;
  }
}

TEST(Decimal, KeepsSixDecimalsAndNoNegativeZero) {
  EXPECT_EQ(decimal(0.0515), "0.051500");
  EXPECT_EQ(decimal(-0.0000001), "0.000000");
  EXPECT_EQ(join({"a", "b"}), "a, b");
}


TEST(Printable, EscapesControlsAndKeepsText) {
  EXPECT_EQ(printable("Ibu Sari: sudah ada, tapi belum terpadu — ok ✓"), "Ibu Sari: sudah ada, tapi belum terpadu — ok ✓");
  EXPECT_EQ(printable("cell\ninfo: forged line"), "cell\\ninfo: forged line");
  EXPECT_EQ(printable("a\tb\rc"), "a\\tb\\rc");
  EXPECT_EQ(printable("\x1b[31mred"), "\\x1B[31mred");
  EXPECT_EQ(printable(std::string("before\0after", 12)), "before\\x00after");
  EXPECT_EQ(printable("del\x7f"), "del\\x7F");
  EXPECT_EQ(printable("c1 \xc2\x9b"), "c1 \\u{009B}");              // CSI as a C1 control
  EXPECT_EQ(printable("\xe2\x80\xaemirror"), "\\u{202E}mirror");     // right-to-left override
  EXPECT_EQ(printable("bad \xff\xc3 bytes"), "bad \\xFF\\xC3 bytes");  // not UTF-8
  EXPECT_EQ(printable("\xc0\xaf"), "\\xC0\\xAF");                    // overlong '/'
  EXPECT_EQ(printable("C:\\path"), "C:\\path");
}

// XML 1.0 allows tab, LF and CR among the controls, and neither U+FFFE nor U+FFFF; each of the others
// becomes U+FFFD, and a text that merely ends in the first bytes of one is kept as it is.
TEST(Xml10Text, ReplacesWhatXml10ForbidsAndKeepsTheRest) {
  EXPECT_EQ(xml_1_0_text("a\tb\nc\rd — ✓"), "a\tb\nc\rd — ✓");
  EXPECT_EQ(xml_1_0_text(std::string("x\0y\x1b", 4)), "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  EXPECT_EQ(xml_1_0_text("x\xEF\xBF\xBE.\xEF\xBF\xBF"), "x\xEF\xBF\xBD.\xEF\xBF\xBD");
  EXPECT_EQ(xml_1_0_text("\xEF\xBF\xBD"), "\xEF\xBF\xBD");  // U+FFFD itself
  EXPECT_EQ(xml_1_0_text("cut \xEF\xBF"), "cut \xEF\xBF");
  EXPECT_EQ(xml_1_0_text("cut \xEF"), "cut \xEF");
}

// The same text is one index, however it is passed; the strings stay where they are as more come (the
// index views them), and come back as first given.
TEST(InternedStrings, GivesEachTextOneIndexInOrderOfFirstAppearance) {
  InternedStrings names;
  EXPECT_EQ(names.index("coder-a"), 0u);
  EXPECT_EQ(names.index(std::string("coder-b")), 1u);
  EXPECT_EQ(names.index(std::string_view("coder-a-and-more").substr(0, 7)), 0u);
  const std::string* first = &names[0];
  for (int i = 0; i < 10000; ++i) EXPECT_EQ(names.index("name " + std::to_string(i)), static_cast<std::uint32_t>(i + 2));
  EXPECT_EQ(&names[0], first);
  EXPECT_EQ(names[0], "coder-a");
  for (int i = 0; i < 10000; i += 997) EXPECT_EQ(names.index("name " + std::to_string(i)), static_cast<std::uint32_t>(i + 2));
  EXPECT_EQ(names.index(""), 10002u);
  EXPECT_EQ(names.index(""), 10002u);
}

}  // namespace qda
