// Writing corpus.yaml and segments.csv in a fixed layout, so equal corpora are equal bytes.
#include "qda/corpus.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "qda/yaml.hpp"

namespace qda {

void write_corpus_yaml(std::ostream& out, const Corpus& corpus) {
  YAML::Emitter yaml;
  yaml << YAML::BeginMap;
  yaml << YAML::Key << "kind" << YAML::Value << "qda/corpus";
  yaml << YAML::Key << "version" << YAML::Value << 1;
  emit_provenance(yaml, corpus.provenance);
  yaml << YAML::Key << "unit" << YAML::Value << corpus.unit;
  yaml << YAML::Key << "segments_file" << YAML::Value << corpus.segments_file;
  yaml << YAML::Key << "interviewers" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& name : corpus.interviewers) emit_string(yaml, name);
  yaml << YAML::EndSeq;
  yaml << YAML::Key << "sources" << YAML::Value << YAML::BeginSeq;
  for (const auto& source : corpus.sources) {
    yaml << YAML::BeginMap;
    yaml << YAML::Key << "id" << YAML::Value;
    emit_string(yaml, source.id);
    yaml << YAML::Key << "title" << YAML::Value;
    emit_string(yaml, source.title);
    yaml << YAML::Key << "path" << YAML::Value;
    emit_string(yaml, source.path);
    yaml << YAML::Key << "format" << YAML::Value;
    emit_string(yaml, source.format);
    yaml << YAML::Key << "media_type" << YAML::Value;
    emit_string(yaml, source.media_type);
    yaml << YAML::Key << "sha256" << YAML::Value;
    emit_string(yaml, source.sha256);
    yaml << YAML::Key << "language" << YAML::Value;
    emit_string(yaml, source.language);
    yaml << YAML::Key << "text" << YAML::Value << YAML::BeginMap;
    yaml << YAML::Key << "path" << YAML::Value;
    emit_string(yaml, source.text_path);
    yaml << YAML::Key << "sha256" << YAML::Value << source.text_sha256;
    yaml << YAML::Key << "characters" << YAML::Value << source.characters;
    yaml << YAML::EndMap;
    yaml << YAML::Key << "attributes" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, value] : source.attributes) {
      yaml << YAML::Key;
      emit_string(yaml, name);
      yaml << YAML::Value;
      emit_string(yaml, value);
    }
    yaml << YAML::EndMap;
    yaml << YAML::Key << "turns" << YAML::Value << source.turns;
    yaml << YAML::Key << "segments" << YAML::Value << source.segments;
    yaml << YAML::Key << "speakers" << YAML::Value << YAML::BeginSeq;
    for (const auto& speaker : source.speakers) {
      yaml << YAML::Flow << YAML::BeginMap;
      yaml << YAML::Key << "name" << YAML::Value;
      emit_string(yaml, speaker.name);
      yaml << YAML::Key << "interviewer" << YAML::Value << speaker.interviewer;
      yaml << YAML::Key << "turns" << YAML::Value << speaker.turns;
      yaml << YAML::EndMap;
    }
    yaml << YAML::EndSeq;
    yaml << YAML::EndMap;
  }
  yaml << YAML::EndSeq;
  yaml << YAML::EndMap;
  out << yaml.c_str() << '\n';
}

std::optional<std::size_t> CorpusInfo::find(std::string_view id) const {
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].id == id) return i;
  }
  return std::nullopt;
}

CorpusInfo read_corpus(const std::filesystem::path& path) {
  const YAML::Node document = load_yaml_file(path, "corpus");
  CorpusInfo corpus;
  corpus.path = path;
  const std::filesystem::path folder = path.parent_path();
  corpus.segments_path = folder / document["segments_file"].as<std::string>();
  corpus.unit = document["unit"].as<std::string>();
  for (const auto& source : document["sources"]) {
    CorpusSource entry;
    entry.id = source["id"].as<std::string>();
    entry.language = source["language"].as<std::string>();
    entry.title = source["title"].as<std::string>();
    for (const auto& attribute : source["attributes"]) {
      entry.attributes.emplace_back(attribute.first.as<std::string>(), attribute.second.as<std::string>());
    }
    entry.text_path = folder / source["text"]["path"].as<std::string>();
    corpus.sources.push_back(std::move(entry));
  }
  return corpus;
}

std::string segment_id(std::string_view source, std::size_t seq) { return fmt::format("{}:{}", source, seq); }

SegmentWriter::SegmentWriter(std::ostream& out) : csv_(out) {
  csv_.write_row(std::vector<std::string_view>(kSegmentColumns.begin(), kSegmentColumns.end()));
}

void SegmentWriter::write(const SegmentRecord& segment) {
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
  csv_.write_row(std::vector<std::string_view>{id, segment.source, seq, turn, segment.speaker,
                                               segment.interviewer ? "true" : "false", start, end, attributes,
                                               segment.text});
}

}  // namespace qda
