// The bootstrap of Krippendorff's alpha (Hayes & Krippendorff 2007), reproducible from a seed on any machine.
#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <unordered_map>

#include <boost/random/binomial_distribution.hpp>

#include <fmt/format.h>

#include "qda/agreement.hpp"
#include "qda/error.hpp"

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

// The distribution a resample draws its pairs from: each distinct difference delta² among the data's
// coincidences, with its share of them (o_ck / n.. summed over the cells with that difference), largest
// difference first so that the no-difference share, the most common, takes what is left.
struct PairDistribution {
  std::vector<std::pair<double, double>> shares;  // (delta², share), shares summing to 1
  std::size_t pairs = 0;                          // M = sum over units of m_u (m_u - 1) / 2
};

PairDistribution pair_distribution(const ReliabilityData& data, const MetricDifference& difference) {
  PairDistribution distribution;
  std::unordered_map<double, double> mass;  // delta² -> sum of o_ck
  double total = 0;
  for (const ValueProfile& profile : data.summary().profiles) {
    if (profile.values < 2) continue;
    // Ordered pairs of values from different coders, each weighing 1 / (m_u - 1): the unit's coincidences.
    const double m = static_cast<double>(profile.values), units = static_cast<double>(profile.units);
    const double weight = units / (m - 1);
    for (const auto& [c, nc] : profile.counts) {
      for (const auto& [k, nk] : profile.counts) {
        const double pairs = c == k ? static_cast<double>(nc * (nc - 1)) : static_cast<double>(nc * nk);
        if (pairs > 0) mass[difference(c, k)] += pairs * weight;
      }
    }
    total += units * m;
    distribution.pairs += profile.units * static_cast<std::size_t>(profile.values * (profile.values - 1) / 2);
  }
  for (const auto& [delta, sum] : mass) {
    if (sum > 0) distribution.shares.emplace_back(delta, sum / total);
  }
  std::sort(distribution.shares.begin(), distribution.shares.end(), std::greater<>());
  return distribution;
}

// The total difference of `draws` pairs drawn with replacement from the distribution: the multinomial
// counts of each difference, as binomials of what is left, so a resample costs one draw per distinct
// difference rather than one per pair.
double resampled_difference(const PairDistribution& distribution, std::uint64_t draws, std::mt19937_64& bits) {
  double sum = 0;
  double rest = 1;
  std::uint64_t left = draws;
  for (std::size_t i = 0; i < distribution.shares.size() && left > 0; ++i) {
    const auto& [delta, share] = distribution.shares[i];
    std::uint64_t count = left;
    if (i + 1 < distribution.shares.size()) {
      const double p = std::clamp(share / rest, 0.0, 1.0);
      boost::random::binomial_distribution<std::int64_t, double> binomial(static_cast<std::int64_t>(left), p);
      count = static_cast<std::uint64_t>(binomial(bits));
    }
    sum += static_cast<double>(count) * delta;
    left -= count;
    rest -= share;
  }
  return sum;
}

}  // namespace

// Hayes & Krippendorff (2007, "Answering the call for a standard reliability measure for coding data",
// Communication Methods and Measures 1, 77-89) bootstrap alpha not by resampling units but by resampling
// pairs of values: "a random sample of [as many] pairs of judgments [as the data have] from the available
// pairs, weighted by how many observers judged a given unit", keeping the expected disagreement D_e of the
// data; Krippendorff's "Algorithm for bootstrapping a distribution of alpha" (2006, revised 2011) states it
// as drawing from the observed coincidences o_ck / n.. and averaging their differences into a D_o.
//
// A resample is M = sum_u m_u (m_u - 1) / 2 pairs drawn with replacement from the coincidences, an ordered
// pair of unit u with probability 1 / (n.. (m_u - 1)), so its expected D_o is the data's, and
// alpha* = 1 - mean(delta²) / D_e. Only the mean of the drawn differences matters, so instead of drawing M
// pairs one by one, each resample draws how many of them have each distinct difference: multinomial
// counts, as binomials (Boost.Random's, on the std::mt19937_64 bits). That is the same distribution at a
// cost of one binomial per distinct difference (one for nominal data) instead of M draws, which is what
// lets 10,000 samples of a million pairs take milliseconds.
AlphaBootstrap bootstrap_alpha(const ReliabilityData& data, Metric metric, const AlphaBootstrapOptions& options) {
  check(options);
  AlphaBootstrap bootstrap;
  bootstrap.alpha = krippendorff_alpha(data, metric);
  bootstrap.seed = options.seed;
  bootstrap.samples = options.samples;
  bootstrap.level = options.level;
  if (!bootstrap.alpha.value) return bootstrap;

  const MetricDifference difference(data, metric);
  const PairDistribution distribution = pair_distribution(data, difference);
  bootstrap.draws_per_sample = distribution.pairs;
  const double expected = bootstrap.alpha.expected;
  const double draws = static_cast<double>(distribution.pairs);

  std::mt19937_64 bits(options.seed);
  std::vector<double> alphas(options.samples);
  for (double& alpha : alphas) alpha = 1 - (resampled_difference(distribution, distribution.pairs, bits) / draws) / expected;
  // The shares below each minimum, then the percentile interval, which leaves floor(samples × (1 - level)
  // / 2) samples out on each side (the small tolerance keeps 10,000 × 0.025 at 250 whatever the rounding
  // of 1 - 0.95). Two selections instead of a sort: the order statistics are the same.
  for (const double minimum : options.minimums) {
    const auto below = std::count_if(alphas.begin(), alphas.end(), [&](double alpha) { return alpha < minimum; });
    bootstrap.below.push_back({minimum, static_cast<double>(below) / static_cast<double>(options.samples)});
  }
  const double tail = (1 - options.level) / 2;
  const auto left_out = std::min(static_cast<std::size_t>(std::floor(tail * static_cast<double>(options.samples) + 1e-9)),
                                 options.samples - 1);
  std::nth_element(alphas.begin(), alphas.begin() + static_cast<std::ptrdiff_t>(left_out), alphas.end());
  bootstrap.lower = alphas[left_out];
  const auto upper = alphas.begin() + static_cast<std::ptrdiff_t>(options.samples - 1 - left_out);
  std::nth_element(alphas.begin() + static_cast<std::ptrdiff_t>(left_out), upper, alphas.end());
  bootstrap.upper = *upper;
  return bootstrap;
}

}  // namespace qda
