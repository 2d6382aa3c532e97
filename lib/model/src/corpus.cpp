// Writing corpus.yaml and segments.csv in a fixed layout, so equal corpora are equal bytes.
#include "qda/corpus.hpp"

#include <algorithm>
#include <functional>
#include <cstdlib>
#include <deque>
#include <future>
#include <iterator>
#include <map>
#include <memory>

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

void write_corpus_head(std::ostream& out, const Corpus& corpus) {
  YamlWriter yaml;
  yaml.string_entry("kind", "qda/corpus");
  yaml.integer_entry("version", 1);
  write_provenance(yaml, corpus.provenance, &out);
  yaml.string_entry("unit", corpus.unit);
  yaml.string_entry("segments_file", corpus.segments_file);
  yaml.flow_sequence_entry("interviewers", corpus.interviewers);
  out << yaml.text();
}

CorpusSourcesWriter::CorpusSourcesWriter(std::ostream& out) : out_(out) { yaml_.begin_sequence("sources"); }

void CorpusSourcesWriter::write(const SourceRecord& source) {
  yaml_.begin_mapping_item();
  yaml_.string_entry("id", source.id);
  yaml_.string_entry("title", source.title);
  yaml_.string_entry("path", source.path);
  yaml_.string_entry("format", source.format);
  yaml_.string_entry("media_type", source.media_type);
  yaml_.string_entry("sha256", source.sha256);
  yaml_.string_entry("language", source.language);
  if (!source.encoding.empty()) yaml_.string_entry("encoding", source.encoding);
  if (source.encoding_confidence >= 0) yaml_.integer_entry("encoding_confidence", source.encoding_confidence);
  yaml_.begin_mapping("text");
  yaml_.string_entry("path", source.text_path);
  yaml_.string_entry("sha256", source.text_sha256);
  yaml_.integer_entry("characters", source.characters);
  yaml_.end();
  yaml_.begin_mapping("attributes");
  for (const auto& [name, value] : source.attributes) yaml_.string_entry(name, value);
  yaml_.end();
  yaml_.integer_entry("turns", source.turns);
  yaml_.integer_entry("segments", source.segments);
  yaml_.begin_sequence("speakers");
  for (const auto& speaker : source.speakers) {
    yaml_.flow_mapping_item({{"name", yaml_string(speaker.name, YamlContext::Flow)},
                             {"interviewer", speaker.interviewer ? "true" : "false"},
                             {"turns", std::to_string(speaker.turns)}});
  }
  yaml_.end();
  yaml_.end();
  if (++written_ % 256 == 0) yaml_.move_text_to(out_);
}

void CorpusSourcesWriter::finish() {
  yaml_.end();
  out_ << yaml_.text();
}

void write_corpus_yaml(std::ostream& out, const Corpus& corpus) {
  write_corpus_head(out, corpus);
  CorpusSourcesWriter sources(out);
  for (const auto& source : corpus.sources) sources.write(source);
  sources.finish();
}

std::optional<std::size_t> CorpusInfo::find(std::string_view id) const {
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].id == id) return i;
  }
  return std::nullopt;
}

namespace {

// One source of corpus.yaml. `at()`, not `[]`: sources are converted before the schema check has
// said they match, and `[]` on a const document with a key missing is undefined, not an error.
CorpusSource source_of_item(const nlohmann::ordered_json& source, const std::filesystem::path& folder, SourceFields fields) {
  CorpusSource entry;
  entry.id = source.at("id").get<std::string>();
  entry.language = source.at("language").get<std::string>();
  if (fields == SourceFields::IdAndLanguage) return entry;
  if (fields == SourceFields::IdLanguageAndTextPath) {
    entry.text_path = (folder / source.at("text").at("path").get<std::string>()).string();
    return entry;
  }
  for (const auto& [name, value] : source.at("attributes").items()) entry.attributes.emplace_back(name, value.get<std::string>());
  if (fields == SourceFields::IdLanguageAndAttributes) return entry;
  entry.title = source.at("title").get<std::string>();
  entry.text_path = (folder / source.at("text").at("path").get<std::string>()).string();
  entry.text_sha256 = source.at("text").at("sha256").get<std::string>();
  return entry;
}

// The corpus of a document, all but its sources (the streamed reading adds them one by one).
CorpusInfo corpus_of_rest(const nlohmann::ordered_json& document, const std::filesystem::path& path) {
  CorpusInfo corpus;
  corpus.path = path;
  corpus.segments_path = path.parent_path() / document.at("segments_file").get<std::string>();
  corpus.unit = document.at("unit").get<std::string>();
  corpus.interviewers = document.at("interviewers").get<std::vector<std::string>>();
  return corpus;
}

CorpusInfo corpus_of_document(const nlohmann::ordered_json& document, const std::filesystem::path& path,
                              SourceFields fields = SourceFields::All) {
  CorpusInfo corpus = corpus_of_rest(document, path);
  for (const auto& source : document.at("sources")) corpus.sources.push_back(source_of_item(source, path.parent_path(), fields));
  return corpus;
}

// The schema check of a corpus being read: the streamed lists' items in batches, each checked when it
// is full, then the rest.
class BatchedCheck {
 public:
  void add(const std::string& items_pointer, nlohmann::ordered_json&& item) {
    batch_.emplace_back(items_pointer, std::move(item));
    if (batch_.size() == kBatchItems) submit();
  }
  // The verdict, once the rest of the document is known.
  bool finish(const nlohmann::ordered_json& rest, const StreamedLists& lists) {
    submit();
    return matches_ && check_.rest(rest, lists);
  }

 private:
  static constexpr std::size_t kBatchItems = 512;

  void submit() {
    if (matches_) {
      matches_ = std::all_of(batch_.begin(), batch_.end(), [&](const auto& item) { return check_.item(item.first, item.second); });
    }
    batch_.clear();
  }

  StreamedSchemaCheck check_{"corpus"};
  std::vector<std::pair<std::string, nlohmann::ordered_json>> batch_;
  bool matches_ = true;  // the verdict on the batches before
};

// The verdict of a streamed reading, and the rest of its document: everything but the streamed
// lists' items (the lists are left empty).
struct StreamedDocument {
  nlohmann::ordered_json rest;
  bool matches = false;  // the schema's verdict
};

const std::vector<std::string> kSourcesKeys{"sources"}, kInputsKeys{"provenance", "inputs"};

// The streamed lists: only those that grow with the corpus, which the readers below take item by item;
// any other (`interviewers` written as a block list) stays in the rest. Where each one's items are
// described in the schema goes to `items_pointers`.
bool streams_list(const std::vector<std::string>& keys, std::map<std::vector<std::string>, std::string>& items_pointers) {
  if (keys != kSourcesKeys && keys != kInputsKeys) return false;
  auto pointer = StreamedSchemaCheck("corpus").items_pointer(keys);
  if (!pointer) return false;
  items_pointers[keys] = *std::move(pointer);
  return true;
}

// Reads qda-import's block layout a line at a time: the sources and the provenance's inputs (thousands
// each in a large corpus; no other list) pass one by one to `on_item` (with the keys of their list), then to the
// schema check of their part of the schema, so memory never holds the document. nullopt if the file
// is not in the block layout or cannot be read; items may have been given to `on_item` before that is known.
using CorpusItemVisitor = std::function<void(const std::vector<std::string>& keys, const nlohmann::ordered_json& item)>;
std::optional<StreamedDocument> read_streamed_document(const std::filesystem::path& path, const CorpusItemVisitor& on_item) {
  BatchedCheck check;
  std::map<std::vector<std::string>, std::string> items_pointers;  // of the lists streamed
  StreamedLists counts;
  BlockYamlStreaming streaming;
  streaming.streams = [&](const std::vector<std::string>& keys) { return streams_list(keys, items_pointers); };
  streaming.on_item = [&](const std::vector<std::string>& keys, nlohmann::ordered_json&& item) {
    ++counts[keys];
    on_item(keys, item);
    check.add(items_pointers.at(keys), std::move(item));
  };
  std::optional<nlohmann::ordered_json> rest = read_block_yaml_file(path, streaming);
  if (!rest) return std::nullopt;
  StreamedDocument read;
  read.rest = *rest;
  // Sources that are not a list of items do not match the schema: the whole reading says why.
  read.matches = check.finish(read.rest, counts) && counts.count(kSourcesKeys) > 0;
  return read;
}

struct StreamedCorpus {
  CorpusInfo corpus;
  bool matches = false;  // the schema's verdict
};

// The corpus of a streamed reading's rest and sources; nothing but a verdict of false if they do not
// convert (they do not match the schema).
StreamedCorpus streamed_corpus(const nlohmann::ordered_json& rest, const std::filesystem::path& path, std::vector<CorpusSource> sources,
                               bool sources_convert, bool matches) {
  StreamedCorpus read;
  try {
    read.corpus = corpus_of_rest(rest, path);
  } catch (const std::exception&) {
    return read;
  }
  if (!sources_convert) return read;
  read.corpus.sources = std::move(sources);
  read.matches = matches;
  return read;
}

// The corpus of a streamed reading: its sources converted as they pass, so memory holds their
// CorpusSource entries.
std::optional<StreamedCorpus> read_streamed(const std::filesystem::path& path, SourceFields fields) {
  const std::filesystem::path folder = path.parent_path();
  std::vector<CorpusSource> sources;
  bool sources_convert = true;  // false once a source did not convert: the check then says why
  auto document = read_streamed_document(path, [&](const std::vector<std::string>& keys, const nlohmann::ordered_json& item) {
    if (keys == kSourcesKeys && sources_convert) {
      try {
        sources.push_back(source_of_item(item, folder, fields));
      } catch (const std::exception&) {
        sources_convert = false;
      }
    }
  });
  if (!document) return std::nullopt;
  return streamed_corpus(document->rest, path, std::move(sources), sources_convert, document->matches);
}

// A batch of a streamed list's items, as their text, read, converted and checked on a thread.
struct ItemBatch {
  std::vector<std::string> keys;
  std::string items_pointer;
  std::size_t indent = 0;
  std::vector<std::string> texts;
};
struct ItemBatchRead {
  bool in_layout = true;
  bool matches = true;
  bool sources_convert = true;
  std::vector<CorpusSource> sources;
};

ItemBatchRead read_item_batch(const ItemBatch& batch, const std::filesystem::path& folder, SourceFields fields) {
  ItemBatchRead read;
  StreamedSchemaCheck check("corpus");  // its validator is not shared between threads
  for (const std::string& text : batch.texts) {
    const std::optional<nlohmann::ordered_json> item = read_block_yaml_item(text, batch.indent);
    if (!item) {
      read.in_layout = false;
      return read;
    }
    if (batch.keys == kSourcesKeys && read.sources_convert) {
      try {
        read.sources.push_back(source_of_item(*item, folder, fields));
      } catch (const std::exception&) {
        read.sources_convert = false;
      }
    }
    read.matches = read.matches && check.item(batch.items_pointer, *item);
  }
  return read;
}

// read_streamed on `threads` threads: the reading thread only cuts the streamed lists into their items'
// texts, and batches of them are read, converted and checked on threads of their own, as many at once
// as `threads`, their sources taken in the file's order. Reading an item's text is most of the work
// (a corpus of tens of thousands of survey answers took a second on one thread).
std::optional<StreamedCorpus> read_streamed_in_parallel(const std::filesystem::path& path, SourceFields fields, unsigned threads) {
  constexpr std::size_t kBatchItems = 512;
  const std::filesystem::path folder = path.parent_path();
  std::map<std::vector<std::string>, std::string> items_pointers;
  StreamedLists counts;
  ItemBatchRead read;  // the batches' results, merged in order
  std::deque<std::future<ItemBatchRead>> pending;
  ItemBatch batch;
  const auto take_oldest = [&] {
    std::future<ItemBatchRead> oldest = std::move(pending.front());
    pending.pop_front();
    ItemBatchRead done = oldest.get();
    read.in_layout = read.in_layout && done.in_layout;
    read.matches = read.matches && done.matches;
    read.sources_convert = read.sources_convert && done.sources_convert;
    if (read.sources_convert) std::move(done.sources.begin(), done.sources.end(), std::back_inserter(read.sources));
  };
  const auto submit = [&] {
    if (batch.texts.empty()) return;
    if (pending.size() >= std::max(threads, 1u)) take_oldest();
    pending.push_back(std::async(std::launch::async, [batch = std::move(batch), &folder, fields] { return read_item_batch(batch, folder, fields); }));
    batch = ItemBatch();
  };
  BlockYamlStreaming streaming;
  streaming.streams = [&](const std::vector<std::string>& keys) { return streams_list(keys, items_pointers); };
  streaming.on_item_text = [&](const std::vector<std::string>& keys, std::string&& text, std::size_t indent) {
    ++counts[keys];
    if (batch.keys != keys || batch.indent != indent) submit();
    if (batch.texts.empty()) batch = ItemBatch{keys, items_pointers.at(keys), indent, {}};
    batch.texts.push_back(std::move(text));
    if (batch.texts.size() == kBatchItems) submit();
  };
  std::optional<nlohmann::ordered_json> rest;
  try {
    rest = read_block_yaml_file(path, streaming);
    submit();
  } catch (...) {
    for (auto& batch_read : pending) {  // before what they use goes; one whose get() threw is empty
      if (batch_read.valid()) batch_read.wait();
    }
    throw;
  }
  while (!pending.empty()) take_oldest();
  if (!rest || !read.in_layout) return std::nullopt;
  const bool matches = read.matches && counts.count(kSourcesKeys) > 0 && StreamedSchemaCheck("corpus").rest(*rest, counts);
  return streamed_corpus(*rest, path, std::move(read.sources), read.sources_convert, matches);
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
// yaml-cpp half a second), and streamed; any other layout, and a corpus that does not match the
// schema, is read whole (load_validated_json), which reports where it is wrong.
CorpusInfo read_corpus(const std::filesystem::path& path, SourceFields fields) {
  if (auto read = read_streamed(path, fields); read && read->matches) return std::move(read->corpus);
  return corpus_of_document(load_validated_json(path, "corpus"), path, fields);
}

CorpusInfo detail::read_corpus_whole(const std::filesystem::path& path) {
  return corpus_of_document(load_validated_json(path, "corpus"), path);
}

nlohmann::ordered_json visit_corpus_document(const std::filesystem::path& path, const CorpusDocumentVisitor& visitor) {
  const std::vector<std::string> sources_keys{"sources"}, inputs_keys{"provenance", "inputs"};
  bool given = false;  // items went to the visitor
  bool refused = false;  // the visitor could not take an item (it broke the schema): read whole, which says where
  auto read = read_streamed_document(path, [&](const std::vector<std::string>& keys, const nlohmann::ordered_json& item) {
    if (refused || (keys != sources_keys && keys != inputs_keys)) return;
    given = true;
    try {
      (keys == sources_keys ? visitor.source : visitor.input)(item);
    } catch (const std::exception&) {  // such as a key missing from an item that breaks the schema
      refused = true;
    }
  });
  if (read && !refused && read->matches) return std::move(read->rest);
  // Another layout, or a corpus breaking the schema: read whole, which says where.
  nlohmann::ordered_json document = load_validated_json(path, "corpus");
  if (given) visitor.restart();
  nlohmann::ordered_json& sources = document.at("sources");
  for (const auto& source : sources) visitor.source(source);
  sources = nlohmann::ordered_json::array();
  if (auto provenance = document.find("provenance"); provenance != document.end() && provenance->contains("inputs")) {
    nlohmann::ordered_json& inputs = provenance->at("inputs");
    for (const auto& input : inputs) visitor.input(input);
    inputs = nlohmann::ordered_json::array();
  }
  return document;
}

nlohmann::ordered_json read_corpus_document(const std::filesystem::path& path, const std::function<void(nlohmann::ordered_json&)>& keep) {
  nlohmann::ordered_json sources = nlohmann::ordered_json::array(), inputs = nlohmann::ordered_json::array();
  CorpusDocumentVisitor visitor;
  visitor.source = [&](const nlohmann::ordered_json& source) {
    nlohmann::ordered_json kept = source;
    keep(kept);
    sources.push_back(std::move(kept));
  };
  visitor.input = [&](const nlohmann::ordered_json& input) { inputs.push_back(input); };
  visitor.restart = [&] {
    sources = nlohmann::ordered_json::array();
    inputs = nlohmann::ordered_json::array();
  };
  nlohmann::ordered_json document = visit_corpus_document(path, visitor);
  document["sources"] = std::move(sources);
  if (!inputs.empty()) document["provenance"]["inputs"] = std::move(inputs);
  return document;
}

std::optional<CorpusReadInParallel> CorpusReadInParallel::read(const std::filesystem::path& path, SourceFields fields, unsigned threads) {
  auto read = read_streamed_in_parallel(path, fields, threads);
  if (!read) return std::nullopt;
  CorpusReadInParallel reading;
  reading.corpus_ = std::move(read->corpus);
  reading.matches_ = read->matches;
  return reading;
}

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
