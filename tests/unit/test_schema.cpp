// YAML loading and schema validation: syntax errors and schema errors point at line and column.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

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


namespace {

// kValidCorpus with `sources` copies of its source (ids inf-0, inf-1, ...) and as many inputs, and
// `edit` applied to the JSON: large enough that matches_schema checks it in parts.
nlohmann::ordered_json many_sources(std::size_t sources, const std::function<void(nlohmann::ordered_json&)>& edit) {
  nlohmann::ordered_json document = yaml_to_json(parse_yaml(kValidCorpus, "corpus.yaml"));
  const nlohmann::ordered_json source = document["sources"][0];
  document["sources"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < sources; ++i) {
    document["sources"].push_back(source);
    document["sources"].back()["id"] = "inf-" + std::to_string(i);
    document["provenance"]["inputs"].push_back({{"path", "in/" + std::to_string(i) + ".txt"}, {"sha256", source["sha256"]}});
  }
  edit(document);
  return document;
}

// Whether the whole document matches, checked through yaml-cpp and valijson in one piece.
bool matches_whole(const nlohmann::ordered_json& document) {
  try {
    validate_against_schema(parse_yaml(document.dump(), "corpus.yaml"), "corpus", "corpus.yaml");
    return true;
  } catch (const Error&) {
    return false;
  }
}

// The verdict of StreamedSchemaCheck on the document read as read_corpus streams it: each source and
// input checked alone, then the rest with those lists emptied and counted.
bool matches_streamed(nlohmann::ordered_json document) {
  StreamedSchemaCheck check("corpus");
  StreamedLists counts;
  bool matches = true;
  for (const std::vector<std::string>& keys : {std::vector<std::string>{"sources"}, std::vector<std::string>{"provenance", "inputs"}}) {
    nlohmann::ordered_json* list = &document;
    for (const auto& key : keys) list = list->is_object() && list->contains(key) ? &(*list)[key] : nullptr;
    if (list == nullptr || !list->is_array()) continue;  // not a list: read whole, checked with the rest
    const auto pointer = check.items_pointer(keys);
    if (!pointer) return false;
    for (const auto& item : *list) matches = check.item(*pointer, item) && matches;
    counts[keys] = list->size();
    *list = nlohmann::ordered_json::array();
  }
  return check.rest(document, counts) && matches;
}

}  // namespace

// A document with long lists is checked member by member and item by item where the schema's part is a
// plain object or array: the same verdict as checking it whole, for every kind of breach in a part.
TEST(Schema, CheckingInPartsGivesTheWholeChecksVerdict) {
  using Json = nlohmann::ordered_json;
  const std::vector<std::pair<std::string, std::function<void(Json&)>>> edits = {
      {"valid", [](Json&) {}},
      {"a source without a required key", [](Json& d) { d["sources"][57].erase("turns"); }},
      {"a source with a key the schema lacks", [](Json& d) { d["sources"][80]["colour"] = "red"; }},
      {"a count that is a string", [](Json& d) { d["sources"][99]["segments"] = "many"; }},
      {"a bad id pattern", [](Json& d) { d["sources"][3]["id"] = "Not A Slug"; }},
      {"an input with a bad hash", [](Json& d) { d["provenance"]["inputs"][70]["sha256"] = "abc"; }},
      {"an input with an extra key", [](Json& d) { d["provenance"]["inputs"][71]["size"] = 3; }},
      {"provenance without inputs", [](Json& d) { d["provenance"].erase("inputs"); }},
      {"an extra top-level key", [](Json& d) { d["extra"] = 1; }},
      {"a missing top-level key", [](Json& d) { d.erase("unit"); }},
      {"sources not a list", [](Json& d) { d["sources"] = Json::object(); }},
      {"the wrong kind", [](Json& d) { d["kind"] = "qda/codebook"; }},
      {"a source that is a string", [](Json& d) { d["sources"][5] = "inf-5"; }},
  };
  for (const auto& [what, edit] : edits) {
    const Json document = many_sources(100, edit);
    EXPECT_EQ(matches_schema(document, "corpus"), matches_whole(document)) << what;
    EXPECT_EQ(matches_schema(document, "corpus"), what == "valid") << what;
    EXPECT_EQ(matches_streamed(document), what == "valid") << what;
  }
  // An empty list of sources breaks minItems, whichever way it is checked (too small to be split).
  const Json none = many_sources(0, [](Json&) {});
  EXPECT_FALSE(matches_schema(none, "corpus"));
  EXPECT_FALSE(matches_whole(none));
}

// The lists a corpus streams are the sources and the provenance's inputs; the schema allows no other
// (the interviewers are a flow list, never streamed, and a list inside a source is not reached).
TEST(Schema, OnlyPlainListsCanBeCheckedItemByItem) {
  const StreamedSchemaCheck check("corpus");
  EXPECT_EQ(check.items_pointer({"sources"}), "/properties/sources/items");
  EXPECT_EQ(check.items_pointer({"provenance", "inputs"}), "/definitions/provenance/properties/inputs/items");
  EXPECT_FALSE(check.items_pointer({"no-such-key"}).has_value());
  EXPECT_FALSE(check.items_pointer({"unit"}).has_value());  // an enum, not a list
  EXPECT_FALSE(check.items_pointer({"provenance", "options"}).has_value());
}

}  // namespace qda
