// The reliability-data matrix, its builder (labels to ordered category indexes), and the --ratings reader.
#include "qda/reliability_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <mutex>
#include <numeric>
#include <unordered_set>

#include <fmt/format.h>

#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/file.hpp"
#include "qda/strings.hpp"
#include "qda/text.hpp"

namespace qda {

namespace {

// How a cell or category reads as a number.
enum class NumberStatus { Number, NotANumber, OutOfRange };

struct ParsedNumber {
  NumberStatus status = NumberStatus::NotANumber;
  double value = 0;
};

// A number as a person writes one in a spreadsheet: an optional sign (one: "+-3" is not a number),
// digits, an optional fraction and exponent. std::from_chars does not depend on the locale, so "2.5"
// means the same everywhere; it also accepts "inf" and "nan", which are not values anyone codes, so
// non-finite results are refused, and it tells a number too large or too small for a double
// ("1e400") from text that is no number at all.
ParsedNumber read_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) return {};
  }
  if (text.empty()) return {};
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (end != text.data() + text.size()) return {};
  if (error == std::errc::result_out_of_range) return {NumberStatus::OutOfRange, 0};
  if (error != std::errc() || !std::isfinite(number)) return {};
  return {NumberStatus::Number, number == 0 ? 0.0 : number};  // -0 and 0 are one category
}

std::optional<double> parse_number(std::string_view text) {
  const ParsedNumber parsed = read_number(text);
  if (parsed.status != NumberStatus::Number) return std::nullopt;
  return parsed.value;
}

// Why a label is not a number the metric can use, for messages: "'1e400' is out of range ...".
std::string not_a_number_reason(std::string_view label) {
  if (read_number(label).status == NumberStatus::OutOfRange) {
    return fmt::format("'{}' is out of range: a number here must lie within about ±1.8e308, and be 0 or at "
                       "least about 2.2e-308 away from it",
                       label);
  }
  return fmt::format("'{}' is not a number", label);
}

}  // namespace

std::string_view metric_name(Metric metric) {
  switch (metric) {
    case Metric::Nominal: return "nominal";
    case Metric::Ordinal: return "ordinal";
    case Metric::Interval: return "interval";
    case Metric::Ratio: return "ratio";
  }
  return "nominal";
}

Metric parse_metric(std::string_view name) {
  for (Metric metric : {Metric::Nominal, Metric::Ordinal, Metric::Interval, Metric::Ratio}) {
    if (metric_name(metric) == name) return metric;
  }
  throw usage_error(fmt::format("unknown metric '{}'; expected nominal, ordinal, interval or ratio", name));
}

bool metric_needs_numbers(Metric metric) { return metric == Metric::Interval || metric == Metric::Ratio; }

ReliabilityData::ReliabilityData() : summary_cache_(std::make_shared<SummaryCache>()) {}

ReliabilityData::ReliabilityData(std::size_t unit_count, std::vector<std::string> coders,
                                 std::vector<Category> categories, bool ordered, std::vector<std::int32_t> cells,
                                 std::string unit_of_comparison)
    : unit_count_(unit_count),
      coders_(std::move(coders)),
      categories_(std::move(categories)),
      ordered_(ordered),
      cells_(std::move(cells)),
      unit_of_comparison_(std::move(unit_of_comparison)),
      summary_cache_(std::make_shared<SummaryCache>()) {
  if (cells_.size() != unit_count_ * coders_.size()) {
    throw invalid_input(fmt::format("reliability data of {} units and {} coders needs {} cells, not {}",
                                    unit_count_, coders_.size(), unit_count_ * coders_.size(),
                                    cells_.size()));
  }
  const auto category_count = static_cast<std::int32_t>(categories_.size());
  for (const std::int32_t cell : cells_) {
    if (cell != kMissing && (cell < 0 || cell >= category_count)) {
      throw invalid_input(fmt::format("a cell holds category {}, but there are only {} categories", cell,
                                      category_count));
    }
  }
}

struct ReliabilityData::SummaryCache {
  std::once_flag once;
  UnitSummary summary;
};

namespace {

// Finds a unit's profile by its values. Where the profiles are few enough, a unit's counts read as the
// digits of a number in base coders + 1 index a table directly (a presence data set of five coders has
// 6² entries); otherwise its sorted values are a key in a hash map, packed into 64 bits when they fit.
class ProfileIndex {
 public:
  explicit ProfileIndex(const ReliabilityData& data) : categories_(data.category_count()) {
    const std::uint64_t base = data.coder_count() + 1;
    std::uint64_t size = 1;
    for (std::size_t k = 0; k < categories_ && size <= kDenseLimit; ++k) {
      power_.push_back(size);
      size *= base;
    }
    if (size <= kDenseLimit && power_.size() == categories_) dense_.assign(static_cast<std::size_t>(size), kNone);
    packable_ = data.coder_count() <= 8 && categories_ < 255;
  }

  // The profile's position for these values (sorted here), or kNone with the key remembered for add().
  std::size_t find(std::vector<std::int32_t>& values) {
    if (!dense_.empty()) {
      dense_key_ = 0;
      for (const std::int32_t value : values) dense_key_ += power_[static_cast<std::size_t>(value)];
      return dense_[dense_key_];
    }
    std::sort(values.begin(), values.end());
    if (packable_) {
      packed_key_ = 0;
      for (const std::int32_t value : values) packed_key_ = (packed_key_ << 8) | static_cast<std::uint64_t>(value + 1);
      const auto found = packed_.find(packed_key_);
      return found == packed_.end() ? kNone : found->second;
    }
    key_.assign(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(std::int32_t));
    const auto found = bytes_.find(key_);
    return found == bytes_.end() ? kNone : found->second;
  }

  // Records the position of the profile find() did not find.
  void add(std::size_t position) {
    if (!dense_.empty()) dense_[dense_key_] = position;
    else if (packable_) packed_.emplace(packed_key_, position);
    else bytes_.emplace(key_, position);
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

 private:
  static constexpr std::uint64_t kDenseLimit = 1 << 16;
  std::size_t categories_;
  std::vector<std::uint64_t> power_;
  std::vector<std::size_t> dense_;
  bool packable_ = false;
  std::unordered_map<std::uint64_t, std::size_t> packed_;
  std::unordered_map<std::string, std::size_t> bytes_;
  std::uint64_t dense_key_ = 0, packed_key_ = 0;
  std::string key_;
};

UnitSummary summarize(const ReliabilityData& data) {
  UnitSummary summary;
  summary.coder_has_values.assign(data.coder_count(), false);
  ProfileIndex index(data);
  std::vector<std::int32_t> values;
  for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
    values.clear();
    const auto cells = data.unit_values(unit);
    for (std::size_t coder = 0; coder < cells.size(); ++coder) {
      if (cells[coder] == kMissing) continue;
      values.push_back(cells[coder]);
      summary.coder_has_values[coder] = true;
    }
    if (values.empty()) {
      ++summary.units_no_value;
      continue;
    }
    if (values.size() == 1) {
      ++summary.units_one_value;
    } else {
      ++summary.units_used;
      summary.pairable_values += values.size();
    }
    std::size_t position = index.find(values);
    if (position == ProfileIndex::kNone) {
      position = summary.profiles.size();
      index.add(position);
      std::sort(values.begin(), values.end());
      ValueProfile profile;
      profile.values = static_cast<std::int64_t>(values.size());
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (i == 0 || values[i] != values[i - 1]) profile.counts.emplace_back(values[i], 0);
        ++profile.counts.back().second;
      }
      summary.profiles.push_back(std::move(profile));
    }
    ++summary.profiles[position].units;
  }
  return summary;
}

}  // namespace

const UnitSummary& ReliabilityData::summary() const {
  std::call_once(summary_cache_->once, [&] { summary_cache_->summary = summarize(*this); });
  return summary_cache_->summary;
}

bool ReliabilityData::numeric() const {
  return std::all_of(categories_.begin(), categories_.end(), [](const Category& c) { return c.number.has_value(); });
}

ReliabilityDataBuilder::ReliabilityDataBuilder(std::vector<std::string> coders, std::string unit_of_comparison)
    : coders_(std::move(coders)), unit_of_comparison_(std::move(unit_of_comparison)) {}

void ReliabilityDataBuilder::add_unit(const std::vector<std::string>& labels) {
  if (labels.size() != coders_.size()) {
    throw invalid_input(fmt::format("unit {} has {} values; expected one per coder ({})", unit_count_ + 1, labels.size(),
                                    coders_.size()));
  }
  ++unit_count_;
  for (const auto& label : labels) {
    if (label.empty()) {
      cells_.push_back(kMissing);
      continue;
    }
    auto [found, inserted] = label_index_.try_emplace(label, static_cast<std::int32_t>(labels_.size()));
    if (inserted) labels_.push_back(label);
    cells_.push_back(found->second);
  }
}

ReliabilityData ReliabilityDataBuilder::build(const std::vector<std::string>& category_order) && {
  std::vector<Category> categories;
  std::vector<std::int32_t> final_index(labels_.size());
  bool ordered = true;
  if (!category_order.empty()) {
    std::unordered_map<std::string_view, std::int32_t> position;
    for (const auto& label : category_order) {
      if (!position.try_emplace(label, static_cast<std::int32_t>(categories.size())).second) {
        throw usage_error(fmt::format("category '{}' is listed twice in the category order", label));
      }
      categories.push_back({label, parse_number(label)});
    }
    // Numbers only count as numbers when every category is one; a lone "3" among labels is a label.
    if (!std::all_of(categories.begin(), categories.end(), [](const Category& c) { return c.number.has_value(); })) {
      for (auto& category : categories) category.number.reset();
    }
    for (std::size_t i = 0; i < labels_.size(); ++i) {
      auto found = position.find(labels_[i]);
      if (found == position.end()) {
        throw invalid_input(fmt::format("category '{}' is not in the given order ({})", labels_[i],
                                        join(category_order)));
      }
      final_index[i] = found->second;
    }
  } else {
    std::vector<std::optional<double>> numbers;
    numbers.reserve(labels_.size());
    for (const auto& label : labels_) numbers.push_back(parse_number(label));
    const bool all_numbers = std::all_of(numbers.begin(), numbers.end(), [](const auto& n) { return n.has_value(); });
    if (all_numbers) {
      // Numeric order; labels with equal numbers ("1", "1.0") share the category spelled as first seen.
      std::vector<std::size_t> by_number(labels_.size());
      std::iota(by_number.begin(), by_number.end(), std::size_t{0});
      std::stable_sort(by_number.begin(), by_number.end(),
                       [&](std::size_t a, std::size_t b) { return *numbers[a] < *numbers[b]; });
      for (const std::size_t label : by_number) {
        if (categories.empty() || *categories.back().number != *numbers[label]) {
          categories.push_back({labels_[label], numbers[label]});
        }
        final_index[label] = static_cast<std::int32_t>(categories.size() - 1);
      }
    } else {
      ordered = false;
      for (std::size_t i = 0; i < labels_.size(); ++i) {
        categories.push_back({labels_[i], std::nullopt});
        final_index[i] = static_cast<std::int32_t>(i);
      }
    }
  }
  for (auto& cell : cells_) {
    if (cell != kMissing) cell = final_index[static_cast<std::size_t>(cell)];
  }
  return ReliabilityData(unit_count_, std::move(coders_), std::move(categories), ordered, std::move(cells_),
                         std::move(unit_of_comparison_));
}

ReliabilityData read_ratings(std::istream& in, const std::string& file_name, const RatingsOptions& options) {
  CsvTableReader table(in, file_name);
  const auto& header = table.header();
  const bool has_unit_column = !header.empty() && trim(header[0]) == "unit";
  const std::size_t first_coder = has_unit_column ? 1 : 0;

  const auto cell_text = [&](std::string_view raw, Location where) {
    const std::string_view trimmed = trim(raw);
    const std::size_t invalid = find_invalid_utf8(trimmed);
    if (invalid != std::string_view::npos) {
      throw invalid_input(fmt::format("invalid UTF-8 (byte 0x{:02X}); expected UTF-8 text",
                                      static_cast<unsigned char>(trimmed[invalid])),
                          std::move(where));
    }
    // Labels are compared byte for byte, so the same letters typed on different systems must match.
    const bool ascii = std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return (c & 0x80) == 0; });
    return ascii ? std::string(trimmed) : to_nfc(std::string(trimmed));
  };

  std::vector<std::string> coders;
  for (std::size_t column = first_coder; column < header.size(); ++column) {
    std::string coder = cell_text(header[column], {file_name, 1, column + 1});
    if (coder.empty()) throw invalid_input("a coder column has no name; expected a coder name", {file_name, 1, column + 1});
    coders.push_back(std::move(coder));
  }
  if (coders.size() < 2) {
    throw invalid_input(fmt::format("found {} coder column{}; expected one column per coder, at least two{}",
                                    coders.size(), coders.size() == 1 ? "" : "s",
                                    has_unit_column ? " after the 'unit' column" : ""),
                        {file_name, 1});
  }

  std::unordered_set<std::string> in_order(options.category_order.begin(), options.category_order.end());
  if (!options.category_order.empty() && metric_needs_numbers(options.metric)) {
    for (const auto& label : options.category_order) {
      const auto number = parse_number(label);
      if (!number) {
        throw usage_error(fmt::format("the {} metric needs numbers, but in the category order {}",
                                      metric_name(options.metric), not_a_number_reason(label)));
      }
      if (options.metric == Metric::Ratio && *number < 0) {
        throw usage_error(fmt::format("the ratio metric needs values of 0 or more, but the category order has '{}'",
                                      label));
      }
    }
  }
  const std::unordered_set<std::string> missing(options.missing_labels.begin(), options.missing_labels.end());

  ReliabilityDataBuilder builder(coders, options.unit_of_comparison);
  std::unordered_map<std::string, std::size_t> unit_lines;
  std::vector<std::string> fields;
  std::vector<std::string> labels(coders.size());
  std::size_t row_number = 0;
  while (table.read_row(fields)) {
    ++row_number;
    const std::size_t line = table.row_line();
    std::string unit_id = has_unit_column ? cell_text(fields[0], {file_name, line, 1}) : std::to_string(row_number);
    if (unit_id.empty()) throw invalid_input("the unit cell is empty; expected a unit id", {file_name, line, 1});
    if (auto [first, inserted] = unit_lines.try_emplace(unit_id, line); !inserted) {
      throw invalid_input(fmt::format("unit '{}' appears twice; its first row is on line {}", unit_id, first->second),
                          {file_name, line, 1});
    }
    for (std::size_t coder = 0; coder < coders.size(); ++coder) {
      const std::size_t column = first_coder + coder + 1;
      std::string label = cell_text(fields[first_coder + coder], {file_name, line, column});
      if (missing.count(label) > 0) label.clear();
      if (!label.empty()) {
        const Location where{file_name, line, column};
        if (!in_order.empty()) {
          if (in_order.count(label) == 0) {
            throw invalid_input(fmt::format("'{}' is not one of the categories given ({})", label,
                                            join(options.category_order)),
                                where);
          }
        } else if (metric_needs_numbers(options.metric)) {
          const auto number = parse_number(label);
          if (!number) {
            throw invalid_input(fmt::format("{}; the {} metric needs numbers such as 3 or 2.5",
                                            not_a_number_reason(label), metric_name(options.metric)),
                                where);
          }
          if (options.metric == Metric::Ratio && *number < 0) {
            throw invalid_input(fmt::format("'{}' is negative; the ratio metric needs values of 0 or more", label),
                                where);
          }
        } else if (options.metric == Metric::Ordinal && !parse_number(label)) {
          throw invalid_input(fmt::format("{}; ordinal categories are ordered by number, or by an explicit "
                                          "category order when they are labels",
                                          not_a_number_reason(label)),
                              where);
        }
      }
      labels[coder] = std::move(label);
    }
    builder.add_unit(labels);
  }
  return std::move(builder).build(options.category_order);
}

ReliabilityData read_ratings_input(const std::string& name, const RatingsOptions& options) {
  const std::string bytes = read_input(name);
  std::istringstream in(bytes);
  return read_ratings(in, input_display_name(name), options);
}

}  // namespace qda
