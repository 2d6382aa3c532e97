// REFI-QDA: offsets through normalisation, the ZIP writer, QDA-XML read and written, .qdc codebooks,
// qda-import of .qdpx projects (hand-made fixtures and the real exports in ../shared) and qda-export.
#include <gtest/gtest.h>

#include <map>

#include <functional>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "qda/codebook.hpp"
#include "qda/corpus.hpp"
#include "qda/error.hpp"
#include "qda/export_run.hpp"
#include "qda/hash.hpp"
#include "qda/import.hpp"
#include "qda/qdpx.hpp"
#include "qda/refi_codebook.hpp"
#include "qda/refi_xml.hpp"
#include "qda/text.hpp"
#include "qda/yaml.hpp"
#include "qda/zip.hpp"
#include "temp_folder.hpp"

namespace qda {
namespace {

namespace fs = std::filesystem;
using testing::read_bytes;
using testing::TempFolder;

const fs::path kFixtures = QDA_FIXTURES_DIR;
const fs::path kShared = fs::path(QDA_SOURCE_DIR) / ".." / "shared" / "refi-samples";

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return describe(error.where(), error.message());
  }
  return "no error";
}

// --- offsets through normalisation -------------------------------------------------------------

TEST(SourceOffsets, CrlfBecomesOneCharacterAndLaterOffsetsMove) {
  const NormalisedSource source = normalize_source_text_mapped("ab\r\ncd\r\ne");
  EXPECT_EQ(source.text, "ab\ncd\ne");
  EXPECT_EQ(source.offsets.to_normalised(0), 0u);
  EXPECT_EQ(source.offsets.to_normalised(2), 2u);  // before the CR: before the LF
  EXPECT_EQ(source.offsets.to_normalised(3), 3u);  // between CR and LF: after the LF
  EXPECT_EQ(source.offsets.to_normalised(4), 3u);  // "c"
  EXPECT_EQ(source.offsets.to_normalised(8), 6u);  // "e"
  EXPECT_EQ(source.offsets.to_normalised(9), 7u);  // the end
}

TEST(SourceOffsets, AtlasCountsCrlfAsOneSoOnlyNfcMoves) {
  const NormalisedSource source = normalize_source_text_mapped("ab\r\ncd", true);
  EXPECT_EQ(source.text, "ab\ncd");
  EXPECT_EQ(source.offsets.to_normalised(3), 3u);
  EXPECT_EQ(source.offsets.to_normalised(5), 5u);
}

TEST(SourceOffsets, ComposedCharactersMoveLaterOffsets) {
  // "cafe" + COMBINING ACUTE ACCENT + " x": NFC makes "café x", one code point shorter.
  const NormalisedSource source = normalize_source_text_mapped("cafe\xCC\x81 x\r\ny");
  EXPECT_EQ(source.text, "caf\xC3\xA9 x\ny");
  EXPECT_EQ(source.offsets.to_normalised(3), 3u);  // before the e
  EXPECT_EQ(source.offsets.to_normalised(5), 4u);  // after the accent
  EXPECT_EQ(source.offsets.to_normalised(7), 6u);  // before the CR
  EXPECT_EQ(source.offsets.to_normalised(9), 7u);  // "y"
}

TEST(SourceOffsets, TextAlreadyNormalisedKeepsEveryOffset) {
  const NormalisedSource source = normalize_source_text_mapped("Q: hello\n\nA: w\xC3\xB6rld\n");
  for (std::size_t i = 0; i <= 20; ++i) EXPECT_EQ(source.offsets.to_normalised(i), i);
}

// --- ZIP writing --------------------------------------------------------------------------------

TEST(ZipWriter, WritesTheSameBytesEveryTimeAndReadsBack) {
  const auto make = [] {
    ZipWriter zip("test.zip");
    zip.add("project.qde", "<Project/>");
    zip.add("sources/a.txt", std::string(10000, 'a'));
    return zip.finish();
  };
  const std::string bytes = make();
  EXPECT_EQ(bytes, make());
  const ZipArchive archive(bytes, "test.zip");
  EXPECT_EQ(archive.entry_names(), (std::vector<std::string>{"project.qde", "sources/a.txt"}));
  EXPECT_EQ(archive.read("sources/a.txt"), std::string(10000, 'a'));
  EXPECT_LT(bytes.size(), 1000u);  // deflated
}

// --- QDA-XML ------------------------------------------------------------------------------------

TEST(RefiXml, DerivedGuidsAreStableVersion8Uuids) {
  const std::string guid = refi::derive_guid("code:e-governance");
  EXPECT_EQ(guid, refi::derive_guid("code:e-governance"));
  EXPECT_NE(guid, refi::derive_guid("code:e-government"));
  EXPECT_TRUE(std::regex_match(guid, std::regex("[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"))) << guid;
}

constexpr std::string_view kSmallProject = R"(<?xml version="1.0"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="P" origin="Tool 1">
  <Users><User guid="{0000000a-0000-4000-8000-00000000000a}" name="Ana"/></Users>
  <CodeBook><Codes>
    <Code guid="00000001-0000-4000-8000-000000000001" name="Top" isCodable="false">
      <Code guid="00000002-0000-4000-8000-000000000002" name="Child" isCodable="true" color="#ABC"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="00000003-0000-4000-8000-000000000003" name="s" plainTextPath="internal://s.txt">
      <PlainTextSelection guid="00000004-0000-4000-8000-000000000004" startPosition="1" endPosition="3" creatingUser="0000000A-0000-4000-8000-00000000000A">
        <Coding guid="00000005-0000-4000-8000-000000000005"><CodeRef targetGUID="00000002-0000-4000-8000-000000000002"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <AudioSource guid="00000006-0000-4000-8000-000000000006"><AudioSelection guid="00000007-0000-4000-8000-000000000007" begin="0" end="1"/></AudioSource>
  </Sources>
  <Links><Link guid="00000008-0000-4000-8000-000000000008"/></Links>
</Project>
)";

TEST(RefiXml, ReadsTheTreeTheSelectionsAndCountsWhatItSkips) {
  const refi::Project project = refi::read_project_xml(kSmallProject, "p.qde");
  EXPECT_EQ(project.origin, "Tool 1");
  ASSERT_EQ(project.codes.size(), 2u);
  EXPECT_FALSE(project.codes[0].codable);
  EXPECT_EQ(project.codes[1].parent, 0u);
  EXPECT_EQ(project.codes[1].color, "#ABC");
  ASSERT_EQ(project.sources.size(), 1u);
  const auto& selection = project.sources[0].selections.at(0);
  EXPECT_EQ(selection.start, 1u);
  EXPECT_EQ(selection.end, 3u);
  // The coding has no creatingUser: its selection's, in braces and upper case, is the same user.
  EXPECT_EQ(selection.codings.at(0).user_guid, project.users[0].guid);
  EXPECT_EQ(project.unsupported.at("audio sources"), 1u);
  EXPECT_EQ(project.unsupported.at("audio selections"), 1u);
  EXPECT_EQ(project.unsupported.at("links"), 1u);
}

TEST(RefiXml, WrittenProjectReadsBackTheSame) {
  const refi::Project project = refi::read_project_xml(kSmallProject, "p.qde");
  std::ostringstream xml;
  refi::write_project_xml(xml, project);
  const refi::Project again = refi::read_project_xml(xml.str(), "again.qde");
  ASSERT_EQ(again.codes.size(), 2u);
  EXPECT_EQ(again.codes[1].name, "Child");
  EXPECT_EQ(again.codes[1].parent, 0u);
  EXPECT_EQ(again.sources.at(0).selections.at(0).codings.at(0).code_guid, project.codes[1].guid);
  EXPECT_EQ(again.users.at(0).name, "Ana");
}

TEST(RefiXml, EscapesWhatXmlCannotHoldAsItIs) {
  refi::Project project;
  project.name = "A & B <\"x\">";
  project.codes.push_back({refi::derive_guid("c"), "Line\nbreak\ttab", "a < b & \x01", "", true, std::nullopt, {}});
  std::ostringstream xml;
  refi::write_project_xml(xml, project);
  const refi::Project again = refi::read_project_xml(xml.str(), "again.qde");
  EXPECT_EQ(again.name, project.name);
  EXPECT_EQ(again.codes.at(0).name, "Line\nbreak\ttab");
  EXPECT_EQ(again.codes.at(0).description, "a < b & \xEF\xBF\xBD");  // U+0001 cannot be in XML 1.0
}

TEST(RefiXml, ErrorsNameTheLineAndWhatWasExpected) {
  std::string missing(kSmallProject);
  missing.replace(missing.find("targetGUID=\"00000002"), 20, "targetGUID=\"00000009");
  EXPECT_EQ(error_of([&] { refi::read_project_xml(missing, "p.qde"); }),
            "p.qde:12:61: the coding refers to code 00000009-0000-4000-8000-000000000002, which the project's codebook "
            "does not have; expected a CodeRef to one of its codes");
  std::string reversed(kSmallProject);
  reversed.replace(reversed.find("startPosition=\"1\""), 17, "startPosition=\"9\"");
  EXPECT_NE(error_of([&] { refi::read_project_xml(reversed, "p.qde"); }).find("p.qde:11:7: the selection ends at 3, before its start 9"),
            std::string::npos);
  std::string bad_number(kSmallProject);
  bad_number.replace(bad_number.find("endPosition=\"3\""), 15, "endPosition=\"-3\"");
  EXPECT_NE(error_of([&] { refi::read_project_xml(bad_number, "p.qde"); }).find("expected a character position"), std::string::npos);
  EXPECT_NE(error_of([&] { refi::read_project_xml("<Project><Users></Project>", "p.qde"); }).find("p.qde:1:"), std::string::npos);
  EXPECT_NE(error_of([&] { refi::read_project_xml("<CodeBook/>", "p.qde"); }).find("expected <Project>"), std::string::npos);
  // A DOCTYPE's entities are not expanded: refused, not read as "&xxe;".
  EXPECT_EQ(error_of([&] {
              refi::read_project_xml("<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                                     "<Project name=\"&xxe;\"/>",
                                     "p.qde");
            }),
            "p.qde:2:1: a <!DOCTYPE> declaration; expected a QDA-XML document without one (its entities are not expanded)");
  EXPECT_NE(error_of([&] { refi::read_project_xml(R"(<Project xmlns="urn:other" name="x"/>)", "p.qde"); }).find("namespace"),
            std::string::npos);
}

// --- codebooks ----------------------------------------------------------------------------------

TEST(RefiCodebook, QdcLoadsWhereverACodebookIs) {
  const Codebook codebook = load_codebook(kFixtures / "codebook.qdc");
  ASSERT_EQ(codebook.codes.size(), 3u);
  EXPECT_EQ(codebook.codes[0].id, "governance");
  EXPECT_FALSE(codebook.codes[0].codable);
  EXPECT_EQ(codebook.codes[0].definition, "The governance dimension.");
  EXPECT_EQ(codebook.codes[1].path, "governance/e-governance");
  EXPECT_EQ(codebook.codes[2].colour, "#00ff00");  // #RGB widened
  EXPECT_EQ(codebook.stances.values, std::vector<std::string>{"present"});
}

TEST(RefiCodebook, IdsAreUniqueSlugsOfTheNames) {
  std::vector<refi::Code> codes = {{refi::derive_guid("a"), "Programming", "", "", true, std::nullopt, {}},
                                   {refi::derive_guid("b"), "Programming", "", "blue", true, 0, {}},
                                   {refi::derive_guid("c"), "", "", "", true, std::nullopt, {}}};
  const RefiCodebook result = codebook_from_refi(codes, "t");
  EXPECT_EQ(result.codebook.codes[0].id, "programming");
  EXPECT_EQ(result.codebook.codes[1].id, "programming-2");
  EXPECT_EQ(result.codebook.codes[1].path, "programming/programming-2");
  EXPECT_EQ(result.codebook.codes[2].id, "code");
  EXPECT_EQ(result.dropped_colours, 1u);
}

TEST(RefiCodebook, ExportedQdcReadsBackAsTheSameTree) {
  TempFolder folder;
  ExportOptions options;
  options.codebook = (kFixtures / "codebook.qdc").string();
  options.qdc = (folder / "again.qdc").string();
  run_export(options);
  const Codebook first = load_codebook(kFixtures / "codebook.qdc");
  const Codebook again = load_codebook(folder / "again.qdc");
  ASSERT_EQ(again.codes.size(), first.codes.size());
  for (std::size_t i = 0; i < first.codes.size(); ++i) {
    EXPECT_EQ(again.codes[i].path, first.codes[i].path);
    EXPECT_EQ(again.codes[i].definition, first.codes[i].definition);
    EXPECT_EQ(again.codes[i].colour, first.codes[i].colour);
    EXPECT_EQ(again.codes[i].codable, first.codes[i].codable);
  }
}

// A .qdc whose codes nest `depth` levels, one code a level.
std::string nested_qdc(std::size_t depth) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes>\n";
  for (std::size_t level = 1; level <= depth; ++level) {
    xml += fmt::format("<Code guid=\"{}\" name=\"level {}\" isCodable=\"true\">\n", refi::derive_guid(std::to_string(level)), level);
  }
  for (std::size_t level = 1; level <= depth; ++level) xml += "</Code>\n";
  return xml + "</Codes>\n</CodeBook>\n";
}

// Sub-codes nest at most kMaxCodeDepth levels, in a .qdc as in codebook.yaml: deeper is an error with
// its line (20,000 levels overflowed the stack of the recursive walks), and a codebook as deep as
// allowed, read from a .qdc, is written as codebook.yaml that reads back (32 levels were written
// and then refused as YAML nested too deep).
TEST(RefiCodebook, CodesNestAtMostTheSameDepthWhereverTheyComeFrom) {
  TempFolder folder;
  testing::write_bytes(folder / "deepest.qdc", nested_qdc(kMaxCodeDepth));
  const Codebook deepest = load_codebook(folder / "deepest.qdc");
  ASSERT_EQ(deepest.codes.size(), kMaxCodeDepth);
  EXPECT_EQ(std::count(deepest.codes.back().path.begin(), deepest.codes.back().path.end(), '/'), static_cast<long>(kMaxCodeDepth - 1));
  std::ostringstream yaml;
  write_refi_codebook_yaml(yaml, deepest, "from a .qdc");
  testing::write_bytes(folder / "deepest.yaml", yaml.str());
  EXPECT_EQ(load_codebook(folder / "deepest.yaml").codes.back().path, deepest.codes.back().path);

  for (const std::size_t depth : {kMaxCodeDepth + 1, std::size_t{20000}}) {
    testing::write_bytes(folder / "deeper.qdc", nested_qdc(depth));
    EXPECT_EQ(error_of([&] { load_codebook(folder / "deeper.qdc"); }),
              fmt::format("{}:{}:1: <Code> nested {} levels deep; expected sub-codes at most {} levels deep",
                          (folder / "deeper.qdc").string(), kMaxCodeDepth + 4, kMaxCodeDepth + 1, kMaxCodeDepth));
  }
  // codebook.yaml one level deeper than allowed (still within YAML's nesting limit).
  std::string deeper = yaml.str();
  const std::string last_code = "name: level " + std::to_string(kMaxCodeDepth) + "\n";
  const std::size_t at = deeper.find(last_code);
  ASSERT_NE(at, std::string::npos);
  const std::size_t line_start = deeper.rfind('\n', at) + 1;
  const std::string indent(at - line_start, ' ');
  deeper.insert(at + last_code.size(), indent + "codes:\n" + indent + "  - id: one-more\n" + indent + "    name: one more\n");
  testing::write_bytes(folder / "deeper.yaml", deeper);
  EXPECT_NE(error_of([&] { load_codebook(folder / "deeper.yaml"); })
                .find(fmt::format("a code nested {} levels deep; expected sub-codes at most {} levels deep", kMaxCodeDepth + 1, kMaxCodeDepth)),
            std::string::npos);
}

// --- qda-import of a .qdpx ----------------------------------------------------------------------

ImportOptions project_import(const fs::path& project, const fs::path& out) {
  ImportOptions options;
  options.inputs = {project.string()};
  options.output_dir = out.string();
  return options;
}

TEST(RefiImport, TwoCodersProjectGivesSourcesCodebookAndOneFilePerUser) {
  TempFolder folder;
  const ImportSummary summary = run_import(project_import(kFixtures / "two-coders.qdpx", folder / "out"));
  EXPECT_EQ(summary.sources, 3u);
  const CorpusInfo corpus = read_corpus(folder / "out" / "corpus.yaml");
  ASSERT_EQ(corpus.sources.size(), 3u);
  EXPECT_EQ(corpus.sources[0].id, "interview-1");
  EXPECT_EQ(corpus.sources[0].title, "Interview 1.docx");
  EXPECT_EQ(corpus.sources[0].attributes,
            (Attributes{{"organisation", "Bappeda"}, {"case", "Bappeda"}, {"year", "2023"}}));
  EXPECT_EQ(corpus.sources[2].attributes, (Attributes{{"case", "BPKAD"}}));
  // Interview 2 had CRLF line ends and a decomposed é: stored as LF and NFC.
  EXPECT_EQ(read_bytes(folder / "out" / "texts" / "interview-2.txt"),
            "Q: Any partners?\n\nA: A caf\xC3\xA9 owner and the university.\n\nQ: Rules?\n\nA: No regulation yet.\n");
  const Codebook codebook = load_codebook(folder / "out" / "codebook.yaml");
  ASSERT_EQ(codebook.codes.size(), 5u);
  EXPECT_EQ(codebook.codes[0].colour, "#333366");
  EXPECT_EQ(codebook.codes[3].id, "partners-collaboration");
  EXPECT_EQ(codebook.codes[4].id, "staff-2");
  EXPECT_EQ(read_bytes(folder / "out" / "codings" / "ana.csv"),
            "coder,source,start,end,code,memo\r\n"
            "Ana,interview-1,21,47,budget-planning,Planned <ahead>\r\n"
            "Ana,interview-1,67,87,staff,\r\n"
            "Ana,interview-2,21,53,partners-collaboration,\r\n"
            "Ana,interview-2,69,87,staff-2,\r\n");
  EXPECT_EQ(read_bytes(folder / "out" / "codings" / "budi.csv"),
            "coder,source,start,end,code,memo\r\n"
            "Budi,interview-1,21,47,budget-planning,Planned <ahead>\r\n"
            "Budi,interview-1,67,86,staff,\r\n"
            "Budi,interview-2,21,53,partners-collaboration,\r\n"
            "Budi,interview-3,0,35,staff,\r\n");  // one segment: "Q:" and "A:" appear once, so no labels
}

TEST(RefiImport, ThreadsGiveTheSameBytes) {
  TempFolder folder;
  std::map<std::string, std::string> first;
  for (const unsigned jobs : {1u, 3u}) {
    ImportOptions options = project_import(kFixtures / "two-coders.qdpx", folder / ("j" + std::to_string(jobs)));
    options.jobs = jobs;
    run_import(options);
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(options.output_dir)) {
      if (entry.is_regular_file()) files[entry.path().lexically_relative(options.output_dir).string()] = read_bytes(entry.path());
    }
    EXPECT_GE(files.size(), 3u + 3u + 3u) << "corpus, texts, codebook and the users' codings";
    if (jobs == 1) first = files;
    else EXPECT_EQ(files, first);
  }
}

TEST(RefiImport, AtlasTiPositionsCountCrlfAsOneCharacter) {
  TempFolder folder;
  run_import(project_import(kFixtures / "atlas-crlf.qdpx", folder / "out"));
  const std::string text = read_bytes(folder / "out" / "texts" / "crlf.txt");
  EXPECT_EQ(read_bytes(folder / "out" / "codings" / "ana.csv"), "coder,source,start,end,code,memo\r\nAna,crlf,27,30,answer,\r\n");
  EXPECT_EQ(text.substr(27, 3), "No.");
}

// NVivo's positions count UTF-16 units, as .NET strings do: an emoji counts two. In a real NVivo for
// Windows 12.6 project with 894 emoji, 283 of 331 codings were cut at shifted text before. A position
// between an emoji's two units is the emoji's start; the length checked is the text's in units.
TEST(RefiImport, NvivoPositionsCountUtf16Units) {
  const std::string text = "A: \xF0\x9F\x98\x80 ya \xF0\x9F\x98\x80\xF0\x9F\x98\x80 tidak.\n";  // 18 code points, 21 units
  const auto project = [&](const std::string& origin, const std::vector<std::pair<int, int>>& selections) {
    std::string xml = "<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"P\" origin=\"" + origin +
                      "\">\n<Users><User guid=\"0000000A-0000-4000-8000-00000000000A\" name=\"Ana\"/></Users>\n"
                      "<CodeBook><Codes><Code guid=\"00000002-0000-4000-8000-000000000002\" name=\"C\" isCodable=\"true\"/></Codes></CodeBook>\n"
                      "<Sources><TextSource guid=\"00000003-0000-4000-8000-000000000003\" name=\"s\" plainTextPath=\"internal://s.txt\">\n";
    int guid = 10;
    for (const auto& [start, end] : selections) {
      xml += fmt::format("<PlainTextSelection guid=\"000000{0:02}-0000-4000-8000-0000000000{0:02}\" startPosition=\"{1}\" "
                         "endPosition=\"{2}\" creatingUser=\"0000000A-0000-4000-8000-00000000000A\"><Coding guid=\"000000{3:02}-0000-4000-8000-0000000000{3:02}\">"
                         "<CodeRef targetGUID=\"00000002-0000-4000-8000-000000000002\"/></Coding></PlainTextSelection>\n",
                         guid, start, end, guid + 1);
      guid += 2;
    }
    xml += "</TextSource></Sources>\n</Project>\n";
    ZipWriter zip("p.qdpx");
    zip.add("project.qde", xml);
    zip.add("sources/s.txt", text);
    return zip.finish();
  };
  TempFolder folder;
  // "ya" at units [6, 8), "tidak" at [14, 19), the two emoji from the middle of the first: [10, 13).
  testing::write_bytes(folder / "nvivo.qdpx", project("NVivo for Windows 12.6", {{6, 8}, {14, 19}, {10, 13}}));
  run_import(project_import(folder / "nvivo.qdpx", folder / "out"));
  const std::string codings = read_bytes(folder / "out" / "codings" / "ana.csv");
  const std::string stored = read_bytes(folder / "out" / "texts" / "s.txt");
  for (const std::string expected : {"ya", "tidak", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80"}) {
    const std::size_t at = count_code_points(std::string_view(stored).substr(0, stored.find(expected)));
    const std::size_t end = at + count_code_points(expected);
    EXPECT_NE(codings.find(fmt::format(",s,{},{},c,", at, end)), std::string::npos) << expected << "\n" << codings;
  }
  // Another tool's positions count code points: [6, 8) is "ya" there only in code points' reading.
  testing::write_bytes(folder / "other.qdpx", project("Tool 1", {{5, 7}}));
  run_import(project_import(folder / "other.qdpx", folder / "other"));
  EXPECT_NE(read_bytes(folder / "other" / "codings" / "ana.csv").find(",s,5,7,c,"), std::string::npos);
  // Past the text: 21 units long.
  testing::write_bytes(folder / "past.qdpx", project("NVivo for Windows 12.6", {{0, 22}}));
  EXPECT_NE(error_of([&] { run_import(project_import(folder / "past.qdpx", folder / "past")); })
                .find("ends past its text of 21 UTF-16 units (as NVivo counts)"),
            std::string::npos);
}

TEST(RefiImport, MalformedProjectsAreClearErrorsThatWriteNothing) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not-a-zip.qdpx", "not-a-zip.qdpx: not a readable ZIP archive"},
      {"no-project.qdpx", "no-project.qdpx: the archive has no project.qde; expected a REFI-QDA project"},
      {"malformed-xml.qdpx", "malformed-xml.qdpx:project.qde:5:"},
      {"missing-code.qdpx", "which the project's codebook does not have"},
      {"selection-outside.qdpx", "ends past its text of 17 characters; expected positions inside the text"},
      {"path-escapes.qdpx", "path-escapes.qdpx:project.qde:5:10: the source path 'internal://../../etc/passwd' leaves the archive"},
  };
  for (const auto& [fixture, expected] : cases) {
    TempFolder folder;
    const std::string message = error_of([&] { run_import(project_import(kFixtures / fixture, folder / "out")); });
    EXPECT_NE(message.find(expected), std::string::npos) << fixture << ": " << message;
    EXPECT_FALSE(fs::exists(folder / "out")) << fixture;
  }
}

// --- the real exports in ../shared --------------------------------------------------------------

TEST(RefiImport, QcProjectKeepsAll205CodingsWithTheirExactText) {
  if (!fs::exists(kShared / "qc-1.3.2-demo.qdpx")) GTEST_SKIP() << "../shared/refi-samples is absent";
  TempFolder folder;
  run_import(project_import(kShared / "qc-1.3.2-demo.qdpx", folder / "out"));
  const std::string bytes = read_bytes(kShared / "qc-1.3.2-demo.qdpx");
  const ZipArchive archive(bytes, "qc.qdpx");
  std::istringstream rows(read_bytes(folder / "out" / "codings" / "cp.csv"));
  std::string line;
  std::getline(rows, line);
  std::size_t count = 0;
  const std::regex row(R"(cp,([a-z0-9-]+),(\d+),(\d+),([a-z0-9-]+),\r)");
  while (std::getline(rows, line)) {
    std::smatch match;
    ASSERT_TRUE(std::regex_match(line, match, row)) << line;
    const std::string source = match[1], original = archive.read("sources/" + std::string(source == "board-2017" ? "board_2017" : source) + ".txt");
    const std::size_t start = std::stoul(match[2]), end = std::stoul(match[3]);
    // ASCII text with LF line ends: the positions are the file's bytes.
    EXPECT_EQ(read_bytes(folder / "out" / "texts" / (source + ".txt")).substr(start, end - start), original.substr(start, end - start));
    ++count;
  }
  EXPECT_EQ(count, 205u);
}

TEST(RefiImport, NvivoProjectKeepsIts262CodeHierarchy) {
  if (!fs::exists(kShared / "nvivo-mac-15.qdpx")) GTEST_SKIP() << "../shared/refi-samples is absent";
  TempFolder folder;
  run_import(project_import(kShared / "nvivo-mac-15.qdpx", folder / "out"));
  const Codebook codebook = load_codebook(folder / "out" / "codebook.yaml");
  EXPECT_EQ(codebook.codes.size(), 262u);
  EXPECT_EQ(codebook.codes[2].path, "rq1-definition/competencies/programming");
  EXPECT_TRUE(codebook.find("programming-2").has_value());  // the second "programming", under cs_as_programming
}

// --- qda-export ---------------------------------------------------------------------------------

// codings.csv for the manual codings files of an import in which no coding needs qda-code's clipping
// to a segment: each row as qda-code would write it, with the stance given.
std::string codings_csv_of(const fs::path& codings_folder, const std::string& stance) {
  std::ostringstream codings;
  codings << "source,segment,code,coder,stance,start,end,rule,cue,memo\r\n";
  for (const char* coder : {"ana", "budi"}) {
    std::istringstream rows(read_bytes(codings_folder / (std::string(coder) + ".csv")));
    std::string line;
    std::getline(rows, line);
    while (std::getline(rows, line)) {
      std::vector<std::string> cells;
      std::stringstream split(line.substr(0, line.size() - 1));
      for (std::string cell; std::getline(split, cell, ',');) cells.push_back(cell);
      cells.resize(6);
      codings << cells[1] << "," << cells[1] << ":1," << cells[4] << "," << cells[0] << "," << stance << "," << cells[2] << ","
              << cells[3] << ",,," << cells[5] << "\r\n";
    }
  }
  return codings.str();
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

// The two-coder project imported into `folder/first` with `options`, its codings as codings.csv
// (stance "partial", which REFI-QDA cannot carry, and which the codebook is given), exported to
// `folder/project.qdpx`.
ExportOptions export_two_coders(const fs::path& folder, ImportOptions import_options = {}) {
  import_options.inputs = {(kFixtures / "two-coders.qdpx").string()};
  import_options.output_dir = (folder / "first").string();
  run_import(import_options);
  std::string codebook = read_bytes(folder / "first" / "codebook.yaml");
  replace_once(codebook, "\ncodes:\n", "\nstances:\n  values: [present, partial, absent]\n  default: present\ncodes:\n");
  testing::write_bytes(folder / "first" / "codebook.yaml", codebook);
  testing::write_bytes(folder / "codings.csv", codings_csv_of(folder / "first" / "codings", "partial"));
  ExportOptions options;
  options.corpus = (folder / "first" / "corpus.yaml").string();
  options.codebook = (folder / "first" / "codebook.yaml").string();
  options.codings = (folder / "codings.csv").string();
  options.qdpx = (folder / "project.qdpx").string();
  run_export(options);
  return options;
}

// A copy of a .qdpx with each entry passed through `change`, which may rename it (an empty name
// leaves it out) or change its bytes.
void rewrite_qdpx(const fs::path& from, const fs::path& to, const std::function<void(std::string&, std::string&)>& change) {
  const std::string bytes = read_bytes(from);
  const ZipArchive archive(bytes, from.string());
  ZipWriter writer(to.string());
  for (std::string name : archive.entry_names()) {
    std::string entry = archive.read(name);
    change(name, entry);
    if (!name.empty()) writer.add(name, std::move(entry));
  }
  testing::write_bytes(to, writer.finish());
}

TEST(RefiExport, ImportExportImportGivesTheSameSourcesCodebookAndCodings) {
  TempFolder folder;
  ExportOptions options = export_two_coders(folder.path());
  const std::string first_bytes = read_bytes(folder / "project.qdpx");
  run_export(options);
  EXPECT_EQ(read_bytes(folder / "project.qdpx"), first_bytes);  // GUIDs derived, no dates

  // With qda's manifest: the files exported come back as they were, stances included.
  run_import(project_import(folder / "project.qdpx", folder / "second"));
  for (const char* file : {"texts/interview-1.txt", "texts/interview-2.txt", "texts/interview-3.txt", "segments.csv"}) {
    EXPECT_EQ(read_bytes(folder / "second" / file), read_bytes(folder / "first" / file)) << file;
  }
  EXPECT_EQ(read_bytes(folder / "second" / "codebook.yaml"), read_bytes(folder / "first" / "codebook.yaml"));
  EXPECT_EQ(read_bytes(folder / "second" / "codings.csv"), read_bytes(folder / "codings.csv"));
  EXPECT_FALSE(fs::exists(folder / "second" / "codings"));
  EXPECT_EQ(read_corpus(folder / "second" / "corpus.yaml").sources[0].attributes,
            read_corpus(folder / "first" / "corpus.yaml").sources[0].attributes);

  // Without it (another tool's save drops qda/): what REFI-QDA carries, the same manual codings files.
  rewrite_qdpx(folder / "project.qdpx", folder / "foreign.qdpx", [](std::string& name, std::string&) {
    if (name.rfind("qda/", 0) == 0) name.clear();
  });
  run_import(project_import(folder / "foreign.qdpx", folder / "third"));
  EXPECT_FALSE(fs::exists(folder / "third" / "codings.csv"));
  for (const char* file : {"texts/interview-2.txt", "codings/ana.csv", "codings/budi.csv"}) {
    EXPECT_EQ(read_bytes(folder / "third" / file), read_bytes(folder / "first" / file)) << file;
  }
  std::string first = read_bytes(folder / "first" / "codebook.yaml"), third = read_bytes(folder / "third" / "codebook.yaml");
  EXPECT_EQ(third.substr(third.find("codes:")), first.substr(first.find("codes:")));  // the description names the file
}

// A text that starts with U+FEFF (a file with two byte order marks, a Project Gutenberg ODT): the
// exported entry lost it to the reader's byte order mark, and every coding came back one character
// early ('taff ' for 'staff'), through qda's manifest or without it.
TEST(RefiExport, ATextStartingWithUFeffComesBackWithItsCodingsInPlace) {
  TempFolder folder;
  testing::write_bytes(folder / "in" / "a.txt", "\xEF\xBB\xBF\xEF\xBB\xBFThe staff use it daily.\n");
  run_import(project_import(folder / "in", folder / "first"));
  ASSERT_EQ(read_bytes(folder / "first" / "texts" / "a.txt"), "\xEF\xBB\xBFThe staff use it daily.\n");
  testing::write_bytes(folder / "codebook.yaml", "kind: qda/codebook\nversion: 1\ncodes:\n  - id: staff\n    name: Staff\n");
  testing::write_bytes(folder / "codings.csv", "source,segment,code,coder,stance,start,end,rule,cue,memo\r\n"
                                               "a,a:1,staff,ana,present,5,10,,,\r\n");
  ExportOptions options;
  options.corpus = (folder / "first" / "corpus.yaml").string();
  options.codebook = (folder / "codebook.yaml").string();
  options.codings = (folder / "codings.csv").string();
  options.qdpx = (folder / "project.qdpx").string();
  run_export(options);
  rewrite_qdpx(folder / "project.qdpx", folder / "foreign.qdpx", [](std::string& name, std::string&) {
    if (name.rfind("qda/", 0) == 0) name.clear();
  });
  run_import(project_import(folder / "project.qdpx", folder / "second"));
  run_import(project_import(folder / "foreign.qdpx", folder / "third"));
  for (const char* copy : {"second", "third"}) {
    EXPECT_EQ(read_bytes(folder / copy / "texts" / "a.txt"), read_bytes(folder / "first" / "texts" / "a.txt")) << copy;
  }
  EXPECT_EQ(read_bytes(folder / "second" / "codings.csv"), read_bytes(folder / "codings.csv"));
  const std::string foreign = read_bytes(folder / "third" / "codings" / "ana.csv");
  EXPECT_NE(foreign.find(",5,10,"), std::string::npos) << foreign;
}

// qda-export read the corpus's segments.csv and texts without guarding them (an output over one lost
// the corpus), and wrote projects its own import refuses: codings of a segment the corpus lacks, a
// stance the codebook lacks, U+FFFE in a name (not XML 1.0).
TEST(RefiExport, RefusesWhatItsImportWouldRefuseAndNeverWritesOverTheCorpus) {
  TempFolder folder;
  ExportOptions options = export_two_coders(folder.path());
  const auto error_of = [](const ExportOptions& attempt) -> std::string {
    try {
      run_export(attempt);
    } catch (const Error& error) {
      return error.what();
    }
    return "no error";
  };
  const std::string segments = read_bytes(folder / "first" / "segments.csv");
  const std::string text = read_bytes(folder / "first" / "texts" / "interview-1.txt");
  ExportOptions over_segments = options;
  over_segments.qdpx = (folder / "first" / "segments.csv").string();
  EXPECT_NE(error_of(over_segments).find("refusing to overwrite the input"), std::string::npos);
  ExportOptions over_a_text = options;
  over_a_text.qdpx = (folder / "again.qdpx").string();
  over_a_text.qdc = (folder / "first" / "texts" / "interview-1.txt").string();
  EXPECT_NE(error_of(over_a_text).find("refusing to overwrite the input"), std::string::npos);
  ExportOptions codebook_alone;  // --corpus with --qdc alone: its files are guarded too
  codebook_alone.corpus = options.corpus;
  codebook_alone.codebook = options.codebook;
  codebook_alone.qdc = (folder / "first" / "segments.csv").string();
  EXPECT_NE(error_of(codebook_alone).find("refusing to overwrite the input"), std::string::npos);
  EXPECT_EQ(read_bytes(folder / "first" / "segments.csv"), segments);
  EXPECT_EQ(read_bytes(folder / "first" / "texts" / "interview-1.txt"), text);

  const std::string codings = read_bytes(folder / "codings.csv");
  const std::size_t second_line = codings.find("\r\n") + 2;
  std::string bad_stance = codings, bad_segment = codings;
  replace_once(bad_stance, ",partial,", ",bogus,");
  bad_segment.replace(bad_segment.find(":1,", second_line), 3, ":999,");
  for (const auto& [bytes, expected] : std::vector<std::pair<std::string, std::string>>{
           {bad_stance, "codings.csv:2: stance 'bogus' is not one of the codebook's stances"},
           {bad_segment, "codings.csv:2: segment 'interview-1:999' is not a stored segment of source 'interview-1'"}}) {
    testing::write_bytes(folder / "codings.csv", bytes);
    ExportOptions bad = options;
    bad.qdpx = (folder / "bad.qdpx").string();
    EXPECT_NE(error_of(bad).find(expected), std::string::npos) << error_of(bad);
    EXPECT_FALSE(fs::exists(folder / "bad.qdpx"));
  }

  testing::write_bytes(folder / "nonchar.yaml", "kind: qda/codebook\nversion: 1\ncodes:\n  - id: a\n    name: \"A\\uFFFE\\uFFFF\"\n");
  ExportOptions qdc;
  qdc.codebook = (folder / "nonchar.yaml").string();
  qdc.qdc = (folder / "nonchar.qdc").string();
  run_export(qdc);
  EXPECT_NE(read_bytes(folder / "nonchar.qdc").find("name=\"A\uFFFD\uFFFD\""), std::string::npos) << read_bytes(folder / "nonchar.qdc");
}

TEST(RefiExport, CodesKeepTheGuidsTheyWereImportedWith) {
  TempFolder folder;
  export_two_coders(folder.path());
  const auto code_guids = [](const fs::path& qdpx) {
    const std::string bytes = read_bytes(qdpx);
    const refi::QdpxArchive archive(bytes, qdpx.string());
    std::vector<std::string> guids;
    for (const auto& code : archive.project().codes) guids.push_back(code.guid);
    return guids;
  };
  EXPECT_EQ(code_guids(folder / "project.qdpx"), code_guids(kFixtures / "two-coders.qdpx"));
  EXPECT_NE(read_bytes(folder / "first" / "codebook.yaml").find("guid: 0000000B-0000-4000-8000-00000000000B"), std::string::npos);

  ExportOptions qdc;  // .qdc -> qda -> .qdc
  qdc.codebook = (kFixtures / "codebook.qdc").string();
  qdc.qdc = (folder / "again.qdc").string();
  run_export(qdc);
  std::vector<std::string> first, again;
  for (const auto& code : load_codebook(kFixtures / "codebook.qdc").codes) first.push_back(code.guid);
  for (const auto& code : load_codebook(folder / "again.qdc").codes) again.push_back(code.guid);
  EXPECT_EQ(again, first);
  EXPECT_FALSE(first.front().empty());
}

TEST(RefiExport, DuplicateCodeGuidsInACodebookAreAnError) {
  TempFolder folder;
  testing::write_bytes(folder / "codebook.yaml", "kind: qda/codebook\nversion: 1\ncodes:\n"
                                                 "  - {id: a, name: A, guid: 0000000b-0000-4000-8000-00000000000b}\n"
                                                 "  - {id: b, name: B, guid: 0000000B-0000-4000-8000-00000000000B}\n");
  EXPECT_NE(error_of([&] { load_codebook(folder / "codebook.yaml"); })
                .find("codebook.yaml:5:28: code GUID 0000000B-0000-4000-8000-00000000000B is used twice (first at line 4)"),
            std::string::npos);
}

// --- qda's manifest ----------------------------------------------------------------------------

TEST(RefiManifest, TheProjectComesBackWithItsUnitInterviewersAndLanguages) {
  TempFolder folder;
  ImportOptions first;
  first.unit = "paragraph";
  first.interviewers = {"Q"};
  first.language = "en";
  export_two_coders(folder.path(), first);
  run_import(project_import(folder / "project.qdpx", folder / "second"));  // no --unit, --interviewer, --language
  EXPECT_EQ(read_bytes(folder / "second" / "segments.csv"), read_bytes(folder / "first" / "segments.csv"));
  const CorpusInfo corpus = read_corpus(folder / "second" / "corpus.yaml");
  EXPECT_EQ(corpus.unit, "paragraph");
  EXPECT_EQ(corpus.interviewers, std::vector<std::string>{"Q"});
  EXPECT_EQ(corpus.sources.at(0).language, "en");
  EXPECT_NE(read_bytes(folder / "second" / "segments.csv").find(",Q,true,"), std::string::npos);

  // Another unit would leave codings.csv naming segments the corpus does not have.
  ImportOptions other = project_import(folder / "project.qdpx", folder / "third");
  other.unit = "turn";
  const std::string message = error_of([&] { run_import(other); });
  EXPECT_NE(message.find("--unit turn: qda exported"), std::string::npos) << message;
  EXPECT_NE(message.find("with paragraph segments"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(folder / "third"));
}

TEST(RefiManifest, IsNotUsedWhenTheProjectOrATextChanged) {
  TempFolder folder;
  export_two_coders(folder.path());
  // A tool that keeps qda/ but saves its own project.qde; one that edits a text.
  rewrite_qdpx(folder / "project.qdpx", folder / "resaved.qdpx", [](std::string& name, std::string& bytes) {
    if (name == "project.qde") replace_once(bytes, "name=\"Two coders\"", "name=\"Two coders, re-saved\"");
  });
  rewrite_qdpx(folder / "project.qdpx", folder / "edited.qdpx", [](std::string& name, std::string& bytes) {
    if (name.rfind("sources/", 0) == 0 && bytes.find("Nothing more.") != std::string::npos) replace_once(bytes, "Nothing", "Naught!");
  });
  for (const char* project : {"resaved.qdpx", "edited.qdpx"}) {
    const fs::path out = folder / (std::string(project) + "-out");
    run_import(project_import(folder / project, out));
    EXPECT_FALSE(fs::exists(out / "codings.csv")) << project;  // stances and ids are not taken from it
    EXPECT_TRUE(fs::exists(out / "codings" / "ana.csv")) << project;
  }
}

TEST(RefiManifest, ErrorsNameTheEntryLineAndColumnAndWriteNothing) {
  TempFolder folder;
  export_two_coders(folder.path());
  rewrite_qdpx(folder / "project.qdpx", folder / "bad-unit.qdpx", [](std::string& name, std::string& bytes) {
    if (name == "qda/manifest.yaml") replace_once(bytes, "unit: turn", "unit: chapter");
  });
  std::string message = error_of([&] { run_import(project_import(folder / "bad-unit.qdpx", folder / "out")); });
  EXPECT_NE(message.find("bad-unit.qdpx:qda/manifest.yaml:6:7:"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(folder / "out"));

  // Segments past the text, in a manifest whose hashes say they are what qda-export wrote.
  const std::string exported = read_bytes(folder / "project.qdpx");
  std::string segments = ZipArchive(exported, "project.qdpx").read("qda/segments.csv");
  const std::string kept_hash = sha256_hex(segments);
  replace_once(segments, "interview-3,1,1,,0,35,", "interview-3,1,1,,0,99,");
  rewrite_qdpx(folder / "project.qdpx", folder / "past.qdpx", [&](std::string& name, std::string& bytes) {
    if (name == "qda/segments.csv") bytes = segments;
    if (name == "qda/manifest.yaml") replace_once(bytes, kept_hash, sha256_hex(segments));
  });
  message = error_of([&] { run_import(project_import(folder / "past.qdpx", folder / "out")); });
  EXPECT_NE(message.find("past.qdpx:qda/segments.csv:10: the segment [0, 99) of source 'interview-3' ends past its text "
                         "of 36 characters"),
            std::string::npos)
      << message;
  EXPECT_FALSE(fs::exists(folder / "out"));

  // Codings past the text, or of a segment the manifest does not keep, likewise.
  const std::string kept_codings = ZipArchive(exported, "project.qdpx").read("qda/codings.csv");
  for (const auto& [from, to, expected] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"partial,21,47,", "partial,21,9999,", "past-codings.qdpx:qda/codings.csv:2: the span [21, 9999) of source "
                                                  "'interview-1' is empty or ends past its last segment"},
           {"interview-1,interview-1:1,", "interview-1,interview-1:77,", "past-codings.qdpx:qda/codings.csv:2: segment "
                                                                          "'interview-1:77' is not a stored segment"}}) {
    std::string codings = kept_codings;
    replace_once(codings, from, to);
    rewrite_qdpx(folder / "project.qdpx", folder / "past-codings.qdpx", [&](std::string& name, std::string& bytes) {
      if (name == "qda/codings.csv") bytes = codings;
      if (name == "qda/manifest.yaml") replace_once(bytes, sha256_hex(kept_codings), sha256_hex(codings));
    });
    message = error_of([&] { run_import(project_import(folder / "past-codings.qdpx", folder / "out")); });
    EXPECT_NE(message.find(expected), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(folder / "out"));
  }
}

TEST(RefiManifest, AnAttributeSheetKeepsTheIdsTheCodingsName) {
  TempFolder folder;
  export_two_coders(folder.path());
  testing::write_bytes(folder / "sheet.csv", "id,region\ninterview-1,north\ninterview-2,south\ninterview-3,east\n");
  ImportOptions options = project_import(folder / "project.qdpx", folder / "out");
  options.attributes_file = (folder / "sheet.csv").string();
  run_import(options);  // attributes added, ids kept
  EXPECT_EQ(read_corpus(folder / "out" / "corpus.yaml").sources[1].attributes.back(), (std::pair<std::string, std::string>{"region", "south"}));
  testing::write_bytes(folder / "rename.csv", "file,id\ninterview-1,first\n");
  options.attributes_file = (folder / "rename.csv").string();
  options.allow_missing_attributes = true;
  options.output_dir = (folder / "renamed").string();
  const std::string message = error_of([&] { run_import(options); });
  EXPECT_NE(message.find("rename.csv:2: this row gives source 'interview-1'"), std::string::npos) << message;
}

// Tools name the project file otherwise (QualCoder reads any .qde): project.qde in another letters'
// case, else the one .qde file at the archive's top, is the project. Several, none of them
// project.qde, are refused by name.
TEST(RefiImport, TheProjectFileIsProjectQdeInAnyCaseOrTheOneQdeAtTheTop) {
  TempFolder folder;
  const std::string original = read_bytes(kFixtures / "two-coders.qdpx");
  const ZipArchive archive(original, "two-coders.qdpx");
  const auto with_project_as = [&](const std::string& file, const std::vector<std::string>& project_names) {
    ZipWriter zip(file);
    for (const auto& name : project_names) zip.add(name, archive.read("project.qde"));
    for (const auto& name : archive.entry_names()) {
      if (name != "project.qde") zip.add(name, archive.read(name));
    }
    testing::write_bytes(folder / file, zip.finish());
    return folder / file;
  };
  const std::vector<std::vector<std::string>> accepted = {
      {"Project.qde"}, {"PROJECT.QDE", "Notes.qde"}, {"Two coders.QDE", "old/project.qde"}, {"project.qde", "Project.qde"}};
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    const fs::path project = with_project_as(fmt::format("accepted-{}.qdpx", i), accepted[i]);
    EXPECT_EQ(run_import(project_import(project, folder / fmt::format("out-{}", i))).sources, 3u) << accepted[i].front();
  }
  EXPECT_EQ(error_of([&] { run_import(project_import(with_project_as("two.qdpx", {"a.qde", "b.qde"}), folder / "two")); }),
            (folder / "two.qdpx").string() + ": the archive holds 2 project files at its top ('a.qde', 'b.qde') and none is "
            "named project.qde; expected one (rename the project's to project.qde)");
  EXPECT_NE(error_of([&] { run_import(project_import(with_project_as("cases.qdpx", {"Project.qde", "PROJECT.QDE"}), folder / "cases")); })
                .find("('Project.qde', 'PROJECT.QDE')"),
            std::string::npos);
  EXPECT_NE(error_of([&] { run_import(project_import(with_project_as("nested.qdpx", {"study/project.qde"}), folder / "nested")); })
                .find("the archive has no project.qde"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(folder / "two"));
}

// The manifest names the entry qda-export wrote the project to: a project read from another entry is
// not the one it describes, even with the same bytes, and is imported as another tool's.
TEST(RefiManifest, IsNotUsedForAProjectReadFromAnotherEntry) {
  TempFolder folder;
  export_two_coders(folder.path());
  rewrite_qdpx(folder / "project.qdpx", folder / "renamed.qdpx", [](std::string& name, std::string&) {
    if (name == "project.qde") name = "Project.qde";
  });
  run_import(project_import(folder / "renamed.qdpx", folder / "out"));
  EXPECT_FALSE(fs::exists(folder / "out" / "codings.csv"));
  EXPECT_TRUE(fs::exists(folder / "out" / "codings" / "ana.csv"));
}

}  // namespace
}  // namespace qda
