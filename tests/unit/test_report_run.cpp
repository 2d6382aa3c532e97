// run_report in-process: the content from each input, quotes that are exact spans of the sources'
// texts, transcript text escaped in both formats, bounded size, labels, templates, the same bytes on
// re-run, and nothing left behind by a failed run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "qda/error.hpp"
#include "qda/hash.hpp"
#include "qda/report_run.hpp"
#include "qda/score_run.hpp"
#include "qda/template_depth.hpp"
#include "qda/text.hpp"
#include "triangulation_fixture.hpp"

namespace qda {

namespace {

struct ReportFixture {
  testing::TriangulationFixture study;
  ReportOptions options;
  ReportFixture() {
    study.options.output = (study.folder / "triangulation.yaml").string();
    std::ostringstream out;
    run_triangulate(study.options, out);
    testing::write_bytes(study.folder / "rubric.yaml",
                         "kind: qda/rubric\nversion: 1\ntitle: Layanan Kota\nscale:\n  - {level: 1, name: awal}\n  - {level: 2, name: maju}\n"
                         "indicators:\n  - code: x\n    otherwise: 1\n    levels:\n      - level: 2\n        why: Most sources see it.\n"
                         "        when: {stance_share: {of: present, at_least: 0.6}}\nrollup:\n  method: weighted_mean\n"
                         "verdict:\n  bands:\n    - {name: tahap awal, from: 1, below: 2}\n    - {name: siap, from: 2, below: 2.5}\n");
    ScoreOptions score;
    score.triangulation = study.options.output;
    score.rubric = (study.folder / "rubric.yaml").string();
    score.output = (study.folder / "scores.yaml").string();
    run_score(score, out);
    options.corpus = study.options.corpus;
    options.codebook = study.options.codebook;
    options.triangulation = study.options.output;
    options.scores = score.output;
    options.output_dir = (study.folder / "report").string();
  }
  std::string html() const { return testing::read_bytes(fs() / "report.html"); }
  std::string markdown() const { return testing::read_bytes(fs() / "report.md"); }
  std::filesystem::path fs() const { return options.output_dir; }
};

std::string html_unescape(std::string text) {
  for (const auto& [entity, character] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + character.size())) {
      text.replace(at, entity.size(), character);
    }
  }
  return text;
}

// The substring of a UTF-8 text between two code-point offsets.
std::string code_points(const std::string& text, std::size_t start, std::size_t end) {
  std::size_t byte = 0, seen = 0, from = 0;
  for (; byte <= text.size(); ++byte) {
    if (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) continue;
    if (seen == start) from = byte;
    if (seen == end) return text.substr(from, byte - from);
    ++seen;
  }
  return {};
}

}  // namespace

TEST(ReportRun, EveryQuoteIsAnExactSpanOfItsSource) {
  ReportFixture f;
  run_report(f.options);
  const std::string html = f.html();
  const std::regex quote(R"re(<blockquote lang="[^"]*" data-source="([^"]+)" data-segment="[^"]+" data-start="(\d+)" data-end="(\d+)">([^<]*)<span)re");
  std::size_t quotes = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), quote); it != std::sregex_iterator(); ++it, ++quotes) {
    const std::string source_text = testing::read_bytes(f.study.folder / ("corpus/texts/" + (*it)[1].str() + ".txt"));
    EXPECT_EQ(html_unescape((*it)[4].str()), code_points(source_text, std::stoul((*it)[2].str()), std::stoul((*it)[3].str())));
  }
  EXPECT_GE(quotes, 3u);
  EXPECT_NE(f.markdown().find("> Layanan jalan lewat SIPD dan Srikandi."), std::string::npos) << f.markdown();
}

TEST(ReportRun, ContentFromEachInput) {
  ReportFixture f;
  f.options.max_quotes = 2;
  run_report(f.options);
  const std::string html = f.html(), markdown = f.markdown();
  EXPECT_NE(html.find("<title>Layanan Kota</title>"), std::string::npos);  // the rubric's title
  EXPECT_NE(html.find("<p class=\"verdict\">tahap awal</p>"), std::string::npos) << html;
  EXPECT_NE(markdown.find("## Verdict\n\n**tahap awal**"), std::string::npos);
  EXPECT_NE(markdown.find("| `x` | Layanan | 2 maju | "), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("Most sources see it."), std::string::npos);
  EXPECT_NE(markdown.find("### Layanan (`x`)"), std::string::npos);
  EXPECT_NE(markdown.find("### Lainnya (`y`)"), std::string::npos);  // codes outside the rubric get sections too
  EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // self-contained: no scripts
  for (const char* fetch : {"src=", "<link", "<img", "url(", "@import"}) EXPECT_EQ(html.find(fetch), std::string::npos) << fetch;
  EXPECT_TRUE(std::filesystem::exists(f.fs() / "figures" / "matrix.svg"));
  // At most two quotes in x's section (two hold its stance, one differs).
  const std::size_t x = html.find("id=\"indicator-x\""), y = html.find("id=\"indicator-y\"");
  std::size_t in_x = 0;
  for (std::size_t at = html.find("<blockquote", x); at < y; at = html.find("<blockquote", at + 1)) ++in_x;
  EXPECT_EQ(in_x, 2u);
}

TEST(ReportRun, TranscriptTextIsEscapedInBothFormats) {
  testing::TempFolder folder;
  const std::string text = "Q: Apa?\n\nA: Kata <script>alert(1)</script> dan **tebal** | pipa & [tautan](x).\n\nQ: Lagi?\n\nA: Ya.\n";
  const auto corpus = testing::import_corpus(folder, {{"a.txt", text}});
  testing::write_bytes(folder / "codebook.yaml", testing::kCodebook);
  testing::write_bytes(folder / "codings.csv", testing::kHeader + "a,a:2,x,ana,present,0,1,,,\n");
  TriangulateOptions triangulate;
  triangulate.codings = (folder / "codings.csv").string();
  triangulate.corpus = corpus.string();
  triangulate.codebook = (folder / "codebook.yaml").string();
  triangulate.coder = "ana";
  triangulate.output = (folder / "t.yaml").string();
  std::ostringstream out;
  run_triangulate(triangulate, out);
  ReportOptions options;
  options.triangulation = triangulate.output;
  options.output_dir = (folder / "report").string();
  run_report(options);
  const std::string html = testing::read_bytes(folder / "report/report.html");
  const std::string markdown = testing::read_bytes(folder / "report/report.md");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("Kata &lt;script&gt;alert(1)&lt;/script&gt; dan **tebal** | pipa &amp; [tautan](x)."), std::string::npos) << html;
  EXPECT_EQ(markdown.find("<script>"), std::string::npos);
  EXPECT_NE(markdown.find("> Kata \\<script\\>alert(1)\\</script\\> dan \\*\\*tebal\\*\\* \\| pipa \\& \\[tautan\\](x)."), std::string::npos)
      << markdown;
}

TEST(ReportRun, LabelsTemplatesAndTheSameBytesOnRerun) {
  ReportFixture f;
  run_report(f.options);
  const std::string first = f.html();
  run_report(f.options);
  EXPECT_EQ(f.html(), first);
  f.options.lang = "id";
  run_report(f.options);
  EXPECT_NE(f.html().find("<h2>Kesimpulan</h2>"), std::string::npos);
  EXPECT_NE(f.html().find("<html lang=\"id\">"), std::string::npos);
  testing::write_bytes(f.study.folder / "templates/report.md.mustache", "# {{title}}\n{{#indicators}}- {{code}}: {{level}}\n{{/indicators}}");
  f.options.template_dir = (f.study.folder / "templates").string();
  run_report(f.options);
  EXPECT_EQ(f.markdown(), "# Layanan Kota\n- x: 2\n- y: \n- z: \n");
  EXPECT_NE(f.html().find("<h2>Kesimpulan</h2>"), std::string::npos);  // the shipped HTML template still
  // No partials, whatever the data holds: a title of "{{> title}}" rendered itself until the stack ran out.
  testing::write_bytes(f.study.folder / "templates/report.md.mustache", "# {{> title}}|{{title}}\n");
  f.options.title = "{{> title}}";
  run_report(f.options);
  EXPECT_EQ(f.markdown(), "# |{{\\> title}}\n");  // the title escaped for Markdown, not rendered
}

// The agreement chart's axis ends at -1 whatever agreement.yaml claims: an alpha of -1e6 drew a tick
// every 0.2 down to it (a 309 MB SVG). A value past the end is drawn at the end.
TEST(ReportRun, TheAgreementChartIsBoundedWhateverTheValues) {
  ReportFixture f;
  std::string agreement = testing::read_bytes(std::filesystem::path(QDA_SOURCE_DIR) / "tests/golden/brebes-smart-governance/agreement.yaml");
  const std::size_t alpha = agreement.find("coefficient: krippendorff_alpha");
  ASSERT_NE(alpha, std::string::npos);
  const std::size_t value = agreement.find("value: ", alpha);
  agreement.replace(value, agreement.find('\n', value) - value, "value: -1.0e6");
  testing::write_bytes(f.study.folder / "agreement.yaml", agreement);
  f.options.agreement = (f.study.folder / "agreement.yaml").string();
  run_report(f.options);
  const std::string svg = testing::read_bytes(f.fs() / "figures" / "agreement.svg");
  EXPECT_LT(svg.size(), 50000u);
  EXPECT_NE(svg.find(">-1.0</text>"), std::string::npos) << "the axis starts at -1";
  EXPECT_EQ(svg.find(">-1.2</text>"), std::string::npos);
}

// The levels chart draws a line per level of the scale: scores.yaml's scale is bounded as the rubric's
// (0 to 1,000, at least one level); a hand-edited scale of -1e6 to 1e6 drew two million lines.
TEST(ReportRun, AScoresScaleOutsideTheRubricsBoundsIsRefused) {
  ReportFixture f;
  std::string scores = testing::read_bytes(f.options.scores);
  const std::string top = "    - level: 2\n      name: maju\n";
  ASSERT_NE(scores.find(top), std::string::npos) << scores;
  scores.replace(scores.find(top), top.size(), "    - level: 1000000\n      name: maju\n");
  testing::write_bytes(f.study.folder / "scores-edited.yaml", scores);
  f.options.scores = (f.study.folder / "scores-edited.yaml").string();
  try {
    run_report(f.options);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(error.message().find("does not match the scores schema"), std::string::npos) << error.message();
  }
}

TEST(ReportRun, TablesAsCsv) {
  ReportFixture f;
  f.options.tables = (f.study.folder / "tables").string();
  f.options.max_sources = 1;
  run_report(f.options);
  EXPECT_NE(f.html().find("+ 2 more sources"), std::string::npos);
  const std::string sources = testing::read_bytes(f.study.folder / "tables/sources.csv");
  EXPECT_EQ(std::count(sources.begin(), sources.end(), '\n'), 4);  // the header and every source, not only those shown
  EXPECT_NE(testing::read_bytes(f.study.folder / "tables/indicators.csv").find("x,Layanan,2,maju,"), std::string::npos);
}

// A claim's quote is all of system-out before its last "\n— " (claims_junit.hpp): cut at the first, a
// quote holding such a line lost the rest.
TEST(ReportRun, AClaimsQuoteIsTakenWholeFromTheJUnitFile) {
  ReportFixture f;
  testing::write_bytes(f.study.folder / "claims.xml",
                       "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"claims.yaml\">\n"
                       "<testcase classname=\"claims.claim\" name=\"dash\"><system-out>Said so.\n\u2014 not the source\n"
                       "\u2014 p. 3</system-out></testcase>\n</testsuite></testsuites>\n");
  f.options.claims = (f.study.folder / "claims.xml").string();
  f.options.tables = (f.study.folder / "tables").string();
  run_report(f.options);
  EXPECT_EQ(testing::read_bytes(f.study.folder / "tables/claims.csv"),
            "id,result,quote,message\r\ndash,holds,\"Said so.\n\u2014 not the source\",\r\n");
}

// kainjow keeps a copy of each section's text: 100,000 nested sections in a 1.2 MB template took 24 GB
// before the kernel killed qda-report. Sections may nest 64 deep, with any delimiters.
TEST(ReportRun, ATemplateNestingSectionsTooDeepIsRefusedBeforeItIsParsed) {
  const auto nested = [](std::size_t depth, const std::string& open, const std::string& close, char section = '#') {
    std::string text;
    for (std::size_t i = 0; i < depth; ++i) text += open + section + "a" + close;
    text += "x";
    for (std::size_t i = 0; i < depth; ++i) text += open + "/a" + close;
    return text + "\n";
  };
  const std::vector<std::pair<std::string, std::size_t>> refused{
      {"{{! #a }}{{{#a}}}\n" + nested(65, "{{", "}}"), 65},  // a comment and a triple tag open no section
      {"{{=<% %>=}}\n" + nested(65, "<%", "%>"), 65},         // delimiters set in the template
      {"{{#b}}\n" + nested(80000, "{{", "}}", '^') + "{{/b}}\n", 80001},  // inverted sections, under 1 MiB
  };
  for (const auto& [text, expected_depth] : refused) {
    ReportFixture f;
    f.options.template_dir = (f.study.folder / "templates").string();
    testing::write_bytes(f.study.folder / "templates" / "report.md.mustache", text);
    try {
      run_report(f.options);
      ADD_FAILURE() << "no error for " << text.substr(0, 40);
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::InvalidInput);
      EXPECT_EQ(error.where().file, "report.md.mustache");
      EXPECT_EQ(error.where().line, 2u) << error.what();
      EXPECT_NE(std::string(error.what()).find("sections nest " + std::to_string(expected_depth) + " deep"), std::string::npos)
          << error.what();
    }
    EXPECT_FALSE(std::filesystem::exists(f.fs()));
  }
  ReportFixture f;  // 64 deep is rendered
  f.options.template_dir = (f.study.folder / "templates").string();
  testing::write_bytes(f.study.folder / "templates" / "report.md.mustache", "{{#labels}}\n" + nested(63, "{{", "}}") + "{{/labels}}\n");
  run_report(f.options);
  EXPECT_TRUE(std::filesystem::exists(f.fs() / "report.md"));
}

// The pre-scan reads tags as kainjow's parser does; the render's budget rests on its measure of the
// text between two lookups (variables, sections, partials; not comments, closing or delimiter tags)
// that starts inside a section: text inside no section is walked once, whatever the data.
TEST(TemplateScan, MeasuresTheTextBetweenLookupsAsKainjowReadsTags) {
  using report::template_section_depth;
  for (const auto& [text, between] : std::vector<std::pair<std::string, std::size_t>>{
           {"abc{{x}}abcdef{{y}}abc", 0},               // inside no section
           {"{{#s}}ab{{x}}cdef{{/s}}", 10},             // after the last lookup, through the closing tag
           {"{{#s}}a{{x}}{{! long comment }}b{{y}}c{{/s}}", 20},  // a comment is text to walk, no lookup
           {"{{#s}}abcd{{/s}}ef{{y}}", 12},             // a closing tag neither; the stretch started inside
           {"{{#s}}{{{#x}}}abc{{y}}{{/s}}", 6},         // a triple tag is a variable named '#x'
           {"{{#s}}{{&x}}ab{{>p}}abc{{}}ab{{/s}}", 8},  // unescaped, a partial, the empty tag: lookups
           {"{{#s}}{{=<% %>=}}abc{{x}}abc<%y%>ab<%/s%>", 22},  // after the delimiters change, {{x}} is text
           {"{{#s}}{{{=<% %>=}}}ab<%x%><%/s%>", 15},    // a set-delimiter tag inside triple braces
           {"{{#s}}ab{{x}}abcd{{/s}}{{/z}}abcdef{{y}}", 27},  // a stray closing tag: kainjow stops, the rest counts
           {"{{#s}}ab{{x}}abc{{y", 6},                  // an unclosed tag: the same
       }) {
    EXPECT_EQ(template_section_depth(text).text_between_lookups, between) << text;
  }
}

// Text inside no section is walked once: a custom template with a large inline image or style sheet
// at its top was charged it at every lookup, and refused after some hundreds of values.
TEST(ReportRun, LargeTextOutsideSectionsIsCountedOnce) {
  ReportFixture f;
  f.options.template_dir = (f.study.folder / "templates").string();
  f.options.max_rendered_bytes = 1 << 20;
  std::string text = "<img src=\"data:image/png;base64," + std::string(200000, 'A') + "\">\n";
  for (int i = 0; i < 40; ++i) text += "{{#sources}}{{id}} {{title}}\n{{/sources}}";
  testing::write_bytes(f.study.folder / "templates" / "report.md.mustache", text);
  run_report(f.options);
  EXPECT_NE(f.markdown().find(std::string(200000, 'A')), std::string::npos);
}

// Sections over a list repeat once per item, so nested ones multiply: 16 nested {{#sources}} over three
// sources rendered 43 MB. What a template renders is bounded (64 MiB, here 1 MiB), and so is its size (1 MiB).
// kainjow holds a line until it ends, and the bound is kept for the line it holds too: 40 nested
// sections on one line, or that render nothing at all, ran without end (3^40 repetitions) and grew
// the line by the text of each.
TEST(ReportRun, ATemplateThatRendersTooMuchOrIsTooLargeIsRefused) {
  const auto multiplying = [](const std::string& inside, const std::string& after) {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "{{#sources}}";
    text += inside;
    for (int i = 0; i < 40; ++i) text += "{{/sources}}";
    return text + after;
  };
  const auto repeated = [](const std::string& text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
  };
  const std::string refused = "the template renders more than 1048576 bytes";
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {multiplying("{{id}}\n", "\n"), refused},
           {multiplying("{{id}}", "\n"), refused},             // on one line
           {multiplying("text, no name: " + std::string(500, '.'), ""), refused},
           {multiplying("", ""), refused},                      // looks names up, renders nothing
           {multiplying("{{! a comment }}", "\n"), refused},
           // Parts kainjow walks without a lookup or a byte written: comments, and the white space of a
           // line that holds only a section tag (150,000 comments or 700,000 spaces took 4.6 s and 36 s at
           // 8 levels, each level three times longer).
           {multiplying("x\n" + repeated("{{!}}", 20000), ""), refused},
           {multiplying(std::string(100000, ' ') + "\nx\n", ""), refused},
           {multiplying("{{" + repeated("a.", 100000) + "}}\n", ""), refused},  // a long name kainjow splits at each lookup
           {std::string((1 << 20) + 1, 'x'), "the template is 1048577 bytes; expected at most 1048576 (1 MiB)"}}) {
    ReportFixture f;
    f.options.template_dir = (f.study.folder / "templates").string();
    f.options.max_rendered_bytes = 1 << 20;  // 64 MiB by default: the same refusal, slower
    testing::write_bytes(f.study.folder / "templates" / "report.md.mustache", text);
    try {
      run_report(f.options);
      ADD_FAILURE() << "no error: " << expected;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
      EXPECT_EQ(error.where().file, "report.md.mustache");
    }
    EXPECT_FALSE(std::filesystem::exists(f.fs()));
  }
}

// The charts are outputs like the reports: an input kept where a chart goes was replaced by the
// chart, exit 0.
TEST(ReportRun, AChartIsNeverWrittenOverAnInput) {
  ReportFixture f;
  const std::filesystem::path kept = f.fs() / "figures" / "matrix.svg";
  std::filesystem::create_directories(kept.parent_path());
  std::filesystem::copy_file(f.options.triangulation, kept);
  const std::string before = testing::read_bytes(kept);
  f.options.triangulation = kept.string();
  try {
    run_report(f.options);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Usage) << error.what();
  }
  EXPECT_EQ(testing::read_bytes(kept), before);
  EXPECT_FALSE(std::filesystem::exists(f.fs() / "report.md"));
}

TEST(ReportRun, ListsOfSourcesAndInputsAreBoundedAndTheTablesHoldThemAll) {
  ReportFixture f;
  f.options.tables = (f.study.folder / "tables").string();
  f.options.max_sources = 1;
  run_report(f.options);
  const std::string markdown = f.markdown();
  EXPECT_NE(markdown.find("; + 1 more (all in the tables, --tables)"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("\\+ 3 more inputs are listed in the tables (--tables)"), std::string::npos) << markdown;
  EXPECT_NE(f.html().find("+ 3 more inputs are listed in the tables (--tables)"), std::string::npos);
  const std::string provenance = testing::read_bytes(f.study.folder / "tables/provenance.csv");
  EXPECT_EQ(std::count(provenance.begin(), provenance.end(), '\n'), 11) << provenance;  // the header and the ten inputs of three files
}

TEST(ReportRun, ACorpusLeavingTheBlockLayoutLateGivesTheSameReportAndTables) {
  ReportFixture f;
  f.options.tables = (f.study.folder / "tables").string();
  f.options.max_sources = 1;  // fewer than the sources: what is kept of them must begin again too
  run_report(f.options);
  const auto files_of = [](const std::filesystem::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      files[entry.path().filename().string()] = testing::read_bytes(entry.path());
    }
    return files;
  };
  const auto tables = files_of(f.study.folder / "tables");
  const std::string sha256 = sha256_hex(testing::read_bytes(f.options.corpus));
  const auto without_hash = [&](std::string text, const std::string& hash) {
    for (std::size_t at = text.find(hash); at != std::string::npos; at = text.find(hash)) text.replace(at, hash.size(), "HASH");
    return text;
  };
  const std::string markdown = without_hash(f.markdown(), sha256), html = without_hash(f.html(), sha256);
  // A comment before the last source: its first sources are streamed, then it is read whole and
  // what was gathered of them begins again.
  std::string corpus = testing::read_bytes(f.options.corpus);
  const std::size_t last = corpus.rfind("\n  - id: ");
  ASSERT_NE(last, std::string::npos);
  corpus.insert(last + 1, "  # checked by hand\n");
  testing::write_bytes(f.options.corpus, corpus);
  f.options.tables = (f.study.folder / "tables-again").string();
  run_report(f.options);
  EXPECT_EQ(files_of(f.study.folder / "tables-again"), tables);
  EXPECT_EQ(std::count(tables.at("sources.csv").begin(), tables.at("sources.csv").end(), '\n'), 4);
  const std::string changed = sha256_hex(corpus);
  EXPECT_EQ(without_hash(f.markdown(), changed), markdown) << "only the corpus's hash differs";
  EXPECT_EQ(without_hash(f.html(), changed), html);
}

namespace {

// The error of a run that fails: its kind, and its message with where it is.
std::pair<ErrorKind, std::string> report_error(const ReportOptions& options) {
  try {
    run_report(options);
  } catch (const Error& error) {
    return {error.kind(), error.what()};  // with where
  }
  ADD_FAILURE() << "no error";
  return {};
}

}  // namespace

TEST(ReportRun, TablesWithNoFolderForTheirSpoolsAreAnIoError) {
  ReportFixture f;
  f.options.tables = (f.study.folder / "tables").string();
  testing::write_bytes(f.study.folder / "not-a-folder", "x");
  const char* before = std::getenv("TMPDIR");
  const std::string kept = before == nullptr ? "" : before;
  ::setenv("TMPDIR", (f.study.folder / "not-a-folder").c_str(), 1);
  const auto [kind, message] = report_error(f.options);
  if (before == nullptr) ::unsetenv("TMPDIR");
  else ::setenv("TMPDIR", kept.c_str(), 1);
  EXPECT_EQ(kind, ErrorKind::Io);
  EXPECT_NE(message.find("no folder for temporary files"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(f.study.folder / "tables"));
  EXPECT_FALSE(std::filesystem::exists(f.options.output_dir));
}

TEST(ReportRun, ABadRunLeavesNothingBehind) {
  ReportFixture f;
  ReportOptions options = f.options;
  options.output_dir = (f.study.folder / "new/report").string();
  options.tables = (f.study.folder / "new/tables").string();
  options.template_dir = (f.study.folder / "broken").string();
  testing::write_bytes(f.study.folder / "broken/report.html.mustache", "{{#open}} never closed");
  auto [kind, message] = report_error(options);
  EXPECT_EQ(kind, ErrorKind::InvalidInput);
  EXPECT_NE(message.find("the template does not parse"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(f.study.folder / "new"));
  // The tables' folder is made with the report's other outputs, after the templates: a --tables that
  // names a file does not hide the template's error.
  testing::write_bytes(f.study.folder / "a-file", "x");
  options.tables = (f.study.folder / "a-file").string();
  message = report_error(options).second;
  EXPECT_NE(message.find("the template does not parse"), std::string::npos) << message;
  // A corpus breaking its schema late, after sources went to the tables' spools: its error, and nothing left.
  std::string corpus = testing::read_bytes(f.options.corpus);
  const std::size_t language = corpus.rfind("    language: ");
  ASSERT_NE(language, std::string::npos);
  corpus.replace(language, 14, "    lang: ");
  testing::write_bytes(f.study.folder / "broken-corpus" / "corpus.yaml", corpus);
  ReportOptions broken = f.options;
  broken.corpus = (f.study.folder / "broken-corpus" / "corpus.yaml").string();
  broken.output_dir = (f.study.folder / "new/report").string();
  broken.tables = (f.study.folder / "new/tables").string();
  std::tie(kind, message) = report_error(broken);
  EXPECT_EQ(kind, ErrorKind::InvalidInput);
  EXPECT_NE(message.find("corpus.yaml:"), std::string::npos) << message;  // with its line
  EXPECT_NE(message.find("does not match the corpus schema"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(f.study.folder / "new"));
  ReportOptions nothing;
  nothing.output_dir = options.output_dir;
  EXPECT_THROW(run_report(nothing), Error);
  ReportOptions scores_alone = f.options;
  scores_alone.triangulation.clear();
  EXPECT_THROW(run_report(scores_alone), Error);
}

}  // namespace qda
