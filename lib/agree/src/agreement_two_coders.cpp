// Coefficients of two coders over the units both coded: Cohen's kappa and Scott's pi, weighted or not,
// with Gwet's (2014) two-rater standard errors; and Light's kappa, Cohen's kappa averaged over pairs.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "agreement_common.hpp"
#include "qda/agreement.hpp"
#include "qda/error.hpp"

namespace qda {

using namespace agreement_detail;

namespace {

// The units coded by both of two coders: each unit's pair of categories, and how each coder used the
// categories there (the marginals of the two-coder contingency table).
struct PairTable {
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  std::vector<std::int64_t> first;   // category counts of the first coder, over the units both coded
  std::vector<std::int64_t> second;  // the same for the second coder
};

PairTable pair_table(const ReliabilityData& data, std::size_t first, std::size_t second) {
  PairTable table;
  table.first.assign(data.category_count(), 0);
  table.second.assign(data.category_count(), 0);
  for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
    const std::int32_t a = data.value(unit, first), b = data.value(unit, second);
    if (a == kMissing || b == kMissing) continue;
    table.pairs.emplace_back(a, b);
    ++table.first[static_cast<std::size_t>(a)];
    ++table.second[static_cast<std::size_t>(b)];
  }
  return table;
}

// Returns false (with the result marked undefined) when the data does not have two coders to compare, or
// they coded no unit in common. `name` says which coefficient, for people.
bool read_two_coders(const ReliabilityData& data, std::string_view name, AgreementResult& result, PairTable& table) {
  count_units(data, result.counts);
  if (data.coder_count() != 2) {
    set_undefined(result, fmt::format("{} compares exactly two coders, and the data has {}; use Fleiss' kappa or "
                                      "Krippendorff's alpha for more",
                                      name, data.coder_count()));
    return false;
  }
  table = pair_table(data, 0, 1);
  if (table.pairs.empty()) {
    set_undefined(result, fmt::format("no {} was coded by both coders", result.unit_of_comparison));
    return false;
  }
  return true;
}

std::vector<double> shares(const std::vector<std::int64_t>& counts, double units) {
  std::vector<double> p(counts.size());
  for (std::size_t k = 0; k < counts.size(); ++k) p[k] = static_cast<double>(counts[k]) / units;
  return p;
}

// sum_kl w_kl row_k column_l: the chance agreement of two sets of proportions. For identity weights it is
// taken from the integer counts, exact until the one division, so that 0.41 is written 0.41.
double chance_agreement(const AgreementWeights& w, const std::vector<std::int64_t>& row_counts,
                        const std::vector<std::int64_t>& column_counts, double total) {
  if (w.identity()) {
    std::int64_t products = 0;
    for (std::size_t k = 0; k < row_counts.size(); ++k) products += row_counts[k] * column_counts[k];
    return static_cast<double>(products) / (total * total);
  }
  std::vector<double> column(column_counts.begin(), column_counts.end());
  const std::vector<double> weighted = w.weighted_sums(column);
  double pe = 0;
  for (std::size_t k = 0; k < row_counts.size(); ++k) pe += static_cast<double>(row_counts[k]) * weighted[k];
  return pe / (total * total);
}

// Cohen's kappa or Scott's pi from a table and its chance agreement p_e, with Gwet's (2014) two-rater
// variance: each unit contributes w(x, y) - (1 - value) (a_x + b_y), and
// var = (mean of its square - (p_a - 2 (1 - value) p_e)^2) / (n (1 - p_e)^2).
void two_coder_coefficient(AgreementResult& result, const PairTable& table, const AgreementWeights& w, double pe,
                           const std::vector<double>& a, const std::vector<double>& b, const ReliabilityData& data) {
  const double n = static_cast<double>(table.pairs.size());
  double pa = 0;
  for (const auto& [x, y] : table.pairs) pa += w(static_cast<std::size_t>(x), static_cast<std::size_t>(y));
  pa /= n;
  result.observed = pa;
  result.expected = pe;
  if (1 - pe <= 1e-15) {
    std::vector<std::int64_t> used(table.first);
    for (std::size_t k = 0; k < used.size(); ++k) used[k] += table.second[k];
    set_undefined(result, categories_used(used) == 1
                              ? fmt::format("both coders used one category only ('{}'): chance agreement is 1",
                                            single_category_label(data, used))
                              : "the agreement expected by chance is 1 under these weights");
    return;
  }
  const double value = (pa - pe) / (1 - pe);
  result.value = value;
  if (table.pairs.size() < 2) return;
  double squares = 0;
  for (const auto& [x, y] : table.pairs) {
    const double term = w(static_cast<std::size_t>(x), static_cast<std::size_t>(y)) -
                        (1 - value) * (a[static_cast<std::size_t>(x)] + b[static_cast<std::size_t>(y)]);
    squares += term * term;
  }
  const double centre = pa - 2 * (1 - value) * pe;
  result.standard_error = standard_error_of((squares / n - centre * centre) / (n * (1 - pe) * (1 - pe)));
  result.variance_units = table.pairs.size();
}

}  // namespace

AgreementResult cohen_kappa(const ReliabilityData& data, const AgreementWeights& given) {
  const AgreementWeights w = weights_for(data, given);
  AgreementResult result = start_result(data, "cohen_kappa", weights_metric(w, "unweighted"));
  PairTable table;
  if (!read_two_coders(data, "Cohen's kappa", result, table)) return result;
  const double n = static_cast<double>(table.pairs.size());
  const std::vector<double> row = shares(table.first, n), column = shares(table.second, n);
  two_coder_coefficient(result, table, w, chance_agreement(w, table.first, table.second, n),
                        w.weighted_sums(column, false), w.weighted_sums(row, true), data);
  return result;
}

AgreementResult cohen_kappa(const ReliabilityData& data, KappaWeights weights) {
  if (weights == KappaWeights::Unweighted) return cohen_kappa(data);
  if (!data.ordered()) {
    throw usage_error(fmt::format("weighted kappa needs ordered categories (numbers, or an explicit category order); "
                                  "these are labels in no order: {}",
                                  first_labels(data)));
  }
  return cohen_kappa(data, AgreementWeights(weights == KappaWeights::Linear ? WeightScheme::Linear : WeightScheme::Quadratic,
                                            category_scores(data, false)));
}

AgreementResult cohen_kappa(const ReliabilityData& data, const std::vector<double>& disagreement_weights) {
  const std::size_t k = data.category_count();
  if (disagreement_weights.size() != k * k) {
    throw usage_error(fmt::format("expected {} disagreement weights ({} categories squared), found {}", k * k, k,
                                  disagreement_weights.size()));
  }
  double largest = 0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      const double v = disagreement_weights[i * k + j];
      if (!std::isfinite(v) || v < 0) throw usage_error("disagreement weights must be finite and not negative");
      if (i == j && v != 0) throw usage_error("a category agrees with itself: the diagonal weights must be 0");
      largest = std::max(largest, v);
    }
  }
  // Cohen's disagreement weights v become agreement weights 1 - v / max v; kappa_w is the same.
  std::vector<double> agreement(disagreement_weights.size(), 1.0);
  if (largest > 0) {
    for (std::size_t i = 0; i < agreement.size(); ++i) agreement[i] = 1 - disagreement_weights[i] / largest;
  }
  return cohen_kappa(data, AgreementWeights::custom(std::move(agreement), k));
}

AgreementResult scott_pi(const ReliabilityData& data, const AgreementWeights& given) {
  const AgreementWeights w = weights_for(data, given);
  AgreementResult result = start_result(data, "scott_pi", weights_metric(w));
  PairTable table;
  if (!read_two_coders(data, "Scott's pi", result, table)) return result;
  const double n = static_cast<double>(table.pairs.size());
  std::vector<std::int64_t> pooled(table.first.size());  // both coders' counts: proportions over 2n
  for (std::size_t k = 0; k < pooled.size(); ++k) pooled[k] = table.first[k] + table.second[k];
  // Both coders' weighted shares averaged: (sum_l w_kl p_.l + sum_l w_lk p_l.) / 2.
  const std::vector<double> by_second = w.weighted_sums(shares(table.second, n), false);
  const std::vector<double> by_first = w.weighted_sums(shares(table.first, n), true);
  std::vector<double> mean(pooled.size());
  for (std::size_t k = 0; k < mean.size(); ++k) mean[k] = (by_second[k] + by_first[k]) / 2;
  two_coder_coefficient(result, table, w, chance_agreement(w, pooled, pooled, 2 * n), mean, mean, data);
  return result;
}

AgreementResult light_kappa(const ReliabilityData& data) {
  AgreementResult result = start_result(data, "light_kappa", "nominal");
  count_units(data, result.counts);
  if (result.counts.units_used == 0) {
    set_undefined(result, no_pairable_units_reason(result));
    return result;
  }
  // Every pair of coders in turn, its contingency margins counted over the units: memory for one pair,
  // not for all of them (a table per pair took 3 GB with 5,000 coders), and the time pairwise
  // agreement needs. Past kMaxLightCoders the pairs are too many to average in reasonable time.
  const std::size_t coders = data.coder_count(), q = data.category_count();
  if (coders > kMaxLightCoders) {
    set_undefined(result, fmt::format("Light's kappa averages Cohen's kappa over every pair of coders, and {} coders make {} "
                                      "pairs; qda computes it for up to {} coders (Fleiss' and Conger's kappa, alpha and AC1 "
                                      "take any number)",
                                      coders, static_cast<std::uint64_t>(coders) * (coders - 1) / 2, kMaxLightCoders));
    return result;
  }
  const AgreementWeights identity(q);
  std::vector<std::int64_t> first(q), second(q);
  double value_sum = 0, observed_sum = 0, expected_sum = 0;
  for (std::size_t g = 0; g + 1 < coders; ++g) {
    for (std::size_t h = g + 1; h < coders; ++h) {
      std::fill(first.begin(), first.end(), 0);
      std::fill(second.begin(), second.end(), 0);
      std::int64_t units = 0, agreements = 0;
      for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
        const auto cells = data.unit_values(unit);
        if (cells[g] == kMissing || cells[h] == kMissing) continue;
        ++units;
        agreements += cells[g] == cells[h];
        ++first[static_cast<std::size_t>(cells[g])];
        ++second[static_cast<std::size_t>(cells[h])];
      }
      const auto undefined = [&](const std::string& why) {
        set_undefined(result, fmt::format("Cohen's kappa of {} and {} is undefined: {}", data.coders()[g],
                                          data.coders()[h], why));
      };
      if (units == 0) {
        undefined(fmt::format("no {} was coded by both", result.unit_of_comparison));
        return result;
      }
      const double n = static_cast<double>(units);
      const double pa = static_cast<double>(agreements) / n;
      const double pe = chance_agreement(identity, first, second, n);
      if (1 - pe <= 1e-15) {
        std::vector<std::int64_t> used(first);
        for (std::size_t k = 0; k < q; ++k) used[k] += second[k];
        undefined(fmt::format("both coders used one category only ('{}'): chance agreement is 1",
                              single_category_label(data, used)));
        return result;
      }
      value_sum += (pa - pe) / (1 - pe);
      observed_sum += pa;
      expected_sum += pe;
    }
  }
  const double count = static_cast<double>(coders * (coders - 1) / 2);
  result.observed = observed_sum / count;
  result.expected = expected_sum / count;
  result.value = value_sum / count;
  return result;
}

}  // namespace qda
