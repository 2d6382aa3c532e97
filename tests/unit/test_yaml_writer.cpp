#include <gtest/gtest.h>

#include <sstream>
#include <yaml-cpp/yaml.h>

#include "qda/yaml_writer.hpp"

namespace qda {

TEST(YamlString, QuotesWhatWouldReadBackAsAnotherType) {
  for (const std::string value : {"123", "true", "no", "2023-03-06", "0o17", "1:30", "~", "", "3.5", "-7", ".inf", "1_000",
                                   "+0x1F", "0x1_F", "=", "<<"}) {
    const std::string text = yaml_string(value);
    EXPECT_EQ(text.front(), '"') << value;
    const YAML::Node node = YAML::Load(text);
    EXPECT_EQ(node.Tag(), "!") << value;  // quoted: a string to any reader
    EXPECT_EQ(node.as<std::string>(), value);
  }
  EXPECT_EQ(yaml_string("Informan 1"), "Informan 1");
  EXPECT_EQ(yaml_string("Kepala Bidang Aplikasi Informatika dan e-Government"),
            "Kepala Bidang Aplikasi Informatika dan e-Government");
  EXPECT_EQ(yaml_string("café Zürich"), "café Zürich");
  // A date then anything, whatever the bytes (a Latin-1 title that is not UTF-8), and UTF-8.
  EXPECT_EQ(yaml_string("2024-01-05 \xE9t\xE9").front(), '"');
  EXPECT_EQ(yaml_string("2024-01-05 été").front(), '"');
}

TEST(YamlString, QuotesWhatPlainSyntaxCannotHold) {
  for (const std::string value : {"a: b", "x #y", "- item", "ends:", " lead", "trail ", "#c", "[x]", "{x}", "'q'", "\"q\"",
                                  "line\nbreak", "tab\there", "ls\xE2\x80\xA8", "---", "&anchor", "*alias", "!tag",
                                  "%d", "@at", "`b`", "|", ">", "?", "-", "nel\xC2\x85", "bom\xEF\xBB\xBF", "del\x7F"}) {
    const std::string text = yaml_string(value);
    EXPECT_EQ(text.front(), '"') << value;
    EXPECT_EQ(YAML::Load("k: " + text)["k"].as<std::string>(), value) << text;
  }
  EXPECT_EQ(yaml_string("line\nbreak"), "\"line\\nbreak\"");
  EXPECT_EQ(yaml_string("nel\xC2\x85"), "\"nel\\u0085\"");
  // C1 controls, as a cp1252 file read as ISO-8859-1 gives for curly quotes, and U+FFFE/U+FFFF.
  EXPECT_EQ(yaml_string("\xC2\x93quoted\xC2\x94"), "\"\\u0093quoted\\u0094\"");
  EXPECT_EQ(yaml_string("x\xEF\xBF\xBE"), "\"x\\uFFFE\"");
  EXPECT_EQ(YAML::Load(yaml_string("\xC2\x93q\xC2\x94")).as<std::string>(), "\xC2\x93q\xC2\x94");
  EXPECT_EQ(yaml_string("back\\slash \"quote\""), "back\\slash \"quote\"");  // plain: only a leading quote quotes
}

TEST(YamlString, FlowContextAlsoQuotesFlowIndicators) {
  EXPECT_EQ(yaml_string("a, b"), "a, b");
  EXPECT_EQ(yaml_string("a, b", YamlContext::Flow), "\"a, b\"");
  EXPECT_EQ(YAML::Load("[" + yaml_string("x]", YamlContext::Flow) + "]")[0].as<std::string>(), "x]");
  // yaml-cpp and PyYAML end a flow scalar at "?" and refuse one starting with ":".
  for (const std::string value : {"Informan 2?", "??", "a?b", ":x"}) {
    const std::string text = yaml_string(value, YamlContext::Flow);
    EXPECT_EQ(text.front(), '"') << value;
    EXPECT_EQ(YAML::Load("[" + text + "]")[0].as<std::string>(), value);
  }
  EXPECT_EQ(yaml_string("Informan 2?"), "Informan 2?");  // fine in block context
}

TEST(YamlPlain, KeepsNumbersAndOnlyQuotesBrokenSyntax) {
  EXPECT_EQ(yaml_plain("268435456"), "268435456");
  EXPECT_EQ(yaml_plain("-0.125000"), "-0.125000");
  EXPECT_EQ(yaml_plain(""), "\"\"");
  EXPECT_EQ(yaml_plain("a: b"), "\"a: b\"");
}

TEST(YamlWriter, WritesTheNestedBlockLayout) {
  YamlWriter out;
  out.string_entry("kind", "qda/corpus");
  out.integer_entry("version", 1);
  out.begin_mapping("options");
  out.node_entry("unit", YAML::Node("turn"));
  YAML::Node list(YAML::NodeType::Sequence);
  list.push_back("Pewawancara");
  out.node_entry("interviewers", list);
  out.node_entry("text_columns", YAML::Node(YAML::NodeType::Sequence));
  out.node_entry("pattern", YAML::Node(""));
  out.end();
  out.flow_sequence_entry("coders", {"coder-a", "b, c"});
  out.begin_sequence("sources");
  out.begin_mapping_item();
  out.string_entry("id", "inf-01");
  out.begin_mapping("text");
  out.integer_entry("characters", 10635);
  out.end();
  out.begin_mapping("attributes");
  out.end();
  out.begin_sequence("speakers");
  out.flow_mapping_item({{"name", yaml_string("Informan 1", YamlContext::Flow)}, {"interviewer", "false"}});
  out.end();
  out.end();
  out.begin_mapping_item();
  out.null_entry("value");
  out.bool_entry("flag", true);
  out.number_entry("alpha", "0.944000");
  out.flow_mapping_entry("interval", {{"level", "0.95"}, {"lower", "0.5"}, {"upper", "1.0"}});
  out.end();
  out.end();
  EXPECT_EQ(out.text(),
            "kind: qda/corpus\n"
            "version: 1\n"
            "options:\n"
            "  unit: turn\n"
            "  interviewers:\n"
            "    - Pewawancara\n"
            "  text_columns: []\n"
            "  pattern: \"\"\n"
            "coders: [coder-a, \"b, c\"]\n"
            "sources:\n"
            "  - id: inf-01\n"
            "    text:\n"
            "      characters: 10635\n"
            "    attributes: {}\n"
            "    speakers:\n"
            "      - {name: Informan 1, interviewer: false}\n"
            "  - value: ~\n"
            "    flag: true\n"
            "    alpha: 0.944000\n"
            "    interval: {level: 0.95, lower: 0.5, upper: 1.0}\n");
  const YAML::Node back = YAML::Load(out.text());
  EXPECT_EQ(back["sources"][0]["speakers"][0]["name"].as<std::string>(), "Informan 1");
  EXPECT_EQ(back["coders"][1].as<std::string>(), "b, c");
  EXPECT_TRUE(back["sources"][1]["value"].IsNull());
  EXPECT_EQ(back["sources"][1]["interval"]["upper"].as<double>(), 1.0);
}

TEST(YamlWriter, EmptyMappingItemAndUnclosedCollections) {
  YamlWriter out;
  out.begin_sequence("items");
  out.begin_mapping_item();
  out.end();
  EXPECT_THROW(out.text(), std::logic_error);
  out.end();
  EXPECT_EQ(out.text(), "items:\n  - {}\n");
  EXPECT_THROW(out.end(), std::logic_error);
}

// A document moved out a piece at a time, collections still open, is the same bytes as written whole:
// qda-import writes corpus.yaml this way.
TEST(YamlWriter, TextMovedOutAsItIsWrittenIsTheWholeText) {
  const auto write = [](std::ostream* moved_to) {
    YamlWriter yaml;
    yaml.string_entry("kind", "qda/corpus");
    yaml.begin_sequence("sources");
    for (int i = 0; i < 5; ++i) {
      yaml.begin_mapping_item();
      yaml.string_entry("id", "inf-" + std::to_string(i));
      yaml.begin_mapping("attributes");
      if (i % 2 == 0) yaml.string_entry("region", "north");
      yaml.end();
      yaml.begin_sequence("speakers");
      yaml.end();
      yaml.end();
      if (moved_to != nullptr && i % 2 == 1) yaml.move_text_to(*moved_to);
    }
    yaml.end();
    yaml.begin_sequence("empty");
    if (moved_to != nullptr) yaml.move_text_to(*moved_to);
    yaml.end();
    std::ostringstream out;
    if (moved_to != nullptr) out << static_cast<std::ostringstream*>(moved_to)->str();
    out << yaml.text();
    return out.str();
  };
  std::ostringstream moved;
  const std::string whole = write(nullptr);
  EXPECT_EQ(write(&moved), whole);
  EXPECT_NE(whole.find("  - id: inf-1\n    attributes: {}\n    speakers: []\n"), std::string::npos) << whole;
  EXPECT_NE(whole.find("\nempty: []\n"), std::string::npos) << whole;
}

}  // namespace qda
