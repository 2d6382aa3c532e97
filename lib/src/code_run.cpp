// qda-code: segments stream through in chunks; worker threads code chunks with the rule engine
// while the main thread reads ahead and writes results in chunk order, merging the manual codings
// of each segment, so the output is the same bytes for any number of threads.
#include "qda/code_run.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/output.hpp"
#include "qda/paths.hpp"
#include "qda/rules.hpp"
#include "qda/segment_stream.hpp"
#include "qda/text.hpp"

namespace qda {

namespace {

struct ChunkResult {
  std::vector<SegmentRow> rows;
  std::vector<std::vector<AutoCoding>> codings;  // per row
  // Per row and coding: the evidence in code points from the segment's start. Counted on the worker
  // threads, since the main thread's share of the work bounds how far threads can speed a run up.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> spans;
  std::exception_ptr error;
};

using LanguageOf = std::map<std::string, std::string, std::less<>>;

// Each coding's evidence as code points from the segment's start, counted in one pass over the text
// (its byte offsets visited in increasing order), not once from the start per coding.
void evidence_in_code_points(std::string_view text, const std::vector<AutoCoding>& codings,
                             std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  spans.assign(codings.size(), {0, 0});
  static thread_local std::vector<std::pair<std::size_t, std::size_t>> offsets;  // (byte offset, 2 * coding + 1 if an end)
  offsets.clear();
  for (std::size_t k = 0; k < codings.size(); ++k) {
    offsets.emplace_back(codings[k].begin, 2 * k);
    offsets.emplace_back(codings[k].end, 2 * k + 1);
  }
  std::sort(offsets.begin(), offsets.end());
  CodePointCursor cursor(text);
  for (const auto& [offset, slot] : offsets) {
    const std::size_t code_points = cursor.advance_to(offset);
    if (slot % 2 == 0) spans[slot / 2].first = code_points;
    else spans[slot / 2].second = code_points;
  }
}

ChunkResult code_chunk(const SegmentChunk& chunk, const std::string& file_name, SegmentCoder* coder,
                       const LanguageOf& languages) {
  ChunkResult result;
  try {
    parse_segment_chunk(chunk, file_name, result.rows);
    result.codings.resize(result.rows.size());
    result.spans.resize(result.rows.size());
    if (coder != nullptr) {
      const std::string* source = nullptr;  // of the previous row: rows come source by source
      std::string_view language;
      for (std::size_t i = 0; i < result.rows.size(); ++i) {
        const SegmentRow& row = result.rows[i];
        if (source == nullptr || *source != row.source) {
          const auto found = languages.find(row.source);
          language = found == languages.end() ? "und" : std::string_view(found->second);
          source = &row.source;
        }
        coder->code({row.text, row.speaker, row.interviewer, language}, result.codings[i]);
        evidence_in_code_points(row.text, result.codings[i], result.spans[i]);
      }
    }
  } catch (...) {
    result.error = std::current_exception();
  }
  return result;
}

// Manual codings, found by segment id or by overlapping span, each to be used at least once.
class ManualIndex {
 public:
  explicit ManualIndex(std::vector<ManualCoding> codings) : codings_(std::move(codings)), used_(codings_.size(), false) {
    // One coder codes a passage with a code once, across all the files given.
    std::map<std::tuple<std::string, std::string, std::size_t, std::size_t, std::size_t>, const ManualCoding*> seen;
    for (const auto& coding : codings_) {
      const auto key = std::make_tuple(coding.coder, coding.segment.empty() ? coding.source : coding.segment, coding.code,
                                       coding.start.value_or(0), coding.end.value_or(0));
      auto [existing, inserted] = seen.emplace(key, &coding);
      if (!inserted) {
        const Location& first = existing->second->where;
        throw invalid_input(fmt::format("coder '{}' codes '{}' with the same code twice (first at {}:{})", coding.coder,
                                        std::get<1>(key), first.file, first.line),
                            coding.where);
      }
    }
    for (std::size_t i = 0; i < codings_.size(); ++i) {
      if (!codings_[i].segment.empty()) by_segment_[codings_[i].segment].push_back(i);
      else by_source_[codings_[i].source].push_back(i);
    }
  }
  std::size_t size() const { return codings_.size(); }
  const ManualCoding& operator[](std::size_t i) const { return codings_[i]; }

  // Manual codings of a segment: (index, start, end) with spans clipped to the segment.
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> of(const SegmentRow& row) {
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> found;
    if (auto it = by_segment_.find(row.id); it != by_segment_.end()) {
      for (const std::size_t i : it->second) {
        used_[i] = true;
        found.emplace_back(i, row.start, row.end);
      }
    }
    if (auto it = by_source_.find(row.source); it != by_source_.end()) {
      for (const std::size_t i : it->second) {
        const std::size_t start = std::max(*codings_[i].start, row.start), end = std::min(*codings_[i].end, row.end);
        if (start >= end) continue;
        used_[i] = true;
        found.emplace_back(i, start, end);
      }
    }
    refuse_duplicates(row, found);
    return found;
  }

  // Two codings of one coder that give a segment the same code over the same span, however they were
  // written (a segment id and a span covering the segment, or two spans that agree inside it), would
  // be two equal rows of codings.csv: an error naming both.
  void refuse_duplicates(const SegmentRow& row, std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>& found) const {
    if (found.size() < 2) return;
    const auto key = [&](const std::tuple<std::size_t, std::size_t, std::size_t>& entry) {
      const ManualCoding& coding = codings_[std::get<0>(entry)];
      return std::tie(coding.coder, coding.code, std::get<1>(entry), std::get<2>(entry));
    };
    // In file order, so the error names the later of the two.
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> sorted = found;
    std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
      return key(a) != key(b) ? key(a) < key(b) : std::get<0>(a) < std::get<0>(b);
    });
    for (std::size_t k = 1; k < sorted.size(); ++k) {
      if (key(sorted[k - 1]) != key(sorted[k])) continue;
      const ManualCoding& first = codings_[std::get<0>(sorted[k - 1])];
      const ManualCoding& again = codings_[std::get<0>(sorted[k])];
      throw invalid_input(fmt::format("coder '{}' codes segment '{}' with the same code over the same span [{}, {}) twice "
                                      "(first at {}:{})",
                                      again.coder, row.id, std::get<1>(sorted[k]), std::get<2>(sorted[k]), first.where.file,
                                      first.where.line),
                          again.where);
    }
  }

  // Throws for the first manual coding that named no segment of the corpus.
  void check_all_used() const {
    for (std::size_t i = 0; i < codings_.size(); ++i) {
      if (used_[i]) continue;
      const ManualCoding& coding = codings_[i];
      if (!coding.segment.empty()) {
        throw invalid_input(fmt::format("unknown segment '{}'; expected a segment id of segments.csv", coding.segment),
                            coding.where);
      }
      throw invalid_input(fmt::format("the span [{}, {}) of source '{}' overlaps no segment of the corpus", *coding.start,
                                      *coding.end, coding.source),
                          coding.where);
    }
  }

 private:
  std::vector<ManualCoding> codings_;
  std::vector<bool> used_;
  std::map<std::string, std::vector<std::size_t>> by_segment_;
  std::map<std::string, std::vector<std::size_t>> by_source_;
};

// Segment-level comparison of auto-coding with each human coder, per code.
class Evaluation {
 public:
  void add(std::size_t code, const std::set<std::string>& coders_here, bool auto_here, const std::set<std::string>& all_coders) {
    for (const auto& coder : all_coders) {
      Counts& counts = counts_[{code, coder}];
      const bool human = coders_here.count(coder) > 0;
      counts.true_positive += auto_here && human;
      counts.false_positive += auto_here && !human;
      counts.false_negative += !auto_here && human;
    }
  }
  void print(std::ostream& out, const Codebook& codebook) const {
    out << fmt::format("{:<32} {:<10} {:>5} {:>6} {:>5} {:>9} {:>7}\n", "code", "coder", "auto", "human", "both", "precision",
                       "recall");
    for (const auto& [key, counts] : counts_) {
      const std::size_t auto_count = counts.true_positive + counts.false_positive;
      const std::size_t human_count = counts.true_positive + counts.false_negative;
      const auto ratio = [](std::size_t a, std::size_t b) { return b == 0 ? std::string("-") : fmt::format("{:.3f}", double(a) / double(b)); };
      out << fmt::format("{:<32} {:<10} {:>5} {:>6} {:>5} {:>9} {:>7}\n", codebook.codes[key.first].id, key.second, auto_count,
                         human_count, counts.true_positive, ratio(counts.true_positive, auto_count),
                         ratio(counts.true_positive, human_count));
    }
  }

 private:
  struct Counts {
    std::size_t true_positive = 0, false_positive = 0, false_negative = 0;
  };
  std::map<std::pair<std::size_t, std::string>, Counts> counts_;
};

std::string in_context(std::string_view text, std::size_t begin, std::size_t end) {
  constexpr std::size_t kContextCodePoints = 40;
  std::size_t from = begin, to = end;
  for (std::size_t n = 0; from > 0 && n < kContextCodePoints;) {
    --from;
    if ((static_cast<unsigned char>(text[from]) & 0xC0) != 0x80) ++n;
  }
  for (std::size_t n = 0; to < text.size() && n < kContextCodePoints; ++n) {
    ++to;
    while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  }
  return fmt::format("{}{}[{}]{}{}", from > 0 ? "…" : "", text.substr(from, begin - from), text.substr(begin, end - begin),
                     text.substr(end, to - end), to < text.size() ? "…" : "");
}

class CodingsSink {
 public:
  CodingsSink(const CodeOptions& options, const Codebook& codebook, const CorpusInfo& corpus, ManualIndex& manual,
              OutputSet& outputs)
      : codebook_(codebook), corpus_(corpus), manual_(manual) {
    if (!options.output.empty()) codings_.emplace(outputs.add(options.output).stream());
    if (!options.explain.empty()) {
      explain_csv_.emplace(outputs.add(options.explain).stream());
      explain_csv_->write_row(std::vector<std::string_view>{"source", "segment", "code", "rule", "stance", "cue", "matched", "context"});
    }
    if (options.evaluate) {
      evaluation_.emplace();
      for (std::size_t i = 0; i < manual.size(); ++i) human_coders_.insert(manual[i].coder);
    }
  }

  void write(ChunkResult& chunk) {
    for (std::size_t i = 0; i < chunk.rows.size(); ++i) write_segment(chunk.rows[i], chunk.codings[i], chunk.spans[i]);
  }

  CodeSummary summary;
  std::optional<Evaluation> evaluation_;

 private:
  void check_order(const SegmentRow& row) {
    // Rows come source by source, so the source is nearly always the previous row's.
    const auto source = current_source_ && corpus_.sources[*current_source_].id == row.source ? current_source_ : find_source(row.source);
    if (!source) {
      throw invalid_input(fmt::format("source '{}' is not in {}", row.source, corpus_.path.string()),
                          {corpus_.segments_path.string(), row.line});
    }
    if (current_source_ && (*source < *current_source_ || (*source == *current_source_ && row.seq <= last_seq_))) {
      throw invalid_input("segments are out of order; expected them in corpus order as qda-import writes them",
                          {corpus_.segments_path.string(), row.line});
    }
    current_source_ = *source;
    last_seq_ = row.seq;
  }

  void write_segment(const SegmentRow& row, const std::vector<AutoCoding>& auto_codings,
                     const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
    check_order(row);
    ++summary.segments;
    struct Pending {
      std::size_t code;
      CodingRecord record;
    };
    std::vector<Pending> pending;
    for (std::size_t k = 0; k < auto_codings.size(); ++k) {
      const AutoCoding& coding = auto_codings[k];
      const std::size_t start = row.start + spans[k].first;
      const std::size_t end = row.start + spans[k].second;
      pending.push_back({coding.code, {row.source, row.id, codebook_.codes[coding.code].id, std::string(kAutoCoder), coding.stance,
                                       start, end, coding.rule->id, coding.cue ? coding.cue->pattern.text : "", ""}});
      if (explain_csv_) {
        const std::string code = codebook_.codes[coding.code].id;
        const std::string matched(std::string_view(row.text).substr(coding.begin, coding.end - coding.begin));
        const std::string context = in_context(row.text, coding.begin, coding.end);
        explain_csv_->write_row(std::vector<std::string_view>{row.source, row.id, code, coding.rule->id, coding.stance,
                                                              coding.cue ? coding.cue->pattern.text : "", matched, context});
      }
    }
    summary.auto_codings += auto_codings.size();
    for (const auto& [index, start, end] : manual_.of(row)) {
      const ManualCoding& coding = manual_[index];
      pending.push_back({coding.code, {row.source, row.id, codebook_.codes[coding.code].id, coding.coder, coding.stance, start, end,
                                       "", "", coding.memo}});
      ++summary.manual_codings;
    }
    std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      const bool a_auto = a.record.coder == kAutoCoder, b_auto = b.record.coder == kAutoCoder;
      return std::tie(a.code, b_auto, a.record.coder, a.record.start, a.record.end) <
             std::tie(b.code, a_auto, b.record.coder, b.record.start, b.record.end);
    });
    if (codings_) {
      for (const auto& entry : pending) codings_->write(entry.record);
    }
    if (evaluation_) evaluate(pending);
  }

  template <typename Pending>
  void evaluate(const std::vector<Pending>& pending) {
    for (std::size_t i = 0; i < pending.size();) {
      const std::size_t code = pending[i].code;
      std::set<std::string> coders;
      bool auto_here = false;
      for (; i < pending.size() && pending[i].code == code; ++i) {
        if (pending[i].record.coder == kAutoCoder) auto_here = true;
        else coders.insert(pending[i].record.coder);
      }
      evaluation_->add(code, coders, auto_here, human_coders_);
    }
  }

  // The first source with the id, as CorpusInfo::find gives it, without a scan of every source.
  std::optional<std::size_t> find_source(std::string_view id) {
    if (source_index_.empty()) {
      for (std::size_t i = 0; i < corpus_.sources.size(); ++i) source_index_.emplace(corpus_.sources[i].id, i);
    }
    const auto found = source_index_.find(id);
    return found == source_index_.end() ? std::nullopt : std::optional<std::size_t>(found->second);
  }

  const Codebook& codebook_;
  const CorpusInfo& corpus_;
  std::unordered_map<std::string_view, std::size_t> source_index_;
  ManualIndex& manual_;
  std::optional<CodingWriter> codings_;
  std::optional<CsvWriter> explain_csv_;
  std::set<std::string> human_coders_;
  std::optional<std::size_t> current_source_;
  std::size_t last_seq_ = 0;
};

// Runs chunks through `jobs` worker threads and hands results to `sink` in chunk order.
class ChunkPipeline {
 public:
  ChunkPipeline(unsigned jobs, const RuleIndex* index, const std::string& file_name, LanguageOf languages)
      : file_name_(file_name), languages_(std::move(languages)) {
    if (index != nullptr) {
      for (unsigned i = 0; i < std::max(1u, jobs); ++i) coders_.push_back(std::make_unique<SegmentCoder>(*index));
    }
    if (jobs > 1) {
      for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this, i] { work(i); });
    }
  }
  ~ChunkPipeline() { stop(); }

  void run(SegmentChunkReader& reader, CodingsSink& sink) {
    std::size_t next_read = 0, next_write = 0;
    bool more = true;
    SegmentChunk chunk;
    while (more || next_write < next_read) {
      if (workers_.empty()) {
        if (!(more = reader.next(chunk))) break;
        ChunkResult result = code_chunk(chunk, file_name_, coder(0), languages_);
        if (result.error) std::rethrow_exception(result.error);
        sink.write(result);
        continue;
      }
      while (more && next_read - next_write < 2 * workers_.size()) {
        if (!(more = reader.next(chunk))) break;
        std::lock_guard lock(mutex_);
        queue_.emplace_back(next_read++, std::move(chunk));
        changed_.notify_all();
      }
      if (next_write == next_read) continue;
      ChunkResult result;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return done_.count(next_write) > 0; });
        result = std::move(done_[next_write]);
        done_.erase(next_write);
      }
      if (result.error) std::rethrow_exception(result.error);
      sink.write(result);
      ++next_write;
    }
  }

  // Hits per rule, summed over the workers.
  std::vector<std::size_t> rule_hits() const {
    std::vector<std::size_t> total;
    for (const auto& coder : coders_) {
      const auto& hits = coder->rule_hits();
      total.resize(hits.size(), 0);
      for (std::size_t i = 0; i < hits.size(); ++i) total[i] += hits[i];
    }
    return total;
  }

 private:
  SegmentCoder* coder(std::size_t i) { return coders_.empty() ? nullptr : coders_[i].get(); }

  void work(std::size_t worker) {
    while (true) {
      std::pair<std::size_t, SegmentChunk> task;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      ChunkResult result = code_chunk(task.second, file_name_, coder(worker), languages_);
      std::lock_guard lock(mutex_);
      done_.emplace(task.first, std::move(result));
      changed_.notify_all();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      queue_.clear();
      changed_.notify_all();
    }
    for (auto& worker : workers_) worker.join();
    workers_.clear();
  }

  std::string file_name_;
  LanguageOf languages_;
  std::vector<std::unique_ptr<SegmentCoder>> coders_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<std::size_t, SegmentChunk>> queue_;
  std::map<std::size_t, ChunkResult> done_;
  bool stopping_ = false;
};

std::string describe_pattern(const TermPattern& pattern) {
  return fmt::format("{}{}{}", pattern.text, pattern.stemmed ? " (stemmed)" : "", pattern.language.empty() ? "" : " [" + pattern.language + "]");
}

// Two terms are the same claim when they match the same words the same way.
std::string term_key(const TermPattern& term) {
  std::string key;
  for (const auto& form : term.forms) key += form + ' ';
  key += term.prefix ? "*" : "";
  key += term.stemmed ? "~" + term.language : "";
  return key;
}

void print_lint(std::ostream& out, const Codebook& codebook, const std::vector<std::size_t>& rule_hits,
                const ManualIndex& manual) {
  std::size_t findings = 0;
  std::size_t rule_index = 0;
  for (const auto& code : codebook.codes) {
    for (const auto& rule : code.rules) {
      if (rule_index < rule_hits.size() && rule_hits[rule_index] == 0) {
        out << describe(rule.where, fmt::format("rule '{}' of code '{}' matches no segment of the corpus", rule.id, code.id)) << '\n';
        ++findings;
      }
      ++rule_index;
    }
  }
  // The same words claimed by two codes: which code a passage gets would depend on rule order.
  std::map<std::string, std::vector<std::pair<std::size_t, const Rule*>>> claims;
  for (std::size_t c = 0; c < codebook.codes.size(); ++c) {
    for (const auto& rule : codebook.codes[c].rules) {
      for (const auto& term : rule.terms) {
        auto& claimants = claims[term_key(term)];
        if (claimants.empty() || claimants.back().first != c) claimants.emplace_back(c, &rule);
      }
    }
  }
  for (const auto& [key, claimants] : claims) {
    if (claimants.size() < 2) continue;
    std::string codes;
    for (const auto& [code, rule] : claimants) codes += (codes.empty() ? "" : ", ") + codebook.codes[code].id + " (rule " + rule->id + ")";
    const Rule& first = *claimants.front().second;
    const TermPattern* term = nullptr;
    for (const auto& candidate : first.terms) {
      if (term_key(candidate) == key) term = &candidate;
    }
    out << describe(first.where, fmt::format("term '{}' is claimed by {} codes: {}", term ? describe_pattern(*term) : key,
                                             claimants.size(), codes))
        << '\n';
    ++findings;
  }
  std::set<std::size_t> manually_coded;
  for (std::size_t i = 0; i < manual.size(); ++i) manually_coded.insert(manual[i].code);
  for (std::size_t c = 0; c < codebook.codes.size(); ++c) {
    const Code& code = codebook.codes[c];
    if (code.codable && code.rules.empty() && manually_coded.count(c) == 0) {
      out << describe(code.where, fmt::format("code '{}' has no rules and no manual codings", code.id)) << '\n';
      ++findings;
    }
  }
  out << fmt::format("lint: {} finding{}\n", findings, findings == 1 ? "" : "s");
}

}  // namespace

CodeSummary run_code(const CodeOptions& options, std::ostream& report) {
  if (options.output.empty() && !options.lint && !options.evaluate) {
    throw usage_error("nothing to do: give --output, --lint or --evaluate");
  }
  if (options.jobs == 0) throw usage_error("--jobs must be at least 1");
  const CorpusInfo corpus = read_corpus(options.corpus);
  const Codebook codebook = load_codebook(options.codebook);
  std::vector<ManualCoding> manual_codings;
  for (const auto& path : options.manual) {
    auto codings = read_manual_codings(path, codebook);
    manual_codings.insert(manual_codings.end(), std::make_move_iterator(codings.begin()), std::make_move_iterator(codings.end()));
  }
  ManualIndex manual(std::move(manual_codings));

  std::vector<std::filesystem::path> inputs = {options.corpus, corpus.segments_path, options.codebook};
  inputs.insert(inputs.end(), options.manual.begin(), options.manual.end());
  const InputGuard guard(inputs);
  for (const auto& output : {options.output, options.explain}) {
    if (!output.empty()) guard.check(output);
  }
  if (!options.output.empty() && !options.explain.empty() &&
      !resolved_path(options.output).empty() && resolved_path(options.output) == resolved_path(options.explain)) {
    throw usage_error("--output and --explain name the same file");
  }

  const std::optional<RuleIndex> index = options.no_auto ? std::nullopt : std::optional<RuleIndex>(std::in_place, codebook);
  OutputSet outputs;
  CodingsSink sink(options, codebook, corpus, manual, outputs);
  SegmentChunkReader reader(corpus.segments_path, options.chunk_bytes);
  LanguageOf languages;
  for (const auto& source : corpus.sources) languages.emplace(source.id, source.language);
  ChunkPipeline pipeline(options.jobs, index ? &*index : nullptr, reader.file_name(), std::move(languages));
  pipeline.run(reader, sink);
  manual.check_all_used();

  if (options.lint) print_lint(report, codebook, pipeline.rule_hits(), manual);
  if (sink.evaluation_) sink.evaluation_->print(report, codebook);
  outputs.commit_all();
  spdlog::info("coded {} segments: {} auto codings, {} manual codings", sink.summary.segments, sink.summary.auto_codings,
               sink.summary.manual_codings);
  return sink.summary;
}

}  // namespace qda
