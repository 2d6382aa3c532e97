// CodedUnitReader: segments.csv and codings.csv read side by side, and the codings it refuses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "corpus_fixture.hpp"
#include "qda/coded_units.hpp"
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
      for (const auto& coding : unit.codings) line += " " + coding.code + "/" + coding.coder;
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
  // The segment's number exists, but under another source's name.
  error = fixture.error_of("a,b:2,x,ana,present,0,4,,,\n");
  EXPECT_NE(error.message().find("segment 'b:2' is not in"), std::string::npos) << error.message();
}

TEST(CodedUnits, CodingsOutOfCorpusOrderAreRefused) {
  Fixture fixture;
  const Error error = fixture.error_of("b,b:2,x,ana,absent,0,6,,,\na,a:2,x,ana,present,0,4,,,\n");
  EXPECT_EQ(error.where().line, 3u);
  EXPECT_NE(error.message().find("expected codings in corpus order"), std::string::npos) << error.message();
}

}  // namespace qda
