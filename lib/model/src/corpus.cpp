// Writing corpus.yaml and segments.csv in a fixed layout, so equal corpora are equal bytes.
#include "qda/corpus.hpp"

#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "qda/block_yaml.hpp"
#include "qda/error.hpp"
#include "qda/file.hpp"
#include "qda/hash.hpp"
#include "qda/schema.hpp"
#include "qda/yaml.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

void write_corpus_yaml(std::ostream& out, const Corpus& corpus) {
  YamlWriter yaml;
  yaml.string_entry("kind", "qda/corpus");
  yaml.integer_entry("version", 1);
  write_provenance(yaml, corpus.provenance);
  yaml.string_entry("unit", corpus.unit);
  yaml.string_entry("segments_file", corpus.segments_file);
  yaml.flow_sequence_entry("interviewers", corpus.interviewers);
  yaml.begin_sequence("sources");
  for (const auto& source : corpus.sources) {
    yaml.begin_mapping_item();
    yaml.string_entry("id", source.id);
    yaml.string_entry("title", source.title);
    yaml.string_entry("path", source.path);
    yaml.string_entry("format", source.format);
    yaml.string_entry("media_type", source.media_type);
    yaml.string_entry("sha256", source.sha256);
    yaml.string_entry("language", source.language);
    if (!source.encoding.empty()) yaml.string_entry("encoding", source.encoding);
    if (source.encoding_confidence >= 0) yaml.integer_entry("encoding_confidence", source.encoding_confidence);
    yaml.begin_mapping("text");
    yaml.string_entry("path", source.text_path);
    yaml.string_entry("sha256", source.text_sha256);
    yaml.integer_entry("characters", source.characters);
    yaml.end();
    yaml.begin_mapping("attributes");
    for (const auto& [name, value] : source.attributes) yaml.string_entry(name, value);
    yaml.end();
    yaml.integer_entry("turns", source.turns);
    yaml.integer_entry("segments", source.segments);
    yaml.begin_sequence("speakers");
    for (const auto& speaker : source.speakers) {
      yaml.flow_mapping_item({{"name", yaml_string(speaker.name, YamlContext::Flow)},
                              {"interviewer", speaker.interviewer ? "true" : "false"},
                              {"turns", std::to_string(speaker.turns)}});
    }
    yaml.end();
    yaml.end();
  }
  yaml.end();
  out << yaml.text();
}

std::optional<std::size_t> CorpusInfo::find(std::string_view id) const {
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].id == id) return i;
  }
  return std::nullopt;
}

namespace {

// The corpus of a document. `at()`, not `[]`: CorpusBeingChecked converts documents not yet checked
// against the schema, and `[]` on a const document with a key missing is undefined, not an error.
CorpusInfo corpus_of_document(const nlohmann::ordered_json& document, const std::filesystem::path& path) {
  CorpusInfo corpus;
  corpus.path = path;
  const std::filesystem::path folder = path.parent_path();
  corpus.segments_path = folder / document.at("segments_file").get<std::string>();
  corpus.unit = document.at("unit").get<std::string>();
  corpus.interviewers = document.at("interviewers").get<std::vector<std::string>>();
  for (const auto& source : document.at("sources")) {
    CorpusSource entry;
    entry.id = source.at("id").get<std::string>();
    entry.language = source.at("language").get<std::string>();
    entry.title = source.at("title").get<std::string>();
    for (const auto& [name, value] : source.at("attributes").items()) entry.attributes.emplace_back(name, value.get<std::string>());
    entry.text_path = folder / source.at("text").at("path").get<std::string>();
    entry.text_sha256 = source.at("text").at("sha256").get<std::string>();
    corpus.sources.push_back(std::move(entry));
  }
  return corpus;
}

}  // namespace

std::string read_source_text(const std::filesystem::path& text_path, const std::string& id, const std::string& sha256) {
  std::string text = read_file(text_path);
  if (sha256_hex(text) != sha256) {
    throw invalid_input(fmt::format("the text of source '{}' is not what corpus.yaml's text.sha256 says; was it changed "
                                    "after the import? (import again, or restore the file)",
                                    id),
                        {text_path.string()});
  }
  return text;
}

// The block layout qda-import writes is read without yaml-cpp (a corpus of thousands of sources took
// yaml-cpp half a second).
CorpusInfo read_corpus(const std::filesystem::path& path) { return corpus_of_document(load_validated_json(path, "corpus"), path); }

std::optional<CorpusBeingChecked> CorpusBeingChecked::start(const std::filesystem::path& path) {
  std::optional<nlohmann::ordered_json> document;
  try {
    document = read_block_yaml(read_file(path));
  } catch (const std::exception&) {
    return std::nullopt;  // read_corpus() reports it
  }
  if (!document) return std::nullopt;
  auto shared = std::make_shared<const nlohmann::ordered_json>(*std::move(document));
  CorpusBeingChecked reading;
  reading.check_ = std::async(std::launch::async, [shared] { return qda::matches_schema(*shared, "corpus"); }).share();
  try {
    reading.corpus_ = corpus_of_document(*shared, path);
  } catch (const std::exception&) {
    // A document that does not match the schema can fail to convert: the check then says so.
    if (reading.matches_schema()) throw;
  }
  return reading;
}

bool CorpusBeingChecked::matches_schema() { return check_.get(); }

std::string segment_id(std::string_view source, std::size_t seq) { return fmt::format("{}:{}", source, seq); }

std::string seconds_text(std::int64_t milliseconds) {
  return fmt::format("{}{}.{:03}", milliseconds < 0 ? "-" : "", std::abs(milliseconds) / 1000, std::abs(milliseconds) % 1000);
}

void write_segments_header(std::ostream& out, bool byte_order_mark) {
  if (byte_order_mark) out << "\xEF\xBB\xBF";
  CsvWriter(out).write_row(std::vector<std::string_view>(kSegmentColumns.begin(), kSegmentColumns.end()));
}

void append_segment_row(std::string& out, const SegmentRecord& segment) {
  std::string attributes;
  if (segment.attributes != nullptr && !segment.attributes->empty()) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (const auto& [name, value] : *segment.attributes) object[name] = value;
    attributes = object.dump();
  }
  const std::string id = segment_id(segment.source, segment.seq);
  const std::string seq = std::to_string(segment.seq);
  const std::string turn = std::to_string(segment.turn);
  const std::string start = std::to_string(segment.start);
  const std::string end = std::to_string(segment.end);
  const std::string start_seconds = segment.start_ms ? seconds_text(*segment.start_ms) : std::string();
  const std::string end_seconds = segment.end_ms ? seconds_text(*segment.end_ms) : std::string();
  append_csv_row(out, {id, segment.source, seq, turn, segment.speaker, segment.interviewer ? "true" : "false", start, end,
                       start_seconds, end_seconds, attributes, segment.text});
}

}  // namespace qda
