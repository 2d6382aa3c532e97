// run_triangulate in-process on a hand-built corpus: one code per convergence category, not asked
// against silence, consensus and its ties, coder sensitivity, --by, the outputs at any thread count,
// and the inputs it refuses.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "triangulation_fixture.hpp"
#include "qda/error.hpp"
#include "qda/schema.hpp"
#include "qda/triangulate_run.hpp"
#include "qda/yaml.hpp"

namespace qda {

namespace {
using Fixture = testing::TriangulationFixture;
using testing::kHeader;

YAML::Node code(const YAML::Node& triangulation, const std::string& id) {
  for (const auto& entry : triangulation["codes"]) {
    if (entry["code"].as<std::string>() == id) return entry;
  }
  ADD_FAILURE() << "no code " << id;
  return {};
}

std::string ids(const YAML::Node& list) {
  std::string joined;
  for (const auto& item : list) joined += (joined.empty() ? "" : " ") + item.as<std::string>();
  return joined;
}

ErrorKind kind_of(const TriangulateOptions& options) {
  std::ostringstream out;
  try {
    run_triangulate(options, out);
  } catch (const Error& error) {
    return error.kind();
  }
  ADD_FAILURE() << "no error";
  return ErrorKind::Io;
}
}  // namespace

TEST(TriangulateRun, EachCategoryAndItsPairs) {
  Fixture fixture;
  const YAML::Node triangulation = fixture.run();
  const YAML::Node x = code(triangulation, "x");
  // a–b agree (present, SIPD), a–c and b–c are dissonant: 2 of 3 pairs.
  EXPECT_EQ(x["category"].as<std::string>(), "dissonance");
  EXPECT_EQ(x["pairs"]["agreement"].as<int>(), 1);
  EXPECT_EQ(x["pairs"]["dissonance"].as<int>(), 2);
  EXPECT_EQ(x["stance"].as<std::string>(), "present");
  EXPECT_EQ(ids(x["sugiyono"]["same"]), "a b");
  EXPECT_EQ(ids(x["sugiyono"]["differ"]), "c");
  EXPECT_EQ(x["pair_list"][0]["category"].as<std::string>(), "agreement");
  EXPECT_EQ(ids(x["pair_list"][0]["shared_examples"]), "SIPD");
  EXPECT_EQ(x["cells"][0]["raised"].as<std::string>(), "asked");
  EXPECT_EQ(x["cells"][2]["raised"].as<std::string>(), "unprompted");
  EXPECT_EQ(x["cells"][2]["passage"]["text"].as<std::string>(), "Di sini tidak ada QRIS.");
  EXPECT_EQ(x["corroboration"][0]["role"].as<int>(), 1);  // a and b are both staf
  EXPECT_EQ(x["corroboration"][1]["single_source"].as<bool>(), true);
  // y: a spoke; b was asked and said nothing (silent); c was never asked (not asked).
  const YAML::Node y = code(triangulation, "y");
  EXPECT_EQ(y["category"].as<std::string>(), "silence");
  EXPECT_EQ(ids(y["silent"]), "b");
  EXPECT_EQ(ids(y["not_asked"]), "c");
  EXPECT_TRUE(y["single_source"].as<bool>());
  EXPECT_EQ(ids(y["sugiyono"]["specific"]), "a");
  EXPECT_EQ(y["pairs"]["silence"].as<int>(), 1);
  EXPECT_EQ(y["pairs"]["not_asked"].as<int>(), 1);
  // z: nobody spoke to it and nobody was asked.
  EXPECT_EQ(code(triangulation, "z")["category"].as<std::string>(), "not_asked");
}

TEST(TriangulateRun, WithoutCodedQuestionsSilenceCannotBeToldFromNotAsked) {
  Fixture fixture;
  fixture.codings(kHeader + "a,a:4,y,ana,absent,0,1,,,\n");
  const YAML::Node triangulation = fixture.run();
  EXPECT_EQ(triangulation["rules"]["asked"].as<std::string>(), "unknown: no interviewer turn is coded");
  const YAML::Node y = code(triangulation, "y");
  EXPECT_EQ(ids(y["silent"]), "b c");
  EXPECT_EQ(y["cells"][0]["raised"].as<std::string>(), "unknown");
}

TEST(TriangulateRun, ConsensusCountsWhatEnoughCodersMadeAndTiesGoCautious) {
  Fixture fixture;
  fixture.options.coder.clear();
  fixture.options.consensus = "all";
  const YAML::Node all = fixture.run();
  const YAML::Node x = code(all, "x");
  // a:2 is coded present by ana and partial by budi: counted, its stance the cautious one.
  EXPECT_EQ(x["cells"][0]["stance"].as<std::string>(), "partial");
  EXPECT_EQ(ids(all["counted"]["coders"]), "ana budi");
  // y was coded by ana only: no consensus of two.
  EXPECT_EQ(code(all, "y")["spoke"].size(), 0u);
  fixture.options.consensus = "1";
  fixture.options.tie = "favourable";
  EXPECT_EQ(code(fixture.run(), "x")["cells"][0]["stance"].as<std::string>(), "present");
}

TEST(TriangulateRun, EachCoderShowsWhichCategoriesChange) {
  Fixture fixture;
  fixture.options.each_coder = true;
  const YAML::Node sensitivity = fixture.run()["coder_sensitivity"];
  EXPECT_EQ(ids(sensitivity["coders"]), "ana budi");
  const YAML::Node y = sensitivity["codes"][1];
  EXPECT_EQ(y["code"].as<std::string>(), "y");
  EXPECT_EQ(y["categories"]["ana"].as<std::string>(), "silence");
  EXPECT_EQ(y["categories"]["budi"].as<std::string>(), "silence");  // budi coded no y: a and b were asked
  // x: budi's three columns say partial, present and absent: a three-way tie, the cautious way.
  EXPECT_EQ(sensitivity["codes"][0]["stances"]["ana"].as<std::string>(), "present");
  EXPECT_EQ(sensitivity["codes"][0]["stances"]["budi"].as<std::string>(), "absent");
  EXPECT_TRUE(sensitivity["codes"][0]["changes"].as<bool>());
  EXPECT_TRUE(y["changes"].as<bool>());  // the same category, but a stance for ana and none for budi
  EXPECT_FALSE(sensitivity["codes"][2]["changes"].as<bool>());  // z: nobody's
}

TEST(TriangulateRun, ColumnsByAnAttribute) {
  Fixture fixture;
  fixture.options.by = "role";
  const YAML::Node triangulation = fixture.run();
  EXPECT_EQ(triangulation["columns"][0]["id"].as<std::string>(), "staf");
  EXPECT_EQ(ids(triangulation["columns"][0]["sources"]), "a b");
  EXPECT_EQ(triangulation["columns"][0]["participant_segments"].as<int>(), 4);
  const YAML::Node x = code(triangulation, "x");
  EXPECT_EQ(x["cells"][0]["segments"].as<int>(), 2);
  EXPECT_EQ(x["category"].as<std::string>(), "dissonance");  // staf (present, SIPD) against kepala (absent, QRIS)
}

TEST(TriangulateRun, TheSameBytesAtAnyThreadCount) {
  Fixture fixture;
  fixture.options.output = (fixture.folder / "one.yaml").string();
  fixture.options.matrix = (fixture.folder / "one.csv").string();
  fixture.options.pairs = (fixture.folder / "one-pairs.csv").string();
  std::ostringstream out;
  run_triangulate(fixture.options, out);
  TriangulateOptions many = fixture.options;
  many.jobs = 4;
  many.output = (fixture.folder / "many.yaml").string();
  many.matrix = (fixture.folder / "many.csv").string();
  many.pairs = (fixture.folder / "many-pairs.csv").string();
  run_triangulate(many, out);
  EXPECT_EQ(testing::read_bytes(fixture.folder / "one.yaml"), testing::read_bytes(fixture.folder / "many.yaml"));
  EXPECT_EQ(testing::read_bytes(fixture.folder / "one.csv"), testing::read_bytes(fixture.folder / "many.csv"));
  EXPECT_EQ(testing::read_bytes(fixture.folder / "one-pairs.csv"), testing::read_bytes(fixture.folder / "many-pairs.csv"));
  const std::string matrix = testing::read_bytes(fixture.folder / "one.csv");
  EXPECT_NE(matrix.find("\r\nx,a,1,present:1,present,0.500000,asked,SIPD; Srikandi,a:2,0,a,a:2,"), std::string::npos) << matrix;
}

TEST(TriangulateRun, RefusesInputsThatDoNotFit) {
  Fixture fixture;
  TriangulateOptions options = fixture.options;
  options.coder = "zed";
  EXPECT_EQ(kind_of(options), ErrorKind::Usage);
  options = fixture.options;
  options.coder.clear();  // two human coders: which?
  EXPECT_EQ(kind_of(options), ErrorKind::Usage);
  options.consensus = "3";
  EXPECT_EQ(kind_of(options), ErrorKind::Usage);
  options = fixture.options;
  options.by = "organisation";
  EXPECT_EQ(kind_of(options), ErrorKind::InvalidInput);
  options = fixture.options;
  options.output = (fixture.folder / "t.yaml").string();
  options.matrix = (fixture.folder / "./t.yaml").string();
  EXPECT_EQ(kind_of(options), ErrorKind::Usage);
  fixture.codings(kHeader + "a,a:2,w,ana,present,0,1,,,\n");
  options = fixture.options;
  options.output = (fixture.folder / "t.yaml").string();
  EXPECT_EQ(kind_of(options), ErrorKind::InvalidInput);
  fixture.codings(kHeader + "a,a:2,x,ana,maybe,0,1,,,\n");
  EXPECT_EQ(kind_of(options), ErrorKind::InvalidInput);
  EXPECT_FALSE(std::filesystem::exists(fixture.folder / "t.yaml"));
}

}  // namespace qda
