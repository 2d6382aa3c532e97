// Fuzz target: corpus.yaml as the tools after qda-import read it. read_corpus() streams the block
// layout a line at a time, checking the schema item by item, and reads anything else whole (through
// the block reader or yaml-cpp); CorpusReadInParallel (qda-code -j2) reads and checks the items on threads.
// All must agree with reading the whole document: the same corpus, or an error from both; and so must
// read_corpus_document (qda-report), the same document. The block
// reader declines what it cannot read, it never reads differently (block_yaml.hpp).
#include "fuzz_input.hpp"
#include "qda/corpus.hpp"
#include "qda/schema.hpp"

namespace {

bool same_corpus(const qda::CorpusInfo& a, const qda::CorpusInfo& b) {
  if (a.segments_path != b.segments_path || a.unit != b.unit || a.interviewers != b.interviewers || a.sources.size() != b.sources.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.sources.size(); ++i) {
    const qda::CorpusSource &x = a.sources[i], &y = b.sources[i];
    if (x.id != y.id || x.language != y.language || x.title != y.title || x.attributes != y.attributes ||
        x.text_path != y.text_path) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  const auto path = qda::fuzz::write_input(qda::fuzz::as_text(data, size), "corpus.yaml");
  std::optional<qda::CorpusInfo> read, whole;
  qda::fuzz::run_expecting_only_input_errors([&] { read = qda::read_corpus(path); });
  qda::fuzz::run_expecting_only_input_errors([&] { whole = qda::detail::read_corpus_whole(path); });
  qda::fuzz::require(read.has_value() == whole.has_value(), "streaming and whole reading disagree on whether a corpus is valid");
  if (read) qda::fuzz::require(same_corpus(*read, *whole), "streaming and whole reading read a corpus differently");
  // The document qda-report reads, every source kept whole, is the document read whole.
  std::optional<nlohmann::ordered_json> document, whole_document;
  qda::fuzz::run_expecting_only_input_errors([&] { document = qda::read_corpus_document(path, [](nlohmann::ordered_json&) {}); });
  qda::fuzz::run_expecting_only_input_errors([&] { whole_document = qda::load_validated_json(path, "corpus"); });
  qda::fuzz::require(document.has_value() == whole_document.has_value(), "the streamed and whole documents disagree on whether a corpus is valid");
  if (document) qda::fuzz::require(*document == *whole_document, "the streamed and whole documents differ");
  qda::fuzz::run_expecting_only_input_errors([&] {
    auto reading = qda::CorpusReadInParallel::read(path, qda::SourceFields::All, 2);
    if (!reading || !reading->matches_schema()) return;
    qda::fuzz::require(read.has_value(), "the block reader accepts a corpus that read_corpus refuses");
    qda::fuzz::require(same_corpus(reading->corpus(), *read), "the block reader and yaml-cpp read a corpus differently");
  });
  return 0;
}
