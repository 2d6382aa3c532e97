// run_merge in-process on the Brebes example: shards merged in any order give the single run's bytes
// (corpus and codings), the shards it refuses with their file and line, and a refused merge writes
// nothing. Also the CSV record scanner it copies rows with.
#include <gtest/gtest.h>

#include <sstream>

#include "qda/code_run.hpp"
#include "qda/csv_records.hpp"
#include "qda/error.hpp"
#include "qda/import.hpp"
#include "qda/merge_run.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
namespace fs = std::filesystem;
const fs::path kExample = fs::path(QDA_SOURCE_DIR) / "examples" / "brebes-smart-governance";
const std::vector<std::string> kFiles = {"01-diskominfo.docx", "02-bappeda.vtt", "03-inspektorat.txt",
                                         "04-bpkad.md", "05-bkpsdm.odt", "06-setda-organisasi.srt"};

ImportOptions import_options(const std::vector<std::string>& files, const fs::path& output) {
  ImportOptions options;
  for (const auto& file : files) options.inputs.push_back((kExample / "interviews" / file).string());
  options.attributes_file = (kExample / "sources.csv").string();
  options.allow_missing_attributes = true;
  options.interviewers = {"Pewawancara"};
  options.output_dir = output.string();
  return options;
}

void code(const fs::path& corpus_folder, const fs::path& output) {
  CodeOptions options;
  options.corpus = (corpus_folder / "corpus.yaml").string();
  options.codebook = (kExample / "codebook.yaml").string();
  options.output = output.string();
  std::ostringstream report;
  run_code(options, report);
}

// The single run (whole folder) and three shards (round robin), each coded by the rules.
struct ShardedStudy {
  testing::TempFolder folder;
  ShardedStudy() {
    ImportOptions single = import_options({}, folder / "single" / "corpus");
    single.inputs = {(kExample / "interviews").string()};
    single.allow_missing_attributes = false;
    run_import(single);
    code(folder / "single" / "corpus", folder / "single" / "codings.csv");
    for (std::size_t shard = 0; shard < 3; ++shard) {
      run_import(import_options({kFiles[shard], kFiles[shard + 3]}, shard_corpus(shard)));
      code(shard_corpus(shard), shard_codings(shard));
    }
  }
  fs::path shard_corpus(std::size_t shard) const { return folder / "shards" / std::to_string(shard) / "corpus"; }
  fs::path shard_codings(std::size_t shard) const { return folder / "shards" / std::to_string(shard) / "codings.csv"; }
  MergeOptions corpus_merge(const std::vector<std::size_t>& order, const std::string& output = "merged") const {
    MergeOptions options{"corpus", {}, {}, {}, (folder / output / "corpus").string()};
    for (const std::size_t shard : order) options.inputs.push_back(shard_corpus(shard).string());
    return options;
  }
  MergeOptions codings_merge(const std::vector<std::string>& files, const std::string& output = "merged") const {
    return {"codings", files, (folder / output / "corpus" / "corpus.yaml").string(), (kExample / "codebook.yaml").string(),
            (folder / output / "codings.csv").string()};
  }
};

ShardedStudy& study() {
  static ShardedStudy shared;  // imported and coded once for all the tests
  return shared;
}

Error merge_error(const MergeOptions& options) {
  try {
    run_merge(options);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error";
  return invalid_input("none");
}

}  // namespace

TEST(Merge, ShardsInAnyOrderGiveTheSingleRunsBytes) {
  const ShardedStudy& s = study();
  for (const auto& order : std::vector<std::vector<std::size_t>>{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}}) {
    const std::string name = "merged-" + std::to_string(order[0]);
    const MergeSummary summary = run_merge(s.corpus_merge(order, name));
    EXPECT_EQ(summary.shards, 3u);
    EXPECT_EQ(summary.sources, 6u);
    for (const char* file : {"corpus.yaml", "segments.csv", "sources.csv", "texts/inf-01.txt", "texts/inf-06.txt"}) {
      EXPECT_EQ(testing::read_bytes(s.folder / name / "corpus" / file), testing::read_bytes(s.folder / "single" / "corpus" / file))
          << file;
    }
    std::vector<std::string> codings;
    for (const std::size_t shard : order) codings.push_back(s.shard_codings(shard).string());
    run_merge(s.codings_merge(codings, name));
    EXPECT_EQ(testing::read_bytes(s.folder / name / "codings.csv"), testing::read_bytes(s.folder / "single" / "codings.csv"));
  }
}

TEST(Merge, RefusesOverlappingSourcesNamingBothPlaces) {
  const ShardedStudy& s = study();
  run_import(import_options({kFiles[0], kFiles[1]}, s.folder / "overlap" / "corpus"));
  MergeOptions options = s.corpus_merge({0, 1});
  options.inputs.push_back((s.folder / "overlap" / "corpus").string());
  options.output = (s.folder / "refused" / "corpus").string();
  const Error error = merge_error(options);
  EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
  EXPECT_NE(error.where().file.find("overlap"), std::string::npos) << error.where().file;
  EXPECT_GT(error.where().line, 0u);
  EXPECT_NE(std::string(error.what()).find("source id 'inf-01' is also in"), std::string::npos) << error.what();
  EXPECT_FALSE(fs::exists(s.folder / "refused"));
}

TEST(Merge, RefusesShardsImportedWithOtherOptions) {
  const ShardedStudy& s = study();
  ImportOptions paragraph = import_options({kFiles[2]}, s.folder / "paragraph" / "corpus");
  paragraph.unit = "paragraph";
  run_import(paragraph);
  ImportOptions interviewer = import_options({kFiles[2]}, s.folder / "interviewer" / "corpus");
  interviewer.interviewers = {"Pewawancara", "Moderator"};
  run_import(interviewer);
  ImportOptions language = import_options({kFiles[2]}, s.folder / "language" / "corpus");
  language.language = "id";
  run_import(language);
  ImportOptions no_sheet = import_options({kFiles[2]}, s.folder / "no-sheet" / "corpus");
  no_sheet.attributes_file.clear();
  run_import(no_sheet);
  for (const auto& [shard, message] : std::vector<std::pair<std::string, std::string>>{
           {"paragraph", "unit 'paragraph', but"},
           {"interviewer", "interviewers [Pewawancara, Moderator], but"},
           {"language", "('language' differs)"},
           {"no-sheet", "another attribute sheet"}}) {
    MergeOptions options{"corpus", {s.shard_corpus(0).string(), (s.folder / shard / "corpus").string()}, {}, {},
                         (s.folder / "refused" / "corpus").string()};
    const Error error = merge_error(options);
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput) << shard;
    EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
    EXPECT_NE(error.where().file.find(shard), std::string::npos) << error.where().file;
  }
  EXPECT_FALSE(fs::exists(s.folder / "refused"));
}

TEST(Merge, RefusesAShardGivenTwice) {
  const ShardedStudy& s = study();
  MergeOptions options = s.corpus_merge({0, 1});
  options.inputs.push_back((s.shard_corpus(0) / "corpus.yaml").string());  // the same shard, spelt otherwise
  options.output = (s.folder / "refused" / "corpus").string();
  EXPECT_NE(std::string(merge_error(options).what()).find("this shard is given twice"), std::string::npos);
  run_merge(s.corpus_merge({0, 1, 2}));
  const Error codings = merge_error(s.codings_merge({s.shard_codings(0).string(), s.shard_codings(0).string()}));
  EXPECT_NE(std::string(codings.what()).find("this file is given twice"), std::string::npos) << codings.what();
}

TEST(Merge, RefusesCodingsOfOneSourceInTwoFiles) {
  const ShardedStudy& s = study();
  run_merge(s.corpus_merge({0, 1, 2}));
  fs::create_directories(s.folder / "copy");
  fs::copy_file(s.shard_codings(1), s.folder / "copy" / "codings.csv", fs::copy_options::overwrite_existing);
  const Error error = merge_error(
      s.codings_merge({s.shard_codings(0).string(), s.shard_codings(1).string(), (s.folder / "copy" / "codings.csv").string()}));
  EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
  EXPECT_EQ(error.where().line, 2u);
  EXPECT_NE(std::string(error.what()).find("are also in"), std::string::npos) << error.what();
}

TEST(Merge, RefusesCodingsOfAnotherCodebook) {
  const ShardedStudy& s = study();
  run_merge(s.corpus_merge({0, 1, 2}));
  const std::string header = "source,segment,code,coder,stance,start,end,rule,cue,memo\r\n";
  const fs::path unknown_code = s.folder / "other" / "unknown-code.csv";
  testing::write_bytes(unknown_code, header + "inf-01,inf-01:3,commitment,auto,present,0,5,,,\r\ninf-01,inf-01:5,no-such-code,auto,present,0,5,,,\r\n");
  Error error = merge_error(s.codings_merge({unknown_code.string()}));
  EXPECT_EQ(error.where().line, 3u);
  EXPECT_NE(std::string(error.what()).find("code 'no-such-code' is not in"), std::string::npos) << error.what();

  const fs::path unknown_rule = s.folder / "other" / "unknown-rule.csv";
  testing::write_bytes(unknown_rule, header + "inf-01,inf-01:3,commitment,auto,present,0,5,no-such-rule,,\r\n");
  error = merge_error(s.codings_merge({unknown_rule.string()}));
  EXPECT_NE(std::string(error.what()).find("rule 'no-such-rule' is not a rule of code 'commitment'"), std::string::npos)
      << error.what();

  const fs::path out_of_order = s.folder / "other" / "out-of-order.csv";
  testing::write_bytes(out_of_order, header + "inf-01,inf-01:5,commitment,coder-a,present,0,5,,,\r\ninf-01,inf-01:5,commitment,auto,present,0,5,,,\r\n");
  error = merge_error(s.codings_merge({out_of_order.string()}));
  EXPECT_EQ(error.where().line, 3u);
  EXPECT_NE(std::string(error.what()).find("out of the order qda-code writes"), std::string::npos) << error.what();
  EXPECT_FALSE(fs::exists(s.folder / "merged" / "codings.csv"));
}

// A NUL or bytes that are not UTF-8 in a shard's field were copied into the merged codings.csv, which
// every later tool refused, far from the shard; and an output over the corpus's segments.csv (which
// the merge does not read) replaced it.
TEST(Merge, RefusesFieldsThatAreNotTextAndNeverWritesOverTheCorpus) {
  const ShardedStudy& s = study();
  run_merge(s.corpus_merge({0, 1, 2}));
  const std::string header = "source,segment,code,coder,stance,start,end,rule,cue,memo\r\n";
  for (const auto& [coder, expected] : std::vector<std::pair<std::string, std::string>>{
           {"cons\xFF" "ensus", "invalid UTF-8 in field 4 of the record starting on this line, at its byte 5 (0xFF)"},
           {std::string("co\0der", 7), "a NUL byte in field 4"}}) {
    const fs::path shard = s.folder / "other" / "not-text.csv";
    testing::write_bytes(shard, header + "inf-01,inf-01:3,commitment,auto,present,0,5,,,\r\ninf-01,inf-01:3,commitment," + coder +
                                    ",present,0,5,,,\r\n");
    const Error error = merge_error(s.codings_merge({shard.string()}));
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_EQ(error.where().line, 3u);
    EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
  }
  MergeOptions over_segments = s.codings_merge({s.shard_codings(0).string()});
  over_segments.output = (s.folder / "merged" / "corpus" / "segments.csv").string();
  const std::string segments = testing::read_bytes(over_segments.output);
  EXPECT_EQ(merge_error(over_segments).kind(), ErrorKind::Usage);
  EXPECT_EQ(testing::read_bytes(over_segments.output), segments);
}

TEST(Merge, ShardsWithAByteOrderMarkGiveTheSingleRunsBytes) {
  const ShardedStudy& s = study();
  ImportOptions single = import_options({}, s.folder / "bom" / "single" / "corpus");
  single.inputs = {(kExample / "interviews").string()};
  single.allow_missing_attributes = false;
  single.byte_order_mark = true;
  run_import(single);
  MergeOptions options{"corpus", {}, {}, {}, (s.folder / "bom" / "merged" / "corpus").string()};
  for (const std::size_t shard : {1, 0}) {
    ImportOptions part = import_options({kFiles[shard * 3], kFiles[shard * 3 + 1], kFiles[shard * 3 + 2]},
                                        s.folder / "bom" / std::to_string(shard) / "corpus");
    part.byte_order_mark = true;
    run_import(part);
    options.inputs.push_back(part.output_dir);
  }
  run_merge(options);
  for (const char* file : {"corpus.yaml", "segments.csv", "sources.csv"}) {
    EXPECT_EQ(testing::read_bytes(s.folder / "bom" / "merged" / "corpus" / file),
              testing::read_bytes(s.folder / "bom" / "single" / "corpus" / file))
        << file;
  }
  // A shard with a mark beside shards without: the options differ.
  options.inputs.push_back(s.shard_corpus(2).string());
  EXPECT_NE(std::string(merge_error(options).what()).find("('byte_order_mark' differs)"), std::string::npos);
}

TEST(Merge, RefusesAShardWhoseTextChangedAfterTheImport) {
  const ShardedStudy& s = study();
  // As deep as the shard's folder, so that the attribute sheet's path relative to it (in provenance) is
  // the same: at another depth, with the sources under the same folder as the temporary one (a clone
  // in /tmp), the shards differ in their sheet first.
  const fs::path copy = s.folder / "changed" / "0" / "corpus";
  fs::create_directories(copy.parent_path());
  fs::copy(s.shard_corpus(0), copy, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  testing::write_bytes(copy / "texts" / "inf-01.txt", testing::read_bytes(copy / "texts" / "inf-01.txt") + "!");
  const Error error = merge_error({"corpus", {copy.string(), s.shard_corpus(1).string()}, {}, {}, (s.folder / "refused" / "corpus").string()});
  EXPECT_NE(std::string(error.what()).find("the text of source 'inf-01' is not what corpus.yaml's text.sha256 says"), std::string::npos)
      << error.what();
  EXPECT_FALSE(fs::exists(s.folder / "refused"));
}

TEST(Merge, RefusesSegmentsOutOfTheirCorpusOrder) {
  const ShardedStudy& s = study();
  const fs::path copy = s.folder / "reordered" / "corpus";
  fs::create_directories(copy.parent_path());
  fs::copy(s.shard_corpus(0), copy, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  // The shard's two sources' rows swapped: inf-04's rows first.
  const std::string rows = testing::read_bytes(copy / "segments.csv");
  const std::size_t header_end = rows.find("\r\n") + 2, second = rows.find("\r\ninf-04:1,") + 2;
  testing::write_bytes(copy / "segments.csv", rows.substr(0, header_end) + rows.substr(second) + rows.substr(header_end, second - header_end));
  const Error error = merge_error({"corpus", {copy.string()}, {}, {}, (s.folder / "refused" / "corpus").string()});
  EXPECT_EQ(error.where().line, 2u);
  EXPECT_NE(std::string(error.what()).find("a row of source 'inf-04' where"), std::string::npos) << error.what();
  EXPECT_NE(std::string(error.what()).find("lists 'inf-01' next"), std::string::npos) << error.what();
}

// Rows are copied as bytes: a shard converted to LF line ends (git's core.autocrlf, an editor) was
// refused with a message quoting the very header it had, and a single LF row, or a last row without a
// line end, was copied into the merged file (running into the next shard's first row).
TEST(Merge, RefusesLinesThatDoNotEndWithCrlf) {
  const ShardedStudy& s = study();
  run_merge(s.corpus_merge({0, 1, 2}));
  const std::string crlf = testing::read_bytes(s.shard_codings(0));
  std::string lf = crlf;
  for (std::size_t at = lf.find("\r\n"); at != std::string::npos; at = lf.find("\r\n", at)) lf.erase(at, 1);
  const auto refused = [&](const std::string& name, const std::string& bytes) {
    const fs::path file = s.folder / "line-ends" / name;
    testing::write_bytes(file, bytes);
    return merge_error(s.codings_merge({file.string(), s.shard_codings(1).string(), s.shard_codings(2).string()}));
  };
  Error error = refused("all-lf.csv", lf);
  EXPECT_EQ(error.where().line, 1u);
  EXPECT_NE(std::string(error.what()).find("this line ends with LF alone; expected CRLF, as qda-code ends every line"),
            std::string::npos)
      << error.what();
  const std::size_t second_row = crlf.find("\r\n", crlf.find("\r\n") + 2);
  error = refused("one-lf.csv", crlf.substr(0, second_row) + crlf.substr(second_row + 1));
  EXPECT_EQ(error.where().line, 2u);
  EXPECT_NE(std::string(error.what()).find("ends with LF alone"), std::string::npos) << error.what();
  error = refused("unended.csv", crlf.substr(0, crlf.size() - 2));
  EXPECT_NE(std::string(error.what()).find("the last line has no line end; expected CRLF"), std::string::npos) << error.what();
  EXPECT_FALSE(fs::exists(s.folder / "merged" / "codings.csv"));

  const fs::path copy = s.folder / "line-ends" / "0" / "corpus";
  fs::create_directories(copy.parent_path());
  fs::copy(s.shard_corpus(0), copy, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  std::string segments = testing::read_bytes(copy / "segments.csv");
  for (std::size_t at = segments.find("\r\n"); at != std::string::npos; at = segments.find("\r\n", at)) segments.erase(at, 1);
  testing::write_bytes(copy / "segments.csv", segments);
  error = merge_error({"corpus", {copy.string()}, {}, {}, (s.folder / "refused" / "corpus").string()});
  EXPECT_EQ(error.where().line, 1u);
  EXPECT_NE(std::string(error.what()).find("this line ends with LF alone; expected CRLF, as qda-import ends every line"),
            std::string::npos)
      << error.what();
  EXPECT_FALSE(fs::exists(s.folder / "refused"));
}

TEST(CsvRecordScanner, KeepsEachRecordsBytesAndFields) {
  std::istringstream in("\xEF\xBB\xBF" "a,b\r\n\"x\r\ny\",\"q\"\"\"\r\nlast,\n");
  CsvRecordScanner scanner(in, "t.csv");
  CsvRecord record;
  ASSERT_TRUE(scanner.next(record));
  EXPECT_TRUE(scanner.had_byte_order_mark());
  EXPECT_EQ(record.offset, 3u);
  EXPECT_EQ(record.size, 5u);
  EXPECT_EQ(record.fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(record.line_end, CsvRecord::LineEnd::kCrLf);
  ASSERT_TRUE(scanner.next(record));
  EXPECT_EQ(record.offset, 8u);
  EXPECT_EQ(record.size, 14u);
  EXPECT_EQ(record.line, 2u);
  EXPECT_EQ(record.fields, (std::vector<std::string>{"x\r\ny", "q\""}));
  EXPECT_EQ(record.line_end, CsvRecord::LineEnd::kCrLf);  // after a quoted field
  ASSERT_TRUE(scanner.next(record));
  EXPECT_EQ(record.line, 4u);
  EXPECT_EQ(record.fields, (std::vector<std::string>{"last", ""}));
  EXPECT_EQ(record.line_end, CsvRecord::LineEnd::kLf);
  EXPECT_FALSE(scanner.next(record));

  std::istringstream unended("a\r\nb\rc");  // a CR within a field is not a line end
  CsvRecordScanner last(unended, "u.csv");
  ASSERT_TRUE(last.next(record));
  ASSERT_TRUE(last.next(record));
  EXPECT_EQ(record.fields, (std::vector<std::string>{"b\rc"}));
  EXPECT_EQ(record.line_end, CsvRecord::LineEnd::kNone);

  // After a closing quote a CR must start CRLF: it took the byte after it with it ("m"\rX read as m).
  for (const char* bytes : {"a,\"m\"\rX,b\r\n", "a,\"m\"\r\r\n", "a,\"m\"\r"}) {
    std::istringstream lone(bytes);
    CsvRecordScanner scanner_of_lone(lone, "cr.csv");
    EXPECT_THROW(scanner_of_lone.next(record), Error) << bytes;
  }

  std::istringstream open_quote("a\n\"never closed\n");
  CsvRecordScanner broken(open_quote, "bad.csv");
  ASSERT_TRUE(broken.next(record));
  try {
    broken.next(record);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.where().file, "bad.csv");
    EXPECT_EQ(error.where().line, 2u);
  }
}

}  // namespace qda
