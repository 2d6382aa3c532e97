// Reliability data (units × coders, each cell a category or missing) and the --ratings matrix reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qda {

// The level of measurement, which decides how much two different values disagree (Krippendorff's metric).
enum class Metric { Nominal, Ordinal, Interval, Ratio };

std::string_view metric_name(Metric metric);
// "nominal", "ordinal", "interval" or "ratio"; anything else is a Usage error listing them.
Metric parse_metric(std::string_view name);
// Interval and ratio differences are differences of numbers, so every category must be one.
bool metric_needs_numbers(Metric metric);

struct Category {
  std::string label;             // as first written in the data (or as given in an explicit order)
  std::optional<double> number;  // set for every category when all of them are numbers
};

// A cell that holds no value: the coder did not code the unit.
inline constexpr std::int32_t kMissing = -1;

// Units that hold the same values, whichever coders gave them: how many of each category (by category),
// and how many units do. Percent agreement, Fleiss' kappa, AC1/AC2, Brennan-Prediger and alpha depend on
// nothing else, so they sum over these profiles: a presence data set of 10,000 units has a handful.
struct ValueProfile {
  std::vector<std::pair<std::int32_t, std::int64_t>> counts;  // (category, values of it), by category
  std::int64_t values = 0;                                     // m_u, at least 1
  std::size_t units = 0;                                       // units with exactly these values
};

// One pass over the cells: the profiles of the units with values, in order of first appearance, and the
// counts every coefficient reports.
struct UnitSummary {
  std::vector<ValueProfile> profiles;
  std::size_t units_no_value = 0;
  std::size_t units_one_value = 0;
  std::size_t units_used = 0;       // units with two or more values
  std::size_t pairable_values = 0;  // values in those units
  std::vector<bool> coder_has_values;
};

// The matrix, stored unit by unit as category indexes so the coefficients run over plain integers. Units
// are numbered, not named: no coefficient needs their names, and qda-agree's segment × code data of a
// large corpus held hundreds of thousands of them (its --disagreements name the segments themselves).
// Categories are either ordered (all numbers, in numeric order, or in an order the caller gave) or
// unordered (labels, in the order they first appear, which carries no meaning); ordered() says which, so
// nothing ever sorts labels as strings ("10" before "2", the bug of R irr's kappa2).
class ReliabilityData {
 public:
  ReliabilityData();
  // Throws an InvalidInput error when the sizes disagree or a cell is neither kMissing nor a category index.
  ReliabilityData(std::size_t unit_count, std::vector<std::string> coders, std::vector<Category> categories,
                  bool ordered, std::vector<std::int32_t> cells, std::string unit_of_comparison = "unit");

  std::size_t unit_count() const { return unit_count_; }
  std::size_t coder_count() const { return coders_.size(); }
  std::size_t category_count() const { return categories_.size(); }
  const std::vector<std::string>& coders() const { return coders_; }
  const std::vector<Category>& categories() const { return categories_; }
  // What one unit is (a segment, a sentence, a row of a ratings file): every result names it.
  const std::string& unit_of_comparison() const { return unit_of_comparison_; }

  bool ordered() const { return ordered_; }
  // True when every category has a number (vacuously true without categories).
  bool numeric() const;

  // The category index a coder gave a unit, or kMissing.
  std::int32_t value(std::size_t unit, std::size_t coder) const { return cells_[unit * coders_.size() + coder]; }
  // One unit's cells, one per coder.
  std::span<const std::int32_t> unit_values(std::size_t unit) const {
    return {cells_.data() + unit * coders_.size(), coders_.size()};
  }

  // Built on first use and kept (thread-safe; copies share it), since every coefficient reads it.
  const UnitSummary& summary() const;

 private:
  struct SummaryCache;
  std::size_t unit_count_ = 0;
  std::vector<std::string> coders_;
  std::vector<Category> categories_;
  bool ordered_ = true;
  std::vector<std::int32_t> cells_;
  std::string unit_of_comparison_ = "unit";
  std::shared_ptr<SummaryCache> summary_cache_;
};

// Builds reliability data from labels, as the ratings reader and qda-code's codings produce them: labels are
// interned as they come, and the categories get their final order in build().
class ReliabilityDataBuilder {
 public:
  explicit ReliabilityDataBuilder(std::vector<std::string> coders, std::string unit_of_comparison = "unit");

  std::size_t coder_count() const { return coders_.size(); }
  // One label per coder; an empty label is a missing value.
  void add_unit(const std::vector<std::string>& labels);

  // With `category_order`, the categories are exactly those labels in that order (unused ones included,
  // which matters to weighted kappa and Gwet's AC1), and a label outside it is an InvalidInput error.
  // Without, labels that are all numbers become numerically ordered categories ("1" and "1.0" are one
  // category), and other labels unordered categories in the order they first appear.
  ReliabilityData build(const std::vector<std::string>& category_order = {}) &&;

 private:
  std::vector<std::string> coders_;
  std::string unit_of_comparison_;
  std::size_t unit_count_ = 0;
  std::vector<std::string> labels_;  // interned, in order of first appearance
  std::unordered_map<std::string, std::int32_t> label_index_;
  std::vector<std::int32_t> cells_;  // indexes into labels_, remapped by build()
};

// How to read a --ratings matrix.
struct RatingsOptions {
  Metric metric = Metric::Nominal;
  // The categories in order (for ordinal labels, weighted kappa, and categories no coder used); empty:
  // numeric order when every value is a number.
  std::vector<std::string> category_order;
  // Cells that mean "not coded" besides an empty cell, such as "NA" from R's write.csv.
  std::vector<std::string> missing_labels;
  std::string unit_of_comparison = "unit";
};

// Reads a ratings matrix: a header row, then one row per unit and one column per coder. A first column
// named "unit" holds the unit ids (otherwise units are numbered 1, 2, ... by row). Cells are trimmed; an
// empty cell is a missing value. A value the metric cannot take (not a number for interval or ratio, a
// negative ratio, an ordinal label with no explicit order, a label outside the given order) is an
// InvalidInput error naming the file, the line, and the column (the field's position in the row, as a
// spreadsheet counts columns).
ReliabilityData read_ratings(std::istream& in, const std::string& file_name, const RatingsOptions& options = {});
// The same from an input as a user names it: a file, a named pipe, /dev/stdin, or "-" for standard input
// (file.hpp's read_input); an Io error when it cannot be read. Messages name "-" as "standard input".
ReliabilityData read_ratings_input(const std::string& name, const RatingsOptions& options = {});

}  // namespace qda
