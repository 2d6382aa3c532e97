// run_code in-process: chunked streaming, thread-count independence, merging and evaluation.
#include <gtest/gtest.h>

#include <sstream>

#include "qda/code_run.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"
#include "qda/segment_stream.hpp"
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
  options.manual = {(kExample / "coder-a.csv").string(), (kExample / "coder-b.csv").string()};
  options.output = output.string();
  return options;
}
}  // namespace

TEST(SegmentChunks, SplitOnlyBetweenRecordsEvenInsideQuotedNewlines) {
  testing::TempFolder folder;
  std::string csv = "id,source,seq,turn,speaker,interviewer,start,end,attributes,text\r\n";
  for (int i = 1; i <= 50; ++i) {
    csv += "s:" + std::to_string(i) + ",s," + std::to_string(i) + ",1,A,false,0,1,,\"line one\nline \"\"two\"\", three\"\r\n";
  }
  testing::write_bytes(folder / "segments.csv", csv);
  SegmentChunkReader reader(folder / "segments.csv", 64);  // far smaller than a record
  SegmentChunk chunk;
  std::vector<SegmentRow> rows;
  std::size_t total = 0, expected_line = 2;
  while (reader.next(chunk)) {
    parse_segment_chunk(chunk, "segments.csv", rows);
    for (const auto& row : rows) {
      EXPECT_EQ(row.text, "line one\nline \"two\", three");
      EXPECT_EQ(row.line, expected_line);
      expected_line += 2;
      ++total;
    }
  }
  EXPECT_EQ(total, 50u);
}

TEST(SegmentChunks, RejectsAForeignHeader) {
  testing::TempFolder folder;
  testing::write_bytes(folder / "segments.csv", "id,text\r\n");
  EXPECT_THROW(SegmentChunkReader(folder / "segments.csv"), Error);
}

TEST(CodeRun, OutputDoesNotDependOnThreadsOrChunks) {
  testing::TempFolder folder;
  std::ostringstream report;
  CodeOptions one = example_options(folder / "one.csv");
  run_code(one, report);
  CodeOptions many = example_options(folder / "many.csv");
  many.jobs = 3;
  many.chunk_bytes = 2000;  // dozens of chunks in flight across three threads
  run_code(many, report);
  EXPECT_EQ(testing::read_bytes(folder / "one.csv"), testing::read_bytes(folder / "many.csv"));
}

TEST(CodeRun, MergesManualCodingsSortedByCodeThenCoder) {
  testing::TempFolder folder;
  std::ostringstream report;
  const CodeSummary summary = run_code(example_options(folder / "codings.csv"), report);
  EXPECT_EQ(summary.segments, 269u);
  EXPECT_EQ(summary.manual_codings, 320u);
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

}  // namespace qda
