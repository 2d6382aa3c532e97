// Percent agreement and Krippendorff's alpha: plain passes over the units' category indexes, counting as they go.
#include "qda/agreement.hpp"

#include "agreement_common.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/strings.hpp"

namespace qda {

using namespace agreement_detail;

namespace {

// The marginals n_c of the pairable values (those in units with two or more), which the ordinal
// differences and the expected disagreement need.
std::vector<std::int64_t> pairable_marginals(const ReliabilityData& data) {
  std::vector<std::int64_t> marginals(data.category_count(), 0);
  for (const ValueProfile& profile : data.summary().profiles) {
    if (profile.values < 2) continue;
    for (const auto& [k, count] : profile.counts) {
      marginals[static_cast<std::size_t>(k)] += count * static_cast<std::int64_t>(profile.units);
    }
  }
  return marginals;
}

}  // namespace

AgreementResult percent_agreement(const ReliabilityData& data) {
  AgreementResult result = start_result(data, "percent_agreement", "nominal");
  count_units(data, result.counts);
  double agreement = 0;  // sum over units of agreeing ordered pairs / (m_u - 1): sum_c o_cc
  for (const ValueProfile& profile : data.summary().profiles) {
    if (profile.values < 2) continue;
    std::int64_t agreeing_pairs = 0;
    for (const auto& [k, count] : profile.counts) agreeing_pairs += count * (count - 1);
    agreement += static_cast<double>(profile.units) * static_cast<double>(agreeing_pairs) /
                 static_cast<double>(profile.values - 1);
  }
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

  // The observed disagreement, sum_u 1/(m_u - 1) sum_{i != j} delta²(v_i, v_j), which is sum_c sum_k o_ck
  // delta²_ck without ever holding the categories × categories coincidence matrix; units with the same
  // values are summed once.
  count_units(data, result.counts);
  double observed_sum = 0;
  for (const ValueProfile& profile : data.summary().profiles) {
    if (profile.values < 2) continue;
    double unit_sum = 0;  // over unordered pairs of values from different coders
    for (std::size_t i = 0; i < profile.counts.size(); ++i) {
      const auto [c, nc] = profile.counts[i];
      for (std::size_t j = i + 1; j < profile.counts.size(); ++j) {
        const auto [k, nk] = profile.counts[j];
        unit_sum += static_cast<double>(nc * nk) * difference(c, k);
      }
      unit_sum += static_cast<double>(nc * (nc - 1) / 2) * difference(c, c);  // 0 for every metric
    }
    observed_sum += static_cast<double>(profile.units) * 2 * unit_sum / static_cast<double>(profile.values - 1);
  }
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
