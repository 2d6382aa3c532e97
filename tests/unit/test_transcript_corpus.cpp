// The corpus of real-world transcript styles (tests/data/transcripts): every file imported as a
// researcher would, and its turns, speakers, times and format compared with what its expected/ file
// says. Then the defects that concern a folder rather than a file: repeated names, mixed encodings.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/import.hpp"
#include "qda/schema.hpp"
#include "qda/yaml.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {

const std::filesystem::path kCorpus = std::filesystem::path(QDA_SOURCE_DIR) / "tests" / "data" / "transcripts";

std::vector<std::map<std::string, std::string>> read_table(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  CsvTableReader table(in, path.string());
  std::vector<std::map<std::string, std::string>> rows;
  std::vector<std::string> fields;
  while (table.read_row(fields)) {
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < fields.size(); ++i) row[table.header()[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

struct Turn {
  std::string speaker;
  std::string text;  // of its first segment
  std::string start_seconds;
  std::string end_seconds;  // of its last segment
};

// The turns of an imported corpus's segments.csv, in order.
std::vector<Turn> turns_of(const std::filesystem::path& segments) {
  std::vector<Turn> turns;
  std::string last_turn;
  for (const auto& row : read_table(segments)) {
    if (row.at("turn") != last_turn) {
      turns.push_back({row.at("speaker"), row.at("text"), row.at("start_seconds"), row.at("end_seconds")});
      last_turn = row.at("turn");
    } else {
      turns.back().end_seconds = row.at("end_seconds");
    }
  }
  return turns;
}

ImportOptions options_for(const std::vector<std::string>& inputs, const std::filesystem::path& output) {
  ImportOptions options;
  options.inputs = inputs;
  options.output_dir = output.string();
  return options;
}

}  // namespace

TEST(TranscriptCorpus, EveryFileGivesItsExpectedTurnsSpeakersAndTimes) {
  const auto manifest = read_table(kCorpus / "manifest.csv");
  ASSERT_GE(manifest.size(), 25u);
  for (const auto& entry : manifest) {
    const std::string& file = entry.at("file");
    SCOPED_TRACE(file);
    testing::TempFolder folder;
    run_import(options_for({(kCorpus / file).string()}, folder / "out"));
    const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");
    EXPECT_EQ(corpus["sources"][0]["format"].as<std::string>(), entry.at("format"));

    const auto expected = read_table(kCorpus / "expected" / (file + ".csv"));
    const auto turns = turns_of(folder / "out" / "segments.csv");
    ASSERT_EQ(turns.size(), expected.size());
    for (std::size_t t = 0; t < turns.size(); ++t) {
      const auto& want = expected[t];
      EXPECT_EQ(turns[t].speaker, want.at("speaker")) << "turn " << t + 1;
      EXPECT_EQ(turns[t].text.substr(0, want.at("text").size()), want.at("text")) << "turn " << t + 1;
      EXPECT_EQ(turns[t].start_seconds, want.at("start_seconds")) << "turn " << t + 1;
      EXPECT_EQ(turns[t].end_seconds, want.at("end_seconds")) << "turn " << t + 1;
    }
  }
}

TEST(TranscriptCorpus, RepeatedFileNamesNeedIdsFromTheirPaths) {
  testing::TempFolder folder;
  ImportOptions options = options_for({(kCorpus / "repeated").string()}, folder / "out");
  try {
    run_import(options);
    FAIL() << "two interview.md files imported under one id";
  } catch (const Error& error) {
    EXPECT_NE(error.message().find("--id-from path"), std::string::npos) << error.what();
  }
  options.id_from = "path";
  EXPECT_EQ(run_import(options).sources, 2u);
  const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");
  EXPECT_EQ(corpus["sources"][0]["id"].as<std::string>(), "site-a-interview");
  EXPECT_EQ(corpus["sources"][0]["title"].as<std::string>(), "site-a/interview");
  EXPECT_EQ(corpus["sources"][1]["id"].as<std::string>(), "site-b-interview");
}

TEST(TranscriptCorpus, AFolderOfMixedEncodingsIsReadFileByFile) {
  testing::TempFolder folder;
  run_import(options_for({(kCorpus / "encodings").string()}, folder / "out"));
  const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");
  std::map<std::string, std::pair<std::string, int>> encodings;
  for (const auto& source : corpus["sources"]) {
    encodings[source["id"].as<std::string>()] = {source["encoding"].as<std::string>(),
                                                 source["encoding_confidence"] ? source["encoding_confidence"].as<int>() : -1};
  }
  EXPECT_EQ(encodings["wawancara-utf8"], (std::pair<std::string, int>{"UTF-8", -1}));
  EXPECT_EQ(encodings["wawancara-utf16"], (std::pair<std::string, int>{"UTF-16LE", -1}));
  EXPECT_EQ(encodings["entrevista-latin1"].first, "ISO-8859-1");
  EXPECT_GE(encodings["entrevista-latin1"].second, 50);
  EXPECT_EQ(encodings["interview-windows1252"].first, "windows-1252");
  EXPECT_NE(testing::read_bytes(folder / "out" / "texts" / "entrevista-latin1.txt").find("Señora Muñoz"), std::string::npos);
}

}  // namespace qda
