// Times as transcripts write them: alone, as a range at the start of a line, at the end of a heading.
#include <gtest/gtest.h>

#include "qda/timestamps.hpp"

namespace qda {

TEST(Timestamps, ReadTheFormsTranscriptsUse) {
  EXPECT_EQ(parse_time("0:08"), 8000);
  EXPECT_EQ(parse_time("1:02:03"), 3723000);
  EXPECT_EQ(parse_time("00:00:03,100"), 3100);  // SubRip's comma
  EXPECT_EQ(parse_time("0:0:5.1"), 5100);       // Teams' one-digit fields
  EXPECT_EQ(parse_time("0:03.16"), 3160);       // WhisperX
  EXPECT_EQ(parse_time("75:02"), 4502000);      // minutes past the hour without an hour
  EXPECT_EQ(parse_time("100:00:00"), 360000000);
}

TEST(Timestamps, RefuseWhatIsNotATime) {
  for (const char* text : {"", "8", "1:2", "1:60", "1:00:60", "1:60:00", "1:2:3:4", "10:30am", "a:bc", "0:08.", "0:08.1234567",
                           "2023"}) {
    EXPECT_FALSE(parse_time(text)) << text;
  }
}

TEST(Timestamps, MarksAtTheStartOfALine) {
  const auto bracketed = time_mark_at_start("[00:00:02] SPEAKER_01: hi");
  ASSERT_TRUE(bracketed);
  EXPECT_EQ(bracketed->start_ms, 2000);
  EXPECT_FALSE(bracketed->end_ms);
  EXPECT_EQ(bracketed->length, std::string("[00:00:02] ").size());
  const auto range = time_mark_at_start("0:0:5.1 --> 0:0:8.25");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->end_ms, 8250);
  EXPECT_FALSE(range->bracketed);
  const auto whisper = time_mark_at_start("[00:00.000 --> 00:04.000]  And so");
  ASSERT_TRUE(whisper);
  EXPECT_EQ(whisper->end_ms, 4000);
  const auto dashed = time_mark_at_start("[00:00:00.00] - Speaker 1");
  ASSERT_TRUE(dashed);
  EXPECT_EQ(dashed->length, std::string("[00:00:00.00] - ").size());
  EXPECT_EQ(time_mark_at_start("(01:02) text")->start_ms, 62000);
  EXPECT_FALSE(time_mark_at_start("10:30am meeting"));
  EXPECT_FALSE(time_mark_at_start("[00:00:02 SPEAKER"));
  EXPECT_FALSE(time_mark_at_start("[laughs] Fine."));
}

TEST(Timestamps, TimesEndingAHeading) {
  const auto otter = trailing_time("Ana Wijaya  0:08  ");
  ASSERT_TRUE(otter);
  EXPECT_EQ(otter->ms, 8000);
  EXPECT_EQ(otter->begin, std::string("Ana Wijaya").size());
  EXPECT_EQ(trailing_time("Ana (00:01:02)")->ms, 62000);
  EXPECT_EQ(trailing_time("[Ana] 11:02:09")->begin, std::string("[Ana]").size());
  EXPECT_FALSE(trailing_time("It was 10:30."));
  EXPECT_FALSE(trailing_time("Room2:10"));
  EXPECT_FALSE(trailing_time("Chapter 12"));
}

}  // namespace qda
