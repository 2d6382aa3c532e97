// The reliability-data model and the --ratings reader: category order, missing values, located errors.
#include <gtest/gtest.h>

#include <sstream>

#include "qda/error.hpp"
#include "qda/reliability_data.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {

ReliabilityData read(const std::string& text, const RatingsOptions& options = {}) {
  std::istringstream in(text);
  return read_ratings(in, "ratings.csv", options);
}

Error error_of(const std::string& text, const RatingsOptions& options = {}) {
  try {
    read(text, options);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error for: " << text;
  return invalid_input("none");
}

std::vector<std::string> labels_of(const ReliabilityData& data) {
  std::vector<std::string> labels;
  for (const auto& category : data.categories()) labels.push_back(category.label);
  return labels;
}

RatingsOptions with_metric(Metric metric) {
  RatingsOptions options;
  options.metric = metric;
  return options;
}

}  // namespace

TEST(ReliabilityDataReader, ReadsUnitIdsCodersAndMissingCells) {
  const ReliabilityData data = read("unit,ana,budi,citra\r\nu1,1,1,\r\nu2, 2 ,,3\r\nu3,,,\r\n");
  EXPECT_EQ(data.coders(), (std::vector<std::string>{"ana", "budi", "citra"}));
  EXPECT_EQ(data.unit_count(), 3u);
  ASSERT_EQ(data.category_count(), 3u);
  EXPECT_EQ(data.value(0, 0), 0);
  EXPECT_EQ(data.value(0, 2), kMissing);
  EXPECT_EQ(data.value(1, 0), 1);  // " 2 " is trimmed to the category "2"
  EXPECT_EQ(data.value(1, 1), kMissing);
  EXPECT_EQ(data.unit_values(2).size(), 3u);
  EXPECT_EQ(data.unit_of_comparison(), "unit");
}

TEST(ReliabilityDataReader, NumbersUnitsByRowWithoutAUnitColumn) {
  const ReliabilityData data = read("a,b\nx,y\ny,y\n");
  EXPECT_EQ(data.unit_count(), 2u);
  EXPECT_EQ(data.coder_count(), 2u);
}

TEST(ReliabilityDataReader, OrdersNumbersNumericallyNeverAsStrings) {
  // R irr's kappa2 sorts levels as strings: "1", "10", "2". Numbers are ordered as numbers, and "2" and
  // "2.0" are the same value.
  const ReliabilityData data = read("a,b\n10,2\n2.0,1\n-0.5,1e1\n");
  EXPECT_EQ(labels_of(data), (std::vector<std::string>{"-0.5", "1", "2", "10"}));
  EXPECT_EQ(data.value(1, 0), data.value(0, 1));  // "2.0" is "2"
  EXPECT_EQ(data.value(2, 1), data.value(0, 0));  // "1e1" is "10"
  EXPECT_DOUBLE_EQ(*data.categories()[3].number, 10.0);
  EXPECT_TRUE(data.ordered());
  EXPECT_TRUE(data.numeric());
}

TEST(ReliabilityDataReader, KeepsLabelsUnorderedInTheOrderTheyAppear) {
  const ReliabilityData data = read("a,b\nlow,high\nhigh,medium\n");
  EXPECT_EQ(labels_of(data), (std::vector<std::string>{"low", "high", "medium"}));
  EXPECT_FALSE(data.ordered());
  EXPECT_FALSE(data.numeric());
}

TEST(ReliabilityDataReader, AnExplicitOrderOrdersLabelsAndKeepsUnusedCategories) {
  RatingsOptions options = with_metric(Metric::Ordinal);
  options.category_order = {"low", "medium", "high", "very high"};
  const ReliabilityData data = read("a,b\nlow,high\nhigh,medium\n", options);
  EXPECT_EQ(labels_of(data), options.category_order);
  EXPECT_TRUE(data.ordered());
  EXPECT_EQ(data.value(0, 1), 2);
}

TEST(ReliabilityDataReader, IntervalAndRatioNeedNumbersAndSayWhere) {
  const Error error = error_of("unit,a,b\nu1,1,2\nu2,3,high\n", with_metric(Metric::Interval));
  EXPECT_STREQ(error.what(), "ratings.csv:3:3: 'high' is not a number; the interval metric needs numbers such as 3 or 2.5");
  EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
  EXPECT_EQ(error.where().line, 3u);
  EXPECT_EQ(error.where().column, 3u);

  const Error negative = error_of("a,b\n1,2\n-3,2\n", with_metric(Metric::Ratio));
  EXPECT_EQ(negative.where().line, 3u);
  EXPECT_EQ(negative.where().column, 1u);
  EXPECT_NE(negative.message().find("negative"), std::string::npos);
  EXPECT_NO_THROW(read("a,b\n1,2\n-3,2\n", with_metric(Metric::Interval)));
}

TEST(ReliabilityDataReader, OrdinalLabelsNeedAnExplicitOrder) {
  const Error error = error_of("a,b\n1,2\n2,often\n", with_metric(Metric::Ordinal));
  EXPECT_EQ(error.where().line, 3u);
  EXPECT_EQ(error.where().column, 2u);
  EXPECT_NE(error.message().find("explicit category order"), std::string::npos);
  EXPECT_TRUE(read("a,b\n1,2\n2,10\n", with_metric(Metric::Ordinal)).ordered());
}

TEST(ReliabilityDataReader, ALabelOutsideTheGivenOrderIsAnError) {
  RatingsOptions options;
  options.category_order = {"yes", "no"};
  const Error error = error_of("a,b\nyes,no\nno,maybe\n", options);
  EXPECT_STREQ(error.what(), "ratings.csv:3:2: 'maybe' is not one of the categories given (yes, no)");
}

TEST(ReliabilityDataReader, MissingLabelsCountAsEmptyCells) {
  RatingsOptions options = with_metric(Metric::Interval);
  options.missing_labels = {"NA"};
  const ReliabilityData data = read("a,b\n1,NA\nNA,2\n", options);
  EXPECT_EQ(data.value(0, 1), kMissing);
  EXPECT_EQ(data.value(1, 0), kMissing);
  EXPECT_EQ(error_of("a,b\n1,NA\n", with_metric(Metric::Interval)).where().column, 2u);
}

TEST(ReliabilityDataReader, RejectsBadUnitsAndTooFewCoders) {
  const Error twice = error_of("unit,a,b\nu1,1,2\nu1,2,2\n");
  EXPECT_STREQ(twice.what(), "ratings.csv:3:1: unit 'u1' appears twice; its first row is on line 2");
  EXPECT_EQ(error_of("unit,a,b\n,1,2\n").where().line, 2u);
  const Error one_coder = error_of("unit,a\nu1,1\n");
  EXPECT_EQ(one_coder.where().line, 1u);
  EXPECT_NE(one_coder.message().find("at least two"), std::string::npos);
  EXPECT_EQ(error_of("a,,b\n1,2,3\n").where().column, 2u);           // a coder column without a name
  EXPECT_EQ(error_of("a,b\n1,2\n3,4,5\n").where().line, 3u);          // ragged rows, from the CSV reader
  EXPECT_EQ(error_of("a,b\n1,\xFF\n").where().column, 3u);            // not UTF-8: where the field starts, from the CSV reader
}

TEST(ReliabilityDataReader, ReadsFilesAndReportsMissingOnes) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "ratings.csv", "unit,a,b\ns1,present,absent\n");
  const ReliabilityData data = read_ratings_input((folder / "ratings.csv").string());
  EXPECT_EQ(data.unit_count(), 1u);
  try {
    read_ratings_input((folder / "nowhere.csv").string());
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
  }
}

TEST(ReliabilityDataReader, OneSignOnlyAndOutOfRangeNumbersAreNamed) {
  RatingsOptions interval;
  interval.metric = Metric::Interval;
  const auto message_of = [&](const std::string& csv) {
    std::istringstream in(csv);
    try {
      read_ratings(in, "r.csv", interval);
    } catch (const Error& error) {
      return describe(error.where(), error.message());
    }
    return std::string("no error");
  };
  // "+-3" is not -3: a number has one sign.
  EXPECT_EQ(message_of("a,b\n1,+-3\n"),
            "r.csv:2:2: '+-3' is not a number; the interval metric needs numbers such as 3 or 2.5");
  EXPECT_NE(message_of("a,b\n1,-+3\n").find("'-+3' is not a number"), std::string::npos);
  EXPECT_NE(message_of("a,b\n1,++3\n").find("'++3' is not a number"), std::string::npos);
  // 1e400 is a number too large for a double, not "not a number".
  EXPECT_EQ(message_of("a,b\n1e400,2\n"),
            "r.csv:2:1: '1e400' is out of range: a number here must lie within about ±1.8e308, and be 0 or at "
            "least about 2.2e-308 away from it; the interval metric needs numbers such as 3 or 2.5");
  EXPECT_NE(message_of("a,b\n1,-1e400\n").find("'-1e400' is out of range"), std::string::npos);
  // A leading + is still a sign: "+3" is 3, one category with "3".
  std::istringstream plus("a,b\n+3,3\n");
  const ReliabilityData data = read_ratings(plus, "r.csv", interval);
  EXPECT_EQ(data.category_count(), 1u);
  // In the category order, the same words.
  RatingsOptions ordered = interval;
  ordered.category_order = {"1", "1e400"};
  std::istringstream cells("a,b\n1,1\n");
  try {
    read_ratings(cells, "r.csv", ordered);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Usage);
    EXPECT_NE(error.message().find("in the category order '1e400' is out of range"), std::string::npos);
  }
}

TEST(ReliabilityDataModel, RejectsCellsOutsideTheCategories) {
  EXPECT_THROW(ReliabilityData(1, {"a", "b"}, {{"x", std::nullopt}}, false, {0, 1}), Error);
  EXPECT_THROW(ReliabilityData(1, {"a", "b"}, {{"x", std::nullopt}}, false, {0}), Error);
  EXPECT_NO_THROW(ReliabilityData(1, {"a", "b"}, {{"x", std::nullopt}}, false, {0, kMissing}));
  ReliabilityDataBuilder builder({"a", "b"});
  EXPECT_THROW(builder.add_unit({"x"}), Error);
}

TEST(ReliabilityDataModel, ParsesMetricNames) {
  EXPECT_EQ(parse_metric("ordinal"), Metric::Ordinal);
  EXPECT_EQ(metric_name(Metric::Ratio), "ratio");
  try {
    parse_metric("circular");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Usage);
    EXPECT_NE(error.message().find("nominal, ordinal, interval or ratio"), std::string::npos);
  }
}

}  // namespace qda
