// The corpus qda-import produces: corpus.yaml (the sources and how they were read) and
// segments.csv (one row per segment), with the normalised text of each source beside them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qda/csv.hpp"
#include "qda/document.hpp"
#include "qda/provenance.hpp"
#include "qda/yaml_writer.hpp"

namespace qda {

struct SpeakerSummary {
  std::string name;
  bool interviewer = false;
  std::size_t turns = 0;
};

struct SourceRecord {
  std::string id;
  std::string title;
  std::string path;        // of the original file, relative to corpus.yaml's folder
  std::string format;      // "txt", "docx", ...
  std::string media_type;
  std::string sha256;      // of the original file's bytes
  std::string language;    // BCP 47, "und" when unknown
  std::string encoding;    // what its bytes were decoded from: "UTF-8", "windows-1252", ...; empty if not told
  int encoding_confidence = -1;  // ICU's confidence (0-100) when the encoding was detected, else -1
  std::string text_path;   // of the normalised text, relative to corpus.yaml's folder
  std::string text_sha256;
  Attributes attributes;   // from the attribute sheet, in its column order
  std::size_t characters = 0;  // code points of the normalised text
  std::size_t turns = 0;
  std::size_t segments = 0;
  std::vector<SpeakerSummary> speakers;  // in order of first appearance
};

struct Corpus {
  Provenance provenance;
  std::string unit;  // turn, paragraph or sentence
  std::string segments_file;
  std::vector<std::string> interviewers;
  std::vector<SourceRecord> sources;
};

void write_corpus_yaml(std::ostream& out, const Corpus& corpus);

// corpus.yaml in its two parts, for a writer that has its sources one at a time (qda-import): the head,
// everything but the sources (`corpus.sources` is not read), and then the list of sources, which
// comes last, written as the sources come a few hundred at a time.
void write_corpus_head(std::ostream& out, const Corpus& corpus);
class CorpusSourcesWriter {
 public:
  explicit CorpusSourcesWriter(std::ostream& out);
  void write(const SourceRecord& source);
  // Ends the list; once, after the last source.
  void finish();

 private:
  std::ostream& out_;
  YamlWriter yaml_;
  std::size_t written_ = 0;
};

// What later tools need of a corpus.yaml: its sources in order and where its files are.
struct CorpusSource {
  std::string id;
  std::string language;
  std::string title;
  Attributes attributes;
  std::string text_path;  // resolved against corpus.yaml's folder
  std::string text_sha256;          // what qda-import wrote there
};

// A source's text from texts/, checked against the hash corpus.yaml gives it: a text edited after the
// import no longer matches the offsets of segments.csv and the codings, so it is an InvalidInput
// error naming the file rather than read as if nothing had changed.
std::string read_source_text(const std::filesystem::path& text_path, const std::string& id, const std::string& sha256);

// Which fields of each source a reader of corpus.yaml keeps: all; only `id` and `language`, which
// hold a few bytes a source rather than its title, attributes and text's path; those and the text's
// path (qda-code, which keeps its outputs off the texts); or those and the attributes
// (qda-triangulate, which groups and counts sources by them).
enum class SourceFields { All, IdAndLanguage, IdLanguageAndTextPath, IdLanguageAndAttributes };

struct CorpusInfo {
  std::filesystem::path path;           // of corpus.yaml
  std::filesystem::path segments_path;  // resolved against corpus.yaml's folder
  std::string unit;
  std::vector<std::string> interviewers;
  std::vector<CorpusSource> sources;
  // Index of a source id in `sources`, if it is there.
  std::optional<std::size_t> find(std::string_view id) const;
};

// Loads and validates corpus.yaml (schemas/v1/corpus.schema.json). qda-import's layout is read a line
// at a time, so memory holds the sources' entries, not the file or its document.
CorpusInfo read_corpus(const std::filesystem::path& path, SourceFields fields = SourceFields::All);

// corpus.yaml an item at a time, for a tool that shows a few values of each source and must not hold
// them all (qda-report): each source's entry goes to `source` and each input of its provenance to
// `input` as the file is read, and the rest of the document is returned, checked against the schema,
// its lists of sources and inputs empty. qda-import's block layout is streamed; any other layout is
// read whole, then given item by item. A reading may give items and then find the layout left: `restart`
// is called before the items are given again; so it is when a visitor throws on an item before the
// schema has been checked (the whole reading then says where the item is wrong). A corpus that breaks
// the schema throws its error (with its line), perhaps after some items were given. All three
// callbacks are needed.
struct CorpusDocumentVisitor {
  std::function<void(const nlohmann::ordered_json& source)> source;
  std::function<void(const nlohmann::ordered_json& input)> input;
  std::function<void()> restart;
};
nlohmann::ordered_json visit_corpus_document(const std::filesystem::path& path, const CorpusDocumentVisitor& visitor);

// corpus.yaml as a document, read as visit_corpus_document reads it, with each source's entry given to
// `keep` to trim (the fuzz target and the tests compare it with the document read whole).
nlohmann::ordered_json read_corpus_document(const std::filesystem::path& path,
                                            const std::function<void(nlohmann::ordered_json& source)>& keep);

namespace detail {
// read_corpus reading the whole document at once (what it falls back to): the fuzz target compares the two.
CorpusInfo read_corpus_whole(const std::filesystem::path& path);
}  // namespace detail

// A corpus read from qda-import's block layout on several threads: the reading thread cuts the lists
// of sources and inputs into their items, and batches of items are read, converted and checked against
// the schema on `threads` threads at once (reading the items of a corpus of tens of thousands of
// sources is most of a tool's start-up).
class CorpusReadInParallel {
 public:
  // nullopt if the file is not in the block layout (or cannot be read): read_corpus() then decides.
  static std::optional<CorpusReadInParallel> read(const std::filesystem::path& path, SourceFields fields, unsigned threads);
  const CorpusInfo& corpus() const { return corpus_; }
  // True if the file matches the schema, and so corpus() is what read_corpus() gives; false if not,
  // and read_corpus() must be called to report why (or to read it otherwise).
  bool matches_schema() const { return matches_; }

 private:
  CorpusInfo corpus_;
  bool matches_ = false;
};

// segments.csv: the header, in this order. start/end are code-point offsets into the source's
// normalised text; start_seconds/end_seconds where the segment lies in the recording (empty when the
// source gives no times); attributes is a JSON object (or empty); text is the exact span.
inline constexpr std::array<std::string_view, 12> kSegmentColumns = {
    "id", "source", "seq", "turn", "speaker", "interviewer", "start", "end", "start_seconds", "end_seconds",
    "attributes", "text"};
// The header segments.csv had before it gave times: still read, with no times.
inline constexpr std::array<std::string_view, 10> kSegmentColumnsWithoutTimes = {
    "id", "source", "seq", "turn", "speaker", "interviewer", "start", "end", "attributes", "text"};

struct SegmentRecord {
  std::string_view source;
  std::size_t seq = 0;
  std::size_t turn = 0;
  std::string_view speaker;
  bool interviewer = false;
  std::size_t start = 0;
  std::size_t end = 0;
  std::optional<std::int64_t> start_ms;  // into the recording
  std::optional<std::int64_t> end_ms;
  const Attributes* attributes = nullptr;
  std::string_view text;
};

// Milliseconds as segments.csv writes seconds: "2.400", "3723.000".
std::string seconds_text(std::int64_t milliseconds);

// The id segments.csv gives a segment: "<source>:<seq>".
std::string segment_id(std::string_view source, std::size_t seq);

// segments.csv's first line: the header, after a UTF-8 byte-order mark with `byte_order_mark` (Excel
// needs one to read the file as UTF-8).
void write_segments_header(std::ostream& out, bool byte_order_mark = false);
// Appends one row of segments.csv to `out`. Rows are formatted apart from the file they go to, so that
// qda-import formats each source's rows on the thread that read it.
void append_segment_row(std::string& out, const SegmentRecord& segment);

}  // namespace qda
