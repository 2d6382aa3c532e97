// The coefficients beyond alpha, kappa, pi and AC1: Brennan-Prediger (Randolph's free-marginal kappa),
// Conger's and Light's kappa, Fleiss' per-category kappas, Gwet's AC2 and the weighted coefficients, and
// Gwet's standard errors and intervals. Published values are cited where the documentation prints them:
// Gwet's irrCAC package (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.), its README and its
// "weighting" vignette, and R irr's documented example output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "qda/agreement.hpp"
#include "qda/agreement_weights.hpp"
#include "qda/error.hpp"
#include "qda/reliability_data.hpp"
#include "agreement_fixture.hpp"

namespace qda {

namespace {

// irrCAC prints intervals to three decimals, "(0.461,1)": its bounds, rounded as R's round() does.
void expect_interval(const AgreementResult& result, double lower, double upper) {
  const auto interval = gwet_interval(result, 0.95);
  ASSERT_TRUE(interval.has_value()) << result.coefficient;
  EXPECT_NEAR(interval->lower, lower, 0.0005) << result.coefficient;
  EXPECT_NEAR(interval->upper, upper, 0.0005) << result.coefficient;
}

}  // namespace

// ---- Published values: irrCAC's README (its documented examples) ----

TEST(BrennanPrediger, MatchesIrrCacsPublishedValues) {
  // bp2.table(cont3x3abstractors): 0.835, standard error 0.04693346 (the two-rater table formula, which
  // divides by n where the raw-data formula qda uses for any number of coders divides by n - 1).
  const AgreementResult table = brennan_prediger(from_table(kGwetAbstractors, {"1", "2", "3"}));
  EXPECT_NEAR(*table.value, 0.835, 1e-12);
  EXPECT_NEAR(*table.standard_error * std::sqrt(99.0 / 100.0), 0.04693346, 5e-9);
  // bp.coeff.dist(distrib.6raters): 0.4388889, se 0.08312142, pa 0.5511111, pe 0.2, (0.261,0.617).
  const AgreementResult dist = brennan_prediger(irrcac_distrib_6raters());
  EXPECT_NEAR(*dist.value, 0.4388889, 5e-8);
  EXPECT_NEAR(dist.observed, 0.5511111, 5e-8);
  EXPECT_DOUBLE_EQ(dist.expected, 0.2);
  EXPECT_NEAR(*dist.standard_error, 0.08312142, 5e-9);
  expect_interval(dist, 0.261, 0.617);
  // bp.coeff.raw(cac.raw4raters): 0.77273, pa 0.8181818, pe 0.2, se 0.14472, (0.454,1).
  const AgreementResult raw = brennan_prediger(digits(kIrrCacRaw4Raters));
  EXPECT_NEAR(*raw.value, 0.77273, 0.000005);
  EXPECT_NEAR(raw.observed, 0.8181818, 5e-8);
  EXPECT_NEAR(*raw.standard_error, 0.14472, 0.000005);
  expect_interval(raw, 0.454, 1.0);
  EXPECT_EQ(raw.coefficient, "brennan_prediger");
  EXPECT_EQ(raw.metric, "nominal");
}

TEST(BrennanPrediger, IsRandolphsFreeMarginalKappa) {
  // Randolph (2005): kappa_free = (P_o - 1/k) / (1 - 1/k), P_o Fleiss' observed agreement. (Randolph's own
  // worked figures were not found in the stored sources; the formula is checked on Fleiss' data.)
  const ReliabilityData data = digits(kFleiss1971Diagnoses, {"1", "2", "3", "4", "5"});
  const double po = fleiss_kappa(data).observed;
  EXPECT_NEAR(*brennan_prediger(data).value, (po - 0.2) / (1 - 0.2), 1e-15);
}

TEST(GwetStandardErrors, MatchIrrCacsRawDataExamples) {
  // gwet.ac1.raw(cac.raw4raters): 0.77544, se 0.14295, (0.461,1).
  const ReliabilityData raw = digits(kIrrCacRaw4Raters);
  const AgreementResult ac1 = gwet_ac1(raw);
  EXPECT_NEAR(*ac1.standard_error, 0.14295, 0.000005);
  EXPECT_EQ(ac1.variance_units, 12u);
  expect_interval(ac1, 0.461, 1.0);
  // fleiss.kappa.raw(cac.raw4raters): 0.76117, se 0.15302, (0.424,1).
  const AgreementResult fleiss = fleiss_kappa(raw);
  EXPECT_NEAR(*fleiss.standard_error, 0.15302, 0.000005);
  expect_interval(fleiss, 0.424, 1.0);
}

TEST(GwetStandardErrors, MatchIrrCacsDistributionExamples) {
  // gwet.ac1.dist(distrib.6raters): 0.4448007, se 0.08418757, (0.264,0.625);
  // fleiss.kappa.dist(distrib.6raters): 0.4139265, se 0.08119291, (0.24,0.588).
  const AgreementResult ac1 = gwet_ac1(irrcac_distrib_6raters());
  EXPECT_NEAR(*ac1.value, 0.4448007, 5e-8);
  EXPECT_NEAR(*ac1.standard_error, 0.08418757, 5e-9);
  expect_interval(ac1, 0.264, 0.625);
  const AgreementResult fleiss = fleiss_kappa(irrcac_distrib_6raters());
  EXPECT_NEAR(*fleiss.standard_error, 0.08119291, 5e-9);
  expect_interval(fleiss, 0.240, 0.588);
}

TEST(GwetStandardErrors, MatchIrrCacsTwoRaterTables) {
  // kappa2.table(cont3x3abstractors): 0.7964094, se 0.05891072, (0.68,0.913);
  // scott2.table(cont3x3abstractors): 0.7962397, se 0.05905473, (0.679,0.913).
  const ReliabilityData data = from_table(kGwetAbstractors, {"1", "2", "3"});
  const AgreementResult kappa = cohen_kappa(data);
  EXPECT_NEAR(*kappa.standard_error, 0.05891072, 5e-9);
  expect_interval(kappa, 0.680, 0.913);
  const AgreementResult pi = scott_pi(data);
  EXPECT_NEAR(*pi.standard_error, 0.05905473, 5e-9);
  expect_interval(pi, 0.679, 0.913);
  // gwet.ac1.table: se 0.04321747 by the table formula (divisor n); qda's raw-data formula divides by n - 1.
  EXPECT_NEAR(*gwet_ac1(data).standard_error * std::sqrt(99.0 / 100.0), 0.04321747, 5e-9);
}

TEST(CongerKappa, MatchesIrrCacsPublishedValues) {
  // conger.kappa.raw(cac.raw4raters): pa 0.8181818, pe 0.2334252, 0.76282, se 0.14917, (0.435,1). (Conger
  // 1980 gives formulas; a worked figure of his was not found in the stored sources.)
  const AgreementResult kappa = conger_kappa(digits(kIrrCacRaw4Raters));
  EXPECT_NEAR(kappa.observed, 0.8181818, 5e-8);
  EXPECT_NEAR(kappa.expected, 0.2334252, 5e-8);
  EXPECT_NEAR(*kappa.value, 0.76282, 0.000005);
  EXPECT_NEAR(*kappa.standard_error, 0.14917, 0.000005);
  expect_interval(kappa, 0.435, 1.0);
}

TEST(CongerKappa, IsCohensKappaForTwoCodersAndAveragesPairsChance) {
  const ReliabilityData two = from_table(kGwetAbstractors, {"1", "2", "3"});
  EXPECT_NEAR(*conger_kappa(two).value, *cohen_kappa(two).value, 1e-14);
  // Its chance term is Cohen's chance agreement averaged over the pairs of coders.
  const ReliabilityData six = digits(kFleiss1971Diagnoses, {"1", "2", "3", "4", "5"});
  double chance = 0;
  int pairs = 0;
  for (int g = 0; g < 6; ++g) {
    for (int h = g + 1; h < 6; ++h) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& unit : kFleiss1971Diagnoses) rows.push_back({std::string(1, unit[static_cast<std::size_t>(g)]), std::string(1, unit[static_cast<std::size_t>(h)])});
      chance += cohen_kappa(data_of(rows, {"1", "2", "3", "4", "5"})).expected;
      ++pairs;
    }
  }
  EXPECT_NEAR(conger_kappa(six).expected, chance / pairs, 1e-14);
}

TEST(LightKappa, MatchesIrrsDocumentedExample) {
  // R irr, kappam.light(diagnoses): Subjects = 30, Raters = 6, Kappa = 0.459.
  const AgreementResult kappa = light_kappa(digits(kFleiss1971Diagnoses));
  EXPECT_NEAR(*kappa.value, 0.459, 0.0005);
  EXPECT_EQ(kappa.coefficient, "light_kappa");
  EXPECT_FALSE(kappa.standard_error.has_value());
  // With two coders it is Cohen's kappa.
  const ReliabilityData two = from_table(kGwetAbstractors, {"1", "2", "3"});
  EXPECT_DOUBLE_EQ(*light_kappa(two).value, *cohen_kappa(two).value);
}

TEST(LightKappa, UndefinedWhenAPairIsAndSaysWhichPair) {
  // Coders 1 and 3 share no unit.
  const AgreementResult kappa = light_kappa(digits({"12.", "21.", ".12", ".21"}));
  EXPECT_FALSE(kappa.value.has_value());
  EXPECT_EQ(kappa.undefined_because, "Cohen's kappa of coder1 and coder3 is undefined: no unit was coded by both");
}

TEST(LightKappa, IsUndefinedPastItsCoderLimitWhileTheOthersStayDefined) {
  // A unit per row, a digit per coder: kMaxLightCoders + 1 coders on three units.
  std::vector<std::string> units(3);
  for (std::size_t coder = 0; coder <= kMaxLightCoders; ++coder) {
    for (std::size_t unit = 0; unit < units.size(); ++unit) units[unit] += static_cast<char>('1' + (coder + unit) % 3);
  }
  const ReliabilityData many = digits(units);
  const AgreementResult kappa = light_kappa(many);
  EXPECT_FALSE(kappa.value.has_value());
  EXPECT_EQ(kappa.undefined_because, "Light's kappa averages Cohen's kappa over every pair of coders, and 1001 coders make 500500 "
                                     "pairs; qda computes it for up to 1000 coders (Fleiss' and Conger's kappa, alpha and AC1 "
                                     "take any number)");
  EXPECT_TRUE(fleiss_kappa(many).value.has_value());
  // At the limit it is computed, pair by pair.
  for (auto& unit : units) unit.pop_back();
  EXPECT_TRUE(light_kappa(digits(units)).value.has_value());
}

TEST(FleissCategoryKappa, AveragesToFleissKappaWeightedByPiTimesOneMinusPi) {
  // Fleiss (1971): kappa = sum_j p_j q_j kappa_j / sum_j p_j q_j. (The per-category values Fleiss printed
  // for these data were not found in the stored sources; this identity and a hand computation check them.)
  const ReliabilityData data = digits(kFleiss1971Diagnoses, {"1", "2", "3", "4", "5"});
  const auto kappas = fleiss_category_kappas(data);
  ASSERT_EQ(kappas.size(), 5u);
  double weighted = 0, weights = 0;
  for (const auto& kappa : kappas) {
    const double pq = (1 - kappa.expected) / 2;  // expected = 1 - 2 p q
    weighted += pq * *kappa.value;
    weights += pq;
  }
  EXPECT_NEAR(weighted / weights, *fleiss_kappa(data).value, 1e-14);
  EXPECT_EQ(kappas[2].category, "3");
  EXPECT_EQ(kappas[2].coefficient, "fleiss_category_kappa");
  // The data set's units and coders, as every coefficient of the result set gives them (they were 0).
  for (const auto& kappa : kappas) {
    EXPECT_EQ(kappa.counts.units, fleiss_kappa(data).counts.units);
    EXPECT_EQ(kappa.counts.coders, 6u);
    EXPECT_EQ(kappa.counts.units_used, fleiss_kappa(data).counts.units_used);
  }
  // Category 1 (depression) by Fleiss' formula kappa_j = 1 - sum_i x_ij (m - x_ij) /
  // (N m (m - 1) p_j q_j).
  double split = 0, ones = 0;
  for (const auto& unit : kFleiss1971Diagnoses) {
    const double x = static_cast<double>(std::count(unit.begin(), unit.end(), '1'));
    split += x * (6 - x);
    ones += x;
  }
  const double p = ones / 180.0;
  EXPECT_NEAR(*kappas[0].value, 1 - split / (30 * 6 * 5 * p * (1 - p)), 1e-14);
}

TEST(FleissCategoryKappa, TwoCategoriesBothEqualFleissKappaAndUnusedOnesAreUndefined) {
  const ReliabilityData binary = digits({"112", "111", "222", "121", "221"});
  const auto kappas = fleiss_category_kappas(binary);
  EXPECT_NEAR(*kappas[0].value, *fleiss_kappa(binary).value, 1e-14);
  EXPECT_NEAR(*kappas[1].value, *fleiss_kappa(binary).value, 1e-14);
  const auto with_unused = fleiss_category_kappas(digits({"112", "111", "222"}, {"1", "2", "3"}));
  EXPECT_FALSE(with_unused[2].value.has_value());
  EXPECT_EQ(with_unused[2].undefined_because, "nobody used category '3'");
}

// ---- Weights ----

TEST(AgreementWeights, MatchIrrCacsWeightingVignette) {
  // irrCAC's "weighting" vignette prints the weights of the categories 1:3; the (1, 2) weights are
  // radical 0.2928932, linear 0.5, ordinal 0.6666667, quadratic 0.75, bipolar 0.6666667, circular 0 (R
  // prints 3.330669e-16), and every (1, 3) weight is 0.
  const std::vector<double> scores = {1, 2, 3};
  EXPECT_NEAR(AgreementWeights(WeightScheme::Radical, scores)(0, 1), 0.2928932, 5e-8);
  EXPECT_DOUBLE_EQ(AgreementWeights(WeightScheme::Linear, scores)(0, 1), 0.5);
  EXPECT_NEAR(AgreementWeights(WeightScheme::Ordinal, scores)(0, 1), 0.6666667, 5e-8);
  EXPECT_DOUBLE_EQ(AgreementWeights(WeightScheme::Quadratic, scores)(0, 1), 0.75);
  EXPECT_NEAR(AgreementWeights(WeightScheme::Bipolar, scores)(0, 1), 0.6666667, 5e-8);
  EXPECT_NEAR(AgreementWeights(WeightScheme::Circular, scores)(0, 1), 0.0, 1e-15);
  for (const WeightScheme scheme : {WeightScheme::Linear, WeightScheme::Quadratic, WeightScheme::Ordinal, WeightScheme::Radical,
                                    WeightScheme::Ratio, WeightScheme::Circular, WeightScheme::Bipolar}) {
    const AgreementWeights w(scheme, scores);
    EXPECT_NEAR(w(0, 2), 0.0, 1e-15) << w.name();
    EXPECT_EQ(w(1, 1), 1.0) << w.name();
    EXPECT_EQ(w(0, 1), w(1, 0)) << w.name();
  }
  // Ratio weights on 1:3: 1 - ((1 - 2) / (1 + 2))^2 / ((3 - 1) / (3 + 1))^2 = 1 - (1/9) / (1/4) = 5/9.
  EXPECT_NEAR(AgreementWeights(WeightScheme::Ratio, scores)(0, 1), 5.0 / 9.0, 1e-15);
}

TEST(AgreementWeights, LinearAndQuadraticSumsEqualTheDirectSumsOnRandomScores) {
  // weighted_sums takes linear and quadratic weights in linear time from sums over sorted scores; it must
  // give what sum_l w(k, l) v_l gives, with scores out of order and tied.
  std::uint32_t state = 18;
  const auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < 50; ++round) {
    const std::size_t q = 2 + next() % 40;
    std::vector<double> scores(q), v(q);
    for (std::size_t k = 0; k < q; ++k) {
      scores[k] = static_cast<double>(next() % 25) - 5;  // ties and negative scores
      v[k] = next() % 3 == 0 ? 0.0 : static_cast<double>(next() % 1000) / 997;
    }
    if (*std::max_element(scores.begin(), scores.end()) == *std::min_element(scores.begin(), scores.end())) continue;
    for (const WeightScheme scheme : {WeightScheme::Linear, WeightScheme::Quadratic}) {
      const AgreementWeights w(scheme, scores);
      const std::vector<double> fast = w.weighted_sums(v);
      double total = 0;
      for (std::size_t k = 0; k < q; ++k) {
        double direct = 0;
        for (std::size_t l = 0; l < q; ++l) direct += w(k, l) * v[l];
        ASSERT_NEAR(fast[k], direct, 1e-12 * (1 + std::abs(direct))) << w.name() << " round " << round;
        for (std::size_t l = 0; l < q; ++l) total += w(k, l);
      }
      ASSERT_NEAR(w.total(), total, 1e-9) << w.name();
    }
  }
}

TEST(AgreementWeights, OneCategoryAgreesWithItselfUnderEveryScheme) {
  // Ratings with a single value ("a,b\n,2\n" at an ordinal level): the weights' sums read scores in
  // order that a one-category set of weights never sorts (the fuzzer's ratings target, under UBSan).
  for (const WeightScheme scheme : {WeightScheme::Linear, WeightScheme::Quadratic, WeightScheme::Ordinal}) {
    const AgreementWeights weights(scheme, {2.0});
    EXPECT_EQ(weights.weighted_sums({0.5}), std::vector<double>{0.5});
  }
}

// Weights other than linear and quadratic take time in the square of the categories: 20,000 distinct
// values took 37 s for circular weights, and 200,000 would take hours. Past 20,000 they are refused
// before any is computed; linear and quadratic weights take any number.
TEST(AgreementWeights, PairwiseSchemesRefuseMoreCategoriesThanTheyCanComputeInTime) {
  std::vector<double> scores(kMaxCategoriesForPairwiseWeights + 1);
  std::iota(scores.begin(), scores.end(), 1.0);
  for (const WeightScheme scheme : {WeightScheme::Ordinal, WeightScheme::Radical, WeightScheme::Ratio, WeightScheme::Circular,
                                    WeightScheme::Bipolar}) {
    try {
      AgreementWeights weights(scheme, scores);
      ADD_FAILURE() << weight_scheme_name(scheme);
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::Usage);
      EXPECT_NE(error.message().find("over 20001 categories (distinct values) take time in their square"), std::string::npos)
          << error.message();
    }
  }
  for (const WeightScheme scheme : {WeightScheme::Linear, WeightScheme::Quadratic}) {
    const AgreementWeights weights(scheme, scores);
    EXPECT_DOUBLE_EQ(weights(0, 1), scheme == WeightScheme::Linear ? 1 - 1.0 / 20000 : 1 - 1.0 / 4e8);
  }
}

TEST(AgreementWeights, NumbersNotPositionsForIntervalData) {
  // 1, 2 and 10: by position 2 is halfway; by number it is an eighth of the way.
  const ReliabilityData data =
      data_of({{"1", "2"}, {"2", "10"}, {"10", "10"}, {"1", "1"}, {"1", "10"}, {"2", "2"}, {"2", "1"}});
  const AgreementWeights by_position(WeightScheme::Linear, category_scores(data, false));
  const AgreementWeights by_number(WeightScheme::Linear, category_scores(data, true));
  EXPECT_DOUBLE_EQ(by_position(0, 1), 0.5);
  EXPECT_DOUBLE_EQ(by_number(0, 1), 1 - 1.0 / 9.0);
  EXPECT_NE(*cohen_kappa(data, by_position).value, *cohen_kappa(data, by_number).value);
  EXPECT_THROW(category_scores(data_of({{"a", "b"}}), false), Error);  // labels in no order
}

TEST(WeightedCoefficients, QuadraticKappaMatchesIrrCacAndTheOldPositionalWeights) {
  // kappa2.table(cont3x3abstractors, weights = quadratic.weights(1:3)) = 0.8921569 (irrCAC documentation).
  const ReliabilityData data = from_table(kGwetAbstractors, {"1", "2", "3"});
  const AgreementWeights quadratic(WeightScheme::Quadratic, category_scores(data, false));
  EXPECT_NEAR(*cohen_kappa(data, quadratic).value, 0.8921569, 5e-8);
  EXPECT_NEAR(*cohen_kappa(data, quadratic).value, *cohen_kappa(data, KappaWeights::Quadratic).value, 1e-14);
  EXPECT_EQ(cohen_kappa(data, quadratic).metric, "quadratic");
}

// The weighted coefficients of many coders against the first published values found for them: Gwet's
// irrCAC vignette "Weighted agreement coefficients" (2021-08-15), quadratic weights, printed to the
// digits given here (AC2 on cac.raw4raters to three).
TEST(WeightedCoefficients, ManyCodersMatchIrrCacsWeightingVignette) {
  const ReliabilityData raw = digits(kIrrCacRaw4Raters);
  const AgreementWeights quadratic(WeightScheme::Quadratic, category_scores(raw, true));
  EXPECT_NEAR(*gwet_ac2(raw, quadratic).value, 0.914, 5e-4);
  EXPECT_NEAR(*fleiss_kappa(raw, quadratic).value, 0.86494, 5e-6);
  EXPECT_NEAR(*conger_kappa(raw, quadratic).value, 0.85771, 5e-6);
  EXPECT_NEAR(*brennan_prediger(raw, quadratic).value, 0.90152, 5e-6);
  EXPECT_NEAR(*krippendorff_alpha(raw, Metric::Interval).value, 0.84911, 5e-6);  // interval = quadratic weights
  // cont3x3abstractors, two coders as a table.
  const ReliabilityData table = from_table(kGwetAbstractors, {"1", "2", "3"});
  const AgreementWeights table_quadratic(WeightScheme::Quadratic, category_scores(table, true));
  EXPECT_NEAR(*gwet_ac2(table, table_quadratic).value, 0.9402369, 5e-8);
  EXPECT_NEAR(*brennan_prediger(table, table_quadratic).value, 0.9175, 5e-8);
  EXPECT_NEAR(*krippendorff_alpha(table, Metric::Interval).value, 0.8926487, 5e-8);
  EXPECT_NEAR(gwet_ac2(table, table_quadratic).observed, 0.9725, 5e-8);  // the weighted percent agreement
}

TEST(WeightedCoefficients, KeepTheirTwoCoderIdentities) {
  const ReliabilityData data = from_table({{5, 3, 1, 0}, {2, 9, 4, 1}, {0, 3, 11, 2}, {1, 0, 3, 7}}, {"1", "2", "3", "4"});
  const std::vector<double> scores = category_scores(data, false);
  for (const WeightScheme scheme : {WeightScheme::Linear, WeightScheme::Quadratic, WeightScheme::Ordinal,
                                    WeightScheme::Radical, WeightScheme::Ratio, WeightScheme::Circular,
                                    WeightScheme::Bipolar}) {
    const AgreementWeights w(scheme, scores);
    // Two coders and no missing values: Fleiss' kappa is Scott's pi and Conger's kappa is Cohen's, weighted alike.
    EXPECT_NEAR(*fleiss_kappa(data, w).value, *scott_pi(data, w).value, 1e-13) << w.name();
    EXPECT_NEAR(*conger_kappa(data, w).value, *cohen_kappa(data, w).value, 1e-13) << w.name();
    EXPECT_EQ(gwet_ac2(data, w).metric, w.name());
  }
  // Identity weights give the unweighted coefficients.
  const AgreementWeights identity(data.category_count());
  EXPECT_DOUBLE_EQ(*gwet_ac2(data, identity).value, *gwet_ac1(data).value);
  EXPECT_DOUBLE_EQ(*fleiss_kappa(data, identity).value, *fleiss_kappa(data).value);
  // AC2's chance term is T_w / (q (q - 1)) sum pi (1 - pi).
  const AgreementWeights linear(WeightScheme::Linear, scores);
  double spread = 0;
  for (const double pi : {17.0 / 104, 31.0 / 104, 35.0 / 104, 21.0 / 104}) spread += pi * (1 - pi);
  EXPECT_NEAR(gwet_ac2(data, linear).expected, linear.total() / 12 * spread, 1e-14);
}

TEST(WeightedCoefficients, CustomWeightsFromCsvInAnyOrder) {
  const ReliabilityData data = data_of({{"low", "mid"}, {"mid", "mid"}, {"high", "low"}}, {"low", "mid", "high"});
  const AgreementWeights w = read_weights_csv(",high,low,mid\nmid,0.5,0.5,1\nlow,0,1,0.5\nhigh,1,0,0.5\n", "w.csv", data);
  EXPECT_EQ(w.scheme(), WeightScheme::Custom);
  EXPECT_EQ(w(0, 1), 0.5);  // low, mid
  EXPECT_EQ(w(2, 0), 0.0);  // high, low
  const auto message_of = [&](const std::string& csv) {
    try {
      read_weights_csv(csv, "w.csv", data);
    } catch (const Error& error) {
      return describe(error.where(), error.message());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message_of(",low,mid,high\nlow,1,0.5,x\n"), "w.csv:2:4: 'x' is not a weight; expected a number from 0 to 1");
  EXPECT_EQ(message_of(",low,mid,high\nlow,0.9,0.5,0\n"), "w.csv:2:2: the weight of 'low' with itself is 0.9; expected 1");
  EXPECT_EQ(message_of(",low,mid,top\n"), "w.csv:1:4: 'top' is not a category of the ratings; expected one of the 3 categories");
  EXPECT_EQ(message_of(",low,mid,high\nlow,1,0.5,0\n"), "w.csv: category 'mid' has no row; expected one row per category");
  EXPECT_EQ(message_of(",low,mid,high\nlow,1,1.5,0\n"), "w.csv:2:3: '1.5' is not a weight; expected a number from 0 to 1");
  // Asymmetric weights: Cohen's kappa and the many-coder coefficients (which average both orders)
  // gave different answers for one pair of coders.
  EXPECT_EQ(message_of(",low,mid,high\nlow,1,0.5,0\nmid,0.4,1,0.5\nhigh,0,0.5,1\n"),
            "w.csv:3:2: the weight of 'low' with 'mid' is 0.5, and of 'mid' with 'low' 0.4; expected the same (agreement "
            "weights are symmetric: it cannot matter which coder gave which value)");
}

// ---- Intervals ----

TEST(GwetInterval, FinitePopulationCorrectionScalesTheVariance) {
  const AgreementResult ac1 = gwet_ac1(digits(kIrrCacRaw4Raters));
  const auto infinite = gwet_interval(ac1, 0.95);
  const auto finite = gwet_interval(ac1, 0.95, 48.0);  // f = 12 / 48
  EXPECT_NEAR(finite->standard_error, infinite->standard_error * std::sqrt(1 - 12.0 / 48.0), 1e-15);
  EXPECT_EQ(gwet_interval(ac1, 0.95, 12.0)->standard_error, 0.0);  // the whole population: no sampling error
  EXPECT_THROW(gwet_interval(ac1, 0.95, 11.0), Error);
  EXPECT_THROW(gwet_interval(ac1, 1.5), Error);
  // The upper bound is capped at 1, the lower is not.
  EXPECT_EQ(infinite->upper, 1.0);
  EXPECT_LT(infinite->lower, *ac1.value);
  // No standard error, no interval.
  EXPECT_FALSE(gwet_interval(light_kappa(digits(kFleiss1971Diagnoses)), 0.95).has_value());
}

}  // namespace qda
