// run_score in-process on the hand-built study of triangulation_fixture.hpp: every kind of condition,
// the band edges, a tie, the sensitivity outcomes, identical bytes on re-run, and the rubrics it refuses
// with their file, line and column.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/score_run.hpp"
#include "qda/scoring.hpp"
#include "qda/triangulation_file.hpp"
#include "temp_folder.hpp"
#include "triangulation_fixture.hpp"

namespace qda {

namespace {

// The fixture's matrix, counting ana's codings: x: a present, b present, c absent (dissonance, 2 of 3
// present); y: a absent only (silence, single source); z: nobody (not asked). a and b are staf, c kepala.
struct ScoreFixture {
  testing::TriangulationFixture study;
  ScoreOptions options;
  ScoreFixture() {
    study.options.output = (study.folder / "triangulation.yaml").string();
    std::ostringstream out;
    run_triangulate(study.options, out);
    options.triangulation = study.options.output;
  }

  // A rubric whose indicators are x and y, with `levels_x` and `levels_y` under their `levels:` keys.
  void rubric(const std::string& levels_x, const std::string& levels_y = "      - level: 2\n        when: always\n",
              const std::string& bands = kBands, const std::string& more = {}) {
    testing::write_bytes(study.folder / "rubric.yaml", "kind: qda/rubric\nversion: 1\ntitle: t\nscale:\n"
                                                       "  - {level: 1, name: one}\n  - {level: 2, name: two}\n  - {level: 3, name: three}\n"
                                                       "indicators:\n  - code: x\n    otherwise: 1\n    levels:\n" +
                                                           levels_x + "  - code: y\n    otherwise: 1\n    levels:\n" + levels_y +
                                                           "rollup:\n  method: weighted_mean\n" + more + "verdict:\n  bands:\n" + bands);
    options.rubric = (study.folder / "rubric.yaml").string();
  }

  YAML::Node run() {
    std::ostringstream out;
    run_score(options, out);
    const YAML::Node scores = parse_yaml(out.str(), "stdout");
    validate_against_schema(scores, "scores", "stdout");
    return scores;
  }

  int level_x(const std::string& condition) {
    rubric("      - level: 3\n        when: " + condition + "\n");
    return run()["indicators"][0]["level"].as<int>();
  }

  Error error_of() {
    std::ostringstream out;
    try {
      run_score(options, out);
    } catch (const Error& error) {
      return error;
    }
    ADD_FAILURE() << "no error";
    return invalid_input("none");
  }

  static constexpr const char* kBands = "    - {name: low, from: 1, below: 2}\n    - {name: high, from: 2, below: 3}\n";
};

}  // namespace

TEST(ScoreRun, EachKindOfCondition) {
  ScoreFixture f;
  EXPECT_EQ(f.level_x("always"), 3);
  EXPECT_EQ(f.level_x("{stance: {in: present}}"), 3);
  EXPECT_EQ(f.level_x("{stance: {in: [partial, absent]}}"), 1);
  EXPECT_EQ(f.level_x("{stance_share: {of: present, at_least: 0.66}}"), 3);   // 2 of 3
  EXPECT_EQ(f.level_x("{stance_share: {of: present, at_least: 0.7}}"), 1);
  EXPECT_EQ(f.level_x("{stance_share: {of: [present, absent], at_least: 1}}"), 3);
  EXPECT_EQ(f.level_x("{stance_share: {of: absent, at_most: 0.2}}"), 1);
  EXPECT_EQ(f.level_x("{category: {in: dissonance}}"), 3);
  EXPECT_EQ(f.level_x("{category: {in: [agreement, partial_agreement]}}"), 1);
  EXPECT_EQ(f.level_x("{spoke: {at_least: 3}}"), 3);
  EXPECT_EQ(f.level_x("{spoke: {at_most: 2}}"), 1);
  EXPECT_EQ(f.level_x("{sources: {holding: present, at_least: 2}}"), 3);
  EXPECT_EQ(f.level_x("{sources: {holding: present, attribute: role, at_least: 2}}"), 1);  // a and b are both staf
  EXPECT_EQ(f.level_x("{single_source: {is: false}}"), 3);
  EXPECT_EQ(f.level_x("{single_source: {code: y, is: true}}"), 3);  // a condition on another code
  EXPECT_EQ(f.level_x("{all: [{spoke: {at_least: 3}}, {category: {in: agreement}}]}"), 1);
  EXPECT_EQ(f.level_x("{any: [{spoke: {at_least: 4}}, {category: {in: dissonance}}]}"), 3);
  EXPECT_EQ(f.level_x("{not: {category: {in: dissonance}}}"), 1);
}

TEST(ScoreRun, TheDecidingRuleAndItsFiguresAreRecorded) {
  ScoreFixture f;
  f.rubric("      - level: 3\n        why: most say so\n        when: {stance_share: {of: present, at_least: 0.9}}\n"
           "      - level: 2\n        when: {sources: {holding: present, at_least: 2}}\n");
  const YAML::Node x = f.run()["indicators"][0];
  EXPECT_EQ(x["level"].as<int>(), 2);
  EXPECT_EQ(x["level_name"].as<std::string>(), "two");
  EXPECT_EQ(x["decided_by"].as<std::string>(), "level 2 (two): sources holding present = 2 >= 2: holds");
  EXPECT_EQ(x["conditions"][0]["test"].as<std::string>(), "stance_share of present = 0.667 >= 0.900: fails");
  EXPECT_EQ(x["evidence"].size(), 2u);  // a and b hold the stance
  EXPECT_EQ(x["evidence"][0]["passage"]["text"].as<std::string>(), "Layanan jalan lewat SIPD dan Srikandi.");
  // y rests on one source: low confidence.
  EXPECT_EQ(f.run()["indicators"][1]["confidence"].as<std::string>(), "low");
}

TEST(ScoreRun, ATieBetweenStancesGoesTheCautiousWay) {
  ScoreFixture f;
  // Without c, x's columns are a (present) and b (present); with only a and c it is a tie: absent.
  f.study.codings(testing::kHeader + "a,a:2,x,ana,present,0,1,,,\nc,c:2,x,ana,absent,0,1,,,\n");
  f.study.options.output = (f.study.folder / "tie.yaml").string();
  std::ostringstream out;
  run_triangulate(f.study.options, out);
  f.options.triangulation = f.study.options.output;
  EXPECT_EQ(f.level_x("{stance: {in: absent}}"), 3);
}

TEST(ScoreRun, BandEdgesAndTheTopOfTheScale) {
  ScoreFixture f;
  // x at 3 and y at 1: mean 2, which opens the upper band.
  f.rubric("      - level: 3\n        when: always\n", "      - level: 1\n        when: always\n");
  EXPECT_EQ(f.run()["verdict"]["band"].as<std::string>(), "high");
  // Both at 3: the top of the scale belongs to the band that ends there.
  f.rubric("      - level: 3\n        when: always\n", "      - level: 3\n        when: always\n");
  const YAML::Node scores = f.run();
  EXPECT_EQ(scores["rollup"]["score"].as<double>(), 3.0);
  EXPECT_EQ(scores["verdict"]["band"].as<std::string>(), "high");
  // Both at 1: the bottom.
  f.rubric("      - level: 3\n        when: {spoke: {at_least: 9}}\n", "      - level: 3\n        when: {spoke: {at_least: 9}}\n");
  EXPECT_EQ(f.run()["verdict"]["band"].as<std::string>(), "low");
}

// With weights 0.1 and 0.3, levels that are all 3 have a weighted mean of 2.9999999999999996, which
// was written 3.000000 beside the band below 3: the band is the written score's. YAML 1.2's
// hexadecimal and octal numbers are numbers in a rubric (yaml-cpp's as<double> ended the run as an
// internal error on them).
TEST(ScoreRun, TheBandIsTheWrittenScoresAndHexadecimalNumbersAreNumbers) {
  ScoreFixture f;
  for (const auto& [weight_x, weight_y, sources] : {std::tuple{"0.1", "0.3", "1"}, std::tuple{"0x1", "0o3", "0x1"}}) {
    testing::write_bytes(f.study.folder / "rubric.yaml",
                         fmt::format("kind: qda/rubric\nversion: 1\ntitle: t\nscale:\n  - {{level: 1, name: one}}\n"
                                     "  - {{level: 2, name: two}}\n  - {{level: 3, name: three}}\n  - {{level: 4, name: four}}\n"
                                     "indicators:\n  - code: x\n    weight: {}\n    otherwise: 1\n    levels:\n"
                                     "      - level: 3\n        when: {{spoke: {{at_least: {}}}}}\n"
                                     "  - code: y\n    weight: {}\n    otherwise: 1\n    levels:\n      - level: 3\n        when: always\n"
                                     "rollup:\n  method: weighted_mean\nverdict:\n  bands:\n"
                                     "    - {{name: below, from: 1, below: 3}}\n    - {{name: strong, from: 3, below: 4}}\n",
                                     weight_x, sources, weight_y));
    f.options.rubric = (f.study.folder / "rubric.yaml").string();
    const YAML::Node scores = f.run();
    EXPECT_EQ(scores["rollup"]["score"].Scalar(), "3.000000") << weight_x;
    EXPECT_EQ(scores["verdict"]["band"].as<std::string>(), "strong") << weight_x;
  }
  // The bands' edges too: 3.0000004 is written 3.000000, and so is the score of 3.
  std::string rubric = testing::read_bytes(f.study.folder / "rubric.yaml");
  rubric.replace(rubric.find("below: 3}"), 9, "below: 3.0000004}");
  rubric.replace(rubric.find("from: 3,"), 8, "from: 3.0000004,");
  testing::write_bytes(f.study.folder / "rubric.yaml", rubric);
  EXPECT_EQ(f.run()["verdict"]["band"].as<std::string>(), "strong");
}

// scores.yaml lists the alternatives by name, and a claim picks one by it: two of one name were both
// written, and only the first could be checked.
TEST(ScoreRun, TwoAlternativesOfOneNameAreRefused) {
  ScoreFixture f;
  f.rubric("      - level: 3\n        when: always\n");
  f.options.alternatives = {"a=" + f.options.triangulation, "a=" + f.options.triangulation};
  const Error error = f.error_of();
  EXPECT_EQ(error.kind(), ErrorKind::Usage);
  EXPECT_NE(error.message().find("--alternative 'a' is named twice"), std::string::npos) << error.message();
}

TEST(ScoreRun, SensitivityToEachSourceToAlternativesAndTheBootstrap) {
  ScoreFixture f;
  // x reaches 3 with three sources speaking; leaving any one out drops it to 1 and the verdict to low.
  f.rubric("      - level: 3\n        when: {spoke: {at_least: 3}}\n");
  f.options.bootstrap = 200;
  f.options.seed = 7;
  const YAML::Node scores = f.run();
  EXPECT_EQ(scores["verdict"]["band"].as<std::string>(), "high");  // (3 + 2) / 2
  EXPECT_TRUE(scores["verdict"]["hangs_on_one_source"].as<bool>());
  const YAML::Node out_a = scores["sensitivity"]["leave_one_out"][0];
  EXPECT_EQ(out_a["name"].as<std::string>(), "a");
  EXPECT_TRUE(out_a["verdict_changes"].as<bool>());
  EXPECT_EQ(out_a["level_changes"][0]["code"].as<std::string>(), "x");
  EXPECT_EQ(out_a["level_changes"][0]["level"].as<int>(), 1);
  EXPECT_EQ(out_a["level_changes"][0]["instead_of"].as<int>(), 3);
  // The bootstrap: shares that add up to 1, the same for the same seed.
  double total = 0;
  for (const auto& verdict : scores["sensitivity"]["bootstrap"]["verdicts"]) total += verdict["share"].as<double>();
  EXPECT_NEAR(total, 1.0, 1e-9);
  std::ostringstream first, second;
  run_score(f.options, first);
  run_score(f.options, second);
  EXPECT_EQ(first.str(), second.str());
  // An alternative triangulation (budi's codings) scored beside it.
  f.study.options.coder = "budi";
  f.study.options.output = (f.study.folder / "budi.yaml").string();
  std::ostringstream out;
  run_triangulate(f.study.options, out);
  f.options.alternatives = {"budi=" + f.study.options.output};
  f.options.bootstrap = 0;
  const YAML::Node with = f.run();
  EXPECT_EQ(with["sensitivity"]["alternatives"][0]["name"].as<std::string>(), "budi");
  EXPECT_FALSE(with["sensitivity"]["alternatives"][0]["verdict_changes"].as<bool>());  // budi's x also spoke in 3 sources
}

TEST(ScoreRun, RubricsThatDoNotFitTheirInputsNameFileLineAndColumn) {
  ScoreFixture f;
  const auto message_of = [&] {
    const Error error = f.error_of();
    EXPECT_EQ(error.where().file, f.options.rubric);
    EXPECT_GT(error.where().line, 0u);
    return fmt::format("{}:{}: {}", error.where().line, error.where().column, error.message());
  };
  f.rubric("      - level: 3\n        when: {stance: {code: w, in: present}}\n");
  EXPECT_NE(message_of().find("'w' is not a code of"), std::string::npos);
  f.rubric("      - level: 3\n        when: {stance: {in: maybe}}\n");
  EXPECT_NE(message_of().find("'maybe' is not a stance of the triangulation"), std::string::npos);
  f.rubric("      - level: 4\n        when: always\n");
  EXPECT_NE(message_of().find("level 4 is not on the scale (1 to 3)"), std::string::npos);
  f.rubric("      - level: 3\n        when: always\n", "      - level: 2\n        when: always\n",
           "    - {name: low, from: 1, below: 2.5}\n    - {name: high, from: 2, below: 3}\n");
  EXPECT_NE(message_of().find("band 'high' (from 2) overlaps band 'low' (below 2.5)"), std::string::npos);
  f.rubric("      - level: 3\n        when: always\n", "      - level: 2\n        when: always\n",
           "    - {name: low, from: 1, below: 1.5}\n    - {name: high, from: 2, below: 3}\n");
  EXPECT_NE(message_of().find("no band covers the scores from 1.5 to 2"), std::string::npos);
  f.rubric("      - level: 3\n        when: always\n", "      - level: 2\n        when: always\n", ScoreFixture::kBands,
           "  weights_sum: 3\n");
  EXPECT_NE(message_of().find("the weights sum to 2.000000, not to the declared 3.000000"), std::string::npos);
  f.rubric("      - level: 3\n        when: {spoke: {at_least: 3, at_most: 1}}\n");
  EXPECT_NE(message_of().find("at_least is larger than at_most"), std::string::npos);
  f.rubric("      - level: 3\n        when: {spoke: {at_least: 1}, stance: {in: present}}\n");  // two kinds in one condition
  EXPECT_NE(message_of().find("does not match the rubric schema"), std::string::npos);
  // Numbers that are not finite, which the schema lets through: named in the rubric, not in scores.yaml.
  f.rubric("      - level: 3\n        when: always\n", "      - level: 2\n        when: always\n",
           "    - {name: low, from: 1, below: 2}\n    - {name: high, from: 2, below: .inf}\n");
  EXPECT_NE(message_of().find(".inf is not a finite number"), std::string::npos);
  // A level past 1,000 (2,147,483,648 ended the run as an internal error: no int holds it).
  f.rubric("      - level: 2147483648\n        when: always\n");
  EXPECT_NE(message_of().find("does not match the rubric schema"), std::string::npos);
}


// A cell naming a column the file does not list (the schema cannot say so) is an input error naming
// the file; it ended qda-score and qda-report as internal errors (map::at).
TEST(ScoreRun, ATriangulationCellOfAnUnlistedColumnIsAnInputError) {
  const std::filesystem::path source(QDA_SOURCE_DIR);
  std::string text = testing::read_bytes(source / "tests/golden/brebes-smart-governance/triangulation.yaml");
  const std::string cell = "      - column: inf-01\n";
  ASSERT_NE(text.find(cell), std::string::npos);
  text.replace(text.find(cell), cell.size(), "      - column: ghost\n");
  testing::TempFolder folder;
  testing::write_bytes(folder / "triangulation.yaml", text);
  try {
    read_triangulation(folder / "triangulation.yaml");
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(error.message().find("names the column 'ghost' in its cells, which is not among the file's columns"), std::string::npos)
        << error.message();
  }
}

// The sensitivity to each source counts a code's pairs once (LeaveOneOutPairs) rather than comparing
// them again per source left out: it must give what comparing them again gives, on the Brebes study.
TEST(ScoreRun, LeavingOneOutWithThePairsCountedOnceIsScoringWithoutThatColumn) {
  const std::filesystem::path source(QDA_SOURCE_DIR);
  const TriangulationFile triangulation = read_triangulation(source / "tests/golden/brebes-smart-governance/triangulation.yaml");
  const Rubric rubric = load_rubric(source / "examples/brebes-smart-governance/rubric.yaml", triangulation);
  const std::vector<std::size_t> all = all_columns(triangulation);
  ASSERT_GE(all.size(), 6u);
  std::map<std::string, LeaveOneOutPairs> pairs;
  for (const auto& code : triangulation.codes) pairs.emplace(code.id, LeaveOneOutPairs(triangulation, code));
  std::size_t categories_compared = 0;
  for (std::size_t c = 0; c < all.size(); ++c) {
    std::vector<std::size_t> others;
    for (const std::size_t other : all) {
      if (other != c) others.push_back(other);
    }
    const Scoring compared = score(rubric, triangulation, others);
    const Scoring counted = score(rubric, triangulation, others, [&](const std::string& code) { return pairs.at(code).leaving_out(c); });
    EXPECT_EQ(counted.score, compared.score) << c;
    ASSERT_EQ(counted.indicators.size(), compared.indicators.size());
    for (std::size_t k = 0; k < compared.indicators.size(); ++k) {
      const IndicatorScore& want = compared.indicators[k];
      const IndicatorScore& got = counted.indicators[k];
      EXPECT_EQ(got.level, want.level) << c << " " << k;
      EXPECT_EQ(got.decided_by, want.decided_by) << c << " " << k;
      EXPECT_EQ(got.evidence.convergence.category, want.evidence.convergence.category) << c << " " << k;
      EXPECT_EQ(got.evidence.convergence.decided_by, want.evidence.convergence.decided_by) << c << " " << k;
      ++categories_compared;
    }
  }
  EXPECT_EQ(categories_compared, all.size() * rubric.indicators.size());
}

}  // namespace qda
