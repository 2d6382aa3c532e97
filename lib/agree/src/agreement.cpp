// The agreement coefficients: plain passes over the units' category indexes, counting as they go.
#include "qda/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <span>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/strings.hpp"

namespace qda {

namespace {

AgreementResult start_result(const ReliabilityData& data, std::string_view coefficient, std::string metric) {
  AgreementResult result;
  result.coefficient = coefficient;
  result.metric = std::move(metric);
  result.unit_of_comparison = data.unit_of_comparison();
  result.counts.units = data.unit_count();
  result.counts.coders = data.coder_count();
  return result;
}

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

void set_undefined(AgreementResult& result, std::string reason) {
  if (!result.counts.coders_without_values.empty()) {
    reason += fmt::format(" (coded nothing: {})", join(result.counts.coders_without_values));
  }
  result.value.reset();
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

// What Cohen's kappa and Scott's pi read from two coders: the units both coded, their agreements, and how
// each coder used the categories there (the marginals of the two-coder contingency table).
struct TwoCoderTable {
  std::int64_t units = 0;
  std::int64_t agreements = 0;
  std::vector<std::int64_t> first;   // category counts of the first coder, over the units both coded
  std::vector<std::int64_t> second;  // the same for the second coder
};

// Returns false (with the result marked undefined) when the data does not have two coders to compare.
// `name` says which coefficient, for people.
bool read_two_coders(const ReliabilityData& data, std::string_view name, AgreementResult& result, TwoCoderTable& table,
                     const std::function<void(std::int32_t, std::int32_t)>& each_pair) {
  if (data.coder_count() != 2) {
    set_undefined(result, fmt::format("{} compares exactly two coders, and the data has {}; use Fleiss' kappa or "
                                      "Krippendorff's alpha for more",
                                      name, data.coder_count()));
    return false;
  }
  table.first.assign(data.category_count(), 0);
  table.second.assign(data.category_count(), 0);
  scan_units(data, result.counts, [&](std::span<const std::int32_t> values) {
    if (values.size() != 2) return;
    ++table.units;
    ++table.first[static_cast<std::size_t>(values[0])];
    ++table.second[static_cast<std::size_t>(values[1])];
    if (values[0] == values[1]) ++table.agreements;
    if (each_pair) each_pair(values[0], values[1]);
  });
  if (table.units == 0) {
    set_undefined(result, fmt::format("no {} was coded by both coders", result.unit_of_comparison));
    return false;
  }
  return true;
}

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

namespace {

AgreementResult weighted_kappa(const ReliabilityData& data, std::string metric,
                               const std::function<double(std::int32_t, std::int32_t)>& weight,
                               const std::function<double(const TwoCoderTable&)>& chance_disagreement,
                               double largest_weight) {
  AgreementResult result = start_result(data, "cohen_kappa", std::move(metric));
  TwoCoderTable table;
  double observed_disagreement = 0;
  if (!read_two_coders(data, "Cohen's kappa", result, table,
                       [&](std::int32_t first, std::int32_t second) { observed_disagreement += weight(first, second); })) {
    return result;
  }
  const double units = static_cast<double>(table.units);
  observed_disagreement /= units;
  const double expected_disagreement = chance_disagreement(table);
  if (largest_weight > 0) {
    result.observed = 1 - observed_disagreement / largest_weight;
    result.expected = 1 - expected_disagreement / largest_weight;
  }
  if (expected_disagreement <= 0) {
    const std::string only = single_category_label(data, table.first);
    set_undefined(result, categories_used(table.first) == 1 && table.first == table.second
                              ? fmt::format("both coders used one category only ('{}'): chance agreement is 1", only)
                              : "the disagreement expected by chance is 0 under these weights");
    return result;
  }
  result.value = 1 - observed_disagreement / expected_disagreement;
  return result;
}

}  // namespace

AgreementResult cohen_kappa(const ReliabilityData& data, KappaWeights weights) {
  const std::size_t categories = data.category_count();
  if (weights != KappaWeights::Unweighted && !data.ordered()) {
    throw usage_error(fmt::format("weighted kappa needs ordered categories (numbers, or an explicit category order); "
                                  "these are labels in no order: {}",
                                  first_labels(data)));
  }
  const double steps = categories > 1 ? static_cast<double>(categories - 1) : 0.0;
  switch (weights) {
    case KappaWeights::Unweighted:
      return weighted_kappa(
          data, "unweighted", [](std::int32_t a, std::int32_t b) { return a == b ? 0.0 : 1.0; },
          [](const TwoCoderTable& table) {
            // 1 - sum_i p_i. q_.i, from integers: exact until the final division.
            std::int64_t chance_agreements = 0;
            for (std::size_t c = 0; c < table.first.size(); ++c) chance_agreements += table.first[c] * table.second[c];
            const double square = static_cast<double>(table.units) * static_cast<double>(table.units);
            return (square - static_cast<double>(chance_agreements)) / square;
          },
          1.0);
    case KappaWeights::Linear:
      return weighted_kappa(
          data, "linear", [](std::int32_t a, std::int32_t b) { return std::abs(static_cast<double>(a - b)); },
          [](const TwoCoderTable& table) {
            // sum_i sum_j p_i q_j |i - j| in one sweep: the second coder's counts and index sums below j
            // and above j give every |i - j| term for category j of the first coder.
            const std::size_t k = table.first.size();
            double count_below = 0, index_sum_below = 0;
            double count_above = 0, index_sum_above = 0;
            for (std::size_t c = 0; c < k; ++c) {
              count_above += static_cast<double>(table.second[c]);
              index_sum_above += static_cast<double>(table.second[c]) * static_cast<double>(c);
            }
            double total = 0;
            for (std::size_t j = 0; j < k; ++j) {
              const double here = static_cast<double>(table.second[j]);
              count_above -= here;
              index_sum_above -= here * static_cast<double>(j);
              const double position = static_cast<double>(j);
              total += static_cast<double>(table.first[j]) * ((position * count_below - index_sum_below) +
                                                              (index_sum_above - position * count_above));
              count_below += here;
              index_sum_below += here * position;
            }
            const double units = static_cast<double>(table.units);
            return total / (units * units);
          },
          steps);
    case KappaWeights::Quadratic:
      return weighted_kappa(
          data, "quadratic",
          [](std::int32_t a, std::int32_t b) {
            const double d = static_cast<double>(a - b);
            return d * d;
          },
          [](const TwoCoderTable& table) {
            // sum_i sum_j p_i q_j (i - j)^2 = E[i^2] + E[j^2] - 2 E[i] E[j] for independent coders; the
            // positions are centred first so large category counts lose no precision.
            const double units = static_cast<double>(table.units);
            double mean_first = 0, mean_second = 0;
            for (std::size_t c = 0; c < table.first.size(); ++c) {
              mean_first += static_cast<double>(table.first[c]) * static_cast<double>(c);
              mean_second += static_cast<double>(table.second[c]) * static_cast<double>(c);
            }
            mean_first /= units;
            mean_second /= units;
            double spread_first = 0, spread_second = 0;
            for (std::size_t c = 0; c < table.first.size(); ++c) {
              const double from_first = static_cast<double>(c) - mean_first;
              const double from_second = static_cast<double>(c) - mean_second;
              spread_first += static_cast<double>(table.first[c]) * from_first * from_first;
              spread_second += static_cast<double>(table.second[c]) * from_second * from_second;
            }
            const double shift = mean_first - mean_second;
            return spread_first / units + spread_second / units + shift * shift;
          },
          steps * steps);
  }
  return {};
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
      const double w = disagreement_weights[i * k + j];
      if (!std::isfinite(w) || w < 0) throw usage_error("disagreement weights must be finite and not negative");
      if (i == j && w != 0) throw usage_error("a category agrees with itself: the diagonal weights must be 0");
      largest = std::max(largest, w);
    }
  }
  return weighted_kappa(
      data, "custom",
      [&](std::int32_t a, std::int32_t b) {
        return disagreement_weights[static_cast<std::size_t>(a) * k + static_cast<std::size_t>(b)];
      },
      [&](const TwoCoderTable& table) {
        double total = 0;
        for (std::size_t i = 0; i < k; ++i) {
          if (table.first[i] == 0) continue;
          for (std::size_t j = 0; j < k; ++j) {
            total += static_cast<double>(table.first[i]) * static_cast<double>(table.second[j]) *
                     disagreement_weights[i * k + j];
          }
        }
        const double units = static_cast<double>(table.units);
        return total / (units * units);
      },
      largest);
}

AgreementResult scott_pi(const ReliabilityData& data) {
  AgreementResult result = start_result(data, "scott_pi", "nominal");
  TwoCoderTable table;
  if (!read_two_coders(data, "Cohen's kappa", result, table, {})) return result;
  // pi = 1 - (1 - P_o) / (1 - P_e) with P_e = sum_k ((first_k + second_k) / 2N)^2, kept in integers:
  // pi = 1 - 4N (N - agreements) / (4N^2 - sum_k (first_k + second_k)^2).
  std::vector<std::int64_t> pooled(table.first.size());
  std::int64_t pooled_squares = 0;
  for (std::size_t c = 0; c < pooled.size(); ++c) {
    pooled[c] = table.first[c] + table.second[c];
    pooled_squares += pooled[c] * pooled[c];
  }
  const double units = static_cast<double>(table.units);
  const double four_n_squared = 4 * units * units;
  result.observed = static_cast<double>(table.agreements) / units;
  result.expected = static_cast<double>(pooled_squares) / four_n_squared;
  const double chance_disagreement = four_n_squared - static_cast<double>(pooled_squares);
  if (chance_disagreement <= 0) {
    set_undefined(result, fmt::format("both coders used one category only ('{}'): chance agreement is 1",
                                      single_category_label(data, pooled)));
    return result;
  }
  result.value = 1 - 4 * units * (units - static_cast<double>(table.agreements)) / chance_disagreement;
  return result;
}

namespace {

// Gwet's (2014) terms for many coders with missing values: the observed agreement averages, over units with
// two or more values, the share of agreeing pairs in the unit; pi_k averages, over units with any value,
// the share of the unit's values in category k.
struct ManyCoderTerms {
  double observed = 0;
  std::vector<double> pi;
  std::vector<std::int64_t> values_per_category;  // over units with any value
};

ManyCoderTerms many_coder_terms(const ReliabilityData& data, AgreementCounts& counts) {
  ManyCoderTerms terms;
  terms.pi.assign(data.category_count(), 0.0);
  terms.values_per_category.assign(data.category_count(), 0);
  CategoryTally tally(data.category_count());
  double observed_sum = 0;
  scan_units(data, counts, [&](std::span<const std::int32_t> values) {
    if (values.empty()) return;
    const double m = static_cast<double>(values.size());
    std::int64_t agreeing_pairs = 0;
    tally.visit(values, [&](std::int32_t category, std::int64_t count) {
      terms.pi[static_cast<std::size_t>(category)] += static_cast<double>(count) / m;
      terms.values_per_category[static_cast<std::size_t>(category)] += count;
      agreeing_pairs += count * (count - 1);
    });
    if (values.size() >= 2) observed_sum += static_cast<double>(agreeing_pairs) / (m * (m - 1));
  });
  const double units_with_value = static_cast<double>(counts.units_used + counts.units_one_value);
  if (units_with_value > 0) {
    for (double& share : terms.pi) share /= units_with_value;
  }
  if (counts.units_used > 0) terms.observed = observed_sum / static_cast<double>(counts.units_used);
  return terms;
}

}  // namespace

AgreementResult fleiss_kappa(const ReliabilityData& data) {
  AgreementResult result = start_result(data, "fleiss_kappa", "nominal");
  const ManyCoderTerms terms = many_coder_terms(data, result.counts);
  if (result.counts.units_used == 0) {
    set_undefined(result, no_pairable_units_reason(result));
    return result;
  }
  double chance = 0;
  for (const double share : terms.pi) chance += share * share;
  result.observed = terms.observed;
  result.expected = chance;
  if (categories_used(terms.values_per_category) == 1) {
    set_undefined(result, fmt::format("every value is the same category ('{}'): chance agreement is 1",
                                      single_category_label(data, terms.values_per_category)));
    return result;
  }
  result.value = (terms.observed - chance) / (1 - chance);
  return result;
}

AgreementResult gwet_ac1(const ReliabilityData& data) {
  AgreementResult result = start_result(data, "gwet_ac1", "nominal");
  const ManyCoderTerms terms = many_coder_terms(data, result.counts);
  if (result.counts.units_used == 0) {
    set_undefined(result, no_pairable_units_reason(result));
    return result;
  }
  result.observed = terms.observed;
  const std::size_t q = data.category_count();
  if (q < 2) {
    set_undefined(result, "Gwet's AC1 needs at least two categories to choose from: its chance term divides by the "
                          "number of categories minus 1");
    return result;
  }
  double chance = 0;
  for (const double share : terms.pi) chance += share * (1 - share);
  chance /= static_cast<double>(q - 1);
  result.expected = chance;  // at most 1/q, so the value is always defined
  result.value = (terms.observed - chance) / (1 - chance);
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
