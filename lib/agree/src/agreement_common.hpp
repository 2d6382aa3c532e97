// What every coefficient's file shares: starting a result, one pass over the units with their counts,
// tallies of categories within a unit, and the reasons a coefficient is undefined.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qda/agreement.hpp"
#include "qda/agreement_weights.hpp"
#include "qda/reliability_data.hpp"

namespace qda::agreement_detail {

AgreementResult start_result(const ReliabilityData& data, std::string_view coefficient, std::string metric);

// Visits each unit's values (its non-missing cells, in coder order) and fills the unit and coder counts
// every coefficient reports. One pass over the cells; the buffer is reused, so no allocation per unit.
template <class Visit>
void scan_units(const ReliabilityData& data, AgreementCounts& counts, Visit&& visit) {
  std::vector<char> coded(data.coder_count(), 0);
  std::vector<std::int32_t> values;
  values.reserve(data.coder_count());
  for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
    values.clear();
    const auto cells = data.unit_values(unit);
    for (std::size_t coder = 0; coder < cells.size(); ++coder) {
      if (cells[coder] == kMissing) continue;
      values.push_back(cells[coder]);
      coded[coder] = 1;
    }
    if (values.empty()) {
      ++counts.units_no_value;
    } else if (values.size() == 1) {
      ++counts.units_one_value;
    } else {
      ++counts.units_used;
      counts.pairable_values += values.size();
    }
    visit(std::span<const std::int32_t>(values));
  }
  for (std::size_t coder = 0; coder < coded.size(); ++coder) {
    if (!coded[coder]) counts.coders_without_values.push_back(data.coders()[coder]);
  }
}

// Counts how often each category occurs among one unit's values, handing each distinct category and its
// count to `visit` once; the counts are reset as they are visited, so the tally is ready for the next unit.
class CategoryTally {
 public:
  explicit CategoryTally(std::size_t categories) : counts_(categories, 0) {}

  template <class Visit>
  void visit(std::span<const std::int32_t> values, Visit&& visit) {
    for (const std::int32_t value : values) ++counts_[static_cast<std::size_t>(value)];
    for (const std::int32_t value : values) {
      std::int64_t& count = counts_[static_cast<std::size_t>(value)];
      if (count == 0) continue;
      visit(value, count);
      count = 0;
    }
  }

 private:
  std::vector<std::int64_t> counts_;
};

void set_undefined(AgreementResult& result, std::string reason);
std::string single_category_label(const ReliabilityData& data, const std::vector<std::int64_t>& counts);
std::size_t categories_used(const std::vector<std::int64_t>& counts);
std::string no_pairable_units_reason(const AgreementResult& result);
// "'low', 'mid', 'high', ...": the first categories, for messages.
std::string first_labels(const ReliabilityData& data);
// Identity weights of the data's size when `weights` is the default (empty) identity; otherwise checks
// that the weights fit the data's categories (a Usage error if not) and returns them.
AgreementWeights weights_for(const ReliabilityData& data, const AgreementWeights& weights);
// The metric a result names: "nominal" (or `unweighted_name`) for identity weights, else the weights' name.
std::string weights_metric(const AgreementWeights& weights, std::string_view unweighted_name = "nominal");
// sqrt of a variance estimate, 0 for a negative one that rounding produced.
double standard_error_of(double variance);

}  // namespace qda::agreement_detail
