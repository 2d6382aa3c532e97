// run_agree in-process: codings over a corpus's segments and a ratings matrix, to agreement.yaml and
// the disagreements; the options it refuses.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "corpus_fixture.hpp"
#include "qda/agree_run.hpp"
#include "qda/error.hpp"
#include "qda/schema.hpp"
#include "qda/yaml.hpp"

namespace qda {

namespace {
const std::string kHeader = "source,segment,code,coder,stance,start,end,rule,cue,memo\n";

struct Fixture {
  testing::TempFolder folder;
  AgreeOptions options;
  Fixture() {
    options.corpus = testing::import_corpus(folder, {{"a.txt", "Q: Ada?\n\nA: Ada.\n\nQ: Lagi?\n\nA: Belum.\n"},
                                                     {"b.txt", "Q: Ada?\n\nB: Tidak.\n\nQ: Yakin?\n\nB: Ya.\n"}})
                         .string();
    // x: both code a:2; only ana a:4, only budi b:2. y: auto only, never compared.
    testing::write_bytes(folder / "codings.csv", kHeader +
                                                     "a,a:2,x,ana,present,0,4,,,\n"
                                                     "a,a:2,x,budi,present,0,4,,,\n"
                                                     "a,a:2,y,auto,present,0,4,r1,,\n"
                                                     "a,a:4,x,ana,absent,0,6,,,\n"
                                                     "b,b:2,x,budi,absent,0,6,,,\n");
    options.codings = (folder / "codings.csv").string();
  }
};

// The value of `coefficient` in the result set of `scope` and `data`.
std::string value_of(const YAML::Node& agreement, const std::string& scope, const std::string& data,
                     const std::string& coefficient) {
  for (const auto& result : agreement["results"]) {
    if (result["scope"].as<std::string>() != scope || result["data"].as<std::string>() != data) continue;
    for (const auto& value : result["coefficients"]) {
      if (value["coefficient"].as<std::string>() == coefficient) return value["value"].as<std::string>();
    }
  }
  return "(none)";
}

// The units the first coefficient of the result set of `scope` and `data` rests on (0 if none).
std::size_t units_of(const YAML::Node& agreement, const std::string& scope, const std::string& data) {
  for (const auto& result : agreement["results"]) {
    if (result["scope"].as<std::string>() == scope && result["data"].as<std::string>() == data) {
      return result["coefficients"][0]["units"].as<std::size_t>();
    }
  }
  return 0;
}
}  // namespace

TEST(AgreeRun, CodingsGiveEveryCoefficientPerCodeAndOverall) {
  Fixture fixture;
  fixture.options.output = (fixture.folder / "agreement.yaml").string();
  fixture.options.disagreements = (fixture.folder / "disagreements.csv").string();
  std::ostringstream out;
  run_agree(fixture.options, out);
  EXPECT_EQ(out.str(), "");
  const YAML::Node agreement = load_yaml_file(fixture.folder / "agreement.yaml", "agreement");
  EXPECT_EQ(agreement["coders"][0].as<std::string>(), "ana");  // auto is left out unless asked for
  EXPECT_EQ(agreement["coders"].size(), 2u);
  // Presence of x over the four participants' turns: the coders agree on two (a:2 coded, b:4 not).
  EXPECT_EQ(value_of(agreement, "x", "presence", "percent_agreement"), "0.5");
  EXPECT_EQ(value_of(agreement, "x", "presence", "cohen_kappa"), "0.0");
  EXPECT_EQ(value_of(agreement, "x", "stance", "percent_agreement"), "1.0");
  EXPECT_EQ(value_of(agreement, "overall", "presence", "gwet_ac1"), value_of(agreement, "x", "presence", "gwet_ac1"));
  EXPECT_EQ(value_of(agreement, "y", "presence", "percent_agreement"), "(none)");
  EXPECT_EQ(testing::read_bytes(fixture.folder / "disagreements.csv"),
            "source,segment,speaker,code,differ_on,ana,budi,text\r\n"
            "a,a:4,A,x,presence,absent,-,Belum.\r\n"
            "b,b:2,B,x,presence,-,absent,Tidak.\r\n");
}

TEST(AgreeRun, WritesToTheStreamForADash) {
  Fixture fixture;
  fixture.options.coders = {"ana", "auto"};
  std::ostringstream out;
  run_agree(fixture.options, out);
  const YAML::Node agreement = parse_yaml(out.str(), "stdout");
  validate_against_schema(agreement, "agreement", "stdout");
  EXPECT_EQ(agreement["coders"][1].as<std::string>(), "auto");
}

TEST(AgreeRun, RatingsMatrix) {
  Fixture fixture;
  testing::write_bytes(fixture.folder / "ratings.csv", "unit,r1,r2\n1,a,a\n2,b,b\n3,a,b\n");
  AgreeOptions options;
  options.ratings = (fixture.folder / "ratings.csv").string();
  std::ostringstream out;
  run_agree(options, out);
  const YAML::Node agreement = parse_yaml(out.str(), "stdout");
  // Full precision: the shortest text that reads back to the same double.
  EXPECT_EQ(value_of(agreement, "ratings", "ratings", "percent_agreement"), "0.6666666666666666");
}

// The entry of a coefficient with a given metric (and category), or a null node.
YAML::Node entry_of(const YAML::Node& agreement, const std::string& coefficient, const std::string& metric) {
  for (const auto& value : agreement["results"][0]["coefficients"]) {
    if (value["coefficient"].as<std::string>() == coefficient && value["metric"].as<std::string>() == metric) return value;
  }
  return YAML::Node();
}

TEST(AgreeRun, WeightsStandardErrorsAndThePopulation) {
  Fixture fixture;
  testing::write_bytes(fixture.folder / "ratings.csv", "unit,r1,r2,r3\n1,1,1,2\n2,2,2,2\n3,3,2,3\n4,1,1,1\n5,3,3,\n");
  AgreeOptions options;
  options.ratings = (fixture.folder / "ratings.csv").string();
  options.metric = "ordinal";
  options.weights = {"quadratic", "bipolar"};
  std::ostringstream out;
  run_agree(options, out);
  const YAML::Node agreement = parse_yaml(out.str(), "stdout");
  validate_against_schema(agreement, "agreement", "stdout");
  for (const std::string id : {"fleiss_kappa", "conger_kappa", "brennan_prediger", "gwet_ac2"}) {
    EXPECT_TRUE(entry_of(agreement, id, "quadratic").IsMap()) << id;
    EXPECT_TRUE(entry_of(agreement, id, "bipolar").IsMap()) << id;
    EXPECT_FALSE(entry_of(agreement, id, "linear").IsMap()) << id;  // only the weights asked for
  }
  EXPECT_TRUE(entry_of(agreement, "light_kappa", "nominal").IsMap());  // three coders
  EXPECT_FALSE(entry_of(agreement, "cohen_kappa", "unweighted").IsMap());
  const YAML::Node ac1 = entry_of(agreement, "gwet_ac1", "nominal");
  const double se = ac1["standard_error"].as<double>();
  EXPECT_GT(se, 0);
  EXPECT_EQ(ac1["confidence_interval"]["level"].as<std::string>(), "0.95");
  // The finite-population correction: five units of a population of ten.
  options.population = 10;
  std::ostringstream corrected;
  run_agree(options, corrected);
  const YAML::Node finite = entry_of(parse_yaml(corrected.str(), "stdout"), "gwet_ac1", "nominal");
  EXPECT_NEAR(finite["standard_error"].as<double>(), se * std::sqrt(1 - 5.0 / 10.0), 1e-15);
  options.population = 4;  // fewer than the units: a usage error
  EXPECT_THROW(run_agree(options, corrected), Error);
}

TEST(AgreeRun, WeightsNeedOrderedRatings) {
  Fixture fixture;
  testing::write_bytes(fixture.folder / "ratings.csv", "unit,r1,r2\n1,a,a\n2,b,b\n3,a,b\n");
  AgreeOptions options;
  options.ratings = (fixture.folder / "ratings.csv").string();
  options.weights = {"linear"};
  std::ostringstream out;
  EXPECT_THROW(run_agree(options, out), Error);  // nominal
  AgreeOptions codings = fixture.options;
  codings.weights = {"linear"};
  EXPECT_THROW(run_agree(codings, out), Error);
  options.metric = "ordinal";
  options.categories = {"a", "b"};
  options.weights = {"none"};
  run_agree(options, out);
  const YAML::Node agreement = parse_yaml(out.str(), "stdout");
  EXPECT_FALSE(entry_of(agreement, "cohen_kappa", "linear").IsMap());
  EXPECT_TRUE(entry_of(agreement, "cohen_kappa", "unweighted").IsMap());
}

TEST(AgreeRun, CustomWeightsFileIsAnInputWithItsHash) {
  Fixture fixture;
  testing::write_bytes(fixture.folder / "ratings.csv", "unit,r1,r2\n1,1,1\n2,2,3\n3,3,3\n4,1,2\n");
  testing::write_bytes(fixture.folder / "w.csv", ",1,2,3\n1,1,0.9,0\n2,0.9,1,0.2\n3,0,0.2,1\n");
  AgreeOptions options;
  options.ratings = (fixture.folder / "ratings.csv").string();
  options.metric = "ordinal";
  options.weights = {"none"};
  options.weights_file = (fixture.folder / "w.csv").string();
  options.output = (fixture.folder / "agreement.yaml").string();
  std::ostringstream out;
  run_agree(options, out);
  const YAML::Node agreement = load_yaml_file(fixture.folder / "agreement.yaml", "agreement");
  EXPECT_TRUE(entry_of(agreement, "cohen_kappa", "custom").IsMap());
  EXPECT_EQ(agreement["provenance"]["inputs"][1]["path"].as<std::string>(), "w.csv");
  // Writing over the weights file is refused like writing over any input.
  options.output = options.weights_file;
  EXPECT_THROW(run_agree(options, out), Error);
}

TEST(AgreeRun, RefusesWhatCannotBeCompared) {
  Fixture fixture;
  std::ostringstream out;
  const auto kind_of = [&](const AgreeOptions& options) {
    try {
      run_agree(options, out);
    } catch (const Error& error) {
      return error.kind();
    }
    ADD_FAILURE() << "no error";
    return ErrorKind::Io;
  };
  AgreeOptions one_coder = fixture.options;
  one_coder.coders = {"ana"};
  EXPECT_EQ(kind_of(one_coder), ErrorKind::Usage);
  AgreeOptions unknown = fixture.options;
  unknown.coders = {"ana", "zed"};
  EXPECT_EQ(kind_of(unknown), ErrorKind::Usage);
  AgreeOptions same_file = fixture.options;
  same_file.output = (fixture.folder / "x.yaml").string();
  same_file.disagreements = (fixture.folder / "." / "x.yaml").string();
  EXPECT_EQ(kind_of(same_file), ErrorKind::Usage);
  AgreeOptions both = fixture.options;
  both.ratings = (fixture.folder / "ratings.csv").string();
  EXPECT_EQ(kind_of(both), ErrorKind::Usage);
  testing::write_bytes(fixture.folder / "codings.csv", kHeader + "a,a:7,x,ana,present,0,4,,,\n");
  EXPECT_EQ(kind_of(fixture.options), ErrorKind::InvalidInput);
  EXPECT_FALSE(std::filesystem::exists(fixture.folder / "x.yaml"));
}


// Human coders who coded a sample of the sources: the sources none of them coded are outside the
// sample, not agreement on "not coded" (which would inflate every coefficient), unless --all-sources.
TEST(AgreeRun, SourcesNoComparedCoderCodedAreLeftOutUnlessAllSources) {
  testing::TempFolder folder;
  AgreeOptions options;
  options.corpus = testing::import_corpus(folder, {{"a.txt", "Q: Ada?\n\nA: Ada.\n\nQ: Lagi?\n\nA: Belum.\n"},
                                                   {"b.txt", "Q: Ada?\n\nB: Tidak.\n\nQ: Yakin?\n\nB: Ya.\n"},
                                                   {"c.txt", "Q: Ada?\n\nC: Mungkin.\n\nQ: Yakin?\n\nC: Ya.\n"}})
                       .string();
  testing::write_bytes(folder / "codings.csv", kHeader +
                                                   "a,a:2,x,ana,present,0,4,,,\n"
                                                   "a,a:2,x,budi,present,0,4,,,\n"
                                                   "a,a:4,x,ana,absent,0,6,,,\n"
                                                   "b,b:2,x,budi,absent,0,6,,,\n"
                                                   "c,c:2,x,auto,present,0,8,r1,,\n");
  options.codings = (folder / "codings.csv").string();
  const auto presence = [&](bool all_sources) {
    options.all_sources = all_sources;
    options.output = (folder / (all_sources ? "all.yaml" : "sample.yaml")).string();
    std::ostringstream out;
    run_agree(options, out);
    const YAML::Node agreement = load_yaml_file(options.output, "agreement");
    return std::make_pair(units_of(agreement, "x", "presence"), value_of(agreement, "x", "presence", "percent_agreement"));
  };
  EXPECT_EQ(presence(false), std::make_pair(std::size_t{4}, std::string("0.5")));  // a:2, a:4, b:2, b:4
  EXPECT_EQ(presence(true).first, 6u);                                              // and c:2, c:4, agreed "not coded"
  EXPECT_EQ(presence(true).second.substr(0, 6), "0.6666");
}


// A source with no units (its only segments are questions) whose question a coder coded with another
// code: it is not a unit, and the next source, which no one coded, must not count as coded.
TEST(AgreeRun, ASourceWithoutUnitsDoesNotMakeTheNextOneCoded) {
  testing::TempFolder folder;
  AgreeOptions options;
  options.corpus = testing::import_corpus(folder, {{"a.txt", "Q: Ada?\n\nA: Ada.\n\nQ: Lagi?\n\nA: Belum.\n"},
                                                   {"q.txt", "Q: Ada?\n\nQ: Lagi?\n"},
                                                   {"r.txt", "Q: Ada?\n\nR: Tidak.\n\nQ: Yakin?\n\nR: Ya.\n"}})
                       .string();
  testing::write_bytes(folder / "codings.csv", kHeader +
                                                   "a,a:2,x,ana,present,0,4,,,\n"
                                                   "a,a:2,x,budi,present,0,4,,,\n"
                                                   "a,a:4,x,ana,absent,0,6,,,\n"
                                                   "q,q:1,y,ana,present,0,7,,,\n");
  options.codings = (folder / "codings.csv").string();
  options.codes = {"x"};
  options.output = (folder / "agreement.yaml").string();
  std::ostringstream out;
  run_agree(options, out);
  const YAML::Node agreement = load_yaml_file(options.output, "agreement");
  EXPECT_EQ(units_of(agreement, "x", "presence"), 2u) << "a:2 and a:4, not r's";
}

}  // namespace qda
