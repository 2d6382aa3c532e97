// printable(): what reaches a terminal or a log from an input cannot forge a line or steer the terminal.
#include <gtest/gtest.h>

#include <string>

#include "qda/strings.hpp"

namespace qda {

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

}  // namespace qda
