// qda-agree: builds reliability data (per code: presence per segment, and stance where coded; overall:
// every segment × code), computes every coefficient that applies, and writes agreement.yaml.
#include "qda/agree_run.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include "qda/agreement.hpp"
#include "qda/codebook.hpp"
#include "qda/coded_units.hpp"
#include "qda/coefficient_table.hpp"
#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/file.hpp"
#include "qda/hash.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "qda/provenance.hpp"
#include "qda/reliability_data.hpp"
#include "qda/schema.hpp"
#include "qda/strings.hpp"
#include "qda/version.hpp"
#include "qda/yaml.hpp"

namespace qda {

namespace {

namespace fs = std::filesystem;

struct Scope {
  std::string name;  // a code id, "overall" or "ratings"
  std::string kind;  // presence, stance, ratings
  ReliabilityData data;
  Metric metric = Metric::Nominal;
  std::vector<AgreementWeights> weights;  // the weighted coefficients to report (ratings only)
};

void write_result(YamlWriter& out, const AgreementResult& result, const AlphaBootstrap* bootstrap,
                  const AgreeOptions& options) {
  out.begin_mapping_item();
  out.string_entry("coefficient", result.coefficient);
  out.string_entry("metric", result.metric);
  if (!result.category.empty()) out.string_entry("category", result.category);
  if (result.value) out.number_entry("value", shortest_decimal(*result.value));
  else out.null_entry("value");
  if (!result.value) out.string_entry("undefined_because", result.undefined_because);
  out.number_entry("observed", shortest_decimal(result.observed));
  out.number_entry("expected", shortest_decimal(result.expected));
  const std::optional<double> population =
      options.population > 0 ? std::optional<double>(static_cast<double>(options.population)) : std::nullopt;
  if (const auto interval = gwet_interval(result, options.level, population)) {
    out.number_entry("standard_error", shortest_decimal(interval->standard_error));
    out.flow_mapping_entry("confidence_interval", {{"level", shortest_decimal(interval->level)},
                                                   {"lower", shortest_decimal(interval->lower)},
                                                   {"upper", shortest_decimal(interval->upper)}});
  }
  out.integer_entry("units", result.counts.units);
  out.integer_entry("units_used", result.counts.units_used);
  out.integer_entry("units_one_value", result.counts.units_one_value);
  out.integer_entry("pairable_values", result.counts.pairable_values);
  out.integer_entry("coders", result.counts.coders);
  if (!result.counts.coders_without_values.empty()) {
    out.flow_sequence_entry("coders_without_values", result.counts.coders_without_values);
  }
  if (bootstrap != nullptr) {
    out.begin_mapping("bootstrap");
    out.integer_entry("samples", bootstrap->samples);
    out.integer_entry("seed", bootstrap->seed);
    out.number_entry("level", shortest_decimal(bootstrap->level));
    if (bootstrap->lower) out.number_entry("lower", shortest_decimal(*bootstrap->lower));
    else out.null_entry("lower");
    if (bootstrap->upper) out.number_entry("upper", shortest_decimal(*bootstrap->upper));
    else out.null_entry("upper");
    out.begin_sequence("below");
    for (const auto& below : bootstrap->below) {
      out.flow_mapping_item({{"minimum", shortest_decimal(below.minimum)}, {"probability", shortest_decimal(below.probability)}});
    }
    out.end();
    out.end();
  }
  out.end();
}

// Every coefficient of the table that applies to the data (coefficient_table.hpp), alpha with its
// bootstrap when asked.
void write_scope(YamlWriter& out, const Scope& scope, const AgreeOptions& options) {
  out.begin_mapping_item();
  out.string_entry("scope", scope.name);
  out.string_entry("data", scope.kind);
  out.string_entry("unit_of_comparison", scope.data.unit_of_comparison());
  out.begin_sequence("coefficients");
  CoefficientRequest request;
  request.metric = scope.metric;
  request.weights = scope.weights;
  if (options.bootstrap > 0) {
    request.bootstrap.emplace();
    request.bootstrap->seed = options.seed;
    request.bootstrap->samples = options.bootstrap;
    request.bootstrap->level = options.level;
    request.bootstrap->minimums = options.minimums;
  }
  for (const auto& value : compute_coefficients(scope.data, request)) {
    write_result(out, value.result, value.bootstrap ? &*value.bootstrap : nullptr, options);
  }
  out.end();
  out.end();
}

struct Unit {
  std::string id;
  std::string source;
  std::string speaker;
  std::string text;  // kept only with --disagreements, for units some selected coder coded
};

struct CodingsInput {
  std::vector<std::string> coders;
  std::vector<std::string> codes;
  std::vector<std::string> stances;  // in codebook order when a codebook is given
  std::vector<Unit> units;
  // (unit index, index into codes) -> for each coder, the stance given as an index into stance_names,
  // kNotCoded where the coder did not code it. Indexes rather than strings: a sample of 170,000
  // codings held its segment ids, codes and stances as strings, most of qda-agree's memory.
  static constexpr std::int32_t kNotCoded = -1;
  std::unordered_map<std::uint64_t, std::vector<std::int32_t>> coded;
  InternedStrings stance_names;

  static std::uint64_t key(std::size_t unit, std::size_t code) { return (static_cast<std::uint64_t>(unit) << 32) | code; }
};

std::vector<std::string> order_by(const std::set<std::string, std::less<>>& found, const std::vector<std::string>& preferred) {
  std::vector<std::string> ordered;
  for (const auto& item : preferred) {
    if (found.count(item)) ordered.push_back(item);
  }
  for (const auto& item : found) {
    if (std::find(ordered.begin(), ordered.end(), item) == ordered.end()) ordered.push_back(item);
  }
  return ordered;
}

CodingsInput read_codings_input(const AgreeOptions& options, const CorpusInfo& corpus) {
  CodingsInput input;
  std::vector<std::string> code_order, stance_order;
  if (!options.codebook.empty()) {
    const Codebook codebook = load_codebook(options.codebook);
    for (const auto& code : codebook.codes) code_order.push_back(code.id);
    stance_order = codebook.stances.values;
  }
  const auto chosen_coder = [&](std::string_view coder) {
    return options.coders.empty() ? coder != kAutoCoder
                                  : std::find(options.coders.begin(), options.coders.end(), coder) != options.coders.end();
  };
  const auto chosen_code = [&](std::string_view code) {
    return options.codes.empty() || std::find(options.codes.begin(), options.codes.end(), code) != options.codes.end();
  };
  // One pass over the segments and their codings: the units (every segment the coders could code:
  // participants' turns unless --all-segments, and any segment a chosen coder coded), and the codings
  // of the chosen coders and codes, whose coders and codes get their indexes once all are known.
  struct Chosen {
    std::uint32_t unit, code, coder, stance;  // the unit's index in input.units; the others interned
  };
  std::vector<Chosen> chosen;
  InternedStrings chosen_codes, chosen_coders;
  std::set<std::string, std::less<>> coders_found, codes_found, stances_found;
  // A source's units are kept once the source is known to be in the sample the compared coders coded:
  // some coder of theirs coded one of its segments (or --all-sources). A segment there that no one
  // coded is agreement on "not coded"; a source they never opened says nothing of their agreement.
  std::vector<Unit> source_units;
  std::string current_source_id;
  bool source_read = false;
  std::size_t sources_read = 0, sources_unread = 0;
  const auto close_source = [&] {
    if (!source_units.empty()) {
      if (source_read || options.all_sources) {
        ++sources_read;
        input.units.insert(input.units.end(), std::make_move_iterator(source_units.begin()), std::make_move_iterator(source_units.end()));
      } else {
        ++sources_unread;
      }
    }
    source_units.clear();
    source_read = false;  // also after a source with no units, whose coded questions must not carry over
  };
  CodedUnitReader reader(corpus, options.codings, options.jobs > 1);
  CodedUnit unit;
  while (reader.next(unit)) {
    if (unit.segment.source != current_source_id) {
      close_source();
      current_source_id = std::string(unit.segment.source);
    }
    bool coded = false;
    for (const auto& coding : unit.codings) {
      if (!coders_found.contains(coding.coder)) coders_found.emplace(coding.coder);
      if (chosen_coder(coding.coder)) source_read = true;
      if (!chosen_coder(coding.coder) || !chosen_code(coding.code)) continue;
      coded = true;
      if (!codes_found.contains(coding.code)) codes_found.emplace(coding.code);
      if (!stances_found.contains(coding.stance)) stances_found.emplace(coding.stance);
      // A coded unit is kept (below), and so are its source's: it will stand at this index.
      const auto unit_index = static_cast<std::uint32_t>(input.units.size() + source_units.size());
      chosen.push_back({unit_index, chosen_codes.index(coding.code), chosen_coders.index(coding.coder), input.stance_names.index(coding.stance)});
    }
    if (unit.segment.interviewer && !options.all_segments && !coded) continue;
    source_units.push_back({std::string(unit.segment.id), std::string(unit.segment.source), std::string(unit.segment.speaker),
                            coded && !options.disagreements.empty() ? std::string(unit.segment.text) : std::string()});
  }
  close_source();
  if (sources_unread > 0) {
    spdlog::info("units: the segments of the {} sources the compared coders coded; {} sources none of them coded are left "
                 "out (--all-sources counts them)",
                 sources_read, sources_unread);
  }
  if (options.coders.empty()) {
    for (const auto& coder : coders_found) {
      if (coder != kAutoCoder) input.coders.push_back(coder);
    }
  } else {
    input.coders = options.coders;
    for (const auto& coder : input.coders) {
      if (!coders_found.count(coder)) {
        throw usage_error(fmt::format("--coders names '{}', who has no codings in {}", coder, options.codings));
      }
    }
  }
  if (input.coders.size() < 2) {
    const std::vector<std::string> found(coders_found.begin(), coders_found.end());
    throw usage_error(fmt::format("agreement needs at least two coders; {} has codings by: {} (choose with --coders)",
                                  options.codings, found.empty() ? "nobody" : join(found)));
  }
  for (const auto& code : options.codes) {
    const bool known = code_order.empty() ? codes_found.count(code) > 0
                                          : std::find(code_order.begin(), code_order.end(), code) != code_order.end();
    if (!known) {
      throw usage_error(fmt::format("--codes names '{}', which is {}", code,
                                    code_order.empty() ? "not coded by the coders (give --codebook to allow uncoded codes)"
                                                       : "not a code of the codebook"));
    }
  }
  input.codes = options.codes.empty() ? order_by(codes_found, code_order) : options.codes;
  input.stances = order_by(stances_found, stance_order);
  // The interned coders and codes as indexes into input.coders and input.codes.
  const auto position_of = [](const std::vector<std::string>& list, const std::string& value) {
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), value) - list.begin());
  };
  std::vector<std::size_t> coder_at, code_at;
  for (const auto& coding : chosen) {
    while (coder_at.size() <= coding.coder) coder_at.push_back(position_of(input.coders, chosen_coders[static_cast<std::uint32_t>(coder_at.size())]));
    while (code_at.size() <= coding.code) code_at.push_back(position_of(input.codes, chosen_codes[static_cast<std::uint32_t>(code_at.size())]));
    auto& stances = input.coded[CodingsInput::key(coding.unit, code_at[coding.code])];
    stances.resize(input.coders.size(), CodingsInput::kNotCoded);
    // A coder may code one segment with a code several times (spans): one stance per unit, the first.
    auto& cell = stances[coder_at[coding.coder]];
    if (cell == CodingsInput::kNotCoded) cell = static_cast<std::int32_t>(coding.stance);
  }
  return input;
}

// The stances coder by coder for one unit and code (indexes into stance_names), or nullptr if no coder
// coded it.
const std::vector<std::int32_t>* stances_of(const CodingsInput& input, std::size_t unit, std::size_t code) {
  auto found = input.coded.find(CodingsInput::key(unit, code));
  return found == input.coded.end() ? nullptr : &found->second;
}

std::vector<Scope> codings_scopes(const CodingsInput& input) {
  std::vector<Scope> scopes;
  const std::string presence_unit = "segment (presence of the code: coded or not)";
  const std::string stance_unit = "segment (stance, where at least two coders coded the code)";
  ReliabilityDataBuilder overall_presence(input.coders, "segment × code (presence)");
  ReliabilityDataBuilder overall_stance(input.coders, "segment × code (stance, where at least two coders coded it)");
  std::vector<std::string> presence(input.coders.size()), stance(input.coders.size());
  for (std::size_t k = 0; k < input.codes.size(); ++k) {
    const std::string& code = input.codes[k];
    ReliabilityDataBuilder code_presence(input.coders, presence_unit);
    ReliabilityDataBuilder code_stance(input.coders, stance_unit);
    for (std::size_t u = 0; u < input.units.size(); ++u) {
      const auto* stances = stances_of(input, u, k);
      std::size_t coders_who_coded = 0;
      for (std::size_t c = 0; c < input.coders.size(); ++c) {
        const bool coded = stances != nullptr && (*stances)[c] != CodingsInput::kNotCoded;
        coders_who_coded += coded;
        presence[c] = coded ? "coded" : "not coded";
        stance[c] = coded ? input.stance_names[static_cast<std::uint32_t>((*stances)[c])] : "";
      }
      // Stances are compared where at least two coders coded the code (the presence data covers
      // the rest), so no coefficient's chance term counts a stance nobody could disagree with.
      if (coders_who_coded < 2) std::fill(stance.begin(), stance.end(), std::string());
      code_presence.add_unit(presence);
      code_stance.add_unit(stance);
      overall_presence.add_unit(presence);
      overall_stance.add_unit(stance);
    }
    scopes.push_back({code, "presence", std::move(code_presence).build({"not coded", "coded"}), Metric::Nominal, {}});
    scopes.push_back({code, "stance", std::move(code_stance).build(input.stances), Metric::Nominal, {}});
  }
  scopes.push_back({"overall", "presence", std::move(overall_presence).build({"not coded", "coded"}), Metric::Nominal, {}});
  scopes.push_back({"overall", "stance", std::move(overall_stance).build(input.stances), Metric::Nominal, {}});
  return scopes;
}

void write_disagreements(std::ostream& out, const CodingsInput& input) {
  CsvWriter csv(out);
  std::vector<std::string> header = {"source", "segment", "speaker", "code", "differ_on"};
  header.insert(header.end(), input.coders.begin(), input.coders.end());
  header.push_back("text");
  csv.write_row(header);
  for (std::size_t u = 0; u < input.units.size(); ++u) {
    const Unit& unit = input.units[u];
    for (std::size_t k = 0; k < input.codes.size(); ++k) {
      const auto* stances = stances_of(input, u, k);
      if (stances == nullptr) continue;
      std::set<bool> coded;
      std::set<std::int32_t> given;
      for (const std::int32_t stance : *stances) {
        coded.insert(stance != CodingsInput::kNotCoded);
        if (stance != CodingsInput::kNotCoded) given.insert(stance);
      }
      const char* differ_on = coded.size() > 1 ? "presence" : given.size() > 1 ? "stance" : nullptr;
      if (differ_on == nullptr) continue;
      std::vector<std::string> row = {unit.source, unit.id, unit.speaker, input.codes[k], differ_on};
      for (const std::int32_t stance : *stances) {
        row.push_back(stance == CodingsInput::kNotCoded ? "-" : input.stance_names[static_cast<std::uint32_t>(stance)]);
      }
      row.push_back(unit.text);
      csv.write_row(row);
    }
  }
}

Provenance agree_provenance(const AgreeOptions& options, std::vector<InputFingerprint> inputs) {
  Provenance provenance{"qda-agree", std::string(kVersion), {}, {}};
  const auto list = [](const auto& values) {
    YAML::Node node(YAML::NodeType::Sequence);
    for (const auto& value : values) node.push_back(value);
    return node;
  };
  provenance.options = {{"coders", list(options.coders)},
                        {"codes", list(options.codes)},
                        {"all_segments", YAML::Node(options.all_segments)},
                        {"all_sources", YAML::Node(options.all_sources)},
                        {"metric", YAML::Node(options.metric)},
                        {"categories", list(options.categories)},
                        {"missing", list(options.missing)},
                        {"weights", list(options.weights)},
                        {"population", options.population > 0 ? YAML::Node(options.population) : YAML::Node(YAML::NodeType::Null)},
                        {"bootstrap", YAML::Node(options.bootstrap)},
                        {"seed", YAML::Node(options.seed)},
                        {"level", YAML::Node(shortest_decimal(options.level))},
                        {"minimums", list([&] {
                           std::vector<std::string> texts;
                           for (const double minimum : options.minimums) texts.push_back(shortest_decimal(minimum));
                           return texts;
                         }())}};
  provenance.inputs = std::move(inputs);
  return provenance;
}

// An input read from its bytes: its path relative to the output's folder ("-" for standard input).
InputFingerprint fingerprint_of(const std::string& name, const std::string& bytes, const fs::path& output_folder) {
  return {is_standard_input(name) ? name : portable_relative_path(name, output_folder), sha256_hex(bytes)};
}

// The weighted coefficients' weights for ratings: the named schemes on the categories' positions
// (ordinal) or numbers (interval, ratio), then a --weights-file matrix. Linear and quadratic by default
// for ordered data; nominal data takes none.
std::vector<AgreementWeights> ratings_weights(const AgreeOptions& options, Metric metric, const ReliabilityData& data,
                                              const fs::path& output_folder, std::vector<InputFingerprint>& fingerprints) {
  std::vector<std::string> names = options.weights;
  const bool none = names.size() == 1 && names[0] == "none";
  if (none) names.clear();
  if (metric == Metric::Nominal) {
    if (!names.empty() || !options.weights_file.empty()) {
      throw usage_error("nominal categories have no order to weigh disagreements by: --weights and --weights-file "
                        "need --metric ordinal, interval or ratio");
    }
    return {};
  }
  if (options.weights.empty()) names = {"linear", "quadratic"};
  std::vector<AgreementWeights> weights;
  if (!names.empty()) {
    const std::vector<double> scores = category_scores(data, metric_needs_numbers(metric));
    for (const auto& name : names) {
      if (name == "none") throw usage_error("--weights none stands alone: it asks for no weighted coefficients");
      weights.emplace_back(parse_weight_scheme(name), scores);
    }
  }
  if (!options.weights_file.empty()) {
    const std::string bytes = read_input(options.weights_file);
    weights.push_back(read_weights_csv(bytes, input_display_name(options.weights_file), data));
    fingerprints.push_back(fingerprint_of(options.weights_file, bytes, output_folder));
  }
  return weights;
}

void check_options(const AgreeOptions& options) {
  if (!(options.level > 0 && options.level < 1)) throw usage_error("--level must lie strictly between 0 and 1");
  for (const double minimum : options.minimums) {
    if (!std::isfinite(minimum)) throw usage_error("--minimum must be a finite number");
  }
  if (options.bootstrap > 1000000) throw usage_error("--bootstrap takes at most 1,000,000 samples");
  if (options.jobs == 0) throw usage_error("--jobs must be at least 1");
  if (is_standard_input(options.weights_file) && is_standard_input(options.ratings)) {
    throw usage_error("--ratings and --weights-file cannot both be read from standard input");
  }
  const auto duplicated = [](const std::vector<std::string>& values) {
    std::set<std::string> seen;
    for (const auto& value : values) {
      if (!seen.insert(value).second) return value;
    }
    return std::string();
  };
  if (const auto coder = duplicated(options.coders); !coder.empty()) throw usage_error(fmt::format("--coders names '{}' twice", coder));
  if (const auto code = duplicated(options.codes); !code.empty()) throw usage_error(fmt::format("--codes names '{}' twice", code));
  if (const auto weights = duplicated(options.weights); !weights.empty()) {
    throw usage_error(fmt::format("--weights names '{}' twice", weights));
  }
  check_distinct_outputs({{"--output", options.output}, {"--disagreements", options.disagreements}});
}

}  // namespace

void run_agree(const AgreeOptions& options, std::ostream& stdout_stream) {
  check_options(options);
  const bool ratings_mode = !options.ratings.empty();
  if (ratings_mode == !options.codings.empty()) {
    throw usage_error("give either codings.csv (with --corpus) or --ratings, not both and not neither");
  }
  if (!ratings_mode && options.corpus.empty()) throw usage_error("codings need --corpus: the segments are the units");
  if (ratings_mode && !options.disagreements.empty()) throw usage_error("--disagreements needs codings, not --ratings");

  const bool to_stdout = options.output.empty() || options.output == "-";
  const fs::path output_folder = to_stdout ? fs::current_path() : fs::absolute(options.output).parent_path();
  std::vector<fs::path> inputs;  // the files a run reads, which no output may overwrite
  std::vector<InputFingerprint> fingerprints;
  std::vector<Scope> scopes;
  std::vector<std::string> coders;
  std::string unit_of_comparison;
  std::optional<CodingsInput> codings;
  if (ratings_mode) {
    RatingsOptions ratings;
    ratings.metric = parse_metric(options.metric);
    ratings.category_order = options.categories;
    ratings.missing_labels = options.missing;
    const std::string name = input_display_name(options.ratings);
    ratings.unit_of_comparison = "row of " + (is_standard_input(options.ratings) ? name : fs::path(name).filename().string());
    // Read once and hashed from the same bytes: a pipe or standard input cannot be read again.
    const std::string bytes = read_input(options.ratings);
    std::istringstream in(bytes);
    ReliabilityData data = read_ratings(in, name, ratings);
    coders = data.coders();
    unit_of_comparison = data.unit_of_comparison();
    std::vector<AgreementWeights> weights = ratings_weights(options, ratings.metric, data, output_folder, fingerprints);
    scopes.push_back({"ratings", "ratings", std::move(data), ratings.metric, std::move(weights)});
    fingerprints.insert(fingerprints.begin(), fingerprint_of(options.ratings, bytes, output_folder));
    if (!is_standard_input(options.ratings)) inputs.push_back(options.ratings);
    if (!options.weights_file.empty() && !is_standard_input(options.weights_file)) inputs.push_back(options.weights_file);
  } else {
    if (parse_metric(options.metric) != Metric::Nominal) {
      throw usage_error("codes and stances are nominal: --metric applies to --ratings only");
    }
    if (!options.weights.empty() || !options.weights_file.empty()) {
      throw usage_error("codes and stances are nominal: --weights and --weights-file apply to ordered --ratings only");
    }
    // The units are segments, named by their source's id: of the sources nothing else is needed
    // (ten thousand titles, attribute sets and text paths at a gigabyte).
    const CorpusInfo corpus = read_corpus(options.corpus, SourceFields::IdAndLanguage);
    codings = read_codings_input(options, corpus);
    coders = codings->coders;
    unit_of_comparison = "segment";
    scopes = codings_scopes(*codings);
    inputs = {options.codings, options.corpus, corpus.segments_path};
    if (!options.codebook.empty()) inputs.push_back(options.codebook);
    fingerprints = fingerprint_inputs(inputs, output_folder);
  }

  const InputGuard guard(inputs);
  if (!to_stdout) guard.check(options.output);
  if (!options.disagreements.empty()) guard.check(options.disagreements);

  YamlWriter out;
  out.string_entry("kind", "qda/agreement");
  out.integer_entry("version", 1);
  write_provenance(out, agree_provenance(options, std::move(fingerprints)));
  out.string_entry("unit_of_comparison", unit_of_comparison);
  out.flow_sequence_entry("coders", coders);
  out.begin_sequence("results");
  for (const auto& scope : scopes) write_scope(out, scope, options);
  out.end();
  const std::string& yaml = out.text();
  validate_output(yaml, "agreement", "agreement.yaml (as about to be written)");

  OutputSet outputs;
  if (!to_stdout) outputs.add(options.output).stream() << yaml;
  if (!options.disagreements.empty()) write_disagreements(outputs.add(options.disagreements).stream(), *codings);
  outputs.commit_all();
  if (to_stdout) stdout_stream << yaml;
  spdlog::info("agreement of {} coders over {} result sets", coders.size(), scopes.size());
}

}  // namespace qda
