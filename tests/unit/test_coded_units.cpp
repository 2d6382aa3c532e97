// CodedUnitReader: segments.csv and codings.csv read side by side, and the codings it refuses.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "corpus_fixture.hpp"
#include "qda/coded_units.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"

namespace qda {

namespace {
const std::string kHeader = "source,segment,code,coder,stance,start,end,rule,cue,memo\n";

struct Fixture {
  testing::TempFolder folder;
  CorpusInfo corpus;
  Fixture()
      : corpus(read_corpus(testing::import_corpus(folder, {{"a.txt", "Q: Ada?\n\nA: Ada.\n\nQ: Lagi?\n\nA: Belum.\n"},
                                                           {"b.txt", "Q: Ada?\n\nB: Tidak.\n\nQ: Yakin?\n\nB: Ya.\n"}}))) {}

  // Each segment as "id: code/coder ..." for the codings given.
  std::vector<std::string> units(const std::string& codings) {
    testing::write_bytes(folder / "codings.csv", kHeader + codings);
    CodedUnitReader reader(corpus, folder / "codings.csv");
    CodedUnit unit;
    std::vector<std::string> seen;
    while (reader.next(unit)) {
      std::string line(unit.segment.id);
      line += ":";
      for (const auto& coding : unit.codings) line.append(" ").append(coding.code).append("/").append(coding.coder);
      seen.push_back(line);
    }
    return seen;
  }

  Error error_of(const std::string& codings) {
    try {
      units(codings);
    } catch (const Error& error) {
      return error;
    }
    ADD_FAILURE() << "no error";
    return invalid_input("none");
  }
};
}  // namespace

TEST(CodedUnits, EverySegmentComesWithItsCodingsInOrder) {
  Fixture fixture;
  EXPECT_EQ(fixture.units("a,a:2,x,ana,present,0,4,,,\na,a:2,y,budi,absent,0,4,,,\nb,b:2,x,ana,absent,0,6,,,\n"),
            (std::vector<std::string>{"a:1:", "a:2: x/ana y/budi", "a:3:", "a:4:", "b:1:", "b:2: x/ana", "b:3:", "b:4:"}));
  EXPECT_EQ(fixture.units(""), (std::vector<std::string>{"a:1:", "a:2:", "a:3:", "a:4:", "b:1:", "b:2:", "b:3:", "b:4:"}));
}

TEST(CodedUnits, ACodingOfASegmentNotInTheCorpusNamesItsLine) {
  Fixture fixture;
  Error error = fixture.error_of("a,a:2,x,ana,present,0,4,,,\na,a:9,x,ana,present,0,4,,,\n");
  EXPECT_EQ(error.where().line, 3u);
  EXPECT_NE(error.message().find("segment 'a:9' is not in"), std::string::npos) << error.message();
  error = fixture.error_of("a,a:3x,x,ana,present,0,4,,,\n");
  EXPECT_NE(error.message().find("'a:3x' is not a segment id"), std::string::npos) << error.message();
  error = fixture.error_of("c,c:1,x,ana,present,0,4,,,\n");
  EXPECT_NE(error.message().find("source 'c' is not in"), std::string::npos) << error.message();
  // The segment exists, but it is another source's: the row's source or segment is wrong (it was
  // reported as a segment missing from segments.csv, which it is not).
  error = fixture.error_of("a,b:2,x,ana,present,0,4,,,\n");
  EXPECT_NE(error.message().find("segment 'b:2' is not a segment of source 'a'"), std::string::npos) << error.message();
}

// The one test of "this segment is the row's source's", shared by the reader above, qda-merge and the
// check of codings kept in a .qdpx: the source's id, a colon, digits and nothing else.
TEST(SeqInSource, TakesTheSeqOfTheSourcesOwnSegmentsOnly) {
  EXPECT_EQ(seq_in_source("inf-01:12", "inf-01"), 12u);
  EXPECT_EQ(seq_in_source("a:b:3", "a:b"), 3u);  // the id is taken as given (whether it is a slug is the reader's to check)
  EXPECT_EQ(seq_in_source("inf-01:0", "inf-01"), 0u);  // whether 0 names a segment is the caller's to say
  for (const char* segment : {"inf-011:2", "inf-0:12", "inf-01:", "inf-01", "inf-01:+2", "inf-01:-2", "inf-01:2x",
                              "inf-01: 2", "inf-01:99999999999999999999999", "inf-01;2", ":2"}) {
    EXPECT_FALSE(seq_in_source(segment, "inf-01")) << segment;
  }
}

TEST(CodedUnits, CodingsOutOfCorpusOrderAreRefused) {
  Fixture fixture;
  const Error error = fixture.error_of("b,b:2,x,ana,absent,0,6,,,\na,a:2,x,ana,present,0,4,,,\n");
  EXPECT_EQ(error.where().line, 3u);
  EXPECT_NE(error.message().find("expected codings in corpus order"), std::string::npos) << error.message();
}


// Chunks of a few bytes, so that a segment's codings span several chunks of codings.csv: units kept
// past the reader's next call, holding the chunks they view, still read as they did when handed out;
// with read-ahead too.
TEST(CodedUnits, UnitsHoldingTheirChunksOutliveTheReadersNextCalls) {
  Fixture fixture;
  std::string codings;
  for (const char* code : {"x", "y", "z"}) {
    for (const char* coder : {"ana", "budi"}) codings += fmt::format("a,a:2,{},{},present,0,4,,,\"memo, {}\"\n", code, coder, code);
  }
  codings += "b,b:4,x,ana,absent,0,2,,,\n";
  testing::write_bytes(fixture.folder / "codings.csv", kHeader + codings);
  const auto describe_unit = [](const CodedUnit& unit) {
    std::string line(unit.segment.id);
    line.append(" ").append(unit.segment.text).append(":");
    for (const auto& coding : unit.codings) line.append(" ").append(coding.code).append("/").append(coding.coder).append("/").append(coding.memo);
    return line;
  };
  for (const bool ahead : {false, true}) {
    CodedUnitReader reader(fixture.corpus, fixture.folder / "codings.csv", ahead, 16);
    std::vector<CodedUnit> kept;
    std::vector<std::shared_ptr<const void>> held;
    std::vector<std::string> when_read;
    CodedUnit unit;
    while (reader.next(unit)) {
      when_read.push_back(describe_unit(unit));
      reader.hold_chunks(held);
      kept.push_back(unit);
    }
    ASSERT_EQ(kept.size(), 8u);
    EXPECT_EQ(when_read[1], "a:2 Ada.: x/ana/memo, x x/budi/memo, x y/ana/memo, y y/budi/memo, y z/ana/memo, z z/budi/memo, z");
    EXPECT_EQ(when_read[7], "b:4 Ya.: x/ana/");
    std::vector<std::string> later;
    for (const CodedUnit& each : kept) later.push_back(describe_unit(each));
    EXPECT_EQ(later, when_read) << "read ahead: " << ahead;
  }
}

// A coding codings.csv cannot give (a count that is no number) is reported when the reader reaches it
// (it looks one coding ahead: while it completes the unit before), not when its chunk is parsed, as
// reading record by record did; with its line.
TEST(CodedUnits, ABadCodingIsReportedWhenItsTurnComes) {
  Fixture fixture;
  testing::write_bytes(fixture.folder / "codings.csv", kHeader + "a,a:2,x,ana,present,0,4,,,\nb,b:2,x,ana,present,zero,4,,,\n");
  CodedUnitReader reader(fixture.corpus, fixture.folder / "codings.csv");
  CodedUnit unit;
  std::vector<std::string> seen;
  try {
    while (reader.next(unit)) seen.emplace_back(unit.segment.id);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.where().line, 3u);
    EXPECT_EQ(error.message(), "'zero' in column start is not a count; expected a whole number");
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"a:1"}));
}

// Read ahead (a thread parses the next chunk of segments.csv): the same units, over several chunks;
// and past the end, next() stays false.
TEST(CodedUnits, ReadingAheadGivesTheSameUnitsOverManyChunks) {
  testing::TempFolder folder;
  std::vector<std::pair<std::string, std::string>> files;
  std::string codings = kHeader;
  for (const char* name : {"a", "b", "c"}) {
    std::string text;
    for (int turn = 0; turn < 2000; ++turn) {
      text += "Q: Ada lagi?\n\nA: Ada, " + std::to_string(turn) + std::string(300, 'x') + ".\n\n";
      if (turn % 7 == 0) codings += fmt::format("{0},{0}:{1},x,ana,present,0,4,,,\n", name, 2 * turn + 2);
    }
    files.emplace_back(std::string(name) + ".txt", text);
  }
  const CorpusInfo corpus = read_corpus(testing::import_corpus(folder, files));
  testing::write_bytes(folder / "codings.csv", codings);
  ASSERT_GT(std::filesystem::file_size(corpus.segments_path), 2u << 20) << "several chunks of 1 MB";
  const auto read = [&](bool ahead) {
    CodedUnitReader reader(corpus, folder / "codings.csv", ahead);
    CodedUnit unit;
    std::vector<std::string> seen;
    while (reader.next(unit)) seen.push_back(std::string(unit.segment.id) + " " + std::to_string(unit.codings.size()) +
                                             " " + std::string(unit.segment.text.substr(0, 12)));
    EXPECT_FALSE(reader.next(unit));
    EXPECT_FALSE(reader.next(unit));
    return seen;
  };
  const std::vector<std::string> plain = read(false);
  EXPECT_EQ(plain.size(), 3u * 4000u);
  EXPECT_EQ(read(true), plain);
}

}  // namespace qda
