// qda-triangulate: which codings count, the columns, one pass over the coded segments, the matrix
// worked out code by code (on -j threads, in code order), and the three outputs written whole.
#include "qda/triangulate_run.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "matrix.hpp"
#include "qda/coded_units.hpp"
#include "qda/codebook.hpp"
#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/error.hpp"
#include "qda/examples.hpp"
#include "qda/file.hpp"
#include "qda/ordered_pipeline.hpp"
#include "qda/output.hpp"
#include "qda/provenance.hpp"
#include "qda/schema.hpp"
#include "qda/strings.hpp"
#include "qda/text.hpp"
#include "qda/version.hpp"
#include "qda/yaml.hpp"
#include "tally.hpp"
#include "writer.hpp"

namespace qda {

namespace {

namespace fs = std::filesystem;
using triangulate::CodeResult;

void check_options(const TriangulateOptions& options) {
  if (options.codings.empty()) throw usage_error("give codings.csv (written by qda-code)");
  if (options.corpus.empty()) throw usage_error("give --corpus: the corpus.yaml the codings' segments come from");
  if (options.codebook.empty()) throw usage_error("give --codebook: it orders the codes and their stances");
  if (!options.coder.empty() && !options.consensus.empty()) throw usage_error("give --coder or --consensus, not both");
  if (!options.coders.empty() && options.consensus.empty() && !options.each_coder) {
    throw usage_error("--coders chooses the coders of --consensus or --each-coder");
  }
  if (options.tie != "cautious" && options.tie != "favourable") {
    throw usage_error(fmt::format("--tie must be cautious or favourable, not '{}'", options.tie));
  }
  if (!(options.prominence_ratio >= 1) || !std::isfinite(options.prominence_ratio)) {
    throw usage_error("--prominence-ratio must be a number of at least 1");
  }
  for (const auto& [name, share] : {std::pair{"--agreement-share", options.agreement_share},
                                    {"--dissonance-share", options.dissonance_share},
                                    {"--generic-example-share", options.generic_example_share}}) {
    if (!(share >= 0 && share <= 1)) throw usage_error(fmt::format("{} must lie between 0 and 1", name));
  }
  // triangulation.yaml records each rule with six decimals, and qda-score decides again from what it
  // records: a threshold between two such decimals would be decided on one value here and another there.
  for (const auto& [name, value] : {std::pair{"--prominence-ratio", options.prominence_ratio},
                                    {"--agreement-share", options.agreement_share},
                                    {"--dissonance-share", options.dissonance_share},
                                    {"--generic-example-share", options.generic_example_share}}) {
    const std::string recorded = decimal(value);
    double read_back = 0;
    std::from_chars(recorded.data(), recorded.data() + recorded.size(), read_back);
    if (read_back != value) {
      throw usage_error(fmt::format("{} {}: at most six decimals, as triangulation.yaml records it (e.g. {})", name,
                                    shortest_decimal(value), recorded));
    }
  }
  if (options.jobs == 0) throw usage_error("--jobs must be at least 1");
  if (options.max_examples == 0) throw usage_error("--max-examples must be at least 1");
  check_distinct_outputs({{"--output", options.output}, {"--matrix", options.matrix}, {"--pairs", options.pairs}});
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::lower_bound(names.begin(), names.end(), name) - names.begin());
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::binary_search(names.begin(), names.end(), name);
}

std::vector<std::string> human_coders(const std::vector<std::string>& names) {
  std::vector<std::string> humans;
  for (const auto& name : names) {
    if (name != kAutoCoder) humans.push_back(name);
  }
  return humans;
}

// The main selection of codings, from --coder or --consensus (or the only human coder).
triangulate::Selection main_selection(const TriangulateOptions& options, const std::vector<std::string>& names) {
  const std::string found = names.empty() ? "nobody" : join(names);
  triangulate::Selection selection;
  if (!options.consensus.empty()) {
    const std::vector<std::string> chosen = options.coders.empty() ? human_coders(names) : options.coders;
    for (const auto& coder : chosen) {
      if (!has(names, coder)) throw usage_error(fmt::format("--coders names '{}', who has no codings in {} (coders: {})", coder, options.codings, found));
      selection.coders.push_back(index_of(names, coder));
    }
    std::sort(selection.coders.begin(), selection.coders.end());
    selection.coders.erase(std::unique(selection.coders.begin(), selection.coders.end()), selection.coders.end());
    if (selection.coders.size() < 2) {
      throw usage_error(fmt::format("a consensus needs at least two coders; {} has codings by: {}", options.codings, found));
    }
    if (options.consensus == "all") {
      selection.minimum = selection.coders.size();
    } else {
      std::size_t k = 0;
      const auto [end, error] = std::from_chars(options.consensus.data(), options.consensus.data() + options.consensus.size(), k);
      if (error != std::errc() || end != options.consensus.data() + options.consensus.size() || k == 0) {
        throw usage_error(fmt::format("--consensus must be 'all' or a number of coders of at least 1, not '{}'", options.consensus));
      }
      if (k > selection.coders.size()) {
        throw usage_error(fmt::format("--consensus {} needs at least {} coders, and {} are chosen", k, k, selection.coders.size()));
      }
      selection.minimum = k;
    }
    selection.name = "consensus";
    return selection;
  }
  std::string coder = options.coder;
  if (coder.empty()) {
    const auto humans = human_coders(names);
    if (humans.size() != 1) {
      throw usage_error(fmt::format("{} has codings by {}: choose whose count with --coder NAME or --consensus all|K", options.codings,
                                    found));
    }
    coder = humans.front();
  }
  if (!has(names, coder)) throw usage_error(fmt::format("--coder names '{}', who has no codings in {} (coders: {})", coder, options.codings, found));
  selection.name = coder;
  selection.coders = {index_of(names, coder)};
  return selection;
}

// The line of corpus.yaml that opens a source's entry, for messages about it.
std::size_t line_of_source(const fs::path& corpus, const std::string& id) {
  const std::string text = read_file(corpus);
  std::size_t line = 1;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view row = std::string_view(text).substr(at, end - at);
    if (row == "  - id: " + id || row == "  - id: \"" + id + "\"") return line;
    at = end + 1;
    ++line;
  }
  return 0;
}

std::vector<triangulate::Column> make_columns(const TriangulateOptions& options, const CorpusInfo& corpus) {
  std::vector<triangulate::Column> columns;
  if (options.by == "source") {
    for (std::size_t s = 0; s < corpus.sources.size(); ++s) {
      columns.push_back({corpus.sources[s].id, {s}, corpus.sources[s].attributes, 0});
    }
    return columns;
  }
  for (std::size_t s = 0; s < corpus.sources.size(); ++s) {
    const auto& attributes = corpus.sources[s].attributes;
    const auto found = std::find_if(attributes.begin(), attributes.end(), [&](const auto& entry) { return entry.first == options.by; });
    if (found == attributes.end() || trim(found->second).empty()) {
      throw invalid_input(fmt::format("source '{}' has no '{}' attribute; --by needs it for every source (add the column to "
                                      "the attribute sheet and import again)",
                                      corpus.sources[s].id, options.by),
                          {corpus.path.string(), line_of_source(corpus.path, corpus.sources[s].id)});
    }
    auto column = std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.id == found->second; });
    if (column == columns.end()) {
      columns.push_back({found->second, {}, {{options.by, found->second}}, 0});
      column = columns.end() - 1;
    }
    column->sources.push_back(s);
  }
  return columns;
}

// The attributes of --corroborate that some source has.
std::vector<std::string> attributes_present(const std::vector<std::string>& wanted, const CorpusInfo& corpus) {
  std::vector<std::string> present;
  for (const auto& name : wanted) {
    const bool any = std::any_of(corpus.sources.begin(), corpus.sources.end(), [&](const CorpusSource& source) {
      return std::any_of(source.attributes.begin(), source.attributes.end(), [&](const auto& entry) { return entry.first == name; });
    });
    if (any) present.push_back(name);
  }
  return present;
}

// Each codable code's results, worked out on `jobs` threads and gathered in code order.
std::vector<CodeResult> code_results(const triangulate::Tally& tally, const triangulate::Selection& selection,
                                     const Codebook& codebook, const std::vector<bool>& background,
                                     const triangulate::MatrixSettings& settings, unsigned jobs) {
  struct Worker {
    const triangulate::Tally& tally;
    const triangulate::Selection& selection;
    const std::vector<bool>& background;
    const triangulate::MatrixSettings& settings;
    CodeResult operator()(std::size_t code) {
      return triangulate::code_result(tally, selection, code, background, tally.corpus(), settings);
    }
  };
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.push_back(std::make_unique<Worker>(Worker{tally, selection, background, settings}));
  OrderedPipeline<std::size_t, CodeResult, Worker> pipeline(std::move(workers));
  std::vector<CodeResult> results;
  std::size_t next = 0;
  pipeline.run(
      [&](std::size_t& code) {
        while (next < codebook.codes.size() && !codebook.codes[next].codable) ++next;
        if (next == codebook.codes.size()) return false;
        code = next++;
        return true;
      },
      [&](CodeResult& result) { results.push_back(std::move(result)); });
  return results;
}

Provenance triangulate_provenance(const TriangulateOptions& options, const fs::path& output_folder, const std::vector<fs::path>& inputs) {
  const auto list = [](const std::vector<std::string>& values) {
    YAML::Node node(YAML::NodeType::Sequence);
    for (const auto& value : values) node.push_back(value);
    return node;
  };
  Provenance provenance{"qda-triangulate", std::string(kVersion), {}, fingerprint_inputs(inputs, output_folder)};
  provenance.options = {{"coder", YAML::Node(options.coder)},
                        {"consensus", YAML::Node(options.consensus)},
                        {"coders", list(options.coders)},
                        {"each_coder", YAML::Node(options.each_coder)},
                        {"by", YAML::Node(options.by)},
                        {"tie", YAML::Node(options.tie)},
                        {"prominence_ratio", YAML::Node(decimal(options.prominence_ratio))},
                        {"agreement_share", YAML::Node(decimal(options.agreement_share))},
                        {"dissonance_share", YAML::Node(decimal(options.dissonance_share))},
                        {"generic_example_share", YAML::Node(decimal(options.generic_example_share))},
                        {"corroborate", list(options.corroborate)},
                        {"max_examples", YAML::Node(options.max_examples)},
                        {"max_segment_ids", YAML::Node(options.max_segment_ids)},
                        {"list_pairs", YAML::Node(options.list_pairs)}};
  return provenance;
}

// Segments with their codings, read in batches (the reader joins two files, in order), the named
// examples of the coded participants' segments found on `jobs` threads, and tallied in the order
// read: the same tally at any number of threads.
struct UnitBatch {
  std::vector<CodedUnit> units;  // viewing `chunks`
  std::vector<std::shared_ptr<const void>> chunks;
};

struct ExamplesOfBatch {
  UnitBatch batch;
  std::vector<std::vector<FoundExample>> examples;  // [unit]: empty where the tally needs none
};

class ExampleWorker {
 public:
  ExamplesOfBatch operator()(UnitBatch batch) {
    ExamplesOfBatch result;
    result.examples.resize(batch.units.size());
    for (std::size_t k = 0; k < batch.units.size(); ++k) {
      const CodedUnit& unit = batch.units[k];
      if (!unit.segment.interviewer && !unit.codings.empty()) finder_.find(unit.segment.text, result.examples[k]);
    }
    result.batch = std::move(batch);
    return result;
  }

 private:
  ExampleFinder finder_;
};

void tally_units(triangulate::Tally& tally, const CorpusInfo& corpus, const std::string& codings, unsigned jobs) {
  constexpr std::size_t kBatchBytes = 256 * 1024;  // of segment text
  CodedUnitReader reader(corpus, codings);  // its reading is the pipeline's serial stage
  std::vector<std::unique_ptr<ExampleWorker>> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.push_back(std::make_unique<ExampleWorker>());
  OrderedPipeline<UnitBatch, ExamplesOfBatch, ExampleWorker> pipeline(std::move(workers));
  CodedUnit unit;
  // A unit the reader refuses ends the batch before it: the units read until then are tallied first,
  // so that an error in one of them is reported before the reader's, as with one thread.
  std::exception_ptr unread;
  pipeline.run(
      [&](UnitBatch& batch) {
        if (unread) std::rethrow_exception(unread);
        std::size_t bytes = 0;
        try {
          while (bytes < kBatchBytes && reader.next(unit)) {
            bytes += unit.segment.text.size();
            batch.units.push_back(std::move(unit));
            reader.hold_chunks(batch.chunks);
          }
        } catch (...) {
          if (batch.units.empty()) throw;
          unread = std::current_exception();
        }
        return !batch.units.empty();
      },
      [&](ExamplesOfBatch& result) {
        for (std::size_t k = 0; k < result.batch.units.size(); ++k) {
          tally.add(result.batch.units[k], reader.codings_file(), &result.examples[k]);
        }
      });
}

}  // namespace

void run_triangulate(const TriangulateOptions& options, std::ostream& stdout_stream) {
  check_options(options);
  // A first pass over codings.csv, so that the choice of coders is checked before the corpus is read.
  const std::vector<std::string> names = coders_in(options.codings, options.jobs);
  triangulate::Selection selection = main_selection(options, names);
  const CorpusInfo corpus = read_corpus(options.corpus, SourceFields::IdLanguageAndAttributes);
  const Codebook codebook = load_codebook(options.codebook);

  std::vector<triangulate::Selection> selections = {selection};
  if (options.each_coder) {
    // Each coder of a consensus; else those --coders names; else every human coder.
    std::vector<std::size_t> each = selection.coders.size() > 1 ? selection.coders : std::vector<std::size_t>{};
    if (each.empty()) {
      for (const auto& name : options.coders.empty() ? human_coders(names) : options.coders) {
        if (!has(names, name)) throw usage_error(fmt::format("--coders names '{}', who has no codings in {}", name, options.codings));
        each.push_back(index_of(names, name));
      }
    }
    for (const std::size_t coder : each) selections.push_back({names[coder], {coder}, 1, false, {}, {}});
  }
  triangulate::TallySettings settings{&codebook, &corpus, names, options.tie == "cautious" ? TieRule::Cautious : TieRule::Favourable,
                                      options.max_segment_ids};
  triangulate::Tally tally(settings, make_columns(options, corpus), std::move(selections));
  tally_units(tally, corpus, options.codings, options.jobs);
  if (!tally.questions_coded()) {
    spdlog::warn("no interviewer turn of {} is coded: a column that did not speak to a code is counted silent, since "
                 "'not asked' cannot be told from it (code the interviewer's questions to tell them apart)",
                 options.codings);
  }

  triangulate::MatrixSettings matrix;
  matrix.rules = {settings.tie, options.prominence_ratio, options.agreement_share, options.dissonance_share, options.generic_example_share};
  matrix.corroborate = attributes_present(options.corroborate, corpus);
  matrix.keep_pairs = !options.pairs.empty() || tally.columns().size() <= options.list_pairs;
  matrix.max_examples = options.max_examples;
  const auto& main = tally.selections().front();
  const std::vector<bool> background = background_examples(tally, main, codebook, options.generic_example_share);
  const std::vector<CodeResult> results = code_results(tally, main, codebook, background, matrix, options.jobs);
  std::vector<triangulate::CoderView> coder_views;
  triangulate::MatrixSettings light = matrix;
  light.keep_pairs = false;
  for (std::size_t k = 1; k < tally.selections().size(); ++k) {
    const auto& each = tally.selections()[k];
    coder_views.push_back({each.name, code_results(tally, each, codebook, background, light, options.jobs)});
  }

  std::vector<fs::path> inputs = {options.codings, options.corpus, corpus.segments_path, options.codebook};
  const bool to_stdout = options.output.empty() || options.output == "-";
  const fs::path output_folder = to_stdout ? fs::current_path() : fs::absolute(options.output).parent_path();
  const InputGuard guard(inputs);
  for (const auto& output : {options.output, options.matrix, options.pairs}) {
    if (!output.empty() && output != "-") guard.check(output);
  }
  triangulate::Header header{triangulate_provenance(options, output_folder, inputs),
                             options.consensus.empty() ? "coder" : "consensus",
                             {},
                             tally.selections().front().minimum,
                             options.by,
                             matrix.rules,
                             tally.questions_coded()};
  for (const std::size_t coder : main.coders) header.coders.push_back(names[coder]);
  const triangulate::MatrixWriter writer(codebook, tally, options.list_pairs);
  const std::string yaml = writer.yaml(header, results, coder_views);

  OutputSet outputs;
  if (!to_stdout) outputs.add(options.output).stream() << yaml;
  if (!options.matrix.empty()) writer.matrix_csv(outputs.add(options.matrix).stream(), results);
  if (!options.pairs.empty()) writer.pairs_csv(outputs.add(options.pairs).stream(), results);
  outputs.commit_all();
  if (to_stdout) stdout_stream << yaml;
  std::size_t spoke = 0;
  for (const auto& result : results) spoke += !result.spoke.empty();
  spdlog::info("triangulated {} codes over {} columns ({} spoken to), counting the codings of {}", results.size(),
               tally.columns().size(), spoke, header.mode == "coder" ? header.coders.front() : "a consensus of " + join(header.coders));
}

}  // namespace qda
