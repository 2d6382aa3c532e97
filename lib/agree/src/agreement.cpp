// Percent agreement and Krippendorff's alpha, and the helpers every coefficient's file shares
// (agreement_common.hpp): plain passes over the units' category indexes, counting as they go.
#include "qda/agreement.hpp"

#include "agreement_common.hpp"

#include <algorithm>
#include <cmath>
#include <span>

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

namespace {

using namespace agreement_detail;

// Alpha's first pass: the marginals n_c of the pairable values (those in units with two or more), which the
// ordinal differences and the expected disagreement need before the observed disagreement is summed.
std::vector<std::int64_t> pairable_marginals(const ReliabilityData& data) {
  std::vector<std::int64_t> marginals(data.category_count(), 0);
  const std::size_t coders = data.coder_count();
  for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
    const auto cells = data.unit_values(unit);
    std::size_t values = 0;
    for (std::size_t coder = 0; coder < coders; ++coder) values += cells[coder] != kMissing;
    if (values < 2) continue;
    for (std::size_t coder = 0; coder < coders; ++coder) {
      if (cells[coder] != kMissing) ++marginals[static_cast<std::size_t>(cells[coder])];
    }
  }
  return marginals;
}

}  // namespace

AgreementResult percent_agreement(const ReliabilityData& data) {
  AgreementResult result = start_result(data, "percent_agreement", "nominal");
  CategoryTally tally(data.category_count());
  double agreement = 0;  // sum over units of agreeing ordered pairs / (m_u - 1): sum_c o_cc
  scan_units(data, result.counts, [&](std::span<const std::int32_t> values) {
    if (values.size() < 2) return;
    std::int64_t agreeing_pairs = 0;
    tally.visit(values, [&](std::int32_t, std::int64_t count) { agreeing_pairs += count * (count - 1); });
    agreement += static_cast<double>(agreeing_pairs) / static_cast<double>(values.size() - 1);
  });
  if (result.counts.pairable_values == 0) {
    set_undefined(result, no_pairable_units_reason(result));
    return result;
  }
  result.observed = agreement / static_cast<double>(result.counts.pairable_values);
  result.value = result.observed;
  return result;
}

MetricDifference::MetricDifference(const ReliabilityData& data, Metric metric)
    : metric_(metric), marginals_(pairable_marginals(data)) {
  const auto& categories = data.categories();
  if (metric == Metric::Ordinal && !data.ordered()) {
    throw usage_error(fmt::format("the ordinal metric needs ordered categories (numbers, or an explicit category "
                                  "order); these are labels in no order: {}",
                                  first_labels(data)));
  }
  if (metric_needs_numbers(metric)) {
    if (!data.numeric()) {
      throw usage_error(fmt::format("the {} metric needs numbers; these categories are labels: {}",
                                    metric_name(metric), first_labels(data)));
    }
    position_.reserve(categories.size());
    for (const auto& category : categories) {
      if (metric == Metric::Ratio && *category.number < 0) {
        throw usage_error(fmt::format("the ratio metric needs values of 0 or more; '{}' is negative", category.label));
      }
      position_.push_back(*category.number);
    }
  } else if (metric == Metric::Ordinal) {
    // Mid-ranks: Krippendorff's ordinal difference between c < k, sum_{g=c..k} n_g - (n_c + n_k) / 2, is
    // the distance between (values before c + n_c / 2) and (values before k + n_k / 2).
    position_.reserve(categories.size());
    double before = 0;
    for (const std::int64_t count : marginals_) {
      position_.push_back(before + static_cast<double>(count) / 2);
      before += static_cast<double>(count);
    }
  }
}

AgreementResult krippendorff_alpha(const ReliabilityData& data, Metric metric) {
  AgreementResult result = start_result(data, "krippendorff_alpha", std::string(metric_name(metric)));
  // First pass: the marginals n_c (inside MetricDifference, which needs them for ordinal differences).
  const MetricDifference difference(data, metric);
  const auto& marginals = difference.marginals();

  // Second pass: the observed disagreement, sum_u 1/(m_u - 1) sum_{i != j} delta²(v_i, v_j), which is
  // sum_c sum_k o_ck delta²_ck without ever holding the categories × categories coincidence matrix.
  double observed_sum = 0;
  scan_units(data, result.counts, [&](std::span<const std::int32_t> values) {
    if (values.size() < 2) return;
    double unit_sum = 0;
    for (std::size_t i = 0; i + 1 < values.size(); ++i) {
      for (std::size_t j = i + 1; j < values.size(); ++j) unit_sum += difference(values[i], values[j]);
    }
    observed_sum += 2 * unit_sum / static_cast<double>(values.size() - 1);
  });
  const std::size_t n = result.counts.pairable_values;
  if (n == 0) {
    set_undefined(result, no_pairable_units_reason(result));
    return result;
  }
  const double total = static_cast<double>(n);
  result.observed = observed_sum / total;

  // The expected disagreement, sum_c sum_k n_c n_k delta²_ck / (n (n - 1)), from the marginals alone.
  double expected_sum = 0;  // sum_c sum_k n_c n_k delta²_ck
  switch (metric) {
    case Metric::Nominal: {
      double squares = 0;
      for (const std::int64_t count : marginals) squares += static_cast<double>(count) * static_cast<double>(count);
      expected_sum = total * total - squares;
      break;
    }
    case Metric::Ordinal:
    case Metric::Interval: {
      // sum_c sum_k n_c n_k (x_c - x_k)^2 = 2 n sum_c n_c (x_c - mean)^2: linear in the categories.
      double mean = 0;
      for (std::size_t c = 0; c < marginals.size(); ++c) {
        if (marginals[c] > 0) mean += static_cast<double>(marginals[c]) * difference.position(c);
      }
      mean /= total;
      double spread = 0;
      for (std::size_t c = 0; c < marginals.size(); ++c) {
        if (marginals[c] == 0) continue;
        const double from_mean = difference.position(c) - mean;
        spread += static_cast<double>(marginals[c]) * from_mean * from_mean;
      }
      expected_sum = 2 * total * spread;
      break;
    }
    case Metric::Ratio: {
      std::vector<std::int32_t> used;
      for (std::size_t c = 0; c < marginals.size(); ++c) {
        if (marginals[c] > 0) used.push_back(static_cast<std::int32_t>(c));
      }
      for (std::size_t a = 0; a < used.size(); ++a) {
        for (std::size_t b = a + 1; b < used.size(); ++b) {
          expected_sum += 2 * static_cast<double>(marginals[static_cast<std::size_t>(used[a])]) *
                          static_cast<double>(marginals[static_cast<std::size_t>(used[b])]) *
                          difference(used[a], used[b]);
        }
      }
      break;
    }
  }
  result.expected = expected_sum / (total * (total - 1));
  if (categories_used(marginals) == 1) {
    set_undefined(result, fmt::format("every pairable value is the same category ('{}'): with one category used by "
                                      "all coders the expected disagreement is 0",
                                      single_category_label(data, marginals)));
    return result;
  }
  result.value = 1 - result.observed / result.expected;
  return result;
}

}  // namespace qda
