// qda-report: the inputs read into one content, rendered twice (Markdown and HTML) by the same
// templates' data, with the charts, the tables as CSV, and nothing written unless all succeeds.
#include "qda/report_run.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <pugixml.hpp>
#include <spdlog/spdlog.h>

#include "charts.hpp"
#include "tables.hpp"
#include "qda/claims_junit.hpp"
#include "qda/codebook.hpp"
#include "qda/corpus.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/hash.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "qda/schema.hpp"
#include "qda/strings.hpp"
#include "qda/triangulation_file.hpp"
#include "qda/version.hpp"
#include "qda/yaml.hpp"
#include "template_render.hpp"
#include "templates.hpp"

namespace qda {

namespace {

namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;
using Json = nlohmann::ordered_json;

// A value for a Markdown table cell or line: one line, every character CommonMark could read as markup
// escaped with a backslash, so transcript text and names always render as text.
std::string markdown_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      if (std::string_view("\\`*_[]<>|~&#!").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

// A quote as a Markdown block quote, its line breaks kept: every line escaped, and a line that starts
// as a list item or a numbered one ("- ", "+ ", "1. ") escaped at its start.
std::string markdown_quote(const std::string& text) {
  std::string out;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = markdown_escape(text.substr(at, end - at));
    const std::size_t digits = line.find_first_not_of("0123456789");
    // Where a backslash goes before the list marker, if the line starts like a list item.
    std::size_t marker = std::string::npos;
    if (!line.empty() && (line[0] == '-' || line[0] == '+')) marker = 0;
    else if (digits > 0 && digits != std::string::npos && (line[digits] == '.' || line[digits] == ')')) marker = digits;
    out += out.empty() ? "> " : "\n> ";
    if (marker == std::string::npos) {
      out += line;
    } else {
      out.append(line, 0, marker).append(1, '\\').append(line, marker, std::string::npos);
    }
    at = end + 1;
  }
  return out;
}

std::string html_escape(const std::string& text) { return report::xml_escape(text); }

// The labels of a language: the shipped YAML (or the --template folder's), as a mustache object.
mustache::data labels(const std::string& lang, const fs::path& template_dir, std::map<std::string, std::string>& plain) {
  const std::string name = "labels." + lang + ".yaml";
  const YAML::Node document = parse_yaml(report::template_text(name, template_dir), name);
  mustache::data data{mustache::data::type::object};
  for (const auto& entry : document) {
    if (!entry.second.IsScalar()) throw invalid_input("a label must be a string; expected `key: text`", location_of(entry.second, name));
    const std::string key = entry.first.as<std::string>(), value = entry.second.as<std::string>();
    data.set(key, value);
    plain[key] = value;
  }
  return data;
}

std::string label(const std::map<std::string, std::string>& labels, const std::string& key, const std::string& fallback) {
  const auto found = labels.find(key);
  return found == labels.end() ? fallback : found->second;
}

std::string category_label(const std::map<std::string, std::string>& labels, Convergence category) {
  const std::string name(convergence_name(category));
  // The labels file keys the categories apart from the section titles of the same name.
  const std::string key = category == Convergence::Agreement ? "agreement_category" : category == Convergence::NotAsked ? "not_asked_category" : name;
  return label(labels, key, name);
}

std::string optional_number(const Json& value, int places = 3) {
  return value.is_number() ? fmt::format("{:.{}f}", value.get<double>(), places) : std::string();
}

const Json* find_item(const Json& list, const std::string& key, const std::string& value, const std::string& key2 = {},
                      const std::string& value2 = {}) {
  for (const auto& item : list) {
    if (item.value(key, "") == value && (key2.empty() || item.value(key2, "") == value2)) return &item;
  }
  return nullptr;
}

// What the report shows of a corpus, gathered as its items stream by (show_corpus): a corpus of
// thousands of sources is never held.
struct CorpusShown {
  struct Source {
    std::string id, title, attributes, segments;
  };
  Json rest;                     // the document but its sources and its provenance's inputs
  std::vector<Source> sources;   // the first --max-sources
  std::size_t source_count = 0;
  std::vector<std::pair<std::string, std::string>> inputs;  // path and sha256 of the first --max-sources
  std::size_t input_count = 0;
  std::map<std::string, std::string> languages;  // of the sources quoted
};

struct Inputs {
  std::optional<CorpusShown> corpus;
  std::optional<Json> agreement, scores;
  std::optional<Codebook> codebook;
  std::optional<TriangulationFile> triangulation;
  struct Claim {
    std::string id, quote, message;
    bool passed = true;
  };
  std::optional<std::vector<Claim>> claims;
};

std::vector<Inputs::Claim> read_claims_result(const std::string& path) {
  pugi::xml_document xml;
  const pugi::xml_parse_result parsed = xml.load_file(path.c_str(), pugi::parse_default & ~pugi::parse_doctype);
  if (!parsed) throw invalid_input(fmt::format("not a JUnit XML file: {} (expected qda-check --junit's output)", parsed.description()), {path});
  std::vector<Inputs::Claim> claims;
  for (const auto& testcase : xml.select_nodes("//testcase")) {
    const pugi::xml_node node = testcase.node();
    Inputs::Claim claim{node.attribute("name").value(), node.child("system-out").text().get(), {}, true};
    for (const char* problem : {"failure", "error"}) {
      if (const pugi::xml_node found = node.child(problem)) {
        claim.passed = false;
        claim.message = found.attribute("message").value();
      }
    }
    claim.quote = std::string(junit_quote(claim.quote));
    claims.push_back(std::move(claim));
  }
  return claims;
}

const std::vector<std::string> kProvenanceHeader{"file", "input", "sha256"};

// The corpus as the report shows it, read an item at a time: sources.csv and the corpus's rows of
// provenance.csv (`file_column` naming it) written as its items pass, the first `max_sources` sources
// and inputs kept, and the languages of the `quoted` sources.
CorpusShown show_corpus(const fs::path& path, const std::set<std::string>& quoted, std::size_t max_sources,
                        const std::string& file_column, report::Tables& tables) {
  CorpusShown shown;
  report::Tables::Rows source_rows = tables.begin("sources.csv", {"id", "title", "format", "language", "segments", "attributes"});
  report::Tables::Rows input_rows = tables.begin("provenance.csv", kProvenanceHeader);
  CorpusDocumentVisitor visitor;
  visitor.source = [&](const Json& source) {
    std::vector<std::string> attributes;
    for (const auto& [name, value] : source.at("attributes").items()) attributes.push_back(name + ": " + value.get<std::string>());
    const std::string id = source.at("id").get<std::string>(), title = source.at("title").get<std::string>(),
                      language = source.at("language").get<std::string>(), listed = join(attributes, "; ");
    const std::string segments = std::to_string(source.at("segments").get<std::size_t>());
    source_rows.add({id, title, source.at("format").get<std::string>(), language, segments, listed});
    if (shown.source_count++ < max_sources) shown.sources.push_back({id, title, listed, segments});
    if (quoted.count(id) > 0) shown.languages.emplace(id, language);  // the first source of that id
  };
  visitor.input = [&](const Json& input) {
    input_rows.add({file_column, input.value("path", ""), input.value("sha256", "")});
    if (shown.input_count++ < max_sources) shown.inputs.emplace_back(input.value("path", ""), input.value("sha256", ""));
  };
  visitor.restart = [&] {
    shown = CorpusShown();
    tables.restart("sources.csv");
    tables.restart("provenance.csv");
  };
  shown.rest = visit_corpus_document(path, visitor);
  return shown;
}

// The sources the triangulation quotes.
std::set<std::string> quoted_sources(const TriangulationFile& file) {
  std::set<std::string> quoted;
  for (const auto& code : file.codes) {
    for (const auto& cell : code.cells) {
      if (cell.passage) quoted.insert(cell.passage->source);
    }
  }
  return quoted;
}

// Sources: "inf-01 (Kepala Bidang ..., Diskominfo)", by role and organisation where the attributes have them.
// The columns' ids with their role and organisation; at most `limit` of them, then how many more (a
// study of thousands of sources keeps a report of bounded size; the tables list them all).
std::string columns_text(const TriangulationFile& file, const std::vector<std::size_t>& columns, std::size_t limit = SIZE_MAX,
                         const std::string& more = {}) {
  std::vector<std::string> parts;
  for (const std::size_t c : columns) {
    if (parts.size() == limit) {
      parts.push_back(fmt::format("+ {} {}", columns.size() - limit, more));
      break;
    }
    std::vector<std::string> who;
    for (const auto& [name, value] : file.columns[c].attributes) {
      if (name == "role" || name == "organisation" || name == file.columns_by) who.push_back(value);
    }
    parts.push_back(file.columns[c].id + (who.empty() || file.columns_by != "source" ? "" : " (" + join(who) + ")"));
  }
  return parts.empty() ? "–" : join(parts, "; ");
}

class ReportBuilder {
 public:
  ReportBuilder(const ReportOptions& options, const Inputs& inputs, report::Tables& tables)
      : options_(options), inputs_(inputs), tables_(tables) {
    data_ = mustache::data{mustache::data::type::object};
    data_.set("labels", labels(options.lang, options.template_dir, labels_));
  }

  mustache::data& data() { return data_; }
  std::vector<std::pair<std::string, report::Chart>>& figures() { return figures_; }

  void build() {
    data_.set("generator", fmt::format("qda-report {}", kVersion));
    std::string title = options_.title;
    if (title.empty() && inputs_.scores) title = (*inputs_.scores)["rubric"].value("title", "");
    if (title.empty()) title = "qda report";
    data_.set("title", title);
    if (inputs_.scores && inputs_.scores->at("rubric").contains("source")) {
      data_.set("subtitle", inputs_.scores->at("rubric").at("source").get<std::string>());
    }
    sources();
    method();
    indicators();
    verdict();
    claims();
  }

  void provenance(const std::vector<std::pair<std::string, fs::path>>& files, const fs::path& output_dir) {
    mustache::data list{mustache::data::type::list};
    report::Tables::Rows table = tables_.begin("provenance.csv", kProvenanceHeader);
    for (const auto& [kind, path] : files) {
      mustache::data entry;
      entry.set("file", portable_relative_path(path, output_dir));
      entry.set("sha256", sha256_file(path));
      const Json* provenance_of = kind == "corpus" ? &inputs_.corpus->rest.at("provenance")
                                  : kind == "agreement" ? &inputs_.agreement->at("provenance")
                                  : kind == "scores" ? &inputs_.scores->at("provenance")
                                  : kind == "triangulation" ? &inputs_.triangulation->provenance
                                  : nullptr;
      if (provenance_of != nullptr) {
        const Json& provenance = *provenance_of;
        entry.set("tool", provenance.value("tool", ""));
        entry.set("version", provenance.value("version", ""));
        std::vector<std::string> options;
        for (const auto& [name, value] : provenance.at("options").items()) {
          options.push_back(name + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
        }
        if (!options.empty()) {
          entry.set("has_options", true);
          entry.set("options", join(options, "; "));
        }
        // Every input is in provenance.csv; the report lists at most --max-sources of each file's. The
        // corpus's, streamed, were written to the table as they were read (show_corpus).
        std::vector<std::pair<std::string, std::string>> listed;
        std::size_t count = 0;
        if (kind == "corpus") {
          listed = inputs_.corpus->inputs;
          count = inputs_.corpus->input_count;
        } else {
          for (const auto& input : provenance.at("inputs")) {
            table.add({portable_relative_path(path, output_dir), input.value("path", ""), input.value("sha256", "")});
            if (count++ < options_.max_sources) listed.emplace_back(input.value("path", ""), input.value("sha256", ""));
          }
        }
        mustache::data rows{mustache::data::type::list};
        for (const auto& [input_path, sha256] : listed) {
          mustache::data row;
          row.set("path", input_path);
          row.set("sha256", sha256);
          rows.push_back(row);
        }
        if (count > 0) {
          entry.set("has_inputs", true);
          entry.set("inputs", rows);
        }
        if (count > options_.max_sources) entry.set("inputs_more", std::to_string(count - options_.max_sources));
      }
      list.push_back(entry);
    }
    data_.set("provenance", list);
  }

 private:
  std::string stance_label(const std::string& stance) const { return label(labels_, stance, stance); }

  void sources() {
    if (!inputs_.corpus) return;
    mustache::data list{mustache::data::type::list};
    for (const auto& source : inputs_.corpus->sources) {
      mustache::data row;
      row.set("id", source.id);
      row.set("title", source.title);
      row.set("attributes", source.attributes);
      row.set("segments", source.segments);
      list.push_back(row);
    }
    data_.set("has_sources", true);
    data_.set("sources", list);
    const std::size_t count = inputs_.corpus->source_count;
    if (count > options_.max_sources) data_.set("sources_more", std::to_string(count - options_.max_sources));
  }

  void method() {
    bool any = false;
    if (inputs_.codebook) {
      mustache::data codes{mustache::data::type::list};
      for (const Code& code : inputs_.codebook->codes) {
        if (!code.codable) continue;
        mustache::data row;
        row.set("id", code.id);
        row.set("name", code.name);
        row.set("definition", code.definition);
        codes.push_back(row);
      }
      data_.set("has_codebook", true);
      data_.set("codes", codes);
      any = true;
    }
    if (inputs_.agreement) {
      const Json& agreement = *inputs_.agreement;
      mustache::data section;
      std::vector<std::string> coders;
      for (const auto& coder : agreement.at("coders")) coders.push_back(coder.get<std::string>());
      section.set("coders", join(coders));
      section.set("unit", agreement.at("unit_of_comparison").get<std::string>());
      mustache::data rows{mustache::data::type::list};
      std::vector<report::Interval> intervals;
      report::Tables::Rows table =
          tables_.begin("agreement.csv", {"code", "presence_alpha", "lower", "upper", "stance_alpha", "presence_ac1", "presence_kappa"});
      std::vector<std::string> scopes;
      for (const auto& result : agreement.at("results")) {
        const std::string scope = result.at("scope").get<std::string>();
        if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) scopes.push_back(scope);
      }
      for (const auto& scope : scopes) {
        const Json* presence = find_item(agreement.at("results"), "scope", scope, "data", "presence");
        if (presence == nullptr) presence = find_item(agreement.at("results"), "scope", scope);
        const Json* stance = find_item(agreement.at("results"), "scope", scope, "data", "stance");
        const auto coefficient = [&](const Json* set, const std::string& id) -> const Json* {
          return set == nullptr ? nullptr : find_item(set->at("coefficients"), "coefficient", id);
        };
        const Json* alpha = coefficient(presence, "krippendorff_alpha");
        const auto value = [&](const Json* entry) {
          if (entry == nullptr) return std::string("–");
          const std::string text = optional_number(entry->at("value"));
          return text.empty() ? label(labels_, "undefined", "undefined") : text;
        };
        std::string lower, upper;
        if (alpha != nullptr && alpha->contains("bootstrap")) {
          lower = optional_number(alpha->at("bootstrap").at("lower"));
          upper = optional_number(alpha->at("bootstrap").at("upper"));
        }
        mustache::data row;
        row.set("code", scope);
        row.set("alpha", value(alpha));
        row.set("interval", lower.empty() ? "–" : lower + " – " + upper);
        row.set("stance_alpha", value(coefficient(stance, "krippendorff_alpha")));
        row.set("ac1", value(coefficient(presence, "gwet_ac1")));
        row.set("kappa", value(coefficient(presence, "cohen_kappa")));
        rows.push_back(row);
        table.add({scope, value(alpha), lower, upper, value(coefficient(stance, "krippendorff_alpha")), value(coefficient(presence, "gwet_ac1")),
                   value(coefficient(presence, "cohen_kappa"))});
        report::Interval interval{scope, {}, {}, {}};
        if (alpha != nullptr && alpha->at("value").is_number()) interval.value = alpha->at("value").get<double>();
        if (!lower.empty()) {
          interval.lower = alpha->at("bootstrap").at("lower").get<double>();
          interval.upper = alpha->at("bootstrap").at("upper").get<double>();
        }
        intervals.push_back(interval);
      }
      section.set("rows", rows);
      data_.set("has_agreement", true);
      data_.set("agreement", section);
      add_figure("figure_agreement", "agreement",
                 report::interval_chart("agreement-chart", label(labels_, "figure_agreement", "Agreement"), intervals, {0.667, 0.8}));
      any = true;
    }
    data_.set("has_method", any);
  }

  void add_figure(const std::string& key, const std::string& file, report::Chart chart) {
    mustache::data figure;
    figure.set("svg", chart.svg);
    figure.set("file", "figures/" + file + ".svg");
    figure.set("caption", chart_caption(key));
    figure.set("description", chart.description);
    if (key == "figure_matrix") figure.set("legend", matrix_legend());
    data_.set(key, figure);
    figures_.emplace_back(file, std::move(chart));
  }

  std::string chart_caption(const std::string& key) const { return label(labels_, key, key); }

  // One section per code of the triangulation, with its level where the rubric scored it.
  void indicators() {
    if (!inputs_.triangulation) return;
    const TriangulationFile& file = *inputs_.triangulation;
    // The scored indicators in the rubric's order, then the triangulation's other codes (sub-codes, and
    // findings outside the rubric such as commitment), in codebook order.
    std::vector<std::string> codes;
    if (inputs_.scores) {
      for (const auto& indicator : inputs_.scores->at("indicators")) codes.push_back(indicator.at("code").get<std::string>());
    }
    for (const auto& code : file.codes) {
      if (std::find(codes.begin(), codes.end(), code.id) == codes.end()) codes.push_back(code.id);
    }
    mustache::data list{mustache::data::type::list};
    report::Tables::Rows table = tables_.begin(
        "indicators.csv", {"code", "name", "level", "level_name", "confidence", "category", "stance", "support", "dissent", "silent", "not_asked"});
    for (const auto& id : codes) {
      const TriangulationCode& code = *file.find(id);
      const Json* scored = inputs_.scores ? find_item(inputs_.scores->at("indicators"), "code", id) : nullptr;
      mustache::data entry;
      entry.set("code", id);
      entry.set("name", scored ? scored->at("name").get<std::string>() : code.name);
      std::string level, level_name, confidence;
      if (scored) {
        level = std::to_string(scored->at("level").get<int>());
        level_name = scored->at("level_name").get<std::string>();
        confidence = label(labels_, "confidence_" + scored->at("confidence").get<std::string>(), scored->at("confidence").get<std::string>());
        entry.set("has_level", true);
        entry.set("level", level);
        entry.set("level_name", level_name);
        entry.set("confidence", confidence);
        entry.set("confidence_because", scored->at("confidence_because").get<std::string>());
        entry.set("decided_by", scored->at("decided_by").get<std::string>());
        if (scored->contains("why")) entry.set("why", scored->at("why").get<std::string>());
      }
      entry.set("category_label", category_label(labels_, code.category));
      entry.set("category_rule", code.decided_by);
      entry.set("stance", code.stance ? stance_label(file.stances[*code.stance]) : std::string("–"));
      std::vector<std::size_t> support, dissent, silent, not_asked;
      for (std::size_t c = 0; c < file.columns.size(); ++c) {
        const ColumnView& view = code.cells[c].view;
        if (view.spoke) (view.stance == code.stance ? support : dissent).push_back(c);
        else (view.raised == Raised::NotAsked ? not_asked : silent).push_back(c);
      }
      const std::string more = label(labels_, "more_columns", "more");
      entry.set("support", columns_text(file, support, options_.max_sources, more));
      entry.set("dissent", columns_text(file, dissent, options_.max_sources, more));
      entry.set("silent", columns_text(file, silent, options_.max_sources, more));
      entry.set("not_asked", columns_text(file, not_asked, options_.max_sources, more));
      // Quotes: passages of the columns holding the stance, and the first that differs, at most max_quotes.
      // A slot is kept for a differing source when there is room for two and one has a passage.
      const bool dissent_quoted = options_.max_quotes >= 2 && std::any_of(dissent.begin(), dissent.end(), [&](std::size_t c) {
        return code.cells[c].passage.has_value();
      });
      std::vector<std::size_t> quoted;
      for (const std::size_t c : support) {
        if (quoted.size() + (dissent_quoted ? 1 : 0) >= options_.max_quotes) break;
        if (code.cells[c].passage) quoted.push_back(c);
      }
      for (const std::size_t c : dissent) {
        if (quoted.size() >= options_.max_quotes) break;
        if (code.cells[c].passage) {
          quoted.push_back(c);
          break;
        }
      }
      mustache::data quotes{mustache::data::type::list};
      for (const std::size_t c : quoted) {
        const TriangulationPassage& passage = *code.cells[c].passage;
        mustache::data quote;
        quote.set("text", passage.text);
        quote.set("markdown_quote", markdown_quote(passage.text));
        quote.set("source", passage.source);
        quote.set("segment", passage.segment);
        quote.set("start", std::to_string(passage.start));
        quote.set("end", std::to_string(passage.end));
        quote.set("language", language_of(passage.source));
        quote.set("stance", code.cells[c].view.stance ? stance_label(file.stances[*code.cells[c].view.stance]) : std::string());
        quotes.push_back(quote);
      }
      entry.set("has_quotes", !quoted.empty());
      entry.set("quotes", quotes);
      list.push_back(entry);
      table.add({id, scored ? scored->at("name").get<std::string>() : code.name, level, level_name, confidence,
                 std::string(convergence_name(code.category)), code.stance ? file.stances[*code.stance] : "", columns_text(file, support),
                 columns_text(file, dissent), columns_text(file, silent), columns_text(file, not_asked)});
    }
    data_.set("has_indicators", !codes.empty());
    data_.set("indicators", list);
    matrix_figure(codes);
  }

  void matrix_figure(const std::vector<std::string>& codes) {
    const TriangulationFile& file = *inputs_.triangulation;
    const std::size_t shown = std::min(file.columns.size(), options_.max_columns);
    std::vector<std::string> columns;
    for (std::size_t c = 0; c < shown; ++c) columns.push_back(file.columns[c].id);
    std::vector<report::MatrixRow> rows;
    report::Tables::Rows table = tables_.begin("matrix.csv", {"code", "column", "cell", "stance", "category"});
    for (const auto& id : codes) {
      const TriangulationCode& code = *file.find(id);
      report::MatrixRow row{id, {}, {}, category_label(labels_, code.category)};
      for (std::size_t c = 0; c < file.columns.size(); ++c) {
        const ColumnView& view = code.cells[c].view;
        std::string cell;
        double shade = 0;
        if (view.spoke && view.stance) {
          cell = stance_letters(file.stances)[*view.stance];
          shade = file.stances.size() < 2 ? 1.0 : 1.0 - 0.9 * static_cast<double>(*view.stance) / static_cast<double>(file.stances.size() - 1);
        } else if (view.raised != Raised::NotAsked) {
          cell = "·";
        }
        if (c < shown) {
          row.cells.push_back(cell);
          row.shades.push_back(shade);
        }
        table.add({id, file.columns[c].id, cell, view.stance ? file.stances[*view.stance] : "", std::string(convergence_name(code.category))});
      }
      rows.push_back(std::move(row));
    }
    std::string title = label(labels_, "figure_matrix", "Matrix");
    if (shown < file.columns.size()) title += fmt::format(" ({} / {})", shown, file.columns.size());
    add_figure("figure_matrix", "matrix", report::matrix_chart("matrix-chart", title, columns, rows));
  }

  // The letters of the matrix's cells: P, p, A for a codebook of three stances (most favourable
  // first), else the stances' numbers, 1 the most favourable.
  static std::vector<std::string> stance_letters(const std::vector<std::string>& stances) {
    if (stances.size() == 3) return {"P", "p", "A"};
    std::vector<std::string> letters;
    for (std::size_t k = 0; k < stances.size(); ++k) letters.push_back(std::to_string(k + 1));
    return letters;
  }

  std::string matrix_legend() const {
    const TriangulationFile& file = *inputs_.triangulation;
    const auto letters = stance_letters(file.stances);
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < letters.size(); ++k) parts.push_back(letters[k] + " " + stance_label(file.stances[k]));
    return fmt::format("{}: {}, {}", label(labels_, "matrix_cells", "Cells"), join(parts), label(labels_, "matrix_silent", ""));
  }

  std::string language_of(const std::string& source) const {
    if (!inputs_.corpus) return "und";
    const auto found = inputs_.corpus->languages.find(source);
    return found == inputs_.corpus->languages.end() ? "und" : found->second;
  }

  void verdict() {
    if (!inputs_.scores) return;
    const Json& scores = *inputs_.scores;
    mustache::data verdict;
    verdict.set("band", scores.at("verdict").at("band").get<std::string>());
    if (scores.at("verdict").contains("description")) verdict.set("description", scores.at("verdict").at("description").get<std::string>());
    verdict.set("score", optional_number(scores.at("rollup").at("score")));
    const std::string method = scores.at("rollup").at("method").get<std::string>();
    verdict.set("method", label(labels_, "rollup_" + method, method));
    verdict.set("hangs", scores.at("verdict").at("hangs_on_one_source").get<bool>());
    std::vector<std::string> single;
    for (const auto& code : scores.at("verdict").at("single_source_indicators")) single.push_back(code.get<std::string>());
    verdict.set("has_single_source", !single.empty());
    verdict.set("single_source", join(single));
    data_.set("has_verdict", true);
    data_.set("verdict", verdict);
    std::vector<report::Bar> bars;
    for (const auto& indicator : scores.at("indicators")) {
      bars.push_back({indicator.at("name").get<std::string>(), indicator.at("level").get<int>(),
                      fmt::format("{} {}", indicator.at("level").get<int>(), indicator.at("level_name").get<std::string>())});
    }
    const Json& scale = scores.at("rubric").at("scale");
    add_figure("figure_levels", "levels",
               report::level_chart("levels-chart", label(labels_, "figure_levels", "Levels"), bars, scale.front().at("level").get<int>(),
                                   scale.back().at("level").get<int>()));
    // Sensitivity.
    mustache::data sensitivity;
    report::Tables::Rows table =
        tables_.begin("sensitivity.csv", {"kind", "name", "score", "band", "verdict_changes", "level_changes", "share"});
    const auto variants = [&](const std::string& key, const std::string& kind) {
      mustache::data list{mustache::data::type::list};
      for (const auto& variant : scores.at("sensitivity").at(key)) {
        std::vector<std::string> changes;
        for (const auto& change : variant.at("level_changes")) {
          changes.push_back(fmt::format("{} {} → {}", change.at("code").get<std::string>(), change.at("instead_of").get<int>(),
                                        change.at("level").get<int>()));
        }
        mustache::data row;
        row.set("name", variant.at("name").get<std::string>());
        row.set("score", optional_number(variant.at("score")));
        row.set("band", variant.at("band").get<std::string>());
        row.set("verdict_changes", variant.at("verdict_changes").get<bool>());
        row.set("changes", changes.empty() ? label(labels_, "no_change", "no change") : join(changes, "; "));
        list.push_back(row);
        table.add({kind, variant.at("name").get<std::string>(), optional_number(variant.at("score")), variant.at("band").get<std::string>(),
                   variant.at("verdict_changes").get<bool>() ? "true" : "false", join(changes, "; "), ""});
      }
      return list;
    };
    sensitivity.set("leave_one_out", variants("leave_one_out", "leave_one_out"));
    sensitivity.set("has_alternatives", !scores.at("sensitivity").at("alternatives").empty());
    sensitivity.set("alternatives", variants("alternatives", "alternative"));
    if (scores.at("sensitivity").contains("bootstrap")) {
      const Json& bootstrap = scores.at("sensitivity").at("bootstrap");
      mustache::data list{mustache::data::type::list};
      for (const auto& entry : bootstrap.at("verdicts")) {
        mustache::data row;
        row.set("band", entry.at("band").get<std::string>());
        row.set("share", optional_number(entry.at("share")));
        list.push_back(row);
        table.add({"bootstrap", std::to_string(bootstrap.at("samples").get<std::size_t>()) + " samples", "", entry.at("band").get<std::string>(),
                   "", "", optional_number(entry.at("share"))});
      }
      sensitivity.set("has_bootstrap", true);
      sensitivity.set("bootstrap_samples", std::to_string(bootstrap.at("samples").get<std::size_t>()));
      sensitivity.set("bootstrap", list);
    }
    data_.set("has_sensitivity", true);
    data_.set("sensitivity", sensitivity);
  }

  void claims() {
    if (!inputs_.claims) return;
    mustache::data list{mustache::data::type::list};
    report::Tables::Rows table = tables_.begin("claims.csv", {"id", "result", "quote", "message"});
    for (const auto& claim : *inputs_.claims) {
      mustache::data row;
      row.set("id", claim.id);
      row.set("quote", claim.quote);
      row.set("passed", claim.passed);
      row.set("message", claim.message);
      list.push_back(row);
      table.add({claim.id, claim.passed ? "holds" : "does not hold", claim.quote, claim.message});
    }
    data_.set("has_claims", true);
    data_.set("claims", list);
  }

  const ReportOptions& options_;
  const Inputs& inputs_;
  mustache::data data_;
  std::map<std::string, std::string> labels_;
  std::vector<std::pair<std::string, report::Chart>> figures_;
  report::Tables& tables_;
};

std::string render(const std::string& template_name, const fs::path& template_dir, const mustache::data& data,
                   const std::function<std::string(const std::string&)>& escape, std::size_t max_rendered_bytes) {
  return report::render_template(template_name, report::template_text(template_name, template_dir), data, escape, max_rendered_bytes);
}

}  // namespace

void run_report(const ReportOptions& options) {
  if (options.output_dir.empty()) throw usage_error("give --output-dir: the folder for report.md and report.html");
  if (options.lang != "en" && options.lang != "id") throw usage_error(fmt::format("--lang must be en or id, not '{}'", options.lang));
  if (options.corpus.empty() && options.codebook.empty() && options.agreement.empty() && options.triangulation.empty() &&
      options.scores.empty() && options.claims.empty()) {
    throw usage_error("nothing to report: give at least one of --corpus, --codebook, --agreement, --triangulation, --scores, --claims");
  }
  if (options.max_quotes == 0) throw usage_error("--max-quotes must be at least 1");
  if (!options.scores.empty() && options.triangulation.empty()) throw usage_error("--scores needs --triangulation: the indicators' evidence is there");
  Inputs inputs;
  std::vector<std::pair<std::string, fs::path>> files;
  // The corpus is read last, a source at a time, once the sources the triangulation quotes are known.
  if (!options.corpus.empty()) files.emplace_back("corpus", options.corpus);
  if (!options.codebook.empty()) {
    inputs.codebook = load_codebook(options.codebook);
    files.emplace_back("codebook", options.codebook);
  }
  if (!options.agreement.empty()) {
    inputs.agreement = load_validated_json(options.agreement, "agreement");
    files.emplace_back("agreement", options.agreement);
  }
  if (!options.triangulation.empty()) {
    inputs.triangulation = read_triangulation(options.triangulation);
    files.emplace_back("triangulation", options.triangulation);
  }
  if (!options.scores.empty()) {
    inputs.scores = load_validated_json(options.scores, "scores");
    for (const auto& indicator : inputs.scores->at("indicators")) {
      if (inputs.triangulation->find(indicator.at("code").get<std::string>()) == nullptr) {
        throw invalid_input(fmt::format("indicator '{}' is not a code of {}; expected the triangulation the scores were made from",
                                        indicator.at("code").get<std::string>(), options.triangulation),
                            {options.scores});
      }
    }
    files.emplace_back("scores", options.scores);
  }
  if (!options.claims.empty()) {
    inputs.claims = read_claims_result(options.claims);
    files.emplace_back("claims", options.claims);
  }

  const fs::path output_dir(options.output_dir);
  std::vector<fs::path> input_paths;
  for (const auto& [kind, path] : files) input_paths.push_back(path);
  const InputGuard guard(input_paths);
  report::Tables tables(options.tables);
  if (!options.corpus.empty()) {
    inputs.corpus = show_corpus(options.corpus, inputs.triangulation ? quoted_sources(*inputs.triangulation) : std::set<std::string>(),
                                options.max_sources, portable_relative_path(options.corpus, fs::absolute(output_dir)), tables);
  }
  ReportBuilder builder(options, inputs, tables);
  builder.build();
  builder.provenance(files, fs::absolute(output_dir));
  const std::string markdown = render("report.md.mustache", options.template_dir, builder.data(), markdown_escape,
                                        options.max_rendered_bytes);
  const std::string html = render("report.html.mustache", options.template_dir, builder.data(), html_escape,
                                    options.max_rendered_bytes);

  CreatedFolders folders;
  folders.create(output_dir / "figures");
  OutputSet outputs;
  for (const auto& name : {"report.md", "report.html"}) guard.check(output_dir / name);
  // The charts are outputs too: an input kept as figures/matrix.svg was replaced by the chart.
  for (const auto& figure : builder.figures()) guard.check(output_dir / "figures" / (figure.first + ".svg"));
  outputs.add(output_dir / "report.md").stream() << markdown;
  outputs.add(output_dir / "report.html").stream() << html;
  for (const auto& [name, chart] : builder.figures()) outputs.add(output_dir / "figures" / (name + ".svg")).stream() << chart.svg << '\n';
  tables.write(outputs, guard, folders);
  outputs.commit_all();
  folders.keep();
  spdlog::info("wrote {} and {}", (output_dir / "report.md").string(), (output_dir / "report.html").string());
}

}  // namespace qda
