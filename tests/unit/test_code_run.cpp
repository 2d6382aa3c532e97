// run_code in-process: thread-count independence, merging and evaluation; codings.csv rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "qda/auto_coding_rows.hpp"
#include "qda/code_run.hpp"
#include "qda/codebook.hpp"
#include "qda/coding.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
const std::filesystem::path kSource(QDA_SOURCE_DIR);
const std::filesystem::path kExample = kSource / "examples" / "brebes-smart-governance";
const std::filesystem::path kCorpus = kSource / "tests" / "golden" / "brebes-smart-governance" / "corpus" / "corpus.yaml";

CodeOptions example_options(const std::filesystem::path& output) {
  CodeOptions options;
  options.corpus = kCorpus.string();
  options.codebook = (kExample / "codebook.yaml").string();
  options.manual = {(kExample / "coding" / "coder-a.csv").string(), (kExample / "coding" / "coder-b.csv").string()};
  options.output = output.string();
  return options;
}
}  // namespace

TEST(CodeRun, OutputDoesNotDependOnThreadsOrChunks) {
  testing::TempFolder folder;
  std::ostringstream report_one, report_many;
  CodeOptions one = example_options(folder / "one.csv");
  one.explain = (folder / "one-explain.csv").string();
  one.evaluate = true;
  run_code(one, report_one);
  CodeOptions many = example_options(folder / "many.csv");
  many.explain = (folder / "many-explain.csv").string();
  many.evaluate = true;
  many.jobs = 3;
  many.chunk_bytes = 2000;  // dozens of chunks in flight across three threads
  run_code(many, report_many);
  EXPECT_EQ(testing::read_bytes(folder / "one.csv"), testing::read_bytes(folder / "many.csv"));
  EXPECT_EQ(testing::read_bytes(folder / "one-explain.csv"), testing::read_bytes(folder / "many-explain.csv"));
  EXPECT_EQ(report_one.str(), report_many.str());
}

// The workers format the auto codings' rows; the main thread puts each segment's manual codings
// among them: by code (in codebook order), the auto coding first, then by coder and span.
TEST(CodeRun, MergesManualCodingsAfterTheAutoOneByCoderThenSpan) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "spans.csv",
                       "coder,segment,source,start,end,code,stance\n"
                       "zed,,inf-01,3800,3900,e-governance,partial\n"
                       "amy,,inf-01,4000,4100,e-governance,partial\n"
                       "amy,,inf-01,3790,3850,e-governance,partial\n"
                       "zed,inf-01:13,,,,other-sectors,absent\n");
  CodeOptions options = example_options(folder / "codings.csv");
  options.manual = {(folder / "spans.csv").string()};
  std::ostringstream report;
  run_code(options, report);
  std::ifstream in(folder / "codings.csv", std::ios::binary);
  CodingReader reader(in, "codings.csv");
  CodingRecord coding;
  std::vector<std::string> rows;
  while (reader.read(coding)) {
    if (coding.segment == "inf-01:13") rows.push_back(fmt::format("{} {} {}-{}", coding.code, coding.coder, coding.start, coding.end));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{"e-governance auto 3951-3963", "e-governance amy 3790-3850", "e-governance amy 4000-4100",
                                            "e-governance zed 3800-3900", "other-sectors auto 3951-4009", "other-sectors zed 3722-4468"}));
}

TEST(CodingRows, AppendedRowsReadBackAsWritten) {
  std::string rows;
  append_coding_row(rows, {"inf-01", "inf-01:3", "e-governance", "auto", "present", 494, 506, "egov-terms", "", ""});
  append_coding_row(rows, {"inf-01", "inf-01:3", "e-governance", "coder-a", "partial", 0, 18446744073709551615u, "", "",
                           " a memo, with \"quotes\"\nand a line break "});
  EXPECT_EQ(rows.substr(0, rows.find('\n') + 1), "inf-01,inf-01:3,e-governance,auto,present,494,506,egov-terms,,\r\n");
  std::istringstream in("source,segment,code,coder,stance,start,end,rule,cue,memo\r\n" + rows);
  CodingReader reader(in, "codings.csv");
  CodingRecord coding;
  ASSERT_TRUE(reader.read(coding));
  ASSERT_TRUE(reader.read(coding));
  EXPECT_EQ(coding.coder, "coder-a");
  EXPECT_EQ(coding.end, 18446744073709551615u);
  EXPECT_EQ(coding.memo, " a memo, with \"quotes\"\nand a line break ");
}

TEST(CodeRun, MergesManualCodingsSortedByCodeThenCoder) {
  testing::TempFolder folder;
  std::ostringstream report;
  const CodeSummary summary = run_code(example_options(folder / "codings.csv"), report);
  EXPECT_EQ(summary.segments, 263u);
  EXPECT_EQ(summary.manual_codings, 251u);  // coder A's 127 and coder B's 124
  std::ifstream in(folder / "codings.csv", std::ios::binary);
  CodingReader reader(in, "codings.csv");
  CodingRecord coding;
  std::string previous_segment, previous_code_coder;
  std::size_t auto_count = 0;
  while (reader.read(coding)) {
    if (coding.coder == "auto") {
      ++auto_count;
      EXPECT_FALSE(coding.rule.empty());
      EXPECT_LT(coding.start, coding.end);
    }
  }
  EXPECT_EQ(auto_count, summary.auto_codings);
}

TEST(CodeRun, EvaluationCountsAgainstEachCoder) {
  testing::TempFolder folder;
  std::ostringstream report;
  CodeOptions options = example_options("");
  options.evaluate = true;
  run_code(options, report);
  EXPECT_NE(report.str().find("precision"), std::string::npos);
  EXPECT_NE(report.str().find("commitment                       coder-a"), std::string::npos) << report.str();
}

TEST(CodeRun, AnUnknownSegmentFailsWithoutWriting) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "x.csv", "segment,code\ninf-01:999,commitment\n");
  CodeOptions options = example_options(folder / "codings.csv");
  options.manual = {(folder / "x.csv").string()};
  try {
    std::ostringstream report;
    run_code(options, report);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 2u);
    EXPECT_NE(error.message().find("inf-01:999"), std::string::npos);
  }
  EXPECT_FALSE(std::filesystem::exists(folder / "codings.csv"));
}

// A source's text is an input wherever corpus.yaml keeps it, not only in texts/: an output named like
// one kept elsewhere replaced it, and every later run refused the corpus.
TEST(CodeRun, AnOutputOverASourcesTextIsRefusedWhereverTheTextIs) {
  testing::TempFolder folder;
  const std::filesystem::path golden = kCorpus.parent_path();
  std::filesystem::copy(golden, folder / "corpus", std::filesystem::copy_options::recursive);
  std::filesystem::create_directories(folder / "kept");
  std::filesystem::rename(folder / "corpus" / "texts" / "inf-02.txt", folder / "kept" / "interview-2.txt");
  std::string corpus = testing::read_bytes(folder / "corpus" / "corpus.yaml");
  const std::string path = "path: texts/inf-02.txt";
  corpus.replace(corpus.find(path), path.size(), "path: ../kept/interview-2.txt");
  testing::write_bytes(folder / "corpus" / "corpus.yaml", corpus);
  const std::string text = testing::read_bytes(folder / "kept" / "interview-2.txt");
  CodeOptions options = example_options(folder / "kept" / "interview-2.txt");
  options.corpus = (folder / "corpus" / "corpus.yaml").string();
  try {
    std::ostringstream report;
    run_code(options, report);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Usage);
    EXPECT_NE(error.message().find("refusing to overwrite the input"), std::string::npos) << error.message();
  }
  EXPECT_EQ(testing::read_bytes(folder / "kept" / "interview-2.txt"), text);
  options.output = (folder / "interview-2.txt").string();  // the same name in another folder is no text
  std::ostringstream report;
  run_code(options, report);
  EXPECT_TRUE(std::filesystem::exists(folder / "interview-2.txt"));
}

// A coding that repeats an earlier one is reported at the first repeat in file order (line 4 here,
// though line 5's passage sorts first), naming the coding it repeats.
TEST(CodeRun, TheFirstRepeatedManualCodingInFileOrderIsReported) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "x.csv", "segment,code\ninf-01:5,commitment\ninf-01:1,commitment\ninf-01:5,commitment\n"
                                         "inf-01:1,commitment\n");
  CodeOptions options = example_options(folder / "codings.csv");
  options.manual = {(folder / "x.csv").string()};
  try {
    std::ostringstream report;
    run_code(options, report);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 4u);
    EXPECT_EQ(error.message(), fmt::format("coder 'x' codes 'inf-01:5' with the same code twice (first at {}:2)", (folder / "x.csv").string()));
  }
  EXPECT_FALSE(std::filesystem::exists(folder / "codings.csv"));
}

}  // namespace qda

namespace qda {

// The workers' rows of auto codings are append_coding_row()'s bytes, with the shared fields quoted
// once: check them where every field needs quotes, and for a stance the codebook does not list.
TEST(CodeRun, AutoCodingRowsAreTheBytesOfAppendCodingRow) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "codebook.yaml", R"(kind: qda/codebook
version: 1
languages: [id]
stances:
  values: [present, partial, absent]
  default: present
  cues:
    - stance: absent
      terms: {id: ['belum "ada"', "tidak, ada"]}
codes:
  - id: egov
    name: E
    rules:
      - terms: {id: ["e-government"]}
      - terms: {id: ["portal"]}
)");
  const Codebook codebook = load_codebook(folder / "codebook.yaml");
  AutoCodingRows rows(codebook);
  const Rule& rule = codebook.codes[0].rules[1];
  // Pieces shorter and longer than the 32-byte blocks they are copied in.
  for (const std::string source : {" inf, \"01\" ", "a-source-id-of-well-over-thirty-two-bytes-in-all"}) {
    const std::string segment = source + ":7";
    rows.start_segment(source, segment);
    for (const Cue* cue : {static_cast<const Cue*>(nullptr), &codebook.stances.cues[0], &codebook.stances.cues[1]}) {
      for (const std::string stance : {"absent", "not, listed", "a stance that no codebook lists, longer than 32 bytes"}) {
        const AutoCoding coding{0, stance, 3, 9, &rule, cue, {}};
        std::string fast = "before\n", expected = "before\n";
        rows.append(fast, coding, 1234567, 18446744073709551615ull);
        append_coding_row(expected, {source, segment, "egov", kAutoCoder, stance, 1234567, 18446744073709551615ull, rule.id,
                                     cue == nullptr ? "" : std::string_view(cue->pattern.text), ""});
        EXPECT_EQ(fast, expected);
      }
    }
  }
}

}  // namespace qda

namespace qda {

namespace {
// The example corpus with its segments.csv rows rearranged by `rearrange` (header excluded).
std::filesystem::path corpus_with_rows(const testing::TempFolder& folder, void (*rearrange)(std::vector<std::vector<std::string>>&)) {
  std::filesystem::copy_file(kCorpus, folder / "corpus.yaml");
  const std::string bytes = testing::read_bytes(kCorpus.parent_path() / "segments.csv");
  CsvReader reader(std::string_view(bytes), "segments.csv");
  std::vector<std::vector<std::string>> rows;
  for (std::vector<std::string> fields; reader.read_row(fields);) rows.push_back(fields);
  std::vector<std::vector<std::string>> body(rows.begin() + 1, rows.end());
  rearrange(body);
  std::ostringstream out;
  CsvWriter writer(out);
  writer.write_row(rows.front());
  for (const auto& row : body) writer.write_row(row);
  testing::write_bytes(folder / "segments.csv", out.str());
  return folder / "corpus.yaml";
}

std::string code_error(const std::filesystem::path& corpus, const testing::TempFolder& folder, unsigned jobs) {
  CodeOptions options = example_options(folder / "codings.csv");
  options.corpus = corpus.string();
  options.manual.clear();
  options.jobs = jobs;
  options.chunk_bytes = 3000;  // rows of one source across chunks
  std::ostringstream report;
  try {
    run_code(options, report);
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}
}  // namespace

// Rows must come source by source, in order; within a chunk the workers tell the main thread which
// rows share the previous row's source, and the order is still checked for them.
TEST(CodeRun, SegmentsOutOfOrderAreAnError) {
  for (const unsigned jobs : {1u, 2u}) {
    testing::TempFolder later_seq_first, other_source_between, unknown_source;
    const auto swapped = corpus_with_rows(later_seq_first, [](auto& rows) { std::swap(rows[3], rows[4]); });
    EXPECT_NE(code_error(swapped, later_seq_first, jobs).find("segments are out of order"), std::string::npos);
    const auto interleaved = corpus_with_rows(other_source_between, [](auto& rows) { std::swap(rows[3], rows[rows.size() - 1]); });
    EXPECT_NE(code_error(interleaved, other_source_between, jobs).find("segments are out of order"), std::string::npos);
    const auto unknown = corpus_with_rows(unknown_source, [](auto& rows) { rows[5][1] = "no-such-source"; });
    EXPECT_NE(code_error(unknown, unknown_source, jobs).find("source 'no-such-source' is not in"), std::string::npos);
  }
}

}  // namespace qda

namespace qda {

namespace {
// The error a run that must fail reports, its folder's path written "<folder>" (runs compared use two
// folders); it must keep no output and print nothing.
std::string error_of_failed_run(const CodeOptions& options, const testing::TempFolder& folder) {
  std::ostringstream report;
  std::string message = "no error";
  try {
    run_code(options, report);
  } catch (const Error& error) {
    message = error.what();
    const std::string where = folder.path().string();
    if (message.starts_with(where)) message.replace(0, where.size(), "<folder>");
  }
  EXPECT_FALSE(std::filesystem::exists(options.output)) << message;
  EXPECT_EQ(report.str(), "") << message;
  return message;
}
}  // namespace

// With threads to spare, corpus.yaml's schema check runs beside the coding; a corpus that fails it
// still gets read_corpus()'s located error, and no output is kept.
TEST(CodeRun, ACorpusFailingItsSchemaIsReportedAsWithOneThread) {
  const std::string original = testing::read_bytes(kCorpus);
  const std::vector<std::pair<std::string, std::string>> breakages = {
      {"\nunit: turn\n", "\nunit: chapter\n"},         // a value the schema does not allow
      {"\n  - id: inf-01\n", "\n  - id: Inf 01\n"},    // an id breaking the schema's pattern
      {"\n    media_type: ", "\n    media: "},          // a source missing a required field
      {"\n    title: ", "\n    heading: "},            // one the conversion reads (before the check is done)
      {"\nsegments_file: ", "\nsegment_file: "},      // a top-level key the conversion reads
  };
  for (const auto& [from, to] : breakages) {
    ASSERT_NE(original.find(from), std::string::npos) << from;
    std::string broken = original;
    broken.replace(broken.find(from), from.size(), to);
    std::vector<std::string> errors;
    for (const unsigned jobs : {1u, 2u}) {
      testing::TempFolder folder;
      std::filesystem::copy_file(kCorpus.parent_path() / "segments.csv", folder / "segments.csv");
      testing::write_bytes(folder / "corpus.yaml", broken);
      CodeOptions options = example_options(folder / "codings.csv");
      options.corpus = (folder / "corpus.yaml").string();
      options.jobs = jobs;
      errors.push_back(error_of_failed_run(options, folder));
    }
    EXPECT_NE(errors[0].find("corpus.yaml"), std::string::npos) << errors[0];
    EXPECT_EQ(errors[0], errors[1]) << to;
  }
}

// With threads to spare corpus.yaml's check is pending while the codebook and the manual codings are
// read; which error is reported does not depend on it: a bad corpus's before a bad codebook's or manual
// file's, as with one thread, and a bad codebook's or manual file's when the corpus is good.
TEST(CodeRun, ABadCorpusIsReportedBeforeABadCodebookOrManualFileAtAnyThreads) {
  const std::string corpus = testing::read_bytes(kCorpus);
  const std::string unit = "\nunit: turn\n";
  ASSERT_NE(corpus.find(unit), std::string::npos);
  std::string broken_corpus = corpus;
  broken_corpus.replace(broken_corpus.find(unit), unit.size(), "\nunit: chapter\n");
  const std::string codebook = testing::read_bytes(kExample / "codebook.yaml");
  const std::string broken_codebook = codebook + "not: [a codebook key\n";
  const std::string manual = testing::read_bytes(kExample / "coding" / "coder-a.csv");
  const std::string broken_manual = manual + "inf-01,inf-01:9999,commitment,coder-a,present,,,\n";
  struct Case {
    const std::string *corpus, *codebook, *manual;
    std::string expected;  // in the error
  };
  const std::vector<Case> cases = {
      {&broken_corpus, &broken_codebook, &manual, "corpus.yaml"},
      {&broken_corpus, &codebook, &broken_manual, "corpus.yaml"},
      {&corpus, &broken_codebook, &manual, "codebook.yaml"},
      {&corpus, &codebook, &broken_manual, "coder-a.csv"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> errors;
    for (const unsigned jobs : {1u, 2u}) {
      testing::TempFolder folder;
      std::filesystem::copy_file(kCorpus.parent_path() / "segments.csv", folder / "segments.csv");
      testing::write_bytes(folder / "corpus.yaml", *c.corpus);
      testing::write_bytes(folder / "codebook.yaml", *c.codebook);
      testing::write_bytes(folder / "coder-a.csv", *c.manual);
      CodeOptions options = example_options(folder / "codings.csv");
      options.corpus = (folder / "corpus.yaml").string();
      options.codebook = (folder / "codebook.yaml").string();
      options.manual = {(folder / "coder-a.csv").string()};
      options.jobs = jobs;
      errors.push_back(error_of_failed_run(options, folder));
    }
    EXPECT_TRUE(errors[0].starts_with("<folder>/" + c.expected)) << errors[0];
    EXPECT_EQ(errors[0], errors[1]) << c.expected;
  }
}

}  // namespace qda
