// The helpers every coefficient's file shares (agreement_common.hpp).
#include "agreement_common.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/strings.hpp"

namespace qda {

namespace agreement_detail {

AgreementResult start_result(const ReliabilityData& data, std::string_view coefficient, std::string metric) {
  AgreementResult result;
  result.coefficient = coefficient;
  result.metric = std::move(metric);
  result.unit_of_comparison = data.unit_of_comparison();
  result.counts.units = data.unit_count();
  result.counts.coders = data.coder_count();
  return result;
}

void count_units(const ReliabilityData& data, AgreementCounts& counts) {
  const UnitSummary& summary = data.summary();
  counts.units_no_value = summary.units_no_value;
  counts.units_one_value = summary.units_one_value;
  counts.units_used = summary.units_used;
  counts.pairable_values = summary.pairable_values;
  counts.coders_without_values.clear();
  for (std::size_t coder = 0; coder < summary.coder_has_values.size(); ++coder) {
    if (!summary.coder_has_values[coder]) counts.coders_without_values.push_back(data.coders()[coder]);
  }
}

void set_undefined(AgreementResult& result, std::string reason) {
  if (!result.counts.coders_without_values.empty()) {
    reason += fmt::format(" (coded nothing: {})", join(result.counts.coders_without_values));
  }
  result.value.reset();
  result.standard_error.reset();
  result.undefined_because = std::move(reason);
}

std::string single_category_label(const ReliabilityData& data, const std::vector<std::int64_t>& counts) {
  for (std::size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] > 0) return data.categories()[c].label;
  }
  return {};
}

std::size_t categories_used(const std::vector<std::int64_t>& counts) {
  return static_cast<std::size_t>(std::count_if(counts.begin(), counts.end(), [](std::int64_t n) { return n > 0; }));
}

std::string no_pairable_units_reason(const AgreementResult& result) {
  return fmt::format("no {} has values from two coders, so nothing can be compared", result.unit_of_comparison);
}

std::string first_labels(const ReliabilityData& data) {
  std::vector<std::string> labels;
  for (const auto& category : data.categories()) {
    if (labels.size() == 3) {
      labels.push_back("...");
      break;
    }
    labels.push_back("'" + category.label + "'");
  }
  return join(labels);
}

AgreementWeights weights_for(const ReliabilityData& data, const AgreementWeights& weights) {
  if (weights.identity()) return AgreementWeights(data.category_count());
  if (weights.size() != data.category_count()) {
    throw usage_error(fmt::format("the weights are for {} categories, and the data has {}", weights.size(),
                                  data.category_count()));
  }
  return weights;
}

std::string weights_metric(const AgreementWeights& weights, std::string_view unweighted_name) {
  return std::string(weights.identity() ? unweighted_name : weights.name());
}

double standard_error_of(double variance) { return variance > 0 ? std::sqrt(variance) : 0.0; }

}  // namespace agreement_detail

}  // namespace qda
