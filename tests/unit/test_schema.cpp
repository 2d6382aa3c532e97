// YAML loading and schema validation: syntax errors and schema errors point at line and column.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/schema.hpp"
#include "qda/yaml.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
const char* kValidCorpus = R"(kind: qda/corpus
version: 1
provenance:
  tool: qda-import
  version: 0.1.0
  options: {}
  inputs: []
unit: turn
segments_file: segments.csv
interviewers: []
sources:
  - id: inf-01
    title: One
    path: a.txt
    format: txt
    media_type: text/plain
    sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
    language: id
    text: {path: texts/inf-01.txt, sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, characters: 0}
    attributes: {role: head}
    turns: 0
    segments: 0
    speakers: []
)";

Error validation_error(const std::string& text) {
  try {
    validate_against_schema(parse_yaml(text, "corpus.yaml"), "corpus", "corpus.yaml");
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error";
  return invalid_input("none");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}
}  // namespace

TEST(Schema, EmbedsEveryFileKind) {
  const auto kinds = schema_kinds();
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "corpus"), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "segments"), kinds.end());
  EXPECT_NE(schema_text("corpus").find("qda/corpus"), std::string_view::npos);
}

TEST(Schema, AcceptsAValidCorpus) {
  EXPECT_NO_THROW(validate_against_schema(parse_yaml(kValidCorpus, "c.yaml"), "corpus", "c.yaml"));
}

TEST(Schema, PointsAtTheOffendingNode) {
  const Error error = validation_error(replaced(kValidCorpus, "id: inf-01", "id: Inf 01"));
  EXPECT_EQ(error.where().file, "corpus.yaml");
  EXPECT_EQ(error.where().line, 12u);
  EXPECT_EQ(error.where().column, 9u);
  EXPECT_NE(error.message().find("/sources/0/id"), std::string::npos) << error.what();
}

TEST(Schema, TypesPlainScalarsAsYamlDoes) {
  // A quoted "1" is a string, so it is not the integer version 1.
  const Error error = validation_error(replaced(kValidCorpus, "version: 1", "version: \"1\""));
  EXPECT_EQ(error.where().line, 2u);
  EXPECT_NE(error.message().find("/version"), std::string::npos) << error.what();
}

TEST(Schema, NamesAMissingRequiredProperty) {
  const Error error = validation_error(replaced(kValidCorpus, "unit: turn\n", ""));
  EXPECT_NE(error.message().find("unit"), std::string::npos) << error.what();
}

TEST(Yaml, SyntaxErrorsCarryLineAndColumn) {
  try {
    parse_yaml("a: [1, 2\nb: c\n", "bad.yaml");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_EQ(error.where().file, "bad.yaml");
    EXPECT_GT(error.where().line, 0u);
    EXPECT_GT(error.where().column, 0u);
  }
}

TEST(Yaml, LoadFileValidatesAndRejectsEmptyFiles) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "c.yaml", kValidCorpus);
  EXPECT_EQ(load_yaml_file(folder / "c.yaml", "corpus")["unit"].as<std::string>(), "turn");
  testing::write_bytes(folder / "empty.yaml", "\n");
  EXPECT_THROW(load_yaml_file(folder / "empty.yaml", "corpus"), Error);
  try {
    load_yaml_file(folder / "missing.yaml", "corpus");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
  }
}

}  // namespace qda

namespace qda {

TEST(Yaml, PlainScalarsAreTypedAsYaml12Does) {
  EXPECT_EQ(plain_scalar_type("0o17"), PlainScalar::Integer);
  EXPECT_EQ(plain_scalar_type("0x1F"), PlainScalar::Integer);
  EXPECT_EQ(plain_scalar_type("-1.5e3"), PlainScalar::Float);
  EXPECT_EQ(plain_scalar_type("True"), PlainScalar::Bool);
  EXPECT_EQ(plain_scalar_type("~"), PlainScalar::Null);
  EXPECT_EQ(plain_scalar_type("2023-03-06"), PlainScalar::String);
  EXPECT_EQ(plain_scalar_type("Informan 1"), PlainScalar::String);
  // Decimal integers, signed or not, and what only looks like one.
  EXPECT_EQ(plain_scalar_type("1469"), PlainScalar::Integer);
  EXPECT_EQ(plain_scalar_type("-7"), PlainScalar::Integer);
  EXPECT_EQ(plain_scalar_type("+007"), PlainScalar::Integer);
  EXPECT_EQ(plain_scalar_type("-"), PlainScalar::String);
  EXPECT_EQ(plain_scalar_type("+"), PlainScalar::String);
  EXPECT_EQ(plain_scalar_type("12a"), PlainScalar::String);
  EXPECT_EQ(plain_scalar_type("1 2"), PlainScalar::String);
  // Octal is read as octal: 0o1 is the version 1, 0o2 is not.
  EXPECT_NO_THROW(validate_against_schema(parse_yaml(replaced(kValidCorpus, "version: 1", "version: 0o1"), "c"), "corpus", "c"));
  EXPECT_NE(validation_error(replaced(kValidCorpus, "version: 1", "version: 0o2")).message().find("/version"), std::string::npos);
}

}  // namespace qda

namespace qda {

// Outputs are checked before they are written: whole, or one list entry at a time against the part
// of the schema that describes an entry, its definitions still in reach.
TEST(Schema, ValidatesAnOutputWholeOrInParts) {
  const std::string cell = "column: a\nsegments: 1\nstances:\n  present: 1\nstance: present\nprominence: 0.5\nraised: asked\n"
                           "examples: []\nsegment_ids: [a:2]\n";
  EXPECT_NO_THROW(validate_output(cell, "triangulation", "cell", "/properties/codes/items/properties/cells/items"));
  try {
    validate_output("column: a\nsegments: 1\nstances: {}\nstance: present\nprominence: 1.5\nraised: asked\nexamples: []\n"
                    "segment_ids: []\n",
                    "triangulation", "cell", "/properties/codes/items/properties/cells/items");
    FAIL() << "a prominence above 1 passed";
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 5u);
    EXPECT_NE(error.message().find("/prominence"), std::string::npos) << error.message();
  }
  // A code entry refers to the schema's definitions (#/definitions/category).
  EXPECT_THROW(validate_output("code: x\nname: x\npath: x\ncategory: consensus\ndecided_by: x\nstance: ~\nsingle_source: false\n"
                               "spoke: []\nsilent: []\nnot_asked: []\nstance_shares: {}\nsugiyono:\n  same: []\n  differ: []\n"
                               "  specific: []\ncorroboration: []\npairs:\n  agreement: 0\n  partial_agreement: 0\n  dissonance: 0\n"
                               "  silence: 0\n  not_asked: 0\ncells: []\n",
                               "triangulation", "code", "/properties/codes/items"),
               Error);
}

}  // namespace qda
