// qda-score: the rubric on every column, then on every column but one, on each alternative
// triangulation and on bootstrap samples of the columns; scores.yaml with what would change the verdict.
#include "qda/score_run.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/error.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "qda/provenance.hpp"
#include "qda/random.hpp"
#include "qda/schema.hpp"
#include "qda/scoring.hpp"
#include "qda/strings.hpp"
#include "qda/version.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

namespace {

namespace fs = std::filesystem;

struct Variant {
  std::string name;
  Scoring scoring;
};

void write_variant(YamlWriter& out, const Variant& variant, const Scoring& main) {
  out.begin_mapping_item();
  out.string_entry("name", variant.name);
  out.number_entry("score", decimal(variant.scoring.score));
  out.string_entry("band", variant.scoring.band->name);
  out.bool_entry("verdict_changes", variant.scoring.band != main.band);
  out.begin_sequence("level_changes");
  for (std::size_t k = 0; k < main.indicators.size(); ++k) {
    const IndicatorScore& now = variant.scoring.indicators[k];
    if (now.level == main.indicators[k].level) continue;
    out.begin_mapping_item();
    out.string_entry("code", now.indicator->code);
    out.integer_entry("level", static_cast<std::uint64_t>(now.level));
    out.integer_entry("instead_of", static_cast<std::uint64_t>(main.indicators[k].level));
    out.end();
  }
  out.end();
  out.end();
}

void write_indicator(YamlWriter& out, const IndicatorScore& indicator, const Rubric& rubric, const TriangulationFile& triangulation) {
  const TriangulationCode& code = *triangulation.find(indicator.indicator->code);
  out.begin_mapping_item();
  out.string_entry("code", code.id);
  out.string_entry("name", indicator.indicator->name);
  out.integer_entry("level", static_cast<std::uint64_t>(indicator.level));
  out.string_entry("level_name", rubric.level(indicator.level).name);
  out.string_entry("decided_by", indicator.decided_by);
  if (!indicator.why.empty()) out.string_entry("why", indicator.why);
  out.begin_sequence("conditions");
  for (const ConditionTrace& trace : indicator.traces) {
    out.begin_mapping_item();
    out.integer_entry("level", static_cast<std::uint64_t>(trace.level));
    out.bool_entry("holds", trace.holds);
    out.string_entry("test", trace.test);
    out.end();
  }
  out.end();
  out.string_entry("confidence", indicator.confidence);
  out.string_entry("confidence_because", indicator.confidence_because);
  out.number_entry("weight", decimal(indicator.indicator->weight));
  out.string_entry("category", convergence_name(indicator.evidence.convergence.category));
  if (indicator.evidence.stance) out.string_entry("stance", triangulation.stances[*indicator.evidence.stance]);
  else out.null_entry("stance");
  // The evidence: the columns holding the indicator's stance, with their segments and passages.
  out.begin_sequence("evidence");
  for (std::size_t c = 0; c < triangulation.columns.size(); ++c) {
    const TriangulationCell& cell = code.cells[c];
    if (!cell.view.spoke || !cell.view.stance || cell.view.stance != indicator.evidence.stance) continue;
    out.begin_mapping_item();
    out.string_entry("column", triangulation.columns[c].id);
    out.string_entry("stance", triangulation.stances[*cell.view.stance]);
    out.flow_sequence_entry("segment_ids", cell.segment_ids);
    if (cell.passage) {
      out.begin_mapping("passage");
      out.string_entry("source", cell.passage->source);
      out.string_entry("segment", cell.passage->segment);
      out.integer_entry("start", cell.passage->start);
      out.integer_entry("end", cell.passage->end);
      out.string_entry("text", cell.passage->text);
      out.end();
    }
    out.end();
  }
  out.end();
  out.end();
}

Provenance score_provenance(const ScoreOptions& options, const fs::path& output_folder, const std::vector<fs::path>& inputs) {
  // NAME=path, the path relative to the output's folder as every path a provenance records.
  YAML::Node alternatives(YAML::NodeType::Sequence);
  for (const auto& alternative : options.alternatives) {
    const std::size_t equals = alternative.find('=');
    alternatives.push_back(alternative.substr(0, equals + 1) + portable_relative_path(alternative.substr(equals + 1), output_folder));
  }
  Provenance provenance{"qda-score", std::string(kVersion), {}, fingerprint_inputs(inputs, output_folder)};
  provenance.options = {{"alternatives", alternatives}, {"bootstrap", YAML::Node(options.bootstrap)}, {"seed", YAML::Node(options.seed)}};
  return provenance;
}

}  // namespace

void run_score(const ScoreOptions& options, std::ostream& stdout_stream) {
  if (options.triangulation.empty()) throw usage_error("give triangulation.yaml (written by qda-triangulate)");
  if (options.rubric.empty()) throw usage_error("give --rubric: the rubric to score with");
  if (options.bootstrap > 100000) throw usage_error("--bootstrap takes at most 100,000 samples");
  const TriangulationFile triangulation = read_triangulation(options.triangulation);
  const Rubric rubric = load_rubric(options.rubric, triangulation);
  std::vector<fs::path> inputs = {options.triangulation, options.rubric};
  std::vector<std::pair<std::string, TriangulationFile>> alternatives;
  for (const auto& alternative : options.alternatives) {
    const std::size_t equals = alternative.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == alternative.size()) {
      throw usage_error(fmt::format("--alternative takes NAME=triangulation.yaml, not '{}'", alternative));
    }
    const std::string name = alternative.substr(0, equals), path = alternative.substr(equals + 1);
    // scores.yaml lists the alternatives by name, and a claim picks one by it ([name=...]).
    if (std::any_of(alternatives.begin(), alternatives.end(), [&](const auto& seen) { return seen.first == name; })) {
      throw usage_error(fmt::format("--alternative '{}' is named twice; expected a name for each alternative", name));
    }
    TriangulationFile file = read_triangulation(path);
    // The rubric must fit the alternative too: the same codes and stances.
    load_rubric(options.rubric, file);
    alternatives.emplace_back(name, std::move(file));
    inputs.push_back(path);
  }

  const std::vector<std::size_t> all = all_columns(triangulation);
  const Scoring main = score(rubric, triangulation, all);
  std::vector<Variant> left_out;
  if (all.size() > 1) {
    // Each code's pairs compared once for all the columns left out (was a comparison of every pair per
    // column: cubic in the sources).
    std::map<std::string, LeaveOneOutPairs> pairs;
    for (std::size_t c = 0; c < all.size(); ++c) {
      std::vector<std::size_t> others;
      for (const std::size_t other : all) {
        if (other != c) others.push_back(other);
      }
      const auto pairs_leaving_out_c = [&](const std::string& code) {
        auto found = pairs.find(code);
        if (found == pairs.end()) found = pairs.emplace(code, LeaveOneOutPairs(triangulation, *triangulation.find(code))).first;
        return found->second.leaving_out(c);
      };
      left_out.push_back({triangulation.columns[c].id, score(rubric, triangulation, others, pairs_leaving_out_c)});
    }
  }
  std::vector<Variant> alternative_scores;
  for (const auto& [name, file] : alternatives) {
    const Rubric fitted = load_rubric(options.rubric, file);
    Scoring scoring = score(fitted, file, all_columns(file));
    // Levels are compared indicator by indicator, so the variant's point at the main rubric's bands and indicators.
    scoring.band = &rubric.band_of(scoring.score);
    for (std::size_t k = 0; k < scoring.indicators.size(); ++k) scoring.indicators[k].indicator = main.indicators[k].indicator;
    alternative_scores.push_back({name, std::move(scoring)});
  }
  std::map<std::string, std::size_t> bootstrap_bands;
  if (options.bootstrap > 0) {
    std::mt19937_64 bits(options.seed);
    for (std::size_t sample = 0; sample < options.bootstrap; ++sample) {
      std::vector<std::size_t> drawn(all.size());
      for (auto& column : drawn) column = static_cast<std::size_t>(uniform_index(bits, all.size()));
      ++bootstrap_bands[score(rubric, triangulation, drawn).band->name];
    }
  }

  const bool to_stdout = options.output.empty() || options.output == "-";
  const fs::path output_folder = to_stdout ? fs::current_path() : fs::absolute(options.output).parent_path();
  if (!to_stdout) InputGuard(inputs).check(options.output);
  YamlWriter out;
  out.string_entry("kind", "qda/scores");
  out.integer_entry("version", 1);
  write_provenance(out, score_provenance(options, output_folder, inputs));
  out.begin_mapping("rubric");
  out.string_entry("title", rubric.title);
  if (!rubric.source.empty()) out.string_entry("source", rubric.source);
  out.begin_sequence("scale");
  for (const ScaleLevel& level : rubric.scale) {
    out.begin_mapping_item();
    out.integer_entry("level", static_cast<std::uint64_t>(level.level));
    out.string_entry("name", level.name);
    if (!level.description.empty()) out.string_entry("description", level.description);
    out.end();
  }
  out.end();
  out.end();
  out.begin_sequence("indicators");
  for (const IndicatorScore& indicator : main.indicators) write_indicator(out, indicator, rubric, triangulation);
  out.end();
  out.begin_mapping("rollup");
  out.string_entry("method", rubric.rollup);
  out.number_entry("score", decimal(main.score));
  if (rubric.weights_sum) out.number_entry("weights_sum", decimal(*rubric.weights_sum));
  out.end();
  std::vector<std::string> single_source;
  for (const IndicatorScore& indicator : main.indicators) {
    if (indicator.evidence.single_source) single_source.push_back(indicator.indicator->code);
  }
  bool hangs = false;
  for (const Variant& variant : left_out) hangs = hangs || variant.scoring.band != main.band;
  out.begin_mapping("verdict");
  out.string_entry("band", main.band->name);
  if (!main.band->description.empty()) out.string_entry("description", main.band->description);
  out.number_entry("from", decimal(main.band->from));
  out.number_entry("below", decimal(main.band->below));
  out.flow_sequence_entry("single_source_indicators", single_source);
  out.bool_entry("hangs_on_one_source", hangs);
  out.end();
  out.begin_mapping("sensitivity");
  out.begin_sequence("leave_one_out");
  for (const Variant& variant : left_out) write_variant(out, variant, main);
  out.end();
  out.begin_sequence("alternatives");
  for (const Variant& variant : alternative_scores) write_variant(out, variant, main);
  out.end();
  if (options.bootstrap > 0) {
    out.begin_mapping("bootstrap");
    out.integer_entry("samples", options.bootstrap);
    out.integer_entry("seed", options.seed);
    out.begin_sequence("verdicts");
    for (const VerdictBand& band : rubric.bands) {
      const auto found = bootstrap_bands.find(band.name);
      if (found == bootstrap_bands.end()) continue;
      out.begin_mapping_item();
      out.string_entry("band", band.name);
      out.number_entry("share", decimal(static_cast<double>(found->second) / static_cast<double>(options.bootstrap)));
      out.end();
    }
    out.end();
    out.end();
  }
  out.end();
  const std::string& yaml = out.text();
  validate_output(yaml, "scores", "scores.yaml (as about to be written)");
  if (to_stdout) {
    stdout_stream << yaml;
  } else {
    OutputSet outputs;
    outputs.add(options.output).stream() << yaml;
    outputs.commit_all();
  }
  spdlog::info("scored {} indicators: {} ({}), verdict: {}{}", main.indicators.size(), decimal(main.score), rubric.rollup, main.band->name,
               hangs ? "; it hangs on one source" : "");
}

}  // namespace qda
