// The fast reader of YamlWriter's layout: same JSON as yaml-cpp for what it reads, nullopt otherwise.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "qda/block_yaml.hpp"
#include "qda/schema.hpp"
#include "qda/yaml_writer.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {

nlohmann::ordered_json through_yaml_cpp(const std::string& text) { return yaml_to_json(YAML::Load(text)); }

std::string awkward_document() {
  YamlWriter out;
  out.string_entry("kind", "qda/corpus");
  out.integer_entry("version", 1);
  out.string_entry("version_text", "0.1.0");
  out.string_entry("empty", "");
  out.string_entry("colon", "a: b");
  out.string_entry("hash", "x #y");
  out.string_entry("quotes", "say \"hi\" \\ back");
  out.string_entry("lines", "one\ntwo\tthree\r");
  out.string_entry("unicode", "café — “ok” \xE2\x80\xA8 \xEF\xBB\xBF");
  out.string_entry("dash", "-x");
  out.string_entry("url", "http://example.org/a:b");
  out.bool_entry("flag", false);
  out.null_entry("nothing");
  out.number_entry("alpha", "-0.125000");
  out.flow_sequence_entry("list", {"a", "b, c", "[d]", "", "true", "Siapa?", ":x"});
  out.string_entry("c1", "\xC2\x93" "curly\xC2\x94");  // split: "\x93c" would be one (out-of-range) escape
  out.string_entry("null", "a key yaml-cpp would read as null, were it plain");
  out.flow_sequence_entry("none", {});
  out.begin_mapping("empty map");
  out.end();
  out.begin_sequence("sources");
  out.begin_mapping_item();
  out.string_entry("id", "inf-01");
  out.begin_mapping("text");
  out.string_entry("path", "texts/inf-01.txt");
  out.integer_entry("characters", 10635);
  out.end();
  out.begin_mapping("attributes");
  out.string_entry("zeta", "last");
  out.string_entry("alpha", "first");
  out.string_entry("interview_date", "2023-03-06");
  out.end();
  out.begin_sequence("speakers");
  out.flow_mapping_item({{"name", yaml_string("Informan, 1", YamlContext::Flow)}, {"interviewer", "false"}, {"turns", "21"}});
  out.end();
  out.end();
  out.begin_mapping_item();
  out.end();
  out.string_item("a plain item");
  out.string_item("123");
  out.end();
  return out.text();
}

}  // namespace

TEST(BlockYaml, ReadsWhatYamlWriterWritesAsYamlCppDoes) {
  const std::string text = awkward_document();
  const auto fast = read_block_yaml(text);
  ASSERT_TRUE(fast.has_value()) << text;
  EXPECT_EQ(*fast, through_yaml_cpp(text)) << text;
  EXPECT_EQ((*fast)["version_text"], "0.1.0");
  EXPECT_EQ((*fast)["lines"], "one\ntwo\tthree\r");
  EXPECT_EQ((*fast)["sources"][0]["speakers"][0]["name"], "Informan, 1");
  // Mappings keep the file's order.
  EXPECT_EQ((*fast)["sources"][0]["attributes"].begin().key(), "zeta");
}

TEST(BlockYaml, DeclinesEverythingOutsideTheLayout) {
  for (const std::string text : {
           "a: 1 # comment\n", "a: 1\n\nb: 2\n", "a: 'single'\n", "a: |\n  block\n", "a: &x 1\nb: *x\n",
           "a: !tag 1\n", "a:\n- compact\n", "a:\n    too: deep\n", "a: \"open\n", "a: 1", "- root item\n",
           "a: [x, [nested]]\n", "a:\tb\n", "a: 1\r\n", "a: 1\na: 2\n", "a:\nb: 2\n", "a: x\n  b: y\n", "---\na: 1\n",
           "a: \"\\q\"\n", "? a\n", "i: [Siapa?]\n", "i: {n: a?b}\n", "i: [:x]\n", "null: x\n", "~: x\n",
           "a: x\xC2\x93y\n", "a: \"x\xC2\x85y\"\n", "",
           // Not UTF-8 (found by the claims_yaml fuzz target): parse_yaml refuses it with its line.
           "a: \"trian\x99\x8a\x93\x9e\x8b\x96\x90\x90.\"\n", "a: x\xFF\n"}) {
    EXPECT_FALSE(read_block_yaml(text).has_value()) << text;
  }
}

TEST(BlockYaml, TypesPlainScalarsByTheCoreSchema) {
  const auto document = read_block_yaml("i: 42\nh: 0x1F\no: 0o17\nf: 2.5\nt: true\nn: ~\ns: Informan 1\nq: \"42\"\n");
  ASSERT_TRUE(document.has_value());
  EXPECT_EQ((*document)["i"], 42);
  EXPECT_EQ((*document)["h"], 31);
  EXPECT_EQ((*document)["o"], 15);
  EXPECT_EQ((*document)["f"], 2.5);
  EXPECT_EQ((*document)["t"], true);
  EXPECT_TRUE((*document)["n"].is_null());
  EXPECT_EQ((*document)["s"], "Informan 1");
  EXPECT_EQ((*document)["q"], "42");
}

namespace {

// Items handed out by a streamed reading, with the keys of their lists.
struct Collected {
  std::vector<std::pair<std::vector<std::string>, nlohmann::ordered_json>> items;
  BlockYamlStreaming streaming(std::function<bool(const std::vector<std::string>&)> streams) {
    return {std::move(streams),
            [this](const std::vector<std::string>& keys, nlohmann::ordered_json&& item) { items.emplace_back(keys, std::move(item)); },
            {}};
  }
};

}  // namespace

// A streamed list's items come out one by one, in order, as the whole reading has them, and the
// document keeps an empty list there; lists inside items, and lists not asked for, stay in place.
TEST(BlockYaml, StreamedListsGiveTheirItemsOneByOne) {
  const std::string text = awkward_document();
  const auto whole = read_block_yaml(text);
  ASSERT_TRUE(whole.has_value());
  std::vector<std::vector<std::string>> asked;
  Collected collected;
  const auto streaming = collected.streaming([&](const std::vector<std::string>& keys) {
    asked.push_back(keys);
    return keys == std::vector<std::string>{"sources"};
  });
  const auto streamed = read_block_yaml(text, streaming);
  ASSERT_TRUE(streamed.has_value());
  ASSERT_EQ(collected.items.size(), (*whole)["sources"].size());
  for (std::size_t i = 0; i < collected.items.size(); ++i) {
    EXPECT_EQ(collected.items[i].first, std::vector<std::string>{"sources"});
    EXPECT_EQ(collected.items[i].second, (*whole)["sources"][i]) << i;
  }
  nlohmann::ordered_json rest = *whole;
  rest["sources"] = nlohmann::ordered_json::array();
  EXPECT_EQ(*streamed, rest);
  // Asked only of block lists reached through mappings: not of the speakers inside a source.
  EXPECT_EQ(std::count(asked.begin(), asked.end(), std::vector<std::string>{"sources"}), 1);
  for (const auto& keys : asked) EXPECT_NE(keys.back(), "speakers");
}

// Items handed out as their text (read elsewhere, on other threads) read as they do in place; an item
// whose lines leave the layout is declined where it is read, as the whole document is declined.
TEST(BlockYaml, ItemsGivenAsTextReadAsInPlace) {
  const auto given_as_text = [](const std::string& text, std::vector<std::optional<nlohmann::ordered_json>>& items) {
    BlockYamlStreaming streaming;
    streaming.streams = [](const std::vector<std::string>& keys) { return keys == std::vector<std::string>{"sources"}; };
    streaming.on_item = [](const std::vector<std::string>&, nlohmann::ordered_json&&) { ADD_FAILURE() << "an item read in place"; };
    streaming.on_item_text = [&](const std::vector<std::string>& keys, std::string&& item, std::size_t indent) {
      EXPECT_EQ(keys, std::vector<std::string>{"sources"});
      EXPECT_EQ(indent, 2u);
      items.push_back(read_block_yaml_item(item, indent));
    };
    return read_block_yaml(text, streaming);
  };
  const std::string text = awkward_document();
  const auto whole = read_block_yaml(text);
  ASSERT_TRUE(whole.has_value());
  std::vector<std::optional<nlohmann::ordered_json>> items;
  const auto rest = given_as_text(text, items);
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(items.size(), (*whole)["sources"].size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    ASSERT_TRUE(items[i].has_value()) << i;
    EXPECT_EQ(*items[i], (*whole)["sources"][i]) << i;
  }
  nlohmann::ordered_json expected_rest = *whole;
  expected_rest["sources"] = nlohmann::ordered_json::array();
  EXPECT_EQ(*rest, expected_rest);

  // Lines inside the first source that leave the layout: a tab, a blank line, a line indented one space
  // more than its item's dash, a line of spaces. Read in place the document is declined; given as text,
  // that item is.
  const std::string first_item_line = "  - id: inf-01\n";
  ASSERT_NE(text.find(first_item_line), std::string::npos);
  for (const std::string inserted : {"    x: a\tb\n", "\n", "   x: 1\n", "      \n"}) {
    std::string broken = text;
    broken.insert(broken.find(first_item_line) + first_item_line.size(), inserted);
    EXPECT_FALSE(read_block_yaml(broken).has_value());
    items.clear();
    given_as_text(broken, items);
    ASSERT_FALSE(items.empty());
    EXPECT_FALSE(items.front().has_value()) << inserted;
  }
  // An item's text on its own: one item, nothing after it, at the indent given.
  EXPECT_EQ(read_block_yaml_item("  - id: a\n    n: 2\n", 2), (nlohmann::ordered_json{{"id", "a"}, {"n", 2}}));
  EXPECT_FALSE(read_block_yaml_item("  - id: a\n  - id: b\n", 2).has_value());
  EXPECT_FALSE(read_block_yaml_item("  - id: a\n", 0).has_value());
  EXPECT_FALSE(read_block_yaml_item("  - id: a", 2).has_value());  // no line end
}

// The file is read a block at a time: lines across the blocks' edges, the same document and items as
// from the text; a file that leaves the layout after items were given, or cannot be read, gives nullopt.
TEST(BlockYaml, AFileReadInBlocksReadsAsItsText) {
  testing::TempFolder folder;
  YamlWriter out;
  out.string_entry("kind", "qda/corpus");
  out.begin_sequence("sources");
  for (int i = 0; i < 3000; ++i) {  // about 300 kB: several 64 kB blocks
    out.begin_mapping_item();
    out.string_entry("id", "inf-" + std::to_string(i));
    out.string_entry("title", std::string(static_cast<std::size_t>(i % 97), 'x') + " “é”");
    out.end();
  }
  out.end();
  out.string_entry("after", "the list");
  const std::string text = out.text();
  testing::write_bytes(folder / "doc.yaml", text);
  const auto streams = [](const std::vector<std::string>& keys) { return keys.size() == 1 && keys[0] == "sources"; };
  Collected from_text, from_file;
  const auto text_document = read_block_yaml(text, from_text.streaming(streams));
  const auto file_document = read_block_yaml_file(folder / "doc.yaml", from_file.streaming(streams));
  ASSERT_TRUE(text_document.has_value());
  ASSERT_TRUE(file_document.has_value());
  EXPECT_EQ(*file_document, *text_document);
  EXPECT_EQ((*file_document)["after"], "the list");
  ASSERT_EQ(from_file.items.size(), 3000u);
  EXPECT_EQ(from_file.items, from_text.items);

  testing::write_bytes(folder / "late.yaml", text + "bad: 'single'\n");
  Collected late;
  EXPECT_FALSE(read_block_yaml_file(folder / "late.yaml", late.streaming(streams)).has_value());
  EXPECT_EQ(late.items.size(), 3000u);  // handed out before the bad line: the caller discards them
  testing::write_bytes(folder / "unended.yaml", text + "last: x");
  EXPECT_FALSE(read_block_yaml_file(folder / "unended.yaml", late.streaming(streams)).has_value());
  testing::write_bytes(folder / "empty.yaml", "");
  EXPECT_FALSE(read_block_yaml_file(folder / "empty.yaml", late.streaming(streams)).has_value());
  EXPECT_FALSE(read_block_yaml_file(folder / "missing.yaml", late.streaming(streams)).has_value());
  EXPECT_FALSE(read_block_yaml_file(folder.path(), late.streaming(streams)).has_value());
}

}  // namespace qda
