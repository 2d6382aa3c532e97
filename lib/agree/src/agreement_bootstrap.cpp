// The bootstrap of Krippendorff's alpha (Hayes & Krippendorff 2007), reproducible from a seed on any machine.
#include <algorithm>
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "qda/agreement.hpp"
#include "qda/error.hpp"
#include "qda/random.hpp"

namespace qda {

namespace {

void check(const AlphaBootstrapOptions& options) {
  if (options.samples == 0) throw usage_error("the bootstrap needs at least one sample");
  if (!(options.level > 0 && options.level < 1)) {
    throw usage_error(fmt::format("a confidence level is between 0 and 1 (such as 0.95), not {}", options.level));
  }
  for (const double minimum : options.minimums) {
    if (!std::isfinite(minimum)) throw usage_error("a minimum alpha must be a finite number such as 0.667 or 0.8");
  }
}

// The pairable values, unit by unit, so that a draw can pick a value and then a partner from its unit.
struct PairableValues {
  std::vector<std::int32_t> values;     // the category of every pairable value
  std::vector<std::uint32_t> unit_of;   // for each value, its unit's index in unit_start
  std::vector<std::size_t> unit_start;  // where each pairable unit's values begin, plus the end
  std::size_t pairs = 0;                // sum over units of m_u (m_u - 1) / 2
};

PairableValues pairable_values(const ReliabilityData& data) {
  PairableValues pool;
  for (std::size_t unit = 0; unit < data.unit_count(); ++unit) {
    const auto cells = data.unit_values(unit);
    const auto m = static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(),
                                                          [](std::int32_t cell) { return cell != kMissing; }));
    if (m < 2) continue;
    const auto unit_index = static_cast<std::uint32_t>(pool.unit_start.size());
    pool.unit_start.push_back(pool.values.size());
    for (const std::int32_t cell : cells) {
      if (cell == kMissing) continue;
      pool.values.push_back(cell);
      pool.unit_of.push_back(unit_index);
    }
    pool.pairs += m * (m - 1) / 2;
  }
  pool.unit_start.push_back(pool.values.size());
  return pool;
}

}  // namespace

// Hayes & Krippendorff (2007, "Answering the call for a standard reliability measure for coding data",
// Communication Methods and Measures 1, 77-89) bootstrap alpha not by resampling units but by resampling
// pairs of values: "a random sample of [as many] pairs of judgments [as the data have] from the available
// pairs, weighted by how many observers judged a given unit", keeping the expected disagreement D_e of the
// data; Krippendorff's "Algorithm for bootstrapping a distribution of alpha" (2006, revised 2011) states it
// as drawing from the observed coincidences o_ck / n.. and averaging their differences into a D_o.
//
// A coincidence is drawn here by picking one of the n.. pairable values uniformly and then one of the
// m_u - 1 other values of its unit uniformly: an ordered pair of unit u comes up with probability
// 1 / (n.. (m_u - 1)), exactly o_ck / n.. summed over its cells. So each resample of M = sum_u m_u (m_u - 1)
// / 2 pairs has expected D_o equal to the data's, and alpha* = 1 - mean(delta²) / D_e.
//
// For nominal data, and for interval or ordinal data on integers, every delta² and every sum is an exact
// binary number, so the same seed gives the same bits on any IEEE-754 machine; the percentiles of sorted
// samples then match exactly too.
AlphaBootstrap bootstrap_alpha(const ReliabilityData& data, Metric metric, const AlphaBootstrapOptions& options) {
  check(options);
  AlphaBootstrap bootstrap;
  bootstrap.alpha = krippendorff_alpha(data, metric);
  bootstrap.seed = options.seed;
  bootstrap.samples = options.samples;
  bootstrap.level = options.level;
  if (!bootstrap.alpha.value) return bootstrap;

  const MetricDifference difference(data, metric);
  const PairableValues pool = pairable_values(data);
  bootstrap.draws_per_sample = pool.pairs;
  const double expected = bootstrap.alpha.expected;
  const double draws = static_cast<double>(pool.pairs);
  const auto value_count = static_cast<std::uint64_t>(pool.values.size());

  std::mt19937_64 bits(options.seed);
  std::vector<double> alphas(options.samples);
  for (double& alpha : alphas) {
    double disagreement = 0;
    for (std::size_t draw = 0; draw < pool.pairs; ++draw) {
      const auto value = static_cast<std::size_t>(uniform_index(bits, value_count));
      const std::size_t start = pool.unit_start[pool.unit_of[value]];
      const std::size_t others = pool.unit_start[pool.unit_of[value] + 1] - start - 1;
      // One of the other values of the unit: skip over the drawn value itself.
      std::size_t partner = start + static_cast<std::size_t>(uniform_index(bits, others));
      if (partner >= value) ++partner;
      disagreement += difference(pool.values[value], pool.values[partner]);
    }
    alpha = 1 - (disagreement / draws) / expected;
  }
  std::sort(alphas.begin(), alphas.end());

  // The percentile interval leaves floor(samples × (1 - level) / 2) samples out on each side; the small
  // tolerance keeps 10,000 × 0.025 at 250 whatever the rounding of 1 - 0.95.
  const double tail = (1 - options.level) / 2;
  const auto left_out = std::min(static_cast<std::size_t>(std::floor(tail * static_cast<double>(options.samples) + 1e-9)),
                                 options.samples - 1);
  bootstrap.lower = alphas[left_out];
  bootstrap.upper = alphas[options.samples - 1 - left_out];
  for (const double minimum : options.minimums) {
    const auto below = std::lower_bound(alphas.begin(), alphas.end(), minimum) - alphas.begin();
    bootstrap.below.push_back({minimum, static_cast<double>(below) / static_cast<double>(options.samples)});
  }
  return bootstrap;
}

}  // namespace qda
