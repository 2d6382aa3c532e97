// Agreement coefficients: published worked examples (cited per test), exact relations, edge cases, bootstrap.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "qda/agreement.hpp"
#include "qda/coefficient_table.hpp"
#include "qda/error.hpp"
#include "qda/reliability_data.hpp"
#include "agreement_fixture.hpp"
#include "temp_folder.hpp"

namespace qda {


// ---- Krippendorff's alpha ----

TEST(KrippendorffAlpha, Krippendorff2011FourCodersTwelveUnitsWithMissingValues) {
  // Krippendorff (2011), section C and D: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
  const ReliabilityData data = digits(kKrippendorff2011FourCoders);
  EXPECT_NEAR(*krippendorff_alpha(data, Metric::Nominal).value, 0.743, 0.0005);
  EXPECT_NEAR(*krippendorff_alpha(data, Metric::Ordinal).value, 0.815, 0.0005);
  EXPECT_NEAR(*krippendorff_alpha(data, Metric::Interval).value, 0.849, 0.0005);
  EXPECT_NEAR(*krippendorff_alpha(data, Metric::Ratio).value, 0.797, 0.0005);

  const AgreementResult nominal = krippendorff_alpha(data, Metric::Nominal);
  EXPECT_EQ(nominal.metric, "nominal");
  EXPECT_EQ(nominal.counts.units, 12u);
  EXPECT_EQ(nominal.counts.coders, 4u);
  EXPECT_EQ(nominal.counts.units_used, 11u);
  EXPECT_EQ(nominal.counts.units_one_value, 1u);  // unit 12: only B coded it, not pairable
  EXPECT_EQ(nominal.counts.pairable_values, 40u);  // Krippendorff's n.. = 40
  // Gwet's irrCAC documentation gives the same alpha to five decimals: 0.74342.
  EXPECT_NEAR(*nominal.value, 0.74342, 0.000005);
}

TEST(KrippendorffAlpha, Krippendorff2011BinaryDataTwoCoders) {
  // Krippendorff (2011), section A: observers A and B, ten units, values 0/1, alpha = 0.095.
  const std::vector<std::string> a = {"0", "1", "0", "0", "0", "0", "0", "0", "1", "0"};
  const std::vector<std::string> b = {"1", "1", "1", "0", "0", "1", "0", "0", "0", "0"};
  std::vector<std::vector<std::string>> rows;
  for (std::size_t u = 0; u < a.size(); ++u) rows.push_back({a[u], b[u]});
  const AgreementResult alpha = krippendorff_alpha(data_of(rows), Metric::Nominal);
  EXPECT_NEAR(*alpha.value, 0.095, 0.0005);
  EXPECT_EQ(alpha.counts.pairable_values, 20u);
}

TEST(KrippendorffAlpha, HayesKrippendorff2007FortyUnitsFiveObserversOrdinal) {
  // Hayes & Krippendorff (2007): their KALPHA output for the example data, ordinal alpha = .7598.
  const AgreementResult alpha = krippendorff_alpha(digits(kHayesKrippendorff2007), Metric::Ordinal);
  EXPECT_NEAR(*alpha.value, 0.7598, 0.00005);
  EXPECT_EQ(alpha.counts.units_used, 40u);
  EXPECT_EQ(alpha.counts.coders, 5u);
}

TEST(KrippendorffAlpha, ManyCodersWithoutMissingValuesMatchesGwetsPublishedValue) {
  // R irr's kripp.alpha mis-scales with no missing values and more than two coders. Gwet's irrCAC
  // documentation, krippen.alpha.dist(distrib.6raters): the first 15 subjects of Fleiss (1971), six raters,
  // no missing values, alpha = 0.4204384.
  const std::vector<std::string> first15(kFleiss1971Diagnoses.begin(), kFleiss1971Diagnoses.begin() + 15);
  EXPECT_NEAR(*krippendorff_alpha(digits(first15), Metric::Nominal).value, 0.4204384, 5e-8);
}

TEST(KrippendorffAlpha, TwoCodersMatchGwetsPublishedValuesNominalAndInterval) {
  // Gwet's irrCAC documentation, cont3x3abstractors: krippen2.table gives 0.7972585, and 0.8926487 with
  // quadratic weights on the categories 1, 2, 3 — the interval metric.
  EXPECT_NEAR(*krippendorff_alpha(from_table(kGwetAbstractors, {"1", "2", "3"}), Metric::Nominal).value, 0.7972585,
              5e-8);
  EXPECT_NEAR(*krippendorff_alpha(from_table(kGwetAbstractors, {"1", "2", "3"}), Metric::Interval).value, 0.8926487,
              5e-8);
}

TEST(KrippendorffAlpha, NominalForTwoCodersIsScottsPiWithTheSmallSampleCorrection) {
  // For two coders and N units both coded, n.. = 2N, D_o = 1 - P_o and D_e = 2N / (2N - 1) (1 - P_e), so
  // 1 - alpha = (1 - 1/(2N)) (1 - pi): alpha corrects pi for the finite sample (Krippendorff 2011).
  for (const std::uint32_t seed : {1u, 2u, 3u}) {
    const ReliabilityData data = scattered(57, 2, 4, seed, false);
    const double alpha = *krippendorff_alpha(data, Metric::Nominal).value;
    const double pi = *scott_pi(data).value;
    EXPECT_NEAR(1 - alpha, (1 - 1.0 / (2 * 57)) * (1 - pi), 1e-12);
  }
}

TEST(KrippendorffAlpha, NominalForManyCodersWithoutMissingValuesIsFleissKappaCorrected) {
  // The same relation for m coders and N complete units: 1 - alpha = (1 - 1/(N m)) (1 - Fleiss' kappa).
  const ReliabilityData data = digits(kFleiss1971Diagnoses);
  const double alpha = *krippendorff_alpha(data, Metric::Nominal).value;
  const double kappa = *fleiss_kappa(data).value;
  EXPECT_NEAR(1 - alpha, (1 - 1.0 / (30 * 6)) * (1 - kappa), 1e-12);
}

TEST(KrippendorffAlpha, OrdinalFollowsNumericOrderNeverStringOrder) {
  // "10" sorts before "2" as a string; numerically it is the largest. Relabelling in numeric order with an
  // explicit order must give the same ordinal alpha.
  const ReliabilityData numbers = data_of({{"1", "2"}, {"2", "2"}, {"10", "2"}, {"10", "10"}, {"1", "1"}, {"2", "10"}});
  const ReliabilityData labels = data_of({{"a", "b"}, {"b", "b"}, {"c", "b"}, {"c", "c"}, {"a", "a"}, {"b", "c"}},
                                         {"a", "b", "c"});
  EXPECT_DOUBLE_EQ(*krippendorff_alpha(numbers, Metric::Ordinal).value,
                   *krippendorff_alpha(labels, Metric::Ordinal).value);
  const ReliabilityData lexical = data_of({{"a", "c"}, {"c", "c"}, {"b", "c"}, {"b", "b"}, {"a", "a"}, {"c", "b"}},
                                          {"a", "b", "c"});  // "1" < "10" < "2", the string order
  EXPECT_NE(*krippendorff_alpha(numbers, Metric::Ordinal).value, *krippendorff_alpha(lexical, Metric::Ordinal).value);
}

TEST(KrippendorffAlpha, MetricsTheDataCannotTakeAreUsageErrors) {
  const ReliabilityData labels = data_of({{"low", "high"}, {"high", "high"}});
  try {
    krippendorff_alpha(labels, Metric::Ordinal);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Usage);
    EXPECT_NE(error.message().find("ordered categories"), std::string::npos);
  }
  EXPECT_THROW(krippendorff_alpha(labels, Metric::Interval), Error);
  EXPECT_THROW(krippendorff_alpha(data_of({{"-1", "2"}, {"2", "2"}}), Metric::Ratio), Error);
  EXPECT_NO_THROW(krippendorff_alpha(data_of({{"low", "high"}, {"high", "high"}}, {"low", "high"}), Metric::Ordinal));
}

// ---- Edge cases, the same for every coefficient ----

TEST(AgreementEdgeCases, PerfectAgreementIsOneForEveryCoefficient) {
  const ReliabilityData two = digits({"11", "22", "33", "22", "11"});
  const ReliabilityData many = digits({"111", "222", "333", "22.", "1.1"});
  for (const Metric metric : {Metric::Nominal, Metric::Ordinal, Metric::Interval, Metric::Ratio}) {
    EXPECT_DOUBLE_EQ(*krippendorff_alpha(two, metric).value, 1.0);
    EXPECT_DOUBLE_EQ(*krippendorff_alpha(many, metric).value, 1.0);
  }
  for (const KappaWeights weights : {KappaWeights::Unweighted, KappaWeights::Linear, KappaWeights::Quadratic}) {
    EXPECT_DOUBLE_EQ(*cohen_kappa(two, weights).value, 1.0);
  }
  EXPECT_DOUBLE_EQ(*scott_pi(two).value, 1.0);
  EXPECT_DOUBLE_EQ(*percent_agreement(two).value, 1.0);
  EXPECT_DOUBLE_EQ(*percent_agreement(many).value, 1.0);
  EXPECT_DOUBLE_EQ(*fleiss_kappa(many).value, 1.0);
  EXPECT_DOUBLE_EQ(*gwet_ac1(many).value, 1.0);
}

TEST(AgreementEdgeCases, OneCategoryUsedByEveryoneLeavesChanceCorrectedCoefficientsUndefined) {
  const ReliabilityData data = digits({"33", "33", "33", "3."});
  const AgreementResult alpha = krippendorff_alpha(data, Metric::Nominal);
  EXPECT_FALSE(alpha.value.has_value());
  EXPECT_NE(alpha.undefined_because.find("expected disagreement is 0"), std::string::npos);
  EXPECT_NE(alpha.undefined_because.find("'3'"), std::string::npos);
  EXPECT_FALSE(krippendorff_alpha(data, Metric::Interval).value.has_value());
  EXPECT_FALSE(cohen_kappa(data).value.has_value());
  EXPECT_NE(cohen_kappa(data).undefined_because.find("chance agreement is 1"), std::string::npos);
  EXPECT_FALSE(scott_pi(data).value.has_value());
  EXPECT_FALSE(fleiss_kappa(data).value.has_value());
  // Percent agreement has no chance term, and Gwet's AC1 puts chance agreement at 0 for a single category
  // (sum_k pi_k (1 - pi_k) = 0), so both are 1 — as Gwet (2008) intends.
  EXPECT_DOUBLE_EQ(*percent_agreement(data).value, 1.0);
  const ReliabilityData with_two_possible = digits({"33", "33", "33", "3."}, {"3", "4"});
  EXPECT_DOUBLE_EQ(*gwet_ac1(with_two_possible).value, 1.0);
  // With only one category to choose from, AC1's q - 1 is 0.
  EXPECT_FALSE(gwet_ac1(data).value.has_value());
}

TEST(AgreementEdgeCases, UnitsWithOneValueAreLeftOutAndCounted) {
  const ReliabilityData base = digits({"112", "223", "333", "121"});
  const ReliabilityData with_singles = digits({"112", "2..", "223", ".3.", "333", "121", "...", "..1"});
  const AgreementResult alpha = krippendorff_alpha(with_singles, Metric::Nominal);
  EXPECT_DOUBLE_EQ(*alpha.value, *krippendorff_alpha(base, Metric::Nominal).value);
  EXPECT_EQ(alpha.counts.units, 8u);
  EXPECT_EQ(alpha.counts.units_used, 4u);
  EXPECT_EQ(alpha.counts.units_one_value, 3u);
  EXPECT_EQ(alpha.counts.units_no_value, 1u);
  EXPECT_EQ(alpha.counts.pairable_values, 12u);
  EXPECT_DOUBLE_EQ(*percent_agreement(with_singles).value, *percent_agreement(base).value);
}

TEST(AgreementEdgeCases, ACoderWhoCodedNothingAddsNothingAndIsNamed) {
  const ReliabilityData three = digits({"12", "22", "33", "13", "11"});
  const ReliabilityData with_silent = digits({"12.", "22.", "33.", "13.", "11."});
  const AgreementResult alpha = krippendorff_alpha(with_silent, Metric::Nominal);
  EXPECT_DOUBLE_EQ(*alpha.value, *krippendorff_alpha(three, Metric::Nominal).value);
  EXPECT_EQ(alpha.counts.coders, 3u);
  EXPECT_EQ(alpha.counts.coders_without_values, std::vector<std::string>{"coder3"});
  EXPECT_DOUBLE_EQ(*fleiss_kappa(with_silent).value, *fleiss_kappa(three).value);
  EXPECT_DOUBLE_EQ(*gwet_ac1(with_silent).value, *gwet_ac1(three).value);

  // Of two coders, one silent: nothing to compare, and the reason says who.
  const AgreementResult kappa = cohen_kappa(digits({"1.", "2.", "3."}));
  EXPECT_FALSE(kappa.value.has_value());
  EXPECT_EQ(kappa.undefined_because, "no unit was coded by both coders (coded nothing: coder2)");
  const AgreementResult nothing = krippendorff_alpha(digits({"1.", "2.", "3."}), Metric::Nominal);
  EXPECT_FALSE(nothing.value.has_value());
  EXPECT_NE(nothing.undefined_because.find("no unit has values from two coders"), std::string::npos);
}

TEST(AgreementEdgeCases, TwoCoderCoefficientsSayWhenThereAreMore) {
  const ReliabilityData three = digits({"112", "223", "333"});
  const AgreementResult kappa = cohen_kappa(three);
  EXPECT_FALSE(kappa.value.has_value());
  EXPECT_NE(kappa.undefined_because.find("exactly two coders, and the data has 3"), std::string::npos);
  EXPECT_FALSE(scott_pi(three).value.has_value());
  EXPECT_TRUE(krippendorff_alpha(three, Metric::Nominal).value.has_value());
  EXPECT_TRUE(fleiss_kappa(three).value.has_value());
}

TEST(AgreementEdgeCases, ResultsNameTheirUnitOfComparison) {
  ReliabilityDataBuilder builder({"ana", "budi"}, "segment");
  builder.add_unit({"present", "present"});
  builder.add_unit({"absent", "present"});
  const ReliabilityData data = std::move(builder).build();
  EXPECT_EQ(krippendorff_alpha(data, Metric::Nominal).unit_of_comparison, "segment");
  EXPECT_EQ(cohen_kappa(data).unit_of_comparison, "segment");
  EXPECT_EQ(krippendorff_alpha(data, Metric::Nominal).coefficient, "krippendorff_alpha");
  EXPECT_EQ(find_coefficient("gwet_ac1")->name, "Gwet's AC1");
}

// ---- Cohen's kappa ----

TEST(CohenKappa, Cohen1960Table2b) {
  // Cohen (1960), Table 2b (Cohen 1968, Table 1): p_o = .70, p_c = .41, kappa = .492.
  const AgreementResult kappa = cohen_kappa(from_table(kCohenDiagnoses, kCohenCategories));
  EXPECT_NEAR(*kappa.value, 0.492, 0.0005);
  EXPECT_NEAR(kappa.observed, 0.70, 1e-12);
  EXPECT_NEAR(kappa.expected, 0.41, 1e-12);
  EXPECT_EQ(kappa.counts.units_used, 200u);
  EXPECT_EQ(kappa.metric, "unweighted");
}

TEST(CohenKappa, Cohen1968WeightedKappaWithHisWeights) {
  // Cohen (1968), the illustration of Table 1: disagreement weights 1 (personality disorder-neurosis),
  // 3 (personality disorder-psychosis), 6 (neurosis-psychosis) give kappa_w = .348; the asymmetric weights
  // of his second illustration give .353 (both as quoted in the psych package's cohen.kappa examples).
  const ReliabilityData data = from_table(kCohenDiagnoses, kCohenCategories);
  EXPECT_NEAR(*cohen_kappa(data, std::vector<double>{0, 1, 3, 1, 0, 6, 3, 6, 0}).value, 0.348, 0.0005);
  EXPECT_NEAR(*cohen_kappa(data, std::vector<double>{0, 1, 4, 1, 0, 6, 2, 2, 0}).value, 0.353, 0.0005);
  EXPECT_EQ(cohen_kappa(data, std::vector<double>{0, 1, 3, 1, 0, 6, 3, 6, 0}).metric, "custom");
}

TEST(CohenKappa, MatchesGwetsPublishedValuesUnweightedAndQuadratic) {
  // Gwet's irrCAC documentation, cont3x3abstractors: kappa2.table 0.7964094; with quadratic weights 0.8921569.
  const ReliabilityData data = from_table(kGwetAbstractors, {"ectopic", "AIU", "NIU"});
  EXPECT_NEAR(*cohen_kappa(data).value, 0.7964094, 5e-8);
  EXPECT_NEAR(*cohen_kappa(data, KappaWeights::Quadratic).value, 0.8921569, 5e-8);
}

TEST(CohenKappa, LinearAndQuadraticWeightsMatchTheirWeightMatrices) {
  const ReliabilityData data = scattered(80, 2, 5, 7, true);
  std::vector<double> linear, quadratic;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      linear.push_back(std::abs(i - j));
      quadratic.push_back((i - j) * (i - j));
    }
  }
  EXPECT_NEAR(*cohen_kappa(data, KappaWeights::Linear).value, *cohen_kappa(data, linear).value, 1e-12);
  EXPECT_NEAR(*cohen_kappa(data, KappaWeights::Quadratic).value, *cohen_kappa(data, quadratic).value, 1e-12);
  // With two categories every weighting is the same coefficient.
  const ReliabilityData binary = scattered(40, 2, 2, 9, false);
  EXPECT_NEAR(*cohen_kappa(binary, KappaWeights::Linear).value, *cohen_kappa(binary).value, 1e-12);
  EXPECT_NEAR(*cohen_kappa(binary, KappaWeights::Quadratic).value, *cohen_kappa(binary).value, 1e-12);
}

TEST(CohenKappa, WeightsFollowNumericOrderNeverStringOrder) {
  // R irr's kappa2 weights over levels sorted as strings, so "10" sits between "1" and "2". Here the numbers
  // keep their order, which an explicit order of letters reproduces.
  const ReliabilityData numbers = data_of({{"1", "2"}, {"2", "10"}, {"10", "10"}, {"2", "2"}, {"1", "10"}, {"2", "1"}});
  const ReliabilityData letters =
      data_of({{"a", "b"}, {"b", "c"}, {"c", "c"}, {"b", "b"}, {"a", "c"}, {"b", "a"}}, {"a", "b", "c"});
  const ReliabilityData lexical =
      data_of({{"a", "c"}, {"c", "b"}, {"b", "b"}, {"c", "c"}, {"a", "b"}, {"c", "a"}}, {"a", "b", "c"});
  EXPECT_DOUBLE_EQ(*cohen_kappa(numbers, KappaWeights::Quadratic).value,
                   *cohen_kappa(letters, KappaWeights::Quadratic).value);
  EXPECT_NE(*cohen_kappa(numbers, KappaWeights::Quadratic).value, *cohen_kappa(lexical, KappaWeights::Quadratic).value);
}

TEST(CohenKappa, UnusedCategoriesOfAnExplicitOrderCountInTheWeights) {
  // A scale of 1-5 where nobody used 3: the distance from 2 to 4 is still two steps.
  const std::vector<std::vector<std::string>> rows = {{"1", "2"}, {"2", "4"}, {"4", "4"}, {"5", "4"}, {"2", "2"}};
  const double with_gap = *cohen_kappa(data_of(rows, {"1", "2", "3", "4", "5"}), KappaWeights::Linear).value;
  const double without = *cohen_kappa(data_of(rows, {"1", "2", "4", "5"}), KappaWeights::Linear).value;
  EXPECT_NE(with_gap, without);
}

TEST(CohenKappa, ChanceTermCountsUnitsBothCodersLeftAbsent) {
  // QualCoder computes the chance term only over what someone coded. Here 100 segments: 5 coded present by
  // both, 5 by A only, 5 by B only, 85 absent for both. P_o = .90, P_e = .1 x .1 + .9 x .9 = .82, so
  // kappa = .08 / .18 = 4/9; dropping the 85 would give -0.5.
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 5; ++i) rows.push_back({"present", "present"});
  for (int i = 0; i < 5; ++i) rows.push_back({"present", "absent"});
  for (int i = 0; i < 5; ++i) rows.push_back({"absent", "present"});
  for (int i = 0; i < 85; ++i) rows.push_back({"absent", "absent"});
  const AgreementResult kappa = cohen_kappa(data_of(rows));
  EXPECT_NEAR(*kappa.value, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(kappa.expected, 0.82, 1e-12);
  EXPECT_EQ(kappa.counts.units_used, 100u);
}

TEST(CohenKappa, MissingValuesAreLeftOutUnitByUnitAndCounted) {
  const AgreementResult kappa = cohen_kappa(digits({"11", "22", "1.", ".2", "..", "12", "21", "33"}));
  EXPECT_EQ(kappa.counts.units_used, 5u);
  EXPECT_EQ(kappa.counts.units_one_value, 2u);
  EXPECT_EQ(kappa.counts.units_no_value, 1u);
  EXPECT_DOUBLE_EQ(*kappa.value, *cohen_kappa(digits({"11", "22", "12", "21", "33"})).value);
}

TEST(CohenKappa, WeightsNeedOrderedCategoriesAndSensibleMatrices) {
  const ReliabilityData labels = data_of({{"x", "y"}, {"y", "y"}});
  EXPECT_THROW(cohen_kappa(labels, KappaWeights::Linear), Error);
  EXPECT_NO_THROW(cohen_kappa(labels));
  EXPECT_THROW(cohen_kappa(labels, std::vector<double>{0, 1}), Error);        // not K x K
  EXPECT_THROW(cohen_kappa(labels, std::vector<double>{1, 1, 1, 0}), Error);  // a category disagrees with itself
  EXPECT_THROW(cohen_kappa(labels, std::vector<double>{0, -1, 1, 0}), Error);
}

// ---- Scott's pi, Fleiss' kappa, Gwet's AC1, percent agreement ----

TEST(AgreementScottPi, MatchesGwetsPublishedValue) {
  // Gwet's irrCAC documentation, scott2.table(cont3x3abstractors) = 0.7962397.
  EXPECT_NEAR(*scott_pi(from_table(kGwetAbstractors, {"ectopic", "AIU", "NIU"})).value, 0.7962397, 5e-8);
}

TEST(FleissKappa, Fleiss1971ThirtySubjectsSixRatersFiveCategories) {
  // Fleiss (1971): kappa = .430 (R irr's kappam.fleiss(diagnoses) prints 0.43).
  const AgreementResult kappa = fleiss_kappa(digits(kFleiss1971Diagnoses));
  EXPECT_NEAR(*kappa.value, 0.430, 0.0005);
  EXPECT_EQ(kappa.counts.units_used, 30u);
  EXPECT_EQ(kappa.counts.coders, 6u);
  EXPECT_EQ(kappa.counts.pairable_values, 180u);
  // Gwet's irrCAC documentation, fleiss.kappa.dist(distrib.6raters), the first 15 subjects: 0.4139265.
  const std::vector<std::string> first15(kFleiss1971Diagnoses.begin(), kFleiss1971Diagnoses.begin() + 15);
  EXPECT_NEAR(*fleiss_kappa(digits(first15)).value, 0.4139265, 5e-8);
}

TEST(FleissKappa, GwetsExtensionForMissingValues) {
  // Gwet's irrCAC documentation, fleiss.kappa.raw(cac.raw4raters): pa 0.8181818, pe 0.2387153, 0.76117.
  const AgreementResult kappa = fleiss_kappa(digits(kKrippendorff2011FourCoders));
  EXPECT_NEAR(kappa.observed, 0.8181818, 5e-8);
  EXPECT_NEAR(kappa.expected, 0.2387153, 5e-8);
  EXPECT_NEAR(*kappa.value, 0.76117, 0.000005);
}

TEST(FleissKappa, EqualsScottsPiForTwoCodersWithoutMissingValues) {
  const ReliabilityData data = scattered(63, 2, 3, 11, false);
  EXPECT_NEAR(*fleiss_kappa(data).value, *scott_pi(data).value, 1e-12);
}

TEST(AgreementGwetAc1, MatchesGwetsPublishedValues) {
  // Gwet's irrCAC documentation (Gwet 2014): gwet.ac1.raw(cac.raw4raters) pa 0.8181818, pe 0.1903212,
  // AC1 0.77544; gwet.ac1.table(cont3x3abstractors) 0.8493305; gwet.ac1.dist(distrib.6raters) 0.4448007.
  const AgreementResult raw = gwet_ac1(digits(kKrippendorff2011FourCoders));
  EXPECT_NEAR(raw.observed, 0.8181818, 5e-8);
  EXPECT_NEAR(raw.expected, 0.1903212, 5e-8);
  EXPECT_NEAR(*raw.value, 0.77544, 0.000005);
  EXPECT_NEAR(*gwet_ac1(from_table(kGwetAbstractors, {"ectopic", "AIU", "NIU"})).value, 0.8493305, 5e-8);
  const std::vector<std::string> first15(kFleiss1971Diagnoses.begin(), kFleiss1971Diagnoses.begin() + 15);
  EXPECT_NEAR(*gwet_ac1(digits(first15)).value, 0.4448007, 5e-8);
}

TEST(AgreementPercent, WeighsEveryPairableValueTheSame) {
  // Gwet's irrCAC documentation, pa2.table(cont3x3abstractors) = 0.89: for two coders, the share of units.
  EXPECT_DOUBLE_EQ(*percent_agreement(from_table(kGwetAbstractors, {"ectopic", "AIU", "NIU"})).value, 0.89);
  // Krippendorff (2011) four coders: 1 - D_o of nominal alpha = 1 - 0.2 = 0.8 (Gwet's per-unit average,
  // which lets the unit with two values weigh as much as those with four, is 0.818).
  const ReliabilityData data = digits(kKrippendorff2011FourCoders);
  EXPECT_NEAR(*percent_agreement(data).value, 0.8, 1e-12);
  EXPECT_NEAR(*percent_agreement(data).value, 1 - krippendorff_alpha(data, Metric::Nominal).observed, 1e-12);
}

// ---- The bootstrap ----

TEST(AlphaBootstrap, SameSeedSameResultDifferentSeedsDiffer) {
  const ReliabilityData data = digits(kHayesKrippendorff2007);
  AlphaBootstrapOptions options;
  options.seed = 2007;
  options.samples = 2000;
  const AlphaBootstrap first = bootstrap_alpha(data, Metric::Ordinal, options);
  const AlphaBootstrap again = bootstrap_alpha(data, Metric::Ordinal, options);
  EXPECT_EQ(*first.lower, *again.lower);
  EXPECT_EQ(*first.upper, *again.upper);
  EXPECT_EQ(first.below[0].probability, again.below[0].probability);
  options.seed = 2008;
  const AlphaBootstrap other = bootstrap_alpha(data, Metric::Ordinal, options);
  EXPECT_TRUE(*other.lower != *first.lower || *other.upper != *first.upper);
}

TEST(AlphaBootstrap, DrawsAsManyPairsAsTheDataHasAndBracketsAlpha) {
  // Hayes & Krippendorff (2007) resample the 239 pairs of judgments of their example.
  AlphaBootstrapOptions options;
  options.minimums = {0.9, 0.8, 0.7, 0.667, 0.6};
  const AlphaBootstrap bootstrap = bootstrap_alpha(digits(kHayesKrippendorff2007), Metric::Ordinal, options);
  EXPECT_EQ(bootstrap.draws_per_sample, 239u);
  EXPECT_EQ(bootstrap.samples, 10000u);
  const double alpha = *bootstrap.alpha.value;
  EXPECT_LT(*bootstrap.lower, alpha);
  EXPECT_GT(*bootstrap.upper, alpha);
  EXPECT_GT(*bootstrap.lower, 0.6);
  EXPECT_LT(*bootstrap.upper, 0.9);
  ASSERT_EQ(bootstrap.below.size(), 5u);
  for (std::size_t i = 0; i + 1 < bootstrap.below.size(); ++i) {
    EXPECT_GE(bootstrap.below[i].probability, bootstrap.below[i + 1].probability);  // higher minimum, likelier miss
  }
  EXPECT_GT(bootstrap.below[0].probability, 0.95);  // alpha = .76 is very unlikely to reach .9
  EXPECT_LT(bootstrap.below[4].probability, 0.05);  // and very likely to reach .6
}

TEST(AlphaBootstrap, IsPinnedToTheBitsSoEveryMachineAgrees) {
  // Nominal differences are 0 or 1, so a resample is one binomial count of disagreeing pairs and every sum
  // is exact. A change of random engine or of the binomial draws (Boost.Random's) shows up here.
  AlphaBootstrapOptions options;
  options.seed = 42;
  options.samples = 1000;
  options.level = 0.9;
  options.minimums = {0.667};
  const AlphaBootstrap bootstrap = bootstrap_alpha(digits(kKrippendorff2011FourCoders), Metric::Nominal, options);
  EXPECT_EQ(bootstrap.draws_per_sample, 55u);  // pairs within units: 3 + 8 x 6 + 3 + 1
  // alpha* = 1 - (disagreeing draws / 55) / D_e with D_e = 1216 / 1560 (Krippendorff 2011): the 5th and
  // 95th percentiles are the resamples with 16 and 6 disagreeing pairs.
  const double expected = 1216.0 / 1560.0;
  EXPECT_DOUBLE_EQ(*bootstrap.lower, 1 - (16.0 / 55) / expected);
  EXPECT_DOUBLE_EQ(*bootstrap.upper, 1 - (6.0 / 55) / expected);
  EXPECT_DOUBLE_EQ(bootstrap.below[0].probability, 0.13);
}

TEST(AlphaBootstrap, CountsOfDifferencesFollowThePairByPairDraws) {
  // Drawing the counts of each difference (multinomial, as binomials) is the same distribution as drawing
  // M pairs one by one: the resampled disagreement is unbiased for D_o, and for nominal data the number of
  // disagreeing pairs is binomial(M, D_o), whose variance M D_o (1 - D_o) fixes the spread of alpha*.
  AlphaBootstrapOptions options;
  options.samples = 40000;
  options.level = 0.5;
  const ReliabilityData data = digits(kKrippendorff2011FourCoders);
  const AlphaBootstrap bootstrap = bootstrap_alpha(data, Metric::Nominal, options);
  const AgreementResult alpha = krippendorff_alpha(data, Metric::Nominal);
  // The interquartile range of alpha* = 1 - (X / M) / D_e, X ~ binomial(M = 55, p = D_o = 0.2): the
  // quartiles of X are 9 and 13 (its mean 11, standard deviation 2.97).
  const double m = 55, de = alpha.expected;
  EXPECT_DOUBLE_EQ(*bootstrap.lower, 1 - (13 / m) / de);
  EXPECT_DOUBLE_EQ(*bootstrap.upper, 1 - (9 / m) / de);
  // Ordinal data, many distinct differences: the mean of alpha* is alpha.
  options.samples = 20000;
  const AlphaBootstrap ordinal = bootstrap_alpha(digits(kHayesKrippendorff2007), Metric::Ordinal, options);
  EXPECT_NEAR((*ordinal.lower + *ordinal.upper) / 2, *ordinal.alpha.value, 0.01);
}

TEST(AlphaBootstrap, PerfectAgreementAndUndefinedAlpha) {
  const AlphaBootstrap perfect = bootstrap_alpha(digits({"11", "22", "33", "11"}), Metric::Nominal);
  EXPECT_DOUBLE_EQ(*perfect.lower, 1.0);
  EXPECT_DOUBLE_EQ(*perfect.upper, 1.0);
  EXPECT_DOUBLE_EQ(perfect.below[1].probability, 0.0);

  const AlphaBootstrap undefined = bootstrap_alpha(digits({"11", "11", "1."}), Metric::Nominal);
  EXPECT_FALSE(undefined.alpha.value.has_value());
  EXPECT_FALSE(undefined.lower.has_value());
  EXPECT_TRUE(undefined.below.empty());
  EXPECT_NE(undefined.alpha.undefined_because.find("expected disagreement is 0"), std::string::npos);
}

TEST(AlphaBootstrap, RejectsMeaninglessOptions) {
  const ReliabilityData data = digits({"12", "22"});
  AlphaBootstrapOptions options;
  options.samples = 0;
  EXPECT_THROW(bootstrap_alpha(data, Metric::Nominal, options), Error);
  options.samples = 10;
  options.level = 1.0;
  EXPECT_THROW(bootstrap_alpha(data, Metric::Nominal, options), Error);
  options.level = 0.95;
  options.minimums = {std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THROW(bootstrap_alpha(data, Metric::Nominal, options), Error);
}

}  // namespace qda

namespace qda {

// The table is what agreement.yaml's schema, its writer and --help follow: each id must be of the
// schema's form, unique, and documented with its citation in the format's page.
TEST(CoefficientTable, EveryRowIsWellFormedAndDocumented) {
  const std::string page = testing::read_bytes(std::filesystem::path(QDA_SOURCE_DIR) / "docs/formats/agreement-yaml.md");
  std::set<std::string_view> ids;
  for (const auto& row : coefficient_table()) {
    EXPECT_TRUE(ids.insert(row.id).second) << row.id;
    EXPECT_TRUE(std::all_of(row.id.begin(), row.id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }))
        << row.id;
    EXPECT_FALSE(row.citation.empty()) << row.id;
    EXPECT_NE(page.find(fmt::format("| `{}` | {} | {} |", row.id, row.name, row.citation)), std::string::npos)
        << "docs/formats/agreement-yaml.md lacks the row of " << row.id;
    EXPECT_EQ(find_coefficient(row.id), &row);
  }
  EXPECT_EQ(find_coefficient("no_such"), nullptr);
  EXPECT_EQ(coefficient_names(),
            "percent agreement, Cohen's kappa, Scott's pi, Fleiss' kappa, Fleiss' kappa per category, Conger's kappa, "
            "Light's kappa, Brennan-Prediger coefficient, Krippendorff's alpha, Gwet's AC1, Gwet's AC2");
}

}  // namespace qda
