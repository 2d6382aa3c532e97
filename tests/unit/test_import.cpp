// run_import in-process: the Brebes example, reproducibility, and failures that write nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "qda/corpus.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/import.hpp"
#include "qda/schema.hpp"
#include "qda/yaml.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
const std::filesystem::path kExample = std::filesystem::path(QDA_SOURCE_DIR) / "examples" / "brebes-smart-governance";

ImportOptions example_options(const std::filesystem::path& output) {
  ImportOptions options;
  options.inputs = {(kExample / "interviews").string()};
  options.attributes_file = (kExample / "sources.csv").string();
  options.interviewers = {"Pewawancara"};
  options.output_dir = output.string();
  return options;
}

// Code points of valid UTF-8, decoded independently of the library's own counting.
std::u32string to_utf32(const std::string& utf8) {
  std::u32string decoded;
  for (std::size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    const int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? c : c & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    decoded.push_back(cp);
    i += static_cast<std::size_t>(length);
  }
  return decoded;
}

Error import_error(const ImportOptions& options) {
  try {
    run_import(options);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error";
  return invalid_input("none");
}
}  // namespace

TEST(Import, BrebesExampleHasSixSourcesWithAttributes) {
  testing::TempFolder folder;
  const ImportSummary summary = run_import(example_options(folder / "out"));
  EXPECT_EQ(summary.sources, 6u);
  const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");
  std::set<std::string> formats;
  for (std::size_t i = 0; i < 6; ++i) {
    const YAML::Node source = corpus["sources"][i];
    EXPECT_EQ(source["id"].as<std::string>(), "inf-0" + std::to_string(i + 1));
    EXPECT_EQ(source["language"].as<std::string>(), "id");
    EXPECT_TRUE(source["attributes"]["role"]);
    EXPECT_TRUE(source["attributes"]["organisation"]);
    EXPECT_EQ(source["attributes"]["source_type"].as<std::string>(), "interview");
    formats.insert(source["format"].as<std::string>());
  }
  EXPECT_EQ(formats.size(), 6u) << "six formats: docx, vtt, txt, md, odt, srt";
}

TEST(Import, BrebesEveryTurnIsAttributedToTheRightSpeaker) {
  testing::TempFolder folder;
  run_import(example_options(folder / "out"));
  std::ifstream in(folder / "out" / "segments.csv", std::ios::binary);
  CsvTableReader table(in, "segments.csv");
  const std::size_t source = table.column("source"), speaker = table.column("speaker"),
                    interviewer = table.column("interviewer"), text = table.column("text"), turn = table.column("turn");
  std::map<std::string, std::map<std::string, int>> turns_by_speaker;
  std::vector<std::string> row;
  std::string previous_speaker;
  while (table.read_row(row)) {
    const std::string informant = "Informan " + row[source].substr(row[source].size() - 1);
    if (row[speaker].empty()) {
      // Only a title or a metadata block may precede the first labelled turn.
      EXPECT_EQ(row[turn], "1") << row[text];
      continue;
    }
    EXPECT_TRUE(row[speaker] == "Pewawancara" || row[speaker] == informant)
        << row[source] << ": unexpected speaker '" << row[speaker] << "'";
    EXPECT_EQ(row[interviewer], row[speaker] == "Pewawancara" ? "true" : "false");
    EXPECT_NE(row[speaker], previous_speaker) << "two consecutive turns of one speaker in " << row[source];
    EXPECT_EQ(row[text].find("Pewawancara:"), std::string::npos) << "a label leaked into the text";
    previous_speaker = row[speaker];
    ++turns_by_speaker[row[source]][row[speaker]];
  }
  ASSERT_EQ(turns_by_speaker.size(), 6u);
  for (const auto& [id, counts] : turns_by_speaker) {
    EXPECT_EQ(counts.size(), 2u) << id;
    EXPECT_GE(counts.at("Pewawancara"), 12) << id;
  }
}

TEST(Import, RerunningGivesIdenticalBytes) {
  testing::TempFolder folder;
  run_import(example_options(folder / "a"));
  run_import(example_options(folder / "b"));
  for (const char* name : {"corpus.yaml", "segments.csv", "texts/inf-02.txt"}) {
    EXPECT_EQ(testing::read_bytes(folder / "a" / name), testing::read_bytes(folder / "b" / name)) << name;
  }
  const std::string first = testing::read_bytes(folder / "a" / "corpus.yaml");
  run_import(example_options(folder / "a"));  // over its own previous outputs
  EXPECT_EQ(testing::read_bytes(folder / "a" / "corpus.yaml"), first);
}

// Every file of an output folder, by its path relative to the folder.
std::map<std::string, std::string> folder_bytes(const std::filesystem::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files[entry.path().lexically_relative(folder).string()] = testing::read_bytes(entry.path());
  }
  return files;
}

TEST(Import, JobsGiveTheSameBytes) {
  testing::TempFolder folder;
  ImportOptions options = example_options(folder / "j1");  // txt, md, docx, odt, vtt and srt
  options.unit = "sentence";
  run_import(options);
  const auto one_thread = folder_bytes(folder / "j1");
  EXPECT_EQ(one_thread.size(), 3u + 6u);
  for (const unsigned jobs : {2u, 3u, 8u}) {
    options.jobs = jobs;
    options.output_dir = (folder / "j").string() + std::to_string(jobs);  // not "j" + ...: GCC 12's -Wrestrict false positive
    run_import(options);
    EXPECT_EQ(folder_bytes(options.output_dir), one_thread) << "-j " << jobs;
  }
}

TEST(Import, WithThreadsTheFirstBadSourceInOrderIsReportedAndNothingWritten) {
  testing::TempFolder folder;
  for (const char* name : {"a", "c", "e", "f", "g", "h"}) {
    testing::write_bytes(folder / "in" / (std::string(name) + ".txt"), "Pewawancara: Halo.\n\nInforman: Halo.\n");
  }
  testing::write_bytes(folder / "in" / "b.txt", "");  // the first bad one
  testing::write_bytes(folder / "in" / "d.txt", "bad \xFF byte\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  for (const unsigned jobs : {1u, 2u, 4u}) {
    options.jobs = jobs;
    const Error error = import_error(options);
    EXPECT_EQ(error.where().file, (folder / "in" / "b.txt").string()) << "-j " << jobs << ": " << error.what();
    EXPECT_FALSE(std::filesystem::exists(folder / "out")) << "-j " << jobs;
  }
  options.jobs = 0;
  EXPECT_EQ(import_error(options).kind(), ErrorKind::Usage);
}

// With threads the sheet is read while the folders are walked: a bad input is still reported before a
// bad sheet, and a bad sheet alone is still reported, at any --jobs.
TEST(Import, WithThreadsABadInputIsReportedBeforeABadSheet) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "a.txt", "Pewawancara: Halo.\n\nInforman: Halo.\n");
  // The walk fails last, after 2,000 files, when the sheet (two lines) has long failed.
  for (int i = 0; i < 2000; ++i) testing::write_bytes(folder / "late" / fmt::format("t{:04}.txt", i), "Informan: Halo.\n");
  testing::write_bytes(folder / "late" / "zz.unknown", std::string("\x01\x02\x03", 3));
  testing::write_bytes(folder / "sheet.csv", "file,role\nb.txt,kepala\n\"open,quote\n");
  ImportOptions options;
  options.output_dir = (folder / "out").string();
  options.attributes_file = (folder / "sheet.csv").string();
  for (const unsigned jobs : {1u, 2u}) {
    options.jobs = jobs;
    options.inputs = {(folder / "missing").string()};
    EXPECT_EQ(import_error(options).where().file, (folder / "missing").string()) << "-j " << jobs;
    options.inputs = {(folder / "late").string()};
    EXPECT_EQ(import_error(options).where().file, (folder / "late" / "zz.unknown").string()) << "-j " << jobs;
    options.inputs = {(folder / "in").string()};
    EXPECT_EQ(import_error(options).where().file, (folder / "sheet.csv").string()) << "-j " << jobs;
    EXPECT_FALSE(std::filesystem::exists(folder / "out")) << "-j " << jobs;
  }
}

TEST(Import, OffsetsPointAtTheSegmentTextInTheStoredText) {
  testing::TempFolder folder;
  ImportOptions options = example_options(folder / "out");
  options.unit = "sentence";
  run_import(options);
  std::ifstream in(folder / "out" / "segments.csv", std::ios::binary);
  CsvTableReader table(in, "segments.csv");
  std::map<std::string, std::u32string> texts;
  std::vector<std::string> row;
  std::size_t checked = 0;
  while (table.read_row(row)) {
    const std::string& id = row[table.column("source")];
    if (!texts.count(id)) {
      const std::string utf8 = testing::read_bytes(folder / "out" / "texts" / (id + ".txt"));
      texts[id] = to_utf32(utf8);
    }
    const std::size_t start = std::stoul(row[table.column("start")]), end = std::stoul(row[table.column("end")]);
    const std::u32string& text = texts[id];
    ASSERT_LE(end, text.size());
    EXPECT_EQ(text.substr(start, end - start), to_utf32(row[table.column("text")])) << row[0];
    ++checked;
  }
  EXPECT_GT(checked, 500u);
}

TEST(Import, FailuresWriteNothing) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "a.txt", "Pewawancara: Halo.\n\nInforman: Halo.\n");
  testing::write_bytes(folder / "in" / "A.txt", "Pewawancara: Halo.\n\nInforman: Halo.\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  const Error duplicate = import_error(options);
  EXPECT_NE(duplicate.message().find("source id 'a'"), std::string::npos) << duplicate.what();
  EXPECT_FALSE(std::filesystem::exists(folder / "out"));

  std::filesystem::remove(folder / "in" / "A.txt");
  testing::write_bytes(folder / "in" / "z.txt", "");  // read after a.txt: fails mid-run
  const Error empty = import_error(options);
  EXPECT_NE(empty.message().find("empty"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(folder / "out")) << "created folders are removed on failure";
}

TEST(Import, AFailedRunLeavesEarlierOutputsUntouched) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "a.txt", "Pewawancara: Halo.\n\nInforman: Halo.\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  run_import(options);
  const std::string before = testing::read_bytes(folder / "out" / "corpus.yaml");
  testing::write_bytes(folder / "in" / "b.txt", "bad \xFF byte\n");
  EXPECT_EQ(import_error(options).kind(), ErrorKind::InvalidInput);
  EXPECT_EQ(testing::read_bytes(folder / "out" / "corpus.yaml"), before);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::recursive_directory_iterator(folder / "out")) ++files;
  EXPECT_EQ(files, 5u) << "corpus.yaml, segments.csv, sources.csv, texts/, texts/a.txt and no temporaries";
}

TEST(Import, ReadsANamedPipeAsAFile) {
  testing::TempFolder folder;
  const auto fifo = folder / "wawancara.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { testing::write_bytes(fifo, "Pewawancara: Halo.\n\nInforman: Halo juga.\n"); });
  ImportOptions options;
  options.inputs = {fifo.string()};
  options.output_dir = (folder / "out").string();
  const ImportSummary summary = run_import(options);
  writer.join();
  EXPECT_EQ(summary.sources, 1u);
  EXPECT_EQ(testing::read_bytes(folder / "out" / "texts" / "wawancara.txt"), "Pewawancara: Halo.\n\nInforman: Halo juga.\n");
}

TEST(Import, ATextEditedAfterTheImportIsRefusedWhereTextsAreRead) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "a.txt", "Pewawancara: Halo.\n\nInforman: Halo.\n");
  ImportOptions options;
  options.inputs = {(folder / "in" / "a.txt").string()};
  options.output_dir = (folder / "out").string();
  run_import(options);
  const CorpusInfo corpus = read_corpus(folder / "out" / "corpus.yaml");
  const CorpusSource& source = corpus.sources.at(0);
  EXPECT_EQ(read_source_text(source.text_path, source.id, source.text_sha256), "Pewawancara: Halo.\n\nInforman: Halo.\n");
  testing::write_bytes(folder / "out" / "texts" / "a.txt", "Pewawancara: Halo!\n\nInforman: Halo.\n");
  try {
    read_source_text(source.text_path, source.id, source.text_sha256);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(error.message().find("the text of source 'a' is not what corpus.yaml's text.sha256 says"), std::string::npos);
  }
}

// The tools read corpus.yaml a line at a time (the sources streamed, checked in batches on another
// thread): the same corpus as reading it whole, and a source breaking the schema far into the file is
// still reported with its line.
namespace {
// Imports `count` short interviews w0000.txt, ... into folder/out, two of them with a region
// (w0007 north, w1100 south); gives the path of its corpus.yaml.
std::filesystem::path import_numbered_interviews(const testing::TempFolder& folder, int count) {
  for (int i = 0; i < count; ++i) {
    testing::write_bytes(folder / "in" / fmt::format("w{:04}.txt", i), fmt::format("Q: Apa {}?\n\nA: Ya, “{}”.\n", i, i));
  }
  testing::write_bytes(folder / "sources.csv", "file,region\nw0007.txt,north\nw1100.txt,south\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  options.interviewers = {"Q"};
  options.attributes_file = (folder / "sources.csv").string();
  options.allow_missing_attributes = true;
  run_import(options);
  return folder / "out" / "corpus.yaml";
}
}  // namespace

TEST(Import, AStreamedCorpusReadsAsTheWholeDocument) {
  testing::TempFolder folder;
  const auto path = import_numbered_interviews(folder, 1200);  // batches of 512 sources and inputs: the last one part full
  const CorpusInfo streamed = read_corpus(path), whole = detail::read_corpus_whole(path);
  ASSERT_EQ(streamed.sources.size(), 1200u);
  ASSERT_EQ(whole.sources.size(), 1200u);
  EXPECT_EQ(streamed.segments_path, whole.segments_path);
  EXPECT_EQ(streamed.unit, whole.unit);
  EXPECT_EQ(streamed.interviewers, whole.interviewers);
  for (std::size_t i = 0; i < 1200; ++i) {
    const CorpusSource &a = streamed.sources[i], &b = whole.sources[i];
    EXPECT_TRUE(a.id == b.id && a.title == b.title && a.language == b.language && a.attributes == b.attributes &&
                a.text_path == b.text_path && a.text_sha256 == b.text_sha256)
        << i;
  }
  EXPECT_EQ(streamed.sources[1100].attributes.at(0).second, "south");

  // qda-code's reading keeps each source's id and language, and nothing else, whichever way it reads.
  auto reading = CorpusReadInParallel::read(path, SourceFields::IdAndLanguage, 2);
  ASSERT_TRUE(reading.has_value());
  EXPECT_TRUE(reading->matches_schema());
  for (const CorpusInfo& trimmed : {read_corpus(path, SourceFields::IdAndLanguage), reading->corpus()}) {
    ASSERT_EQ(trimmed.sources.size(), 1200u);
    EXPECT_EQ(trimmed.segments_path, whole.segments_path);
    for (std::size_t i = 0; i < 1200; ++i) {
      const CorpusSource &a = trimmed.sources[i], &b = whole.sources[i];
      EXPECT_TRUE(a.id == b.id && a.language == b.language && a.title.empty() && a.attributes.empty() && a.text_path.empty() &&
                  a.text_sha256.empty())
          << i;
    }
  }

  const std::string text = testing::read_bytes(path);
  const std::string late_source = "  - id: w1150\n";
  ASSERT_NE(text.find(late_source), std::string::npos);
  // (text found, replacement, the line the error names counted from the text's line)
  for (const auto& [from, to, lines_on] : std::vector<std::tuple<std::string, std::string, std::size_t>>{
           {late_source, "  - id: W 1150\n", 1},         // an item of a streamed list
           {"    sha256: ", "    sha: ", 0},             // the first input's key (named: the input, a line up)
           {"\nunit: turn\n", "\nunit: chapter\n", 2}}) {  // the rest
    std::string broken = text;
    const std::size_t at = broken.find(from);
    broken.replace(at, from.size(), to);
    testing::write_bytes(folder / "broken" / "corpus.yaml", broken);
    const std::size_t line = static_cast<std::size_t>(std::count(broken.begin(), broken.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + lines_on;
    // Read on threads, it does not match either; read_corpus says why.
    const auto parallel = CorpusReadInParallel::read(folder / "broken" / "corpus.yaml", SourceFields::IdAndLanguage, 2);
    EXPECT_TRUE(!parallel || !parallel->matches_schema()) << to;
    try {
      read_corpus(folder / "broken" / "corpus.yaml");
      ADD_FAILURE() << "no error for " << to;
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
      EXPECT_NE(std::string(error.what()).find(fmt::format("corpus.yaml:{}:", line)), std::string::npos) << error.what();
    }
  }
  // A late source written otherwise than qda-import writes it (single quotes: the same YAML) leaves the
  // block layout: reading on threads declines the file, and read_corpus reads it whole, as the same corpus.
  std::string quoted = text;
  quoted.replace(quoted.find(late_source), late_source.size(), "  - id: 'w1150'\n");
  testing::write_bytes(folder / "quoted" / "corpus.yaml", quoted);
  EXPECT_FALSE(CorpusReadInParallel::read(folder / "quoted" / "corpus.yaml", SourceFields::IdAndLanguage, 2).has_value());
  const CorpusInfo requoted = read_corpus(folder / "quoted" / "corpus.yaml", SourceFields::IdAndLanguage);
  ASSERT_EQ(requoted.sources.size(), 1200u);
  EXPECT_EQ(requoted.sources[1150].id, "w1150");
}

TEST(Import, ACorpusDocumentKeepsWhatItsReaderKeepsOfEachSource) {
  testing::TempFolder folder;
  const auto path = import_numbered_interviews(folder, 600);
  const nlohmann::ordered_json whole = load_validated_json(path, "corpus");
  const auto keep_all = [](nlohmann::ordered_json&) {};
  EXPECT_EQ(read_corpus_document(path, keep_all), whole);
  const auto keep_id = [](nlohmann::ordered_json& source) { source = {{"id", source.at("id")}}; };
  const nlohmann::ordered_json trimmed = read_corpus_document(path, keep_id);
  ASSERT_EQ(trimmed.at("sources").size(), 600u);
  EXPECT_EQ(trimmed.at("sources").at(599), nlohmann::ordered_json({{"id", "w0599"}}));
  EXPECT_EQ(trimmed.at("provenance"), whole.at("provenance")) << "the inputs, streamed too, kept whole";
  nlohmann::ordered_json expected = whole;
  for (auto& source : expected.at("sources")) keep_id(source);
  EXPECT_EQ(trimmed, expected);
  // Another layout (JSON is YAML) is read whole, and trimmed the same.
  testing::write_bytes(folder / "json" / "corpus.yaml", whole.dump(1));
  EXPECT_EQ(read_corpus_document(folder / "json" / "corpus.yaml", keep_id), expected);
  // qda-code's reading of that layout keeps each source's id and language, as of the block layout.
  const CorpusInfo trimmed_whole = read_corpus(folder / "json" / "corpus.yaml", SourceFields::IdAndLanguage);
  ASSERT_EQ(trimmed_whole.sources.size(), 600u);
  EXPECT_EQ(trimmed_whole.sources.at(599).id, "w0599");
  EXPECT_EQ(trimmed_whole.sources.at(599).language, whole.at("sources").at(599).at("language").get<std::string>());
  EXPECT_TRUE(trimmed_whole.sources.at(599).title.empty() && trimmed_whole.sources.at(599).text_path.empty());
  // qda-triangulate's keeps the attributes too, of either layout.
  for (const auto& file : {path, folder / "json" / "corpus.yaml"}) {
    const CorpusInfo grouped = read_corpus(file, SourceFields::IdLanguageAndAttributes);
    ASSERT_EQ(grouped.sources.size(), 600u);
    EXPECT_EQ(grouped.sources.at(7).attributes, (Attributes{{"region", "north"}}));
    EXPECT_TRUE(grouped.sources.at(7).title.empty() && grouped.sources.at(7).text_path.empty() && grouped.sources.at(7).text_sha256.empty());
  }
  // A corpus breaking the schema far into the stream: the error, with its line, not a document.
  std::string broken = testing::read_bytes(path);
  const std::size_t at = broken.find("  - id: w0550\n");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at, 14, "  - id: W 550\n");
  testing::write_bytes(folder / "broken" / "corpus.yaml", broken);
  const auto line = static_cast<std::size_t>(std::count(broken.begin(), broken.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
  try {
    read_corpus_document(folder / "broken" / "corpus.yaml", keep_id);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(std::string(error.what()).find(fmt::format("corpus.yaml:{}:", line)), std::string::npos) << error.what();
  }
}

TEST(Import, WalksFoldersSortedSkippingHiddenFilesAndItsOwnOutput) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "b.txt", "Q: Satu?\n\nA: Ya.\n\nQ: Dua?\n\nA: Ya.\n");
  testing::write_bytes(folder / "in" / "a" / "c.md", "**Q:** Tiga?\n\n**A:** Ya.\n");
  testing::write_bytes(folder / "in" / ".hidden.txt", "ignored");
  // The owner file Word keeps beside a document while it is open (its id would clash with b's).
  testing::write_bytes(folder / "in" / "~$b.docx", std::string("\x05Ana  ", 6));
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "in" / "out").string();
  options.interviewers = {"Q"};
  EXPECT_EQ(run_import(options).sources, 2u);
  EXPECT_EQ(run_import(options).sources, 2u) << "the output folder inside the input is not re-imported";
  const YAML::Node corpus = load_yaml_file(folder / "in" / "out" / "corpus.yaml", "corpus");
  EXPECT_EQ(corpus["sources"][0]["id"].as<std::string>(), "c");
  EXPECT_EQ(corpus["sources"][0]["path"].as<std::string>(), "../a/c.md");
  EXPECT_EQ(corpus["sources"][1]["speakers"][0]["name"].as<std::string>(), "Q");
  EXPECT_EQ(corpus["sources"][1]["speakers"][0]["interviewer"].as<bool>(), true);
}

TEST(Import, TheAttributeSheetIsNoTranscriptWhereverItIsFound) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "b.txt", "Q: Satu?\n\nA: Ya.\n");
  testing::write_bytes(folder / "in" / "sources.csv", "file,region\nb.txt,north\n");
  std::filesystem::create_symlink(folder / "in" / "sources.csv", folder / "in" / "sheet-link.csv");
  ImportOptions options;
  options.inputs = {(folder / "in").string(), (folder / "in" / "sources.csv").string()};
  options.attributes_file = (folder / "in" / "sources.csv").string();
  options.output_dir = (folder / "out").string();
  options.interviewers = {"Q"};
  // Walked, named, and through a link, the sheet is left out: a CSV would otherwise be read as a survey.
  EXPECT_EQ(run_import(options).sources, 1u);
  const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");
  EXPECT_EQ(corpus["sources"][0]["attributes"]["region"].as<std::string>(), "north");
}

TEST(Import, RefusesToOverwriteItsInputs) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "segments.csv", "respondent,answer\nr1,Sudah.\n");
  ImportOptions options;
  options.inputs = {(folder / "segments.csv").string()};
  options.text_columns = {"answer"};
  options.output_dir = folder.path().string();
  EXPECT_EQ(import_error(options).kind(), ErrorKind::Usage);
  EXPECT_EQ(testing::read_bytes(folder / "segments.csv"), "respondent,answer\nr1,Sudah.\n");
}

}  // namespace qda

namespace qda {

TEST(Import, ValuesThatLookLikeNumbersOrDatesStayStrings) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "123.txt", "Q: Satu?\n\nA: Ya.\n\nQ: Dua?\n\nA: Ya.\n");
  testing::write_bytes(folder / "sources.csv", "file,title,flag,date\n123.txt,true,no,2023-03-06\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.attributes_file = (folder / "sources.csv").string();
  options.output_dir = (folder / "out").string();
  run_import(options);
  const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");  // validates
  EXPECT_EQ(corpus["sources"][0]["id"].as<std::string>(), "123");
  EXPECT_EQ(corpus["sources"][0]["title"].Tag(), "!");
  EXPECT_EQ(corpus["sources"][0]["attributes"]["date"].Tag(), "!");
}

TEST(Import, AFailedRunRemovesEveryFolderItCreated) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "empty.txt", "");
  ImportOptions options;
  options.inputs = {(folder / "empty.txt").string()};
  options.output_dir = (folder / "a" / "b" / "out").string();
  EXPECT_THROW(run_import(options), Error);
  EXPECT_FALSE(std::filesystem::exists(folder / "a"));
}

}  // namespace qda

namespace qda {

TEST(Import, ARosterFromTheOptionsOrTheSheetDecidesWhoSpeaks) {
  testing::TempFolder folder;
  const std::string transcript = "Catatan: direkam.\n\nLina: Mulai?\n\nJoko: Ya.\n\nRina: Saya juga.\n\nLina: Baik.\n";
  testing::write_bytes(folder / "in" / "a.txt", transcript);
  testing::write_bytes(folder / "in" / "b.txt", transcript);
  testing::write_bytes(folder / "sheet.csv", "file,speakers\na.txt,Lina; Joko\nb.txt,\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  options.attributes_file = (folder / "sheet.csv").string();
  options.speakers = {"Lina", "Joko", "Rina"};
  run_import(options);
  const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");
  // a.txt: the sheet's roster leaves Rina's line to Joko's turn; b.txt has none, so --speakers holds.
  EXPECT_EQ(corpus["sources"][0]["speakers"].size(), 2u);
  EXPECT_EQ(corpus["sources"][0]["turns"].as<int>(), 4);
  EXPECT_EQ(corpus["sources"][1]["speakers"].size(), 3u);
  EXPECT_TRUE(corpus["provenance"]["options"]["speakers"].IsSequence());
  const std::string sources = testing::read_bytes(folder / "out" / "sources.csv");
  EXPECT_EQ(sources.substr(0, sources.find('\r')), "id,title,path,format,media_type,language,encoding,characters,turns,segments,speakers")
      << "the roster column is not an attribute";
}

// Real display names (Zoom's, an academic's) that the built-in plain form does not take: with a
// roster they are labels, in text and in captions, after a time too; without one, the interviewee's
// answers went to the interviewer's turns.
TEST(Import, ARostersNamesAreLabelsWhateverTheirForm) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "a.txt",
                       "Ana Wijaya: Pagi.\n\nDr. María de la Cruz López: Pagi juga.\n\nAna Wijaya: Peran Anda?\n\n"
                       "[00:01:02] Dr. María de la Cruz López: Koordinator.\n");
  testing::write_bytes(folder / "in" / "b.vtt",
                       "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAna Wijaya: Pagi.\n\n00:00:04.500 --> 00:00:07.000\n"
                       "iPhone de Budi: Pagi juga.\n\n00:00:07.500 --> 00:00:10.000\nAna Wijaya: Peran Anda?\n\n"
                       "00:00:10.500 --> 00:00:14.000\niPhone de Budi: Koordinator.\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  options.speakers = {"Ana Wijaya", "Dr. María de la Cruz López", "iPhone de Budi"};
  run_import(options);
  const YAML::Node corpus = load_yaml_file(folder / "out" / "corpus.yaml", "corpus");
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(corpus["sources"][i]["turns"].as<int>(), 4) << i;
    EXPECT_EQ(corpus["sources"][i]["speakers"].size(), 2u) << i;
  }
  const std::string segments = testing::read_bytes(folder / "out" / "segments.csv");
  EXPECT_NE(segments.find("Dr. María de la Cruz López,false,"), std::string::npos) << segments;
  EXPECT_NE(segments.find(",Koordinator.\r\n"), std::string::npos) << segments;  // the time and the label left the text
  EXPECT_EQ(segments.find("López:"), std::string::npos) << segments;
  EXPECT_EQ(segments.find("Budi:"), std::string::npos) << segments;
}

TEST(Import, SourcesCsvHasEachSourceAndItsAttributesAndABomWhenAsked) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "a.txt", "Q: Satu?\n\nA: Ya.\n\nQ: Dua?\n\nA: Ya.\n");
  testing::write_bytes(folder / "in" / "b.txt", "Q: Satu?\n\nB: Ya.\n\nQ: Dua?\n\nB: Ya.\n");
  testing::write_bytes(folder / "sheet.csv", "file,role,turns\na.txt,Kepala,x\nb.txt,Staf,y\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  options.attributes_file = (folder / "sheet.csv").string();
  options.byte_order_mark = true;
  run_import(options);
  EXPECT_EQ(testing::read_bytes(folder / "out" / "sources.csv"),
            "\xEF\xBB\xBFid,title,path,format,media_type,language,encoding,characters,turns,segments,speakers,role,attribute_turns\r\n"
            "a,a,../in/a.txt,txt,text/plain,und,UTF-8,34,4,4,Q; A,Kepala,x\r\n"
            "b,b,../in/b.txt,txt,text/plain,und,UTF-8,34,4,4,Q; B,Staf,y\r\n");
  EXPECT_EQ(testing::read_bytes(folder / "out" / "segments.csv").substr(0, 6), "\xEF\xBB\xBFid,");
}

TEST(Import, BadIdSourcesAndEncodingsAreUsageErrors) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "a.txt", "Q: Satu?\n");
  ImportOptions options;
  options.inputs = {(folder / "a.txt").string()};
  options.output_dir = (folder / "out").string();
  options.id_from = "folder";
  EXPECT_EQ(import_error(options).kind(), ErrorKind::Usage);
  options.id_from = "name";
  options.encoding = "no-such-encoding";
  EXPECT_EQ(import_error(options).kind(), ErrorKind::Usage);
  options.encoding.clear();
  testing::write_bytes(folder / "sheet.csv", "file,encoding\na.txt,klingon\n");
  options.attributes_file = (folder / "sheet.csv").string();
  const Error sheet = import_error(options);
  EXPECT_EQ(sheet.kind(), ErrorKind::InvalidInput);
  EXPECT_EQ(sheet.where().line, 2u);
  EXPECT_FALSE(std::filesystem::exists(folder / "out"));
}

TEST(Import, ARowNamingAFileThatTwoFoldersHoldIsAnError) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "in" / "site-a" / "interview.md", "**Q:** Satu?\n\n**A:** Ya.\n");
  testing::write_bytes(folder / "in" / "site-b" / "interview.md", "**Q:** Satu?\n\n**A:** Ya.\n");
  testing::write_bytes(folder / "sheet.csv", "file,role\ninterview.md,Kepala\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  options.attributes_file = (folder / "sheet.csv").string();
  options.id_from = "path";
  const Error error = import_error(options);
  EXPECT_NE(error.message().find("matches both"), std::string::npos) << error.what();
  testing::write_bytes(folder / "sheet.csv", "file,role\nin/site-a/interview.md,Kepala\nin/site-b/interview.md,Staf\n");
  EXPECT_EQ(run_import(options).sources, 2u);
}

TEST(Import, ARowMatchingAFileByItsPathAndAnotherByItsNameGivesBothItsAttributes) {
  testing::TempFolder folder;
  // The sheet in in/: its row "a.txt" is in/a.txt by path, and in/0/a.txt by name (planned first).
  testing::write_bytes(folder / "in" / "0" / "a.txt", "Q: Satu?\n\nA: Ya.\n");
  testing::write_bytes(folder / "in" / "a.txt", "Q: Dua?\n\nB: Ya.\n");
  testing::write_bytes(folder / "in" / "sheet.csv", "file,role,speakers\na.txt,Kepala,Q;A;B\n");
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "out").string();
  options.attributes_file = (folder / "in" / "sheet.csv").string();
  options.id_from = "path";
  EXPECT_EQ(run_import(options).sources, 2u);
  const CorpusInfo corpus = read_corpus(folder / "out" / "corpus.yaml");
  ASSERT_EQ(corpus.sources.size(), 2u);
  for (const auto& source : corpus.sources) {
    EXPECT_EQ(source.attributes, (Attributes{{"role", "Kepala"}})) << source.id;
  }
}

TEST(Import, ACorpusVisitGivesEachItemOnceAfterARestartWhenTheLayoutIsLeftLate) {
  testing::TempFolder folder;
  const auto path = import_numbered_interviews(folder, 600);
  std::vector<std::string> sources;
  std::size_t inputs = 0, restarts = 0;
  CorpusDocumentVisitor visitor;
  visitor.source = [&](const nlohmann::ordered_json& source) { sources.push_back(source.at("id").get<std::string>()); };
  visitor.input = [&](const nlohmann::ordered_json&) { ++inputs; };
  visitor.restart = [&] {
    ++restarts;
    sources.clear();
    inputs = 0;
  };
  const nlohmann::ordered_json rest = visit_corpus_document(path, visitor);
  EXPECT_EQ(restarts, 0u) << "the block layout is streamed once";
  ASSERT_EQ(sources.size(), 600u);
  EXPECT_EQ(inputs, 601u);  // the transcripts and the attribute sheet
  EXPECT_TRUE(rest.at("sources").empty());
  // A comment near the end: the block reader gives 550 sources, then declines; all are given again.
  std::string text = testing::read_bytes(path);
  const std::size_t at = text.find("  - id: w0550\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "  # checked by hand\n");
  testing::write_bytes(folder / "commented" / "corpus.yaml", text);
  const nlohmann::ordered_json commented = visit_corpus_document(folder / "commented" / "corpus.yaml", visitor);
  EXPECT_EQ(restarts, 1u);
  ASSERT_EQ(sources.size(), 600u);
  EXPECT_EQ(sources.front(), "w0000");
  EXPECT_EQ(sources.back(), "w0599");
  EXPECT_EQ(inputs, 601u);
  EXPECT_EQ(commented, rest) << "the rest, as streamed";
}

TEST(Import, ABlockListOfInterviewersIsReadAsAFlowOne) {
  testing::TempFolder folder;
  const auto path = import_numbered_interviews(folder, 3);
  std::string text = testing::read_bytes(path);
  const std::size_t at = text.find("interviewers: [Q]\n");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 18, "interviewers:\n  - Q\n");
  testing::write_bytes(folder / "out" / "corpus.yaml", text);
  EXPECT_EQ(read_corpus(path).interviewers, std::vector<std::string>{"Q"});
  EXPECT_EQ(read_corpus_document(path, [](nlohmann::ordered_json&) {}).at("interviewers"), nlohmann::ordered_json({"Q"}));
}

}  // namespace qda
