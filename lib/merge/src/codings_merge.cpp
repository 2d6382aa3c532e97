// Merging the codings.csv qda-code wrote for each shard. qda-code orders rows by segment in corpus
// order and codes each segment from its own text, the codebook and the manual codings of that
// segment alone; so a single run's file is the header, then each source's rows as the shard that
// holds the source wrote them, in the merged corpus's order. The rows are copied as bytes.
#include "qda/merge_run.hpp"

#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "qda/codebook.hpp"
#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/csv_records.hpp"
#include "qda/error.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"

namespace qda {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCodingsHeader = "source,segment,code,coder,stance,start,end,rule,cue,memo\r\n";

struct SourceRows {
  std::size_t file = 0;  // the codings.csv holding them
  std::size_t line = 0;  // of the first
  std::uint64_t offset = 0, size = 0;
  std::size_t rows = 0;
};

// What a codings.csv row is sorted by: corpus order, seq, codebook order, auto first then the
// coders by name, start, end (docs/formats/codings-csv.md#order).
using RowKey = std::tuple<std::size_t, std::size_t, std::size_t, bool, std::string, std::size_t, std::size_t>;

std::size_t number(const std::string& text, const Location& where, std::string_view column) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw invalid_input(fmt::format("'{}' in column {}; expected a whole number", text, column), where);
  }
  return value;
}

class CodebookFacts {
 public:
  explicit CodebookFacts(const Codebook& codebook) {
    for (std::size_t i = 0; i < codebook.codes.size(); ++i) {
      codes_.emplace(codebook.codes[i].id, i);
      for (const auto& rule : codebook.codes[i].rules) rules_.emplace(codebook.codes[i].id, rule.id);
    }
    stances_.insert(codebook.stances.values.begin(), codebook.stances.values.end());
  }
  const std::size_t* code(const std::string& id) const {
    const auto found = codes_.find(id);
    return found == codes_.end() ? nullptr : &found->second;
  }
  bool has_rule(const std::string& code, const std::string& rule) const { return rules_.count({code, rule}) > 0; }
  bool has_stance(const std::string& stance) const { return stances_.count(stance) > 0; }

 private:
  std::map<std::string, std::size_t> codes_;
  std::set<std::pair<std::string, std::string>> rules_;
  std::set<std::string> stances_;
};

}  // namespace

MergeSummary merge_codings(const MergeOptions& options) {
  if (options.output.empty()) throw usage_error("--output is required: the merged codings.csv");
  if (options.corpus.empty()) throw usage_error("--corpus is required: the merged corpus.yaml, whose order the rows follow");
  if (options.codebook.empty()) throw usage_error("--codebook is required: the codebook every shard was coded with");
  const CorpusInfo corpus = read_corpus(options.corpus);
  const Codebook codebook = load_codebook(options.codebook);
  const CodebookFacts facts(codebook);
  std::map<std::string, std::size_t> source_index;
  for (std::size_t i = 0; i < corpus.sources.size(); ++i) source_index.emplace(corpus.sources[i].id, i);

  // The corpus's segments.csv is not read here, but it is the corpus's: an output over it lost it.
  std::vector<fs::path> inputs = {options.corpus, corpus.segments_path, options.codebook};
  std::map<fs::path, std::string> given;  // resolved -> as given
  std::vector<SourceRows> by_source(corpus.sources.size());
  MergeSummary summary;
  for (std::size_t file = 0; file < options.inputs.size(); ++file) {
    const std::string& name = options.inputs[file];
    if (auto [existing, inserted] = given.emplace(resolved_path(name), name); !inserted) {
      throw invalid_input(fmt::format("this file is given twice (also as {}); expected each shard's codings once", existing->second),
                          {name});
    }
    inputs.emplace_back(name);
    std::ifstream in(name, std::ios::binary);
    if (!in) throw io_error("cannot open the file", {name});
    CsvRecordScanner scanner(in, name);
    CsvRecord record;
    const auto not_the_header = [&] {
      return invalid_input(fmt::format("not the header qda-code writes; expected {}", kCodingsHeader.substr(0, kCodingsHeader.size() - 2)),
                           {name, 1});
    };
    if (!scanner.next(record) || scanner.had_byte_order_mark() ||
        fmt::format("{}\r\n", fmt::join(record.fields, ",")) != kCodingsHeader) {
      throw not_the_header();
    }
    require_crlf(record, name, "qda-code");
    if (record.size != kCodingsHeader.size()) throw not_the_header();  // a field quoted
    std::optional<RowKey> last;
    SourceRows* current = nullptr;
    while (scanner.next(record)) {
      const Location where{name, record.line};
      require_crlf(record, name, "qda-code");
      if (record.fields.size() != 10) {
        throw invalid_input(fmt::format("{} fields; expected the 10 columns of codings.csv", record.fields.size()), where);
      }
      const std::string& source = record.fields[0];
      const std::string& segment = record.fields[1];
      const std::string& code = record.fields[2];
      const std::string& coder = record.fields[3];
      const auto index = source_index.find(source);
      if (index == source_index.end()) {
        throw invalid_input(fmt::format("source '{}' is not in {}; expected codings of the merged corpus's sources", source,
                                        options.corpus),
                            where);
      }
      const std::size_t* code_index = facts.code(code);
      if (code_index == nullptr) {
        throw invalid_input(fmt::format("code '{}' is not in {}; expected codings made with this codebook", code, options.codebook),
                            where);
      }
      if (!facts.has_stance(record.fields[4])) {
        throw invalid_input(fmt::format("stance '{}' is not one of {}'s stances; expected codings made with this codebook",
                                        record.fields[4], options.codebook),
                            where);
      }
      if (!record.fields[7].empty() && !facts.has_rule(code, record.fields[7])) {
        throw invalid_input(fmt::format("rule '{}' is not a rule of code '{}' in {}; expected codings made with this codebook",
                                        record.fields[7], code, options.codebook),
                            where);
      }
      const auto seq = seq_in_source(segment, source);
      if (!seq) {
        throw invalid_input(fmt::format("segment '{}' is not a segment id of source '{}'; expected <source>:<seq>", segment, source),
                            where);
      }
      const RowKey key{index->second, *seq, *code_index, coder != "auto", coder,
                       number(record.fields[5], where, "start"), number(record.fields[6], where, "end")};
      if (last && !(*last < key)) {
        throw invalid_input("this row comes out of the order qda-code writes (corpus order, then codebook order, coder, "
                            "start, end); expected a codings.csv qda-code wrote with this corpus and codebook",
                            where);
      }
      last = key;
      SourceRows& rows = by_source[index->second];
      if (&rows != current) {
        if (rows.rows > 0) {
          // Within a file the key's order keeps a source's rows together: this is another file.
          throw invalid_input(fmt::format("codings of source '{}' are also in {}:{}; expected each source coded in one "
                                          "shard",
                                          source, options.inputs[rows.file], rows.line),
                              where);
        }
        rows = {file, record.line, record.offset, 0, 0};
        current = &rows;
      }
      rows.size = record.offset + record.size - rows.offset;
      ++rows.rows;
      ++summary.rows;
    }
  }

  const InputGuard guard(inputs);
  guard.check(options.output);
  OutputSet outputs;
  std::ostream& out = outputs.add(options.output).stream();
  out << kCodingsHeader;
  std::vector<std::ifstream> files;
  for (const auto& name : options.inputs) files.emplace_back(name, std::ios::binary);
  std::vector<char> buffer;
  for (const SourceRows& rows : by_source) {
    if (rows.rows == 0) continue;
    ++summary.sources;
    std::ifstream& in = files[rows.file];
    buffer.resize(static_cast<std::size_t>(rows.size));
    in.clear();
    in.seekg(static_cast<std::streamoff>(rows.offset));
    if (!in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()))) {
      throw io_error("cannot read the file (changed while merging?)", {options.inputs[rows.file]});
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  }
  outputs.commit_all();
  summary.shards = options.inputs.size();
  spdlog::info("merged {} codings files into {}: {} codings of {} sources", summary.shards, options.output, summary.rows,
               summary.sources);
  return summary;
}

}  // namespace qda
