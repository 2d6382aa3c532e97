// run_check in-process: every assertion holding and failing, the path syntax and its errors, CSV row
// selection, the exit status, the JUnit report, and the claims files it refuses.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "qda/block_yaml.hpp"
#include "qda/check_run.hpp"
#include "qda/claims_junit.hpp"
#include "qda/error.hpp"
#include "qda/list_projection.hpp"
#include "qda/value_path.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {

struct CheckFixture {
  testing::TempFolder folder;
  CheckFixture() {
    testing::write_bytes(folder / "scores.yaml",
                         "kind: qda/scores\nverdict:\n  band: initial stage\n  score: 1.875\nindicators:\n  - code: a\n    level: 2\n"
                         "  - code: b\n    level: 1\n    tags: [x, x]\n\"odd/key\": {\"~\": 5}\n");
    testing::write_bytes(folder / "matrix.csv", "code,column,stance,prominence\na,s1,present,0.5\na,s2,partial,0.25\nb,s1,present,0.1\n");
  }

  // Runs one claim with the given checks; returns (exit status, the output line).
  std::pair<int, std::string> check(const std::string& checks) {
    testing::write_bytes(folder / "claims.yaml", "kind: qda/claims\nversion: 1\nclaims:\n  - id: c1\n    quote: \"It is so.\"\n    checks:\n" + checks);
    CheckOptions options;
    options.claims = (folder / "claims.yaml").string();
    options.dir = folder.path().string();
    std::ostringstream out;
    const int status = run_check(options, out);
    return {status, out.str()};
  }
  bool holds(const std::string& checks) { return check(checks).first == 0; }

  // Runs the claims given (after the file's head) with a JUnit report; its options, to run again.
  CheckOptions run_with_junit(const std::string& claims, int expected_status) {
    testing::write_bytes(folder / "claims.yaml", "kind: qda/claims\nversion: 1\nclaims:\n" + claims);
    CheckOptions options;
    options.claims = (folder / "claims.yaml").string();
    options.dir = folder.path().string();
    options.junit = (folder / "claims.xml").string();
    std::ostringstream out;
    EXPECT_EQ(run_check(options, out), expected_status);
    return options;
  }

  // The JUnit report's test suite, loaded into `xml`, with its counts of claims, failures and errors.
  pugi::xml_node junit_suite(pugi::xml_document& xml, const char* tests, const char* failures, const char* errors) const {
    EXPECT_TRUE(xml.load_file((folder / "claims.xml").c_str()));
    const pugi::xml_node suite = xml.child("testsuites").child("testsuite");
    EXPECT_STREQ(suite.attribute("tests").value(), tests);
    EXPECT_STREQ(suite.attribute("failures").value(), failures);
    EXPECT_STREQ(suite.attribute("errors").value(), errors);
    return suite;
  }
};

}  // namespace

TEST(CheckRun, EachAssertionHoldsAndFails) {
  CheckFixture f;
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n"));
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: /verdict/band, equals: Initial stage}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /verdict/score, equals: 1.875}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /verdict/band, in: [ready, initial stage]}\n"));
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: /verdict/band, in: [ready]}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /verdict/score, at_least: 1.875, at_most: 2}\n"));
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: /verdict/score, at_least: 1.9}\n"));
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: /verdict/score, at_most: 1.8}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /verdict/score, within: {of: 1.88, tolerance: 0.01}}\n"));
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: /verdict/score, within: {of: 1.9, tolerance: 0.01}}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /indicators, count: {equals: 2}}\n"));
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: /indicators, count: {at_least: 3}}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: \"/indicators/[code=b]/tags\", every: x}\n"));
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: \"/indicators/[code=a]/level\", every: 2}\n"));  // not a list: an error
  // Every check of a claim must hold.
  EXPECT_FALSE(f.holds("      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n"
                       "      - {file: scores.yaml, path: /verdict/score, at_least: 2}\n"));
}

// Infinity and NaN in an output are no numbers to a claim: NaN failed no comparison, so `nan` held
// against at_least 0.8 and at_most 0.1 at once, and YAML's .inf was shown as null.
TEST(CheckRun, NonFiniteValuesAreNoNumbers) {
  CheckFixture f;
  testing::write_bytes(f.folder / "table.csv", "code,alpha\na,nan\nb,-inf\nc,Infinity\n");
  testing::write_bytes(f.folder / "out.yaml", "alpha: .inf\nbeta: \"NaN\"\ngamma: -.Inf\n");
  for (const auto& [check, shown] : std::vector<std::pair<std::string, std::string>>{
           {"{file: table.csv, rows: {code: a}, column: alpha, at_least: 0.8, at_most: 0.1}", "column alpha is \"nan\", not a number"},
           {"{file: table.csv, rows: {code: b}, column: alpha, at_most: -1000}", "is \"-inf\", not a number"},
           {"{file: table.csv, rows: {code: c}, column: alpha, within: {of: 1, tolerance: 1}}", "is \"Infinity\", not a number"},
           {"{file: out.yaml, path: /alpha, at_least: 0.8}", "/alpha is .inf, not a number"},
           {"{file: out.yaml, path: /beta, at_least: 0.8}", "/beta is \"NaN\", not a number"},
           {"{file: out.yaml, path: /gamma, at_most: 0}", "/gamma is -.inf, not a number"}}) {
    const auto [status, line] = f.check("      - " + check + "\n");
    EXPECT_EQ(status, 1) << check;
    EXPECT_EQ(line.rfind("ERROR c1: ", 0), 0u) << line;
    EXPECT_NE(line.find(shown), std::string::npos) << line;
  }
}

// YAML 1.2's hexadecimal and octal integers are numbers in claims and outputs alike (yaml-cpp's
// as<double> ended the run as an internal error on them), and one past 64 bits is its nearest double.
TEST(CheckRun, HexadecimalAndOctalNumbersAreNumbers) {
  CheckFixture f;
  testing::write_bytes(f.folder / "out.yaml", "a: 0x10\nbig: 0xffffffffffffffff\nlist: [1, 2, 3]\n"
                                             "hex: 0x37243ba3ce638563a\noctal: 0o4265136672411107472637775\n");
  EXPECT_TRUE(f.holds("      - {file: out.yaml, path: /a, at_least: 0x10, at_most: 0o20, within: {of: 0x10, tolerance: 0}}\n"));
  EXPECT_FALSE(f.holds("      - {file: out.yaml, path: /a, at_least: 0x11}\n"));
  EXPECT_TRUE(f.holds("      - {file: out.yaml, path: /list, count: {equals: 0x3, at_least: 0o3, at_most: 3}}\n"));
  EXPECT_TRUE(f.holds("      - {file: out.yaml, path: /big, within: {of: 1.8446744073709552e19, tolerance: 0}}\n"));
  // Rounded once, to the double nearest the integer (digit by digit, one in nine was a unit off).
  EXPECT_TRUE(f.holds("      - {file: out.yaml, path: /hex, equals: 6.357386153561531e+19}\n"));
  EXPECT_TRUE(f.holds("      - {file: out.yaml, path: /octal, equals: 2.0560605193321925e+22}\n"));
}

// A file a claim cannot read (empty, a column named twice) is that claim's ERROR; the other claims
// are still checked and the JUnit report written (the whole run stopped, with no report).
TEST(CheckRun, AnUnreadableFileIsTheErrorOfTheClaimsThatReadIt) {
  CheckFixture f;
  testing::write_bytes(f.folder / "empty.csv", "");
  testing::write_bytes(f.folder / "twice.csv", "v,v\n1,2\n");
  f.run_with_junit("  - id: empty\n    quote: q\n    checks:\n      - {file: empty.csv, rows: {v: '1'}, column: v, equals: 1}\n"
                   "  - id: twice\n    quote: q\n    checks:\n      - {file: twice.csv, rows: {v: '1'}, column: v, equals: 1}\n"
                   "  - id: good\n    quote: q\n    checks:\n      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n",
                   1);
  pugi::xml_document xml;
  f.junit_suite(xml, "3", "0", "2");
}

// The claims' lines go to standard output: a JUnit report there too was XML followed by lines.
TEST(CheckRun, AJUnitReportOnStandardOutputIsRefused) {
  CheckFixture f;
  testing::write_bytes(f.folder / "claims.yaml", "kind: qda/claims\nversion: 1\nclaims:\n  - id: a\n    quote: q\n    checks:\n"
                                                 "      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n");
  CheckOptions options;
  options.claims = (f.folder / "claims.yaml").string();
  options.dir = f.folder.path().string();
  options.junit = "-";
  std::ostringstream out;
  try {
    run_check(options, out);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Usage);
  }
  EXPECT_EQ(out.str(), "");
}

TEST(CheckRun, PathsPickItemsByKeyAndFollowRfc6901) {
  CheckFixture f;
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: \"/indicators/[code=b]/level\", equals: 1}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: \"/indicators/[code=a&level=2]/code\", equals: a}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /indicators/1/code, equals: b}\n"));
  EXPECT_TRUE(f.holds("      - {file: scores.yaml, path: /odd~1key/~0, equals: 5}\n"));  // "/" and "~" escaped as ~1 and ~0
  const auto [status, line] = f.check("      - {file: scores.yaml, path: \"/indicators/[code=c]/level\", equals: 1}\n");
  EXPECT_EQ(status, 1);
  EXPECT_EQ(line, "ERROR c1: scores.yaml: no item of /indicators has code = c\n");
  EXPECT_NE(f.check("      - {file: scores.yaml, path: /verdict/stage, equals: 1}\n").second.find("/verdict has no 'stage'"), std::string::npos);
  EXPECT_NE(f.check("      - {file: scores.yaml, path: /indicators/7, equals: 1}\n").second.find("is a list of 2: '7' is not an index"),
            std::string::npos);
  EXPECT_NE(f.check("      - {file: missing.yaml, path: /a, equals: 1}\n").second.find("ERROR c1: "), std::string::npos);
}

TEST(CheckRun, CsvRowsAreSelectedByTheirColumns) {
  CheckFixture f;
  EXPECT_TRUE(f.holds("      - {file: matrix.csv, rows: {code: a}, count: {equals: 2}}\n"));
  EXPECT_TRUE(f.holds("      - {file: matrix.csv, rows: {code: a, column: s2}, column: stance, equals: partial}\n"));
  EXPECT_TRUE(f.holds("      - {file: matrix.csv, rows: {code: b}, column: prominence, at_most: 0.1}\n"));  // a cell read as a number
  EXPECT_FALSE(f.holds("      - {file: matrix.csv, rows: {code: c}, column: stance, equals: present}\n"));   // no row
  const auto [status, line] = f.check("      - {file: matrix.csv, rows: {code: a}, count: {equals: 3}}\n");
  EXPECT_EQ(status, 1);
  EXPECT_EQ(line, "FAIL c1: matrix.csv rows [code=a] (count 2): expected count 3\n");
  EXPECT_NE(f.check("      - {file: matrix.csv, rows: {colour: red}, count: {equals: 0}}\n").second.find("no column 'colour'"),
            std::string::npos);
}

// qda-report takes a claim's quote back from the JUnit file (junit_quote): a quote that holds a line
// starting "— " was cut there, and cites over two lines left a line of them in the quote.
TEST(CheckRun, JUnitCarriesAQuoteThatQdaReportTakesBackWhole) {
  CheckFixture f;
  f.run_with_junit("  - id: cited\n    quote: \"Said so.\\n\u2014 not the source\"\n    cites: \"p. 3,\\nnote 2\"\n    checks:\n"
                   "      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n"
                   "  - id: uncited\n    quote: \"Also.\\n\u2014 a dash line\"\n    checks:\n"
                   "      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n"
                   "  - id: plain\n    quote: \"Plain.\"\n    checks:\n"
                   "      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n"
                   // An XML reader reads a CR as a line feed: a lone CR before "— " was cut at.
                   "  - id: carriage-returns\n    quote: \"Foo\\r\u2014 bar\"\n    cites: \"p. 3\\r\u2014 note\"\n    checks:\n"
                   "      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n",
                   0);
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_file((f.folder / "claims.xml").c_str()));
  std::vector<std::string> system_outs;
  for (const auto& testcase : xml.child("testsuites").child("testsuite").children("testcase")) {
    system_outs.emplace_back(testcase.child("system-out").text().get());
  }
  ASSERT_EQ(system_outs.size(), 4U);
  EXPECT_EQ(system_outs[0], "Said so.\n\u2014 not the source\n\u2014 p. 3, note 2");
  EXPECT_EQ(system_outs[1], "Also.\n\u2014 a dash line\n\u2014 ");
  EXPECT_EQ(system_outs[2], "Plain.");
  EXPECT_EQ(junit_quote(system_outs[0]), "Said so.\n\u2014 not the source");
  EXPECT_EQ(junit_quote(system_outs[1]), "Also.\n\u2014 a dash line");
  EXPECT_EQ(junit_quote(system_outs[2]), "Plain.");
  EXPECT_EQ(system_outs[3], "Foo\n\u2014 bar\n\u2014 p. 3 \u2014 note");
  EXPECT_EQ(junit_quote(system_outs[3]), "Foo\n\u2014 bar");
}

TEST(CheckRun, JUnitReportsEachClaimAsATestCase) {
  CheckFixture f;
  const CheckOptions options = f.run_with_junit("  - id: holds\n    kind: finding\n    quote: \"A < B & C\\u0001\"\n    cites: p. 3\n    checks:\n"
                                                "      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n"
                                                "  - id: fails\n    quote: \"No.\"\n    checks:\n      - {file: scores.yaml, path: /verdict/score, at_least: 5}\n"
                                                "  - id: errs\n    quote: \"Gone.\"\n    checks:\n      - {file: scores.yaml, path: /nothing, equals: 1}\n",
                                                1);
  pugi::xml_document xml;
  const pugi::xml_node suite = f.junit_suite(xml, "3", "1", "1");
  const pugi::xml_node first = suite.child("testcase");
  EXPECT_STREQ(first.attribute("name").value(), "holds");
  EXPECT_STREQ(first.attribute("classname").value(), "claims.finding");
  EXPECT_FALSE(first.child("failure"));
  // U+0001, which XML 1.0 cannot carry even as a reference (the file would not parse), is U+FFFD.
  EXPECT_STREQ(first.child("system-out").text().get(), "A < B & C\uFFFD\n\u2014 p. 3");
  EXPECT_TRUE(first.next_sibling("testcase").child("failure"));
  EXPECT_TRUE(first.next_sibling("testcase").next_sibling("testcase").child("error"));
  // The same inputs give the same bytes.
  const std::string report = testing::read_bytes(f.folder / "claims.xml");
  EXPECT_EQ(report.find("&#1;"), std::string::npos);
  EXPECT_EQ(report.find("&#01;"), std::string::npos);
  std::ostringstream again;
  run_check(options, again);
  EXPECT_EQ(testing::read_bytes(f.folder / "claims.xml"), report);
}

TEST(CheckRun, RefusesClaimsFilesThatAreNotValid) {
  CheckFixture f;
  const auto kind_of = [&](const std::string& text) {
    testing::write_bytes(f.folder / "claims.yaml", text);
    CheckOptions options;
    options.claims = (f.folder / "claims.yaml").string();
    options.dir = f.folder.path().string();
    std::ostringstream out;
    try {
      run_check(options, out);
    } catch (const Error& error) {
      EXPECT_GT(error.where().line, 0u) << error.what();
      return error.kind();
    }
    ADD_FAILURE() << "no error";
    return ErrorKind::Io;
  };
  const std::string head = "kind: qda/claims\nversion: 1\nclaims:\n";
  const std::string claim = "  - id: a\n    quote: q\n    checks:\n      - {file: scores.yaml, path: /verdict/band, equals: x}\n";
  EXPECT_EQ(kind_of(head + claim + claim), ErrorKind::InvalidInput);  // the same id twice
  EXPECT_EQ(kind_of(head + "  - id: a\n    quote: q\n    checks:\n      - {file: scores.yaml, path: /verdict/band}\n"), ErrorKind::InvalidInput);
  EXPECT_EQ(kind_of(head + "  - id: a\n    checks:\n      - {file: scores.yaml, equals: 1}\n"), ErrorKind::InvalidInput);  // no quote
  // .nan and .inf: read as JSON they became null, and `equals: .nan` held against an undefined value.
  for (const char* value : {".nan", ".inf", "-.Inf", "+.INF", ".NAN", "[1, .NaN]"}) {
    EXPECT_EQ(kind_of(head + "  - id: a\n    quote: q\n    checks:\n      - {file: scores.yaml, path: /verdict/band, equals: " + value + "}\n"),
              ErrorKind::InvalidInput)
        << value;
  }
  // Spellings YAML 1.2 reads as text are texts to compare, not numbers to refuse.
  for (const char* value : {".iNf", ".Nan", "-.inF"}) {
    const auto [status, line] = f.check(std::string("      - {file: scores.yaml, path: /verdict/band, equals: ") + value + "}\n");
    EXPECT_EQ(status, 1) << value;
    EXPECT_NE(line.find(value), std::string::npos) << line;
  }
}

// Found by the claims_yaml fuzz target (tests/fuzz/seeds/claims_yaml/regression-invalid-utf8.yaml): eight
// continuation bytes in a quote reached valijson, whose UTF-8 reader (for the quote's minLength) then
// indexed its table out of bounds, undefined behaviour where an input error was due.
TEST(CheckRun, RefusesClaimsThatAreNotUtf8) {
  CheckFixture f;
  testing::write_bytes(f.folder / "claims.yaml",
                       "kind: qda/claims\nversion: 1\nclaims:\n  - id: c1\n    quote: \"trian\x99\x8a\x93\x9e\x8b\x96\x90\x90.\"\n"
                       "    checks:\n      - {file: scores.yaml, path: /verdict/band, equals: initial stage}\n");
  CheckOptions options;
  options.claims = (f.folder / "claims.yaml").string();
  options.dir = f.folder.path().string();
  std::ostringstream out;
  try {
    run_check(options, out);
    ADD_FAILURE() << "claims that are not UTF-8 were accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_EQ(error.where().line, 5u);
    EXPECT_EQ(error.where().column, 18u);
    EXPECT_EQ(error.message(), "invalid UTF-8 at byte offset 64 (byte 0x99); expected a YAML file in UTF-8");
  }
}

TEST(ValuePath, UnescapesAndExplains) {
  const nlohmann::ordered_json document = nlohmann::ordered_json::parse(R"({"a": [{"k": "x", "v": 1}, {"k": "y", "v": 2}], "b/c": 3})");
  EXPECT_EQ(resolve_pointer(document, "/a/[k=y]/v"), 2);
  EXPECT_EQ(resolve_pointer(document, "/b~1c"), 3);
  EXPECT_EQ(resolve_pointer(document, ""), document);
  EXPECT_THROW(resolve_pointer(document, "a"), CheckError);
  EXPECT_THROW(resolve_pointer(document, "/a/01"), CheckError);  // no leading zeros in an index (RFC 6901)
  // An index past what a size_t holds is no index (it ended the run as an internal error).
  try {
    resolve_pointer(document, "/a/99999999999999999999");
    ADD_FAILURE() << "no error";
  } catch (const CheckError& error) {
    EXPECT_EQ(error.message, "/a is a list of 2: '99999999999999999999' is not an index in it (or use [key=value])");
  }
}

TEST(ListProjection, KeepsOfEachItemWhatTheReadsNeed) {
  const std::vector<std::string> sources = {"sources"};
  const nlohmann::ordered_json item = {{"id", "s1"}, {"title", "One"}, {"attributes", {{"role", "head"}}}, {"turns", 3}};
  const auto kept = [&](std::vector<ValueRead> reads) {
    const ListProjection projection(std::move(reads));
    return projection.projects(sources) ? projection.project(sources, nlohmann::ordered_json(item)) : nlohmann::ordered_json("whole");
  };
  EXPECT_EQ(kept({{"/sources", false}}), nullptr) << "counted only";
  EXPECT_EQ(kept({{"/other/list", true}, {"", false}}), nullptr) << "not read, or the root counted";
  EXPECT_EQ(kept({{"/sources/[id=s1]/attributes/role", true}}), nlohmann::ordered_json({{"id", "s1"}, {"attributes", {{"role", "head"}}}}));
  EXPECT_EQ(kept({{"/sources/1/title", true}, {"/sources", false}}), nlohmann::ordered_json({{"title", "One"}}));
  EXPECT_EQ(kept({{"/sources/[id=s1&turns=3]/title", true}}), nlohmann::ordered_json({{"id", "s1"}, {"title", "One"}, {"turns", 3}}));
  // Read whole: an item, the list compared, the root compared, a step that is neither an index nor [key=value].
  EXPECT_EQ(kept({{"/sources/[id=s1]", true}}), "whole");
  EXPECT_EQ(kept({{"/sources", true}}), "whole");
  EXPECT_EQ(kept({{"", true}}), "whole");
  EXPECT_EQ(kept({{"/sources/first/title", true}}), "whole");
  EXPECT_EQ(kept({{"/sources/[id]/title", true}}), "whole");
  // A list inside another key, and an item that is not a mapping.
  const ListProjection nested({{"/a/b/0/c", true}});
  EXPECT_TRUE(nested.projects({"a", "b"}));
  EXPECT_EQ(nested.project({"a", "b"}, nlohmann::ordered_json("text")), "text");
}

TEST(CheckRun, AFileInQdasLayoutIsReadAsTheClaimsNeedWithTheSameVerdicts) {
  testing::TempFolder folder;
  const std::string block =
      "kind: qda/corpus\nsources:\n"
      "  - id: s1\n    title: One\n    attributes:\n      role: head\n    speakers:\n      - {name: A, turns: 2}\n"
      "  - id: s2\n    title: Two\n    attributes:\n      role: staff\n    speakers:\n      - {name: B, turns: 1}\n"
      "  - id: s3\n    title: Three\n    attributes:\n      role: staff\n    speakers: []\n";
  ASSERT_TRUE(read_block_yaml(block).has_value()) << "the layout the projection reads";
  testing::write_bytes(folder / "block.yaml", block);
  testing::write_bytes(folder / "whole.yaml", read_block_yaml(block)->dump());  // JSON: read whole
  const std::string checks =
      "      - {path: /sources, count: {equals: 3}}\n"
      "      - {path: \"/sources/[id=s2]/attributes/role\", equals: staff}\n"
      "      - {path: /sources/0/title, equals: One}\n"
      "      - {path: \"/sources/[role=staff]/title\", equals: Two}\n"
      "      - {path: \"/sources/[id=s9]/title\", equals: Nine}\n"
      "      - {path: /sources/3/title, equals: Four}\n"
      "      - {path: /sources/1/speakers, count: {equals: 1}}\n"
      "      - {path: \"/sources/[id=s1]/speakers/0/name\", equals: A}\n"
      "      - {path: /sources/2/attributes, count: {equals: 1}}\n";
  std::vector<std::string> lines;
  for (const std::string file : {"block.yaml", "whole.yaml"}) {
    std::string claims = "kind: qda/claims\nversion: 1\nclaims:\n";
    std::istringstream each(checks);
    std::string check;
    for (int i = 0; std::getline(each, check); ++i) {
      // One claim a check, all reading the file, so that its reads are those of every claim.
      claims += "  - id: c" + std::to_string(i) + "\n    quote: \"So.\"\n    checks:\n" + check.replace(check.find("{path"), 1, "{file: " + file + ", ") + "\n";
    }
    testing::write_bytes(folder / "claims.yaml", claims);
    CheckOptions options;
    options.claims = (folder / "claims.yaml").string();
    options.dir = folder.path().string();
    std::ostringstream out;
    EXPECT_EQ(run_check(options, out), 1);
    std::string text = out.str();
    for (std::size_t at; (at = text.find(file)) != std::string::npos;) text.replace(at, file.size(), "FILE");
    lines.push_back(text);
  }
  EXPECT_EQ(lines[0], lines[1]);
  EXPECT_NE(lines[0].find("PASS c0: FILE /sources = a list of 3 (count 3)"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("ERROR c4: FILE: no item of /sources has id = s9"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("ERROR c5: FILE: /sources is a list of 3: '3' is not an index"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("PASS c7:"), std::string::npos) << lines[0];
}

}  // namespace qda
