// The progress line: silent for the first second, then at most four updates a second, erased at the
// end. (Whether it is shown at all, stderr a terminal and no -q, is configure_logging's.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "qda/progress.hpp"

namespace qda {

TEST(Progress, QuietAtFirstThenThrottledThenErased) {
  std::vector<std::string> written;
  Progress::Clock::time_point now{};
  {
    Progress progress("qda-code: coding segments.csv", 215'000'000, "MB", [&](const std::string& text) { written.push_back(text); },
                      [&] { return now; });
    progress.advance(10'000'000);
    now += std::chrono::milliseconds(900);
    progress.advance(10'000'000);
    EXPECT_TRUE(written.empty());  // a short run shows nothing
    now += std::chrono::milliseconds(200);
    progress.advance(70'000'000);
    ASSERT_EQ(written.size(), 1u);
    EXPECT_EQ(written[0], "\rqda-code: coding segments.csv 42% (90 of 215 MB), 1 s\x1b[K");
    now += std::chrono::milliseconds(100);
    progress.advance(1'000'000);
    EXPECT_EQ(written.size(), 1u);  // within a quarter second of the last update
    now += std::chrono::milliseconds(1'000);
    progress.advance(1'000'000);
    ASSERT_EQ(written.size(), 2u);
    EXPECT_EQ(written[1], "\rqda-code: coding segments.csv 43% (92 of 215 MB), 2 s\x1b[K");
  }
  ASSERT_EQ(written.size(), 3u);
  EXPECT_EQ(written[2], "\r\x1b[K");
}

TEST(Progress, AnUnknownTotalShowsTheAmount) {
  std::vector<std::string> written;
  Progress::Clock::time_point now{};
  {
    Progress progress("qda-import:", 0, "files", [&](const std::string& text) { written.push_back(text); }, [&] { return now; });
    now += std::chrono::seconds(2);
    progress.advance(120);
  }
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(written[0], "\rqda-import: 120 files, 2 s\x1b[K");
}

}  // namespace qda
