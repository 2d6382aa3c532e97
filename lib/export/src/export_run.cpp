// qda-export: the corpus, codebook and codings as a REFI-QDA project, with qda's manifest of what
// REFI-QDA cannot carry. Every GUID is derived from qda's ids (or kept from the .qdc or project a
// codebook came from), and no date is written, so the same inputs export to the same bytes.
#include "qda/export_run.hpp"

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/file.hpp"
#include "qda/hash.hpp"
#include "qda/output.hpp"
#include "qda/qdpx.hpp"
#include "qda/refi_codebook.hpp"
#include "qda/refi_manifest.hpp"
#include "qda/refi_xml.hpp"
#include "qda/strings.hpp"
#include "qda/text.hpp"
#include "qda/version.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

// The attribute that groups sources into REFI cases, as qda-import names it.
constexpr std::string_view kCaseAttribute = "case";

class ProjectBuilder {
 public:
  ProjectBuilder(const CorpusInfo& corpus, const Codebook& codebook, std::string name) : codebook_(codebook) {
    project_.name = std::move(name);
    project_.origin = fmt::format("qda {}", kVersion);
    project_.codes = codebook_to_refi(codebook);
    std::map<std::string, std::size_t> cases;
    for (const CorpusSource& source : corpus.sources) {
      refi::TextSource text_source;
      text_source.guid = refi::derive_guid("source:" + source.id);
      text_source.name = source.title.empty() ? source.id : source.title;
      text_source.plain_text_path = "internal://" + text_source.guid + ".txt";
      for (const auto& [key, value] : source.attributes) {
        text_source.values.push_back({variable_guid(key), value});
        if (key != kCaseAttribute) continue;
        auto [found, added] = cases.emplace(value, project_.cases.size());
        if (added) project_.cases.push_back({refi::derive_guid("case:" + value), value, {}, {}});
        project_.cases[found->second].source_guids.push_back(text_source.guid);
      }
      source_index_.emplace(source.id, project_.sources.size());
      project_.sources.push_back(std::move(text_source));
    }
  }

  // Adds codings.csv's rows as selections, each with its one coding.
  std::size_t add_codings(const fs::path& path, const std::vector<std::size_t>& characters) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error("cannot open the codings", {path.string()});
    CodingReader reader(in, path.string());
    CodingRecord row;
    std::size_t count = 0;
    std::set<std::string> keys;
    while (reader.read(row)) {
      const Location where{path.string(), reader.line()};
      const auto source = source_index_.find(row.source);
      if (source == source_index_.end()) {
        throw invalid_input(fmt::format("source '{}' is not in the corpus; expected codings of the corpus exported", row.source), where);
      }
      const auto code = codebook_.find(row.code);
      if (!code) throw invalid_input(fmt::format("code '{}' is not in the codebook; expected a code id of the codebook", row.code), where);
      if (!codebook_.stances.is_stance(row.stance)) {
        throw invalid_input(fmt::format("stance '{}' is not one of the codebook's stances ({})", row.stance,
                                        join(codebook_.stances.values, ", ")),
                            where);
      }
      if (row.end <= row.start || row.end > characters[source->second]) {
        throw invalid_input(fmt::format("the span [{}, {}) is not inside the text of source '{}' ({} characters)", row.start,
                                        row.end, row.source, characters[source->second]),
                            where);
      }
      std::string key = fmt::format("{}:{}:{}:{}:{}:{}", row.source, row.segment, row.code, row.coder, row.start, row.end);
      for (std::size_t n = 2; !keys.insert(key).second; ++n) key = fmt::format("{}:{}:{}:{}:{}:{}#{}", row.source, row.segment, row.code, row.coder, row.start, row.end, n);
      refi::PlainTextSelection selection;
      selection.guid = refi::derive_guid("selection:" + key);
      selection.name = row.segment;
      selection.start = row.start;
      selection.end = row.end;
      selection.description = row.memo;
      selection.codings.push_back({refi::derive_guid("coding:" + key), code_guid(codebook_.codes[*code]), user_guid(row.coder), {}});
      project_.sources[source->second].selections.push_back(std::move(selection));
      ++count;
    }
    return count;
  }

  refi::Project& project() { return project_; }

 private:
  std::string variable_guid(const std::string& key) {
    const std::string guid = refi::derive_guid("variable:" + key);
    if (variables_.insert(key).second) project_.variables.push_back({guid, key, "Text"});
    return guid;
  }

  std::string user_guid(const std::string& coder) {
    const std::string guid = refi::derive_guid("user:" + coder);
    if (users_.insert(coder).second) project_.users.push_back({guid, coder});
    return guid;
  }

  const Codebook& codebook_;
  refi::Project project_;
  std::map<std::string, std::size_t> source_index_;
  std::set<std::string> variables_, users_;
};

}  // namespace

ExportSummary run_export(const ExportOptions& options) {
  if (options.qdpx.empty() && options.qdc.empty()) throw usage_error("nothing to write; expected --qdpx, --qdc or both");
  if (options.codebook.empty()) throw usage_error("--codebook is required");
  if (!options.qdpx.empty() && options.corpus.empty()) throw usage_error("--qdpx needs --corpus: the sources it holds");
  if (options.qdpx.empty() && !options.codings.empty()) throw usage_error("--codings goes into a project; expected --qdpx too");
  check_distinct_outputs({{"--qdpx", options.qdpx}, {"--qdc", options.qdc}});

  const Codebook codebook = load_codebook(options.codebook);
  // The corpus's segments.csv and texts are read too: an output over one of them lost the corpus.
  std::optional<CorpusInfo> corpus;
  if (!options.corpus.empty()) corpus = read_corpus(options.corpus);  // with --qdc alone too: its files are guarded
  std::vector<fs::path> inputs = {options.codebook};
  if (!options.corpus.empty()) inputs.emplace_back(options.corpus);
  if (!options.codings.empty()) inputs.emplace_back(options.codings);
  if (corpus) {
    inputs.emplace_back(corpus->segments_path);
    for (const CorpusSource& source : corpus->sources) inputs.emplace_back(source.text_path);
  }
  const InputGuard guard(inputs);

  ExportSummary summary;
  summary.codes = codebook.codes.size();
  OutputSet outputs;
  if (!options.qdc.empty()) {
    guard.check(options.qdc);
    refi::write_codebook_xml(outputs.add(options.qdc).stream(), codebook_to_refi(codebook));
  }
  if (!options.qdpx.empty()) {
    guard.check(options.qdpx);
    const std::string name = !options.name.empty() ? options.name : !codebook.title.empty() ? codebook.title : "qda project";
    ProjectBuilder builder(*corpus, codebook, name);
    std::vector<refi::ArchiveEntry> entries;
    std::vector<std::size_t> characters;
    RefiManifest manifest;
    manifest.unit = corpus->unit;
    manifest.interviewers = corpus->interviewers;
    for (std::size_t i = 0; i < corpus->sources.size(); ++i) {
      const CorpusSource& source = corpus->sources[i];
      std::string text = read_source_text(source.text_path, source.id, source.text_sha256);
      characters.push_back(count_code_points(text));
      // A text that starts with U+FEFF (a second byte order mark, or an ODT's) would lose it to the
      // reader's byte order mark, and every position after it would be one off: a mark goes before it.
      if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.insert(0, "\xEF\xBB\xBF");
      // internal://<guid>.txt is read from sources/ by every tool, whatever its case.
      const std::string& guid = builder.project().sources[i].guid;
      RefiManifest::Entry text_entry{"sources/" + guid + ".txt", sha256_hex(text)};
      manifest.sources.push_back({guid, source.id, source.title, source.language, text_entry});
      entries.push_back({std::move(text_entry.entry), std::move(text)});
    }
    if (!options.codings.empty()) summary.codings = builder.add_codings(options.codings, characters);
    summary.sources = corpus->sources.size();
    summary.coders = builder.project().users.size();

    // What REFI-QDA has no place for, kept for qda-import (refi_manifest.hpp).
    std::string project_qde = refi::project_qde(builder.project());
    manifest.project = {std::string(refi::kProjectEntry), sha256_hex(project_qde)};
    std::vector<refi::ArchiveEntry> own;
    const auto keep = [&](std::string_view entry, std::string bytes) {
      RefiManifest::Entry kept{std::string(entry), sha256_hex(bytes)};
      own.push_back({kept.entry, std::move(bytes)});
      return kept;
    };
    std::ostringstream segments;
    write_stored_segments(segments, corpus->segments_path);
    std::string stored_segments = std::move(segments).str();
    std::string codings;
    if (!options.codings.empty()) {
      // What qda-import checks of the codings it brings back (a segment the corpus has, a span its
      // segments cover), checked here, so that no project it writes is refused there.
      codings = read_file(options.codings);
      check_kept_codings(codings, options.codings, read_stored_segments(stored_segments, corpus->segments_path.string()));
    }
    manifest.segments = keep(kManifestSegmentsEntry, std::move(stored_segments));
    if (!is_qdc_path(options.codebook)) manifest.codebook = keep(kManifestCodebookEntry, read_file(options.codebook));
    if (!options.codings.empty()) manifest.codings = keep(kManifestCodingsEntry, std::move(codings));
    std::ostringstream manifest_yaml;
    write_refi_manifest(manifest_yaml, manifest);
    entries.push_back({std::string(kManifestEntry), std::move(manifest_yaml).str()});
    for (auto& entry : own) entries.push_back(std::move(entry));
    const std::string bytes = refi::write_qdpx(std::move(project_qde), std::move(entries), options.qdpx);
    outputs.add(options.qdpx).stream() << bytes;
  }
  outputs.commit_all();
  spdlog::info("exported {} sources, {} codes, {} codings of {} coders", summary.sources, summary.codes, summary.codings,
               summary.coders);
  return summary;
}

}  // namespace qda
