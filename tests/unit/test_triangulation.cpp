// The rules of triangulation: a column's stance and its ties, Farmer's pairwise categories, and the
// code's category at the edges of its thresholds.
#include <gtest/gtest.h>

#include "qda/triangulation.hpp"

namespace qda {

namespace {
ColumnView spoke(std::size_t stance, double prominence, std::vector<std::uint32_t> examples) {
  return {true, stance, prominence, Raised::Asked, std::move(examples)};
}
ColumnView quiet(Raised raised) { return {false, std::nullopt, 0, raised, {}}; }
}  // namespace

TEST(Triangulation, ATieGoesToTheLaterStanceWhenCautious) {
  EXPECT_EQ(dominant_stance({2, 1, 0}, TieRule::Cautious), 0u);
  EXPECT_EQ(dominant_stance({2, 2, 0}, TieRule::Cautious), 1u);
  EXPECT_EQ(dominant_stance({2, 2, 0}, TieRule::Favourable), 0u);
  EXPECT_EQ(dominant_stance({1, 0, 1}, TieRule::Cautious), 2u);
  EXPECT_EQ(dominant_stance({0, 0, 0}, TieRule::Cautious), std::nullopt);
}

TEST(Triangulation, FarmersCategoriesFromMeaningAndExamples) {
  const ConvergenceRules rules;
  // Same stance, prominence within three times, a shared example: agreement.
  PairConvergence pair = compare_columns(spoke(0, 0.1, {1, 4}), spoke(0, 0.3, {4, 7}), rules);
  EXPECT_EQ(pair.category, Convergence::Agreement);
  EXPECT_EQ(pair.shared_examples, (std::vector<std::uint32_t>{4}));
  // Meaning only, or examples only: partial agreement.
  EXPECT_EQ(compare_columns(spoke(0, 0.1, {1}), spoke(0, 0.1, {2}), rules).category, Convergence::PartialAgreement);
  EXPECT_EQ(compare_columns(spoke(0, 0.1, {1}), spoke(2, 0.1, {1}), rules).category, Convergence::PartialAgreement);
  // Same stance but one talks of it far more: the meaning differs (prominence), examples shared.
  pair = compare_columns(spoke(0, 0.05, {1}), spoke(0, 0.31, {1}), rules);
  EXPECT_FALSE(pair.meaning_agrees);
  EXPECT_EQ(pair.category, Convergence::PartialAgreement);
  // Neither, the stances opposed: dissonance.
  EXPECT_EQ(compare_columns(spoke(0, 0.1, {1}), spoke(2, 0.1, {2}), rules).category, Convergence::Dissonance);
  // Neither, but the same stance (only the prominences are far apart): partial agreement, never dissonance.
  pair = compare_columns(spoke(1, 0.05, {1}), spoke(1, 0.5, {2}), rules);
  EXPECT_FALSE(pair.meaning_agrees);
  EXPECT_EQ(pair.category, Convergence::PartialAgreement);
  // One spoke: silence, unless the other was never asked.
  EXPECT_EQ(compare_columns(spoke(0, 0.1, {1}), quiet(Raised::Asked), rules).category, Convergence::Silence);
  EXPECT_EQ(compare_columns(quiet(Raised::Unknown), spoke(0, 0.1, {1}), rules).category, Convergence::Silence);
  EXPECT_EQ(compare_columns(spoke(0, 0.1, {1}), quiet(Raised::NotAsked), rules).category, Convergence::NotAsked);
}

TEST(Triangulation, TheCodesCategoryAtItsThresholds) {
  ConvergenceRules rules;
  PairCounts pairs;
  pairs.agreement = 3;  // all 3 pairs of 3 columns
  EXPECT_EQ(code_convergence(3, 0, pairs, rules).category, Convergence::Agreement);
  pairs = {};
  pairs.agreement = 2;
  pairs.dissonance = 1;  // 2/3 agree < 0.75; 1/3 dissonant < 0.5
  const CodeConvergence partial = code_convergence(3, 0, pairs, rules);
  EXPECT_EQ(partial.category, Convergence::PartialAgreement);
  EXPECT_NE(partial.decided_by.find("agreement share 0.667 < 0.750"), std::string::npos) << partial.decided_by;
  rules.agreement_share = 2.0 / 3.0;
  EXPECT_EQ(code_convergence(3, 0, pairs, rules).category, Convergence::Agreement);
  pairs = {};
  pairs.dissonance = 2;
  pairs.agreement = 1;
  EXPECT_EQ(code_convergence(3, 0, pairs, ConvergenceRules{}).category, Convergence::Dissonance);
  // One column or none: silence if another was (or may have been) asked, else not asked.
  EXPECT_EQ(code_convergence(1, 2, {}, rules).category, Convergence::Silence);
  EXPECT_EQ(code_convergence(1, 0, {}, rules).category, Convergence::NotAsked);
  EXPECT_EQ(code_convergence(0, 0, {}, rules).category, Convergence::NotAsked);
  EXPECT_EQ(code_convergence(0, 3, {}, rules).category, Convergence::Silence);
}

}  // namespace qda
