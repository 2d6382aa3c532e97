// parse_yaml on hostile input: what qda's files never need (anchors, aliases, a key twice, deep
// nesting, a second document) is refused with its line and column, before yaml-cpp builds a tree.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/block_yaml.hpp"
#include "qda/schema.hpp"
#include "qda/yaml.hpp"

namespace qda {
namespace {

// The message and location parse_yaml refuses `text` with.
std::string refusal(const std::string& text) {
  try {
    parse_yaml(text, "in.yaml");
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    return error.what();
  }
  return "accepted";
}

// A number no double holds is an input error at its place, not an internal one (std::stod's); one too
// small for a normal double is its nearest, as YAML readers take it.
TEST(YamlInput, ANumberBeyondADoubleIsAnInputError) {
  try {
    yaml_to_json(parse_yaml("a: 1\nweight: 1e400\n", "in.yaml"), "in.yaml");
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_EQ(std::string(error.what()), "in.yaml:2:9: the number 1e400 is beyond what a double holds (about 1.8e308); expected a smaller number");
  }
  EXPECT_THROW(yaml_to_json(parse_yaml("- " + std::string(400, '9'), "in.yaml")), Error) << "an integer of 400 digits";
  EXPECT_EQ(yaml_to_json(parse_yaml("[1e-320, 123456789012345678901234567890]", "in.yaml"))[0].get<double>(), 1e-320);
  EXPECT_FALSE(read_block_yaml("weight: 1e400\n").has_value()) << "the block reader leaves it to the full parser";
  EXPECT_TRUE(read_block_yaml("weight: 1e-320\n").has_value());
}

TEST(YamlInput, RefusesAnchorsAndAliases) {
  EXPECT_NE(refusal("x: &a [*a]\n").find("in.yaml:1:4: a YAML anchor (&name)"), std::string::npos) << refusal("x: &a [*a]\n");
  EXPECT_NE(refusal("a: 1\nb: *x\n").find("in.yaml:2:4: invalid YAML: the referenced anchor is not defined"), std::string::npos);
  std::string laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char level = 'b'; level <= 'j'; ++level) {
    laughs += fmt::format("{}: &{} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n", level, level, fmt::arg("p", static_cast<char>(level - 1)));
  }
  EXPECT_NE(refusal(laughs).find("in.yaml:1:4: a YAML anchor"), std::string::npos) << refusal(laughs);
}

TEST(YamlInput, RefusesAKeyGivenTwice) {
  EXPECT_NE(refusal("codes:\n  - a\nname: x\ncodes:\n  - b\n").find("in.yaml:4:1: the key 'codes' is given twice in one mapping (first on line 1)"),
            std::string::npos);
  EXPECT_NE(refusal("- {id: 1, id: 2}\n").find("the key 'id' is given twice"), std::string::npos);
  // The same key in two different mappings is no repeat.
  EXPECT_EQ(refusal("a: {id: 1}\nb: {id: 2}\n"), "accepted");
}

TEST(YamlInput, RefusesDeepNestingComplexKeysAndASecondDocument) {
  EXPECT_NE(refusal(std::string(100000, '[') + std::string(100000, ']')).find("in.yaml:1:65: YAML nested deeper than 64 levels"),
            std::string::npos);
  EXPECT_NE(refusal(std::string(100000, '[')), "accepted");
  std::string deep;
  for (std::size_t level = 0; level < 70; ++level) deep += std::string(2 * level, ' ') + "k:\n";
  deep += std::string(140, ' ') + "v\n";
  EXPECT_NE(refusal(deep).find("in.yaml:65:"), std::string::npos) << refusal(deep);
  std::string shallow;
  for (std::size_t level = 0; level < 60; ++level) shallow += std::string(2 * level, ' ') + "k:\n";
  shallow += std::string(120, ' ') + "v\n";
  EXPECT_EQ(refusal(shallow), "accepted");
  EXPECT_NE(refusal("? [a, b]\n: c\n").find("a mapping key that is not a scalar"), std::string::npos);
  EXPECT_NE(refusal("a: 1\n---\nb: 2\n").find("in.yaml:2:1: a second YAML document"), std::string::npos) << refusal("a: 1\n---\nb: 2\n");
}

// Found by the claims_yaml fuzz target: invalid UTF-8 reached the schema check (see
// CheckRun.RefusesClaimsThatAreNotUtf8). Refused before yaml-cpp, where the first bad byte is.
TEST(YamlInput, RefusesTextThatIsNotUtf8) {
  EXPECT_EQ(refusal("a: 1\nquote: \"trian\x99\x8a\x93\x9e\x8b\x96\x90\x90.\"\n"),
            "in.yaml:2:14: invalid UTF-8 at byte offset 18 (byte 0x99); expected a YAML file in UTF-8");
  EXPECT_NE(refusal("a: \xC0\xAF\n").find("in.yaml:1:4: invalid UTF-8"), std::string::npos);  // overlong
  EXPECT_EQ(refusal("\xEF\xBB\xBF" "a: caf\xC3\xA9\n"), "accepted");  // a byte-order mark and a two-byte letter
}

}  // namespace
}  // namespace qda
