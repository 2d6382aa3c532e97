// Merging corpora qda-import made of disjoint sets of sources. A single run's corpus.yaml depends on
// the set of sources only through their order, each source's own entry and rows, and the union of
// attribute columns in sources.csv; so the shards' entries are re-ordered as a single run's walk
// would have met the files, their paths re-made relative to the new folder, and every file written
// again by the writers qda-import uses.
#include "qda/merge_run.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include "qda/corpus.hpp"
#include "qda/csv_records.hpp"
#include "qda/error.hpp"
#include "qda/file.hpp"
#include "qda/hash.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "qda/schema.hpp"
#include "qda/sources_table.hpp"
#include "qda/yaml.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

struct ShardSource {
  SourceRecord record;  // path and text path as the shard recorded them
  fs::path original;    // the source file, absolute and lexically normal: what a single run sorted by
  Location where;       // of its id in the shard's corpus.yaml
  std::size_t shard = 0;
  std::uint64_t rows_offset = 0, rows_size = 0;  // its rows in the shard's segments.csv
};

struct Shard {
  fs::path folder;
  fs::path corpus_file;
  std::string name;  // corpus.yaml as given, for messages
  std::vector<std::pair<std::string, YAML::Node>> options;
  std::string options_text;  // rendered as corpus.yaml renders them, to compare
  Location options_where;
  std::string version;
  std::string unit;
  Location unit_where;
  std::vector<std::string> interviewers;
  Location interviewers_where;
  std::vector<InputFingerprint> other_inputs;  // the attribute sheet: paths absolute
  Location other_inputs_where;
  fs::path segments_path;
  bool byte_order_mark = false;
  std::vector<std::size_t> sources;  // into the merge's sources, in the shard's order
};

std::string text_of(const YAML::Node& node) { return node.as<std::string>(); }

std::size_t count_of(const YAML::Node& node) { return node.as<std::size_t>(); }

fs::path absolute_normal(const fs::path& path) { return fs::absolute(path).lexically_normal(); }

std::string rendered_options(const std::vector<std::pair<std::string, YAML::Node>>& options) {
  YamlWriter yaml;
  for (const auto& [name, value] : options) yaml.node_entry(name, value);
  return yaml.text();
}

SourceRecord source_record(const YAML::Node& node) {
  SourceRecord record;
  record.id = text_of(node["id"]);
  record.title = text_of(node["title"]);
  record.path = text_of(node["path"]);
  record.format = text_of(node["format"]);
  record.media_type = text_of(node["media_type"]);
  record.sha256 = text_of(node["sha256"]);
  record.language = text_of(node["language"]);
  if (node["encoding"]) record.encoding = text_of(node["encoding"]);
  if (node["encoding_confidence"]) record.encoding_confidence = node["encoding_confidence"].as<int>();
  record.text_path = text_of(node["text"]["path"]);
  record.text_sha256 = text_of(node["text"]["sha256"]);
  record.characters = count_of(node["text"]["characters"]);
  for (const auto& attribute : node["attributes"]) record.attributes.emplace_back(text_of(attribute.first), text_of(attribute.second));
  record.turns = count_of(node["turns"]);
  record.segments = count_of(node["segments"]);
  for (const auto& speaker : node["speakers"]) {
    record.speakers.push_back({text_of(speaker["name"]), speaker["interviewer"].as<bool>(), count_of(speaker["turns"])});
  }
  return record;
}

// A shard's corpus.yaml, its sources appended to `sources`.
Shard read_shard(const std::string& input, std::size_t index, std::vector<ShardSource>& sources) {
  Shard shard;
  const fs::path given(input);
  std::error_code ec;
  shard.corpus_file = fs::is_directory(given, ec) ? given / "corpus.yaml" : given;
  shard.folder = shard.corpus_file.parent_path();
  shard.name = shard.corpus_file.string();
  if (!fs::exists(shard.corpus_file, ec)) throw io_error("no corpus.yaml here; expected a folder qda-import wrote", {shard.name});
  const YAML::Node document = load_yaml_file(shard.corpus_file, "corpus");
  const YAML::Node provenance = document["provenance"];
  if (text_of(provenance["tool"]) != "qda-import") {
    throw invalid_input(fmt::format("a corpus made by '{}'; expected one made by qda-import", text_of(provenance["tool"])),
                        location_of(provenance["tool"], shard.name));
  }
  shard.version = text_of(provenance["version"]);
  for (const auto& option : provenance["options"]) shard.options.emplace_back(text_of(option.first), option.second);
  shard.options_text = rendered_options(shard.options);
  shard.options_where = location_of(provenance["options"], shard.name);
  shard.unit = text_of(document["unit"]);
  shard.unit_where = location_of(document["unit"], shard.name);
  shard.interviewers = document["interviewers"].as<std::vector<std::string>>();
  shard.interviewers_where = location_of(document["interviewers"], shard.name);
  shard.segments_path = shard.folder / text_of(document["segments_file"]);
  for (const auto& [name, value] : shard.options) {
    if (name == "byte_order_mark") shard.byte_order_mark = value.as<bool>();
  }

  const YAML::Node inputs = provenance["inputs"];
  const YAML::Node entries = document["sources"];
  for (std::size_t i = 0; i < entries.size(); ++i) {
    ShardSource source{source_record(entries[i]), {}, location_of(entries[i]["id"], shard.name), index, 0, 0};
    if (source.record.format == "qdpx") {
      throw invalid_input(fmt::format("source '{}' comes from a REFI-QDA project, which qda-import reads whole in one run with "
                                      "its codebook and codings; expected shards of transcript files",
                                      source.record.id),
                          source.where);
    }
    // qda-import lists each source's file among the inputs, in source order, before anything else.
    if (i >= inputs.size() || text_of(inputs[i]["path"]) != source.record.path ||
        text_of(inputs[i]["sha256"]) != source.record.sha256) {
      throw invalid_input(fmt::format("provenance.inputs does not list source '{}' ({}) at position {}; expected a corpus.yaml "
                                      "as qda-import writes it",
                                      source.record.id, source.record.path, i + 1),
                          location_of(inputs, shard.name));
    }
    source.original = absolute_normal(shard.folder / source.record.path);
    shard.sources.push_back(sources.size());
    sources.push_back(std::move(source));
  }
  for (std::size_t i = entries.size(); i < inputs.size(); ++i) {
    shard.other_inputs.push_back({absolute_normal(shard.folder / text_of(inputs[i]["path"])).generic_string(),
                                  text_of(inputs[i]["sha256"])});
  }
  shard.other_inputs_where = location_of(inputs, shard.name);
  return shard;
}

// The options that shape a corpus must be the same in every shard, or no single run could have made
// the merged corpus.
void check_alike(const Shard& first, const Shard& shard) {
  if (shard.version != first.version) {
    throw invalid_input(fmt::format("imported by qda-import {}, {} by {}; expected shards imported by one version",
                                    shard.version, first.name, first.version),
                        {shard.name});
  }
  if (shard.unit != first.unit) {
    throw invalid_input(fmt::format("unit '{}', but {} has unit '{}'; expected shards imported with the same --unit", shard.unit,
                                    first.name, first.unit),
                        shard.unit_where);
  }
  if (shard.interviewers != first.interviewers) {
    throw invalid_input(fmt::format("interviewers [{}], but {} has [{}]; expected shards imported with the same --interviewer "
                                    "options",
                                    fmt::join(shard.interviewers, ", "), first.name, fmt::join(first.interviewers, ", ")),
                        shard.interviewers_where);
  }
  if (shard.options_text != first.options_text) {
    std::string differing = "the list of options";
    for (std::size_t i = 0; i < std::min(shard.options.size(), first.options.size()); ++i) {
      if (shard.options[i].first != first.options[i].first ||
          rendered_options({shard.options[i]}) != rendered_options({first.options[i]})) {
        differing = "'" + shard.options[i].first + "'";
        break;
      }
    }
    throw invalid_input(fmt::format("imported with other options than {} ({} differs); expected shards imported with the same "
                                    "options",
                                    first.name, differing),
                        shard.options_where);
  }
  const auto same_input = [](const InputFingerprint& a, const InputFingerprint& b) { return a.path == b.path && a.sha256 == b.sha256; };
  if (shard.other_inputs.size() != first.other_inputs.size() ||
      !std::equal(shard.other_inputs.begin(), shard.other_inputs.end(), first.other_inputs.begin(), same_input)) {
    throw invalid_input(fmt::format("imported with another attribute sheet than {} (provenance.inputs after the sources); "
                                    "expected every shard imported with the same --attributes file, unchanged",
                                    first.name),
                        shard.other_inputs_where);
  }
}

// Where each source's rows lie in its shard's segments.csv, checking that the rows follow
// corpus.yaml: its sources in order, as many rows as it says. Returns the header record's bytes.
std::string index_segments(const Shard& shard, std::vector<ShardSource>& sources) {
  const std::string name = shard.segments_path.string();
  std::ifstream in(shard.segments_path, std::ios::binary);
  if (!in) throw io_error("cannot open the file", {name});
  CsvRecordScanner scanner(in, name);
  CsvRecord record;
  if (!scanner.next(record)) throw invalid_input("an empty file; expected the header of segments.csv", {name, 1});
  if (record.fields.size() < 2 || record.fields[1] != "source") {
    throw invalid_input("not the header of segments.csv; expected id,source,...", {name, record.line});
  }
  require_crlf(record, name, "qda-import");
  std::string header(static_cast<std::size_t>(record.size), '\0');
  {
    std::ifstream again(shard.segments_path, std::ios::binary);
    again.seekg(static_cast<std::streamoff>(record.offset));
    again.read(header.data(), static_cast<std::streamsize>(header.size()));
  }
  std::size_t next = 0, rows = 0;  // the shard's source whose rows come, and how many it has had
  const auto close_source = [&](std::size_t line) {
    ShardSource& source = sources[shard.sources[next]];
    if (rows != source.record.segments) {
      throw invalid_input(fmt::format("source '{}' has {} rows here, but {} gives it {} segments", source.record.id, rows,
                                      shard.name, source.record.segments),
                          {name, line});
    }
    ++next;
    rows = 0;
  };
  while (scanner.next(record)) {
    require_crlf(record, name, "qda-import");
    if (record.fields.size() < 2) throw invalid_input("a row without a source column", {name, record.line});
    while (next < shard.sources.size() && record.fields[1] != sources[shard.sources[next]].record.id) {
      // Only a source without segments may be passed over without a row.
      if (rows == 0 && sources[shard.sources[next]].record.segments > 0) {
        throw invalid_input(fmt::format("a row of source '{}' where {} lists '{}' next; expected rows in the order of "
                                        "corpus.yaml's sources",
                                        record.fields[1], shard.name, sources[shard.sources[next]].record.id),
                            {name, record.line});
      }
      close_source(record.line);
    }
    if (next == shard.sources.size()) {
      throw invalid_input(fmt::format("a row of source '{}' where {} lists no more sources; expected rows in the order of "
                                      "corpus.yaml's sources",
                                      record.fields[1], shard.name),
                          {name, record.line});
    }
    ShardSource& source = sources[shard.sources[next]];
    if (rows == 0) source.rows_offset = record.offset;
    source.rows_size = record.offset + record.size - source.rows_offset;
    ++rows;
  }
  while (next < shard.sources.size()) close_source(0);
  if (scanner.had_byte_order_mark() != shard.byte_order_mark) {
    throw invalid_input(fmt::format("{} a byte-order mark, unlike what corpus.yaml's byte_order_mark says",
                                    scanner.had_byte_order_mark() ? "starts with" : "lacks"),
                        {name, 1});
  }
  return header;
}

void copy_bytes(std::ifstream& in, const std::string& name, std::uint64_t offset, std::uint64_t size, std::ostream& out) {
  if (size == 0) return;
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  std::vector<char> buffer(std::min<std::uint64_t>(size, 1 << 20));
  while (size > 0) {
    const auto chunk = static_cast<std::streamsize>(std::min<std::uint64_t>(size, buffer.size()));
    if (!in.read(buffer.data(), chunk)) throw io_error("cannot read the file (changed while merging?)", {name});
    out.write(buffer.data(), chunk);
    size -= static_cast<std::uint64_t>(chunk);
  }
}

}  // namespace

MergeSummary merge_corpora(const MergeOptions& options) {
  if (options.output.empty()) throw usage_error("--output is required: the folder for the merged corpus");
  if (!options.corpus.empty()) throw usage_error("--corpus is for merging codings; a corpus merge reads the shards' own corpus.yaml");
  if (!options.codebook.empty()) throw usage_error("--codebook is for merging codings, not corpora");
  const fs::path output_dir(options.output);

  std::vector<ShardSource> sources;
  std::vector<Shard> shards;
  std::map<fs::path, std::string> shard_names;  // resolved corpus.yaml -> as given
  for (const auto& input : options.inputs) {
    Shard shard = read_shard(input, shards.size(), sources);
    auto [existing, inserted] = shard_names.emplace(resolved_path(shard.corpus_file), shard.name);
    if (!inserted) {
      throw invalid_input(fmt::format("this shard is given twice (also as {}); expected each shard once", existing->second),
                          {shard.name});
    }
    if (!shards.empty()) check_alike(shards.front(), shard);
    shards.push_back(std::move(shard));
  }

  // One source in two shards is one id twice, or one file twice under two ids: either way a single
  // run could not have made the result.
  std::map<std::string, const ShardSource*> by_id;
  std::map<fs::path, const ShardSource*> by_file;
  for (const auto& source : sources) {
    if (auto [existing, inserted] = by_id.emplace(source.record.id, &source); !inserted) {
      throw invalid_input(fmt::format("source id '{}' is also in {}:{}; expected shards of disjoint sets of sources",
                                      source.record.id, existing->second->where.file, existing->second->where.line),
                          source.where);
    }
    if (auto [existing, inserted] = by_file.emplace(source.original, &source); !inserted) {
      throw invalid_input(fmt::format("source '{}' is the file {}, which {}:{} imported as '{}'; expected shards of "
                                      "disjoint sets of sources",
                                      source.record.id, source.record.path, existing->second->where.file,
                                      existing->second->where.line, existing->second->record.id),
                          source.where);
    }
  }

  std::vector<std::string> headers;
  for (const auto& shard : shards) headers.push_back(index_segments(shard, sources));
  for (std::size_t i = 1; i < shards.size(); ++i) {
    if (headers[i] != headers[0]) {
      throw invalid_input(fmt::format("the header differs from that of {}; expected shards written by one version",
                                      shards[0].segments_path.string()),
                          {shards[i].segments_path.string(), 1});
    }
  }

  // A single run walks a folder in byte order of the paths; the shards' files all lie in the folder
  // that run was given, so their absolute paths sort the same way.
  std::vector<std::size_t> order(sources.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return sources[a].original.generic_string() < sources[b].original.generic_string();
  });

  std::vector<fs::path> inputs;
  for (const auto& shard : shards) {
    inputs.push_back(shard.corpus_file);
    inputs.push_back(shard.segments_path);
    for (const std::size_t i : shard.sources) inputs.push_back(shard.folder / sources[i].record.text_path);
  }
  const InputGuard guard(inputs);
  for (const char* name : {"corpus.yaml", "segments.csv", "sources.csv"}) guard.check(output_dir / name);
  for (const auto& source : sources) guard.check(output_dir / "texts" / (source.record.id + ".txt"));

  CreatedFolders folders;  // removed again if the merge fails
  folders.create(output_dir / "texts");
  OutputSet outputs;
  OutputFile& segments_file = outputs.add(output_dir / "segments.csv");
  const Shard& first = shards.front();
  std::ostream& segments = segments_file.stream();
  if (first.byte_order_mark) segments << "\xEF\xBB\xBF";
  segments << headers.front();

  Corpus corpus{{"qda-import", first.version, first.options, {}}, first.unit, "segments.csv", first.interviewers, {}};
  std::vector<std::ifstream> shard_segments;
  for (const auto& shard : shards) shard_segments.emplace_back(shard.segments_path, std::ios::binary);
  MergeSummary summary;
  for (const std::size_t i : order) {
    ShardSource& source = sources[i];
    const Shard& shard = shards[source.shard];
    copy_bytes(shard_segments[source.shard], shard.segments_path.string(), source.rows_offset, source.rows_size, segments);

    const fs::path text_file = shard.folder / source.record.text_path;
    const std::string text = read_source_text(text_file, source.record.id, source.record.text_sha256);
    OutputFile& text_output = outputs.add(output_dir / source.record.text_path, Locking::CoveredByAnother);  // by segments.csv's lock
    text_output.stream() << text;
    text_output.finish();

    source.record.path = portable_relative_path(source.original, output_dir);
    corpus.provenance.inputs.push_back({source.record.path, source.record.sha256});
    summary.rows += source.record.segments;
    corpus.sources.push_back(std::move(source.record));
  }
  for (const auto& input : first.other_inputs) {
    corpus.provenance.inputs.push_back({portable_relative_path(input.path, output_dir), input.sha256});
  }

  write_sources_csv(outputs.add(output_dir / "sources.csv").stream(), corpus, first.byte_order_mark);
  write_corpus_yaml(outputs.add(output_dir / "corpus.yaml").stream(), corpus);
  outputs.commit_all();
  folders.keep();
  summary.shards = shards.size();
  summary.sources = corpus.sources.size();
  spdlog::info("merged {} shards into {}: {} sources, {} segments", summary.shards, output_dir.string(), summary.sources,
               summary.rows);
  return summary;
}

}  // namespace qda
