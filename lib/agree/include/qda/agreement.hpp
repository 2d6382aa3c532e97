// Intercoder agreement coefficients over reliability data, each with its counts, and the bootstrap of alpha.
// coefficient_table.hpp lists them with their citations and the data each applies to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qda/agreement_weights.hpp"
#include "qda/reliability_data.hpp"

namespace qda {

// What a coefficient counted. Missing values are never guessed: a unit enters a coefficient only when it
// has values it can compare, and every unit left out is counted here.
struct AgreementCounts {
  std::size_t units = 0;           // units in the data
  std::size_t coders = 0;          // coders in the data, including any who coded nothing
  std::size_t units_used = 0;      // units whose values were compared
  std::size_t units_one_value = 0; // units with one value only (for two-coder coefficients: one of the two):
                                   // nothing to compare it with, so left out
  std::size_t units_no_value = 0;  // units nobody coded
  std::size_t pairable_values = 0; // values in the units used (Krippendorff's n..)
  std::vector<std::string> coders_without_values;  // coders who gave no value at all, by name
};

struct AgreementResult {
  // The coefficient's id in the coefficient table (coefficient_table.hpp), e.g. "krippendorff_alpha".
  std::string_view coefficient;
  // What counts as a disagreement: the metric for alpha ("nominal", "ordinal", "interval", "ratio"); the
  // weights of a weighted coefficient (agreement_weights.hpp: "linear", "quadratic", ..., "custom");
  // "unweighted" for Cohen's kappa without weights and "nominal" for the other unweighted ones.
  std::string metric;
  // For a coefficient of one category against the others (Fleiss' per-category kappa): its label.
  std::string category;
  std::string unit_of_comparison;  // copied from the data: what one unit is
  // The coefficient, or nothing with the reason in undefined_because (never NaN).
  std::optional<double> value;
  std::string undefined_because;
  // The two terms the value is made of. Krippendorff's alpha: observed and expected disagreement (D_o, D_e;
  // alpha = 1 - D_o / D_e). The others: observed and chance agreement (P_o, P_e; value = (P_o - P_e) /
  // (1 - P_e)); percent agreement is P_o with P_e = 0. Both 0 when nothing could be compared.
  double observed = 0;
  double expected = 0;
  // Gwet's (2014) large-sample standard error, without the finite-population correction, and the number
  // of units n it rests on (a confidence interval uses Student's t with n - 1 degrees of freedom).
  // Unset for coefficients without a published variance, for undefined values, and when n < 2.
  std::optional<double> standard_error;
  std::size_t variance_units = 0;
  AgreementCounts counts;
};

// The share of agreeing pairs among the pairs of values within units, each pairable value weighing the same:
// A_o = sum_c o_cc / n.. of Krippendorff's coincidence matrix, so that percent agreement = 1 - D_o of nominal
// alpha. For two coders it is the share of the units both coded on which they agree.
AgreementResult percent_agreement(const ReliabilityData& data);

enum class KappaWeights { Unweighted, Linear, Quadratic };

// Cohen's kappa (Cohen 1960) for exactly two coders over the units both coded; weighted (Cohen 1968) with
// agreement weights: kappa_w = (p_a - p_e) / (1 - p_e), p_a = sum w_kl p_kl, p_e = sum w_kl p_k. p_.l.
// The chance term comes from the same units as the observed term: every unit both coders coded, whatever
// they said. Standard error: Gwet (2014), the two-rater formula of irrCAC's kappa2.table.
AgreementResult cohen_kappa(const ReliabilityData& data, const AgreementWeights& weights = AgreementWeights());
// Linear and quadratic weights on the categories' positions (Cicchetti & Allison 1971; Fleiss & Cohen 1973);
// they need ordered categories (a Usage error otherwise).
AgreementResult cohen_kappa(const ReliabilityData& data, KappaWeights weights);
// Weighted kappa with a disagreement weight per pair of categories (Cohen 1968): weights[i * K + j] for
// the first coder saying category i and the second j, K = data.category_count(); non-negative, 0 on the
// diagonal. kappa_w = 1 - sum(w * observed proportions) / sum(w * chance proportions). Metric "custom".
AgreementResult cohen_kappa(const ReliabilityData& data, const std::vector<double>& disagreement_weights);

// Scott's pi (Scott 1955) for exactly two coders over the units both coded: chance from the two coders'
// pooled category proportions; weighted as Gwet (2014) weights it. Standard error: scott2.table's.
AgreementResult scott_pi(const ReliabilityData& data, const AgreementWeights& weights = AgreementWeights());

// Fleiss' kappa (Fleiss 1971) for any number of coders. With missing values it follows Gwet's (2014)
// extension: observed agreement averages each unit's share of agreeing pairs over units with two or more
// values; chance agreement sum_kl w_kl pi_k pi_l, pi_k averaging each unit's category shares over units with
// a value. For two coders and no missing values it equals Scott's pi. Standard error: Gwet's linearization.
AgreementResult fleiss_kappa(const ReliabilityData& data, const AgreementWeights& weights = AgreementWeights());

// Fleiss' (1971) kappa of each category against all others, in the categories' order: Fleiss' kappa of the
// data with every other category merged into one, so that Fleiss' kappa is the mean of these weighted by
// pi_k (1 - pi_k). Undefined for a category nobody used, or that every value is.
std::vector<AgreementResult> fleiss_category_kappas(const ReliabilityData& data);

// Conger's (1980) kappa: Cohen's kappa for any number of coders, chance agreement the mean over pairs of
// coders of sum_kl w_kl p_gk p_hl, each coder's own proportions over the units they coded (coders who coded
// nothing are left out). For two coders without missing values it is Cohen's kappa. Observed agreement and
// standard error as Gwet (2014) gives them for missing values (irrCAC's conger.kappa.raw).
AgreementResult conger_kappa(const ReliabilityData& data, const AgreementWeights& weights = AgreementWeights());

// Light's (1971) kappa: the mean of Cohen's kappa over every pair of coders, each pair over the units both
// coded. Undefined when any pair's kappa is (the reason names the pair). No published standard error.
// Light's kappa is undefined past this many coders (its pairs grow with the square of them), with the reason.
inline constexpr std::size_t kMaxLightCoders = 1000;
AgreementResult light_kappa(const ReliabilityData& data);

// Brennan & Prediger's (1981) coefficient, Bennett, Alpert & Goldstein's (1954) S for two coders and
// Randolph's (2005) free-marginal multirater kappa for more: chance agreement T_w / q^2 (1/q unweighted), q
// the categories a coder could choose. Observed agreement as Fleiss' kappa; standard error Gwet's (2014).
AgreementResult brennan_prediger(const ReliabilityData& data, const AgreementWeights& weights = AgreementWeights());

// Krippendorff's alpha over the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability"): any number of coders, missing values, and the metric's difference function; the
// ordinal difference uses the marginal frequencies n_g. Units with one value are not pairable and left
// out. Undefined when no unit has two values or when the expected disagreement is 0 (every pairable value
// is one category). Ordinal needs ordered categories and interval and ratio need numbers (Usage errors
// otherwise). Built for size: two passes over the integer cells (marginals, then the coincidences summed
// unit by unit as they are met) and memory linear in the categories, never a categories² matrix, so a
// million units × five coders take well under a second; only the ratio metric's expected disagreement is
// quadratic, in the number of distinct values used.
AgreementResult krippendorff_alpha(const ReliabilityData& data, Metric metric);

// Gwet's AC1 (Gwet 2008; with missing values and any number of coders as in Gwet 2014): observed agreement
// as in fleiss_kappa, chance agreement sum_k pi_k (1 - pi_k) / (q - 1) with q = data.category_count(), the
// number of categories a coder could choose (unused ones from an explicit order included).
AgreementResult gwet_ac1(const ReliabilityData& data);
// Gwet's AC2 (Gwet 2014), AC1 with agreement weights: chance agreement T_w sum_k pi_k (1 - pi_k) / (q (q - 1)).
// Identity weights give AC1's value (under the id gwet_ac2). Standard error: Gwet's linearization.
AgreementResult gwet_ac2(const ReliabilityData& data, const AgreementWeights& weights);

// A confidence interval from a standard error, as Gwet (2014) and irrCAC compute it: value ± t × SE with
// Student's t at (1 + level) / 2 and n - 1 degrees of freedom (n: the result's variance_units), the upper
// bound capped at 1. With a population of N units the variance takes the finite-population correction
// 1 - n / N (N = n gives a standard error of 0).
struct ConfidenceInterval {
  double standard_error = 0;  // with the finite-population correction when a population is given
  double level = 0;
  double lower = 0;
  double upper = 0;
};

// Nothing when the result has no standard error. Usage errors for a level outside (0, 1) and for a
// population smaller than the units the result rests on.
std::optional<ConfidenceInterval> gwet_interval(const AgreementResult& result, double level,
                                                std::optional<double> population = std::nullopt);

// Krippendorff's difference function delta²(c, k) between two categories of one data set. Ordinal
// differences are those of the categories' mid-ranks among the pairable values — sum of n_g from c to k
// minus (n_c + n_k) / 2 equals the distance between their mid-ranks — so they depend on the data.
class MetricDifference {
 public:
  // Throws a Usage error when the data cannot take the metric (see krippendorff_alpha).
  MetricDifference(const ReliabilityData& data, Metric metric);

  Metric metric() const { return metric_; }
  double operator()(std::int32_t c, std::int32_t k) const {
    switch (metric_) {
      case Metric::Nominal: return c == k ? 0.0 : 1.0;
      case Metric::Ordinal:
      case Metric::Interval: {
        const double difference = position_[static_cast<std::size_t>(c)] - position_[static_cast<std::size_t>(k)];
        return difference * difference;
      }
      case Metric::Ratio: {
        const double a = position_[static_cast<std::size_t>(c)];
        const double b = position_[static_cast<std::size_t>(k)];
        if (a + b == 0) return 0.0;  // both 0: no difference
        const double ratio = (a - b) / (a + b);
        return ratio * ratio;
      }
    }
    return 0.0;
  }
  // The number (interval, ratio) or mid-rank (ordinal) a category's differences are taken from; 0 for nominal.
  double position(std::size_t category) const { return position_.empty() ? 0.0 : position_[category]; }
  // How many pairable values fell in each category (n_c).
  const std::vector<std::int64_t>& marginals() const { return marginals_; }

 private:
  Metric metric_;
  std::vector<double> position_;  // the number (interval, ratio) or the mid-rank (ordinal) of each category
  std::vector<std::int64_t> marginals_;
};

struct AlphaBootstrapOptions {
  std::uint64_t seed = 1;
  std::size_t samples = 10000;
  double level = 0.95;                          // of the percentile confidence interval
  std::vector<double> minimums = {0.667, 0.8};  // report the probability that alpha falls below each
};

struct AlphaBelowMinimum {
  double minimum = 0;
  double probability = 0;  // share of bootstrapped alphas below the minimum (Hayes & Krippendorff's q)
};

struct AlphaBootstrap {
  AgreementResult alpha;  // the point estimate that was resampled
  std::uint64_t seed = 0;
  std::size_t samples = 0;
  std::size_t draws_per_sample = 0;  // pairs drawn per resample: as many as the data's pairs of values
  double level = 0;
  // The percentile interval; unset when alpha is undefined (alpha.undefined_because says why).
  std::optional<double> lower;
  std::optional<double> upper;
  std::vector<AlphaBelowMinimum> below;  // one per minimum, in the order given; empty when alpha is undefined
};

// Bootstraps alpha's sampling distribution as Hayes & Krippendorff (2007) describe for their KALPHA macro:
// each resample draws, with replacement, as many pairs of values as the data has, weighting each pair by
// 1 / (m_u - 1) for a unit with m_u values — that is, it draws from the coincidences — and computes alpha
// from their mean difference and the data's expected disagreement. The same seed gives the same result on
// every machine and standard library (mt19937_64 bits, our own unbiased mapping to indexes). Usage errors
// for no samples, a level outside (0, 1) or a non-finite minimum. The interval leaves
// floor(samples × (1 - level) / 2) sorted samples out on each side. Cost: samples × pairs draws.
AlphaBootstrap bootstrap_alpha(const ReliabilityData& data, Metric metric, const AlphaBootstrapOptions& options = {});

}  // namespace qda
