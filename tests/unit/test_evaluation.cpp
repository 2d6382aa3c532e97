// qda-code --evaluate's figures: presence precision, recall and F1, and Krippendorff's alpha on the stances
// of the segments both coded, checked against a published worked example; the YAML it writes matches its
// schema.
#include <gtest/gtest.h>

#include <sstream>

#include "qda/codebook.hpp"
#include "qda/evaluation.hpp"
#include "qda/schema.hpp"
#include "codebook_fixture.hpp"

namespace qda {

namespace {

Codebook two_codes() {
  return testing::codebook_from_text(R"(kind: qda/codebook
version: 1
stances:
  values: [present, absent]
  default: present
codes:
  - id: one
    name: One
  - id: two
    name: Two
)");
}

}  // namespace

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A (binary data, two
// observers, no missing data), p. 1: ten units, observer A 0 1 0 0 0 0 0 0 1 0, observer B 1 1 1 0 0 1
// 0 0 0 0; alpha = 0.095. Auto-coding plays observer A, the coder B, 0 "present" and 1 "absent".
TEST(Evaluation, StanceAlphaIsKrippendorffsWorkedExample) {
  const Codebook codebook = two_codes();
  Evaluation evaluation(codebook, {"coder"});
  const int a[] = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
  const int b[] = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
  const auto stance = [](int value) { return value == 0 ? "present" : "absent"; };
  for (int unit = 0; unit < 10; ++unit) evaluation.add(0, stance(a[unit]), {stance(b[unit])});
  const CoderEvaluation result = evaluation.per_code().at(0).second.at(0);
  EXPECT_EQ(result.stance.units, 10u);
  EXPECT_EQ(result.stance.agreements, 6u);
  ASSERT_TRUE(result.stance.alpha.has_value());
  EXPECT_NEAR(*result.stance.alpha, 0.095, 0.0005);
  EXPECT_NEAR(*result.stance.alpha, 1.0 - 19.0 * 4.0 / (14.0 * 6.0), 1e-12);
  EXPECT_EQ(result.stance.confusion[0][1], 3u) << "auto present, coder absent: units 1, 3, 6";
  EXPECT_EQ(result.stance.confusion[1][0], 1u);
}

TEST(Evaluation, PresencePrecisionRecallAndF1PerCodeAndOverAllCodes) {
  const Codebook codebook = two_codes();
  Evaluation evaluation(codebook, {"a", "b"});
  // Code one: auto and a agree on 3 segments, auto alone on 1, a alone on 2; b never codes it.
  for (int k = 0; k < 3; ++k) evaluation.add(0, "present", {"present", ""});
  evaluation.add(0, "present", {"", ""});
  for (int k = 0; k < 2; ++k) evaluation.add(0, "", {"absent", ""});
  // Code two: one segment all three coded, a as auto did, b otherwise.
  evaluation.add(1, "absent", {"absent", "present"});
  const auto codes = evaluation.per_code();
  ASSERT_EQ(codes.size(), 2u);
  const PresenceCounts& one_a = codes[0].second[0].presence;
  EXPECT_EQ(one_a.auto_count(), 4u);
  EXPECT_EQ(one_a.human_count(), 5u);
  EXPECT_DOUBLE_EQ(*one_a.precision(), 0.75);
  EXPECT_DOUBLE_EQ(*one_a.recall(), 0.6);
  EXPECT_DOUBLE_EQ(*one_a.f1(), 2.0 * 3 / 9);
  const PresenceCounts& one_b = codes[0].second[1].presence;
  EXPECT_DOUBLE_EQ(*one_b.precision(), 0.0);
  EXPECT_FALSE(one_b.recall().has_value()) << "b never coded it: no recall";
  const auto overall = evaluation.overall();
  EXPECT_EQ(overall[0].presence.both, 4u);
  EXPECT_DOUBLE_EQ(*overall[0].presence.f1(), 2.0 * 4 / (5 + 6));
  EXPECT_EQ(overall[1].stance.units, 1u);
  EXPECT_EQ(overall[1].stance.agreements, 0u);
  EXPECT_DOUBLE_EQ(*overall[1].stance.alpha, 0.0) << "one unit, two stances: D_o = D_e = 1";
  const StanceAgreement& two_a = codes[1].second[0].stance;
  EXPECT_FALSE(two_a.alpha.has_value()) << "every value is 'absent': no expected disagreement";
  EXPECT_FALSE(two_a.alpha_undefined_because.empty());
}

TEST(Evaluation, WritesTextYamlAndCsv) {
  const Codebook codebook = two_codes();
  Evaluation evaluation(codebook, {"a"});
  evaluation.add(0, "present", {"present"});
  evaluation.add(0, "present", {"absent"});
  evaluation.add(1, "", {"absent"});
  std::ostringstream text;
  evaluation.print(text);
  EXPECT_NE(text.str().find("all codes                        a              2      3     2     1.000   0.667  0.800"), std::string::npos)
      << text.str();
  const std::string yaml = evaluation.yaml({"qda-code", "0", {}, {}});
  EXPECT_NO_THROW(validate_output(yaml, "evaluation", "evaluation.yaml"));
  EXPECT_NE(yaml.find("- {auto: present, human: absent, count: 1}"), std::string::npos) << yaml;
  std::ostringstream csv;
  evaluation.write_csv(csv);
  EXPECT_EQ(csv.str(),
            "code,coder,auto,human,both,precision,recall,f1,stance_units,stance_agreements,stance_alpha\r\n"
            "one,a,2,2,2,1.000000,1.000000,1.000000,2,1,0.000000\r\n"
            "two,a,0,1,0,,0.000000,0.000000,0,0,\r\n"
            ",a,2,3,2,1.000000,0.666667,0.800000,2,1,0.000000\r\n");
}

}  // namespace qda
