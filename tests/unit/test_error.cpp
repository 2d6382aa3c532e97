// The error family: messages carry file, line and column; kinds map to documented exit statuses.
#include <gtest/gtest.h>

#include "qda/error.hpp"

namespace qda {

TEST(Error, DescribesFileLineAndColumn) {
  const Error error = invalid_input("expected a closing quote", {"codings.csv", 12, 7});
  EXPECT_STREQ(error.what(), "codings.csv:12:7: expected a closing quote");
  EXPECT_EQ(error.where().line, 12u);
  EXPECT_EQ(error.message(), "expected a closing quote");
}

TEST(Error, LeavesOutUnknownParts) {
  EXPECT_EQ(describe({"a.txt", 3, 0}, "m"), "a.txt:3: m");
  EXPECT_EQ(describe({"a.txt", 0, 0}, "m"), "a.txt: m");
  EXPECT_EQ(describe({}, "m"), "m");
}

TEST(Error, KindsMapToDocumentedExitStatuses) {
  EXPECT_EQ(exit_status(ErrorKind::InvalidInput), 1);
  EXPECT_EQ(exit_status(ErrorKind::Usage), 2);
  EXPECT_EQ(exit_status(ErrorKind::Io), 3);
  EXPECT_EQ(kExitInternal, 4);
  EXPECT_EQ(io_error("x").kind(), ErrorKind::Io);
  EXPECT_EQ(usage_error("x").kind(), ErrorKind::Usage);
}

}  // namespace qda
