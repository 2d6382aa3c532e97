// qda-code: segments stream through in chunks (ordered_pipeline.hpp); worker threads code chunks with
// the rule engine and format the auto codings' rows, while the main thread reads ahead and writes
// results in chunk order, merging the manual codings of each segment, so the output is the same bytes
// for any number of threads.
#include "qda/code_run.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <map>
#include <numeric>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/auto_coding_rows.hpp"
#include "qda/coding.hpp"
#include "qda/corpus.hpp"
#include "qda/csv.hpp"
#include "qda/evaluation.hpp"
#include "qda/lint.hpp"
#include "qda/ordered_pipeline.hpp"
#include "qda/output.hpp"
#include "qda/progress.hpp"
#include "qda/paths.hpp"
#include "qda/rules.hpp"
#include "qda/schema.hpp"
#include "qda/segment_stream.hpp"
#include "qda/stance_test.hpp"
#include "qda/strings.hpp"
#include "qda/text.hpp"
#include "qda/version.hpp"

namespace qda {

namespace {

// An auto coding as the main thread needs it to merge manual codings in: its row of codings.csv is
// formatted already.
struct AutoRow {
  std::size_t code = 0;    // index into Codebook::codes
  std::string_view stance;  // held by the codebook
  std::size_t start = 0;   // code points into the source's normalised text
  std::size_t end = 0;
  std::size_t csv_begin = 0;  // its row in ChunkResult::codings_csv
  std::size_t csv_end = 0;
};

// A segment's auto codings: [first, last) of ChunkResult::auto_rows, in the order codings.csv lists
// them, and their rows, [csv_begin, csv_end) of ChunkResult::codings_csv.
struct SegmentCodings {
  std::size_t first = 0, last = 0;
  std::size_t csv_begin = 0, csv_end = 0;
  // Whether the row's source is the previous row's in the chunk, as the worker found it: the main
  // thread then need not compare the ids again (the row's bytes are no longer in its cache).
  bool same_source = false;
};

struct ChunkResult {
  SegmentChunk chunk;  // the bytes the rows view
  std::vector<SegmentRow> rows;
  std::vector<SegmentCodings> segments;  // per row
  std::vector<AutoRow> auto_rows;
  std::string codings_csv;  // the auto codings' rows of codings.csv, segment by segment
  std::string explain_csv;  // the chunk's rows of explain.csv
};

using LanguageOf = std::map<std::string, std::string, std::less<>>;

// What the workers make of each chunk; the same for all of them.
struct ChunkSettings {
  std::string file_name;  // segments.csv, for messages
  LanguageOf languages;   // of each source, for the cue scope
  const Codebook* codebook = nullptr;
  bool codings_csv = false;  // whether to format the auto codings' rows of codings.csv
  bool explain_csv = false;  // whether to format explain.csv's rows
  bool collect_words = false;  // whether to keep the words broad patterns match (--lint)
};

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

// The evidence with up to 40 code points either side, the evidence in brackets.
void append_in_context(std::string& out, std::string_view text, std::size_t begin, std::size_t end) {
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
  if (from > 0) out += "…";
  out.append(text.substr(from, begin - from)).append("[").append(text.substr(begin, end - begin)).append("]");
  out.append(text.substr(end, to - end));
  if (to < text.size()) out += "…";
}

// One worker's share: parsing chunks, coding their segments with the rule engine and formatting the
// auto codings' rows. The formatting is done here rather than on the main thread, whose share of the
// work bounds how far threads can speed a run up.
class ChunkCoder {
 public:
  ChunkCoder(const ChunkSettings& settings, const RuleIndex* index) : settings_(settings), rows_(*settings.codebook) {
    if (index != nullptr) engine_ = std::make_unique<SegmentCoder>(*index, settings.collect_words);
  }

  // The pipeline (ordered_pipeline.hpp) passes errors on to the main thread, in chunk order.
  ChunkResult operator()(SegmentChunk chunk) {
    ChunkResult result;
    result.chunk = std::move(chunk);
    parse_segment_chunk(result.chunk, settings_.file_name, result.rows);
    result.segments.resize(result.rows.size());
    if (engine_ == nullptr) return result;
    // Room for about what the last chunk needed, so the rows are not copied each time the strings grow.
    result.codings_csv.reserve(codings_csv_bytes_ + codings_csv_bytes_ / 4);
    result.explain_csv.reserve(explain_csv_bytes_ + explain_csv_bytes_ / 4);
    std::string_view source, language;  // of the previous row: rows come source by source
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
      const SegmentRow& row = result.rows[i];
      if (i == 0 || row.source != source) {
        const auto found = settings_.languages.find(row.source);
        language = found == settings_.languages.end() ? "und" : std::string_view(found->second);
        source = row.source;
      } else {
        result.segments[i].same_source = true;
      }
      code_segment(row, language, result, result.segments[i]);
    }
    codings_csv_bytes_ = result.codings_csv.size();
    explain_csv_bytes_ = result.explain_csv.size();
    return result;
  }

  const SegmentCoder* engine() const { return engine_.get(); }

 private:
  void code_segment(const SegmentRow& row, std::string_view language, ChunkResult& result, SegmentCodings& segment) {
    codings_.clear();
    engine_->code({row.text, row.speaker, row.interviewer, language}, codings_);
    evidence_in_code_points(row.text, codings_, spans_);
    // codings.csv lists a segment's codings by code, then span: the engine gives at most one per code,
    // in codebook order (rules.hpp), so they are in that order already.
    const Codebook& codebook = *settings_.codebook;
    segment.first = result.auto_rows.size();
    segment.csv_begin = result.codings_csv.size();
    if (settings_.codings_csv && !codings_.empty()) rows_.start_segment(row.source, row.id);
    for (std::size_t k = 0; k < codings_.size(); ++k) {
      const AutoCoding& coding = codings_[k];
      AutoRow auto_row{coding.code, coding.stance, row.start + spans_[k].first, row.start + spans_[k].second, result.codings_csv.size(), 0};
      if (settings_.codings_csv) rows_.append(result.codings_csv, coding, auto_row.start, auto_row.end);
      auto_row.csv_end = result.codings_csv.size();
      result.auto_rows.push_back(auto_row);
    }
    segment.last = result.auto_rows.size();
    segment.csv_end = result.codings_csv.size();
    if (!settings_.explain_csv) return;
    for (const AutoCoding& coding : codings_) {  // in the engine's order
      context_.clear();
      append_in_context(context_, row.text, coding.begin, coding.end);
      append_csv_row(result.explain_csv, {row.source, row.id, codebook.codes[coding.code].id, coding.rule->id, coding.stance,
                                          cue_of(coding), row.text.substr(coding.begin, coding.end - coding.begin), context_});
    }
  }

  static std::string_view cue_of(const AutoCoding& coding) {
    if (!coding.cues.empty()) return coding.cues;
    return coding.cue ? std::string_view(coding.cue->pattern.text) : "";
  }

  const ChunkSettings& settings_;
  std::unique_ptr<SegmentCoder> engine_;  // none with --no-auto
  AutoCodingRows rows_;
  // Reused from segment to segment, so a segment allocates nothing once they have grown.
  std::vector<AutoCoding> codings_;
  std::vector<std::pair<std::size_t, std::size_t>> spans_;
  std::string context_;
  std::size_t codings_csv_bytes_ = 0, explain_csv_bytes_ = 0;  // of the last chunk
};

// Manual codings, found by segment id or by overlapping span, each to be used at least once. They are
// held compactly (coders, stances, files, segment ids and sources interned, memos in one buffer, spans
// apart), a segment's codings are found through one array ordered by segment, and duplicates are found
// by sorting: a sample of hundreds of thousands of codings took about 340 bytes a coding as
// ManualCoding records, about 110 held with a string per coding and a map of segments, about 55 so.
class ManualIndex {
 public:
  // A held coding as ManualCoding gives it, its strings viewing the index.
  struct View {
    const std::string& coder;
    const std::string& stance;
    std::string_view segment, source, memo;
    std::size_t code;
    std::optional<std::size_t> start, end;
    const std::string* file;
    std::size_t line;
    Location where() const { return {*file, line}; }
  };

  ManualIndex(const std::vector<std::string>& paths, const Codebook& codebook) {
    held_.reserve(manual_codings_lines(paths));
    for (const auto& path : paths) read_manual_codings(path, codebook, [&](ManualCoding&& coding) { hold(coding); });
    used_.assign(held_.size(), false);
    refuse_repeated_codings();
    index_by_segment();
  }
  ManualIndex(const ManualIndex&) = delete;  // by_source_ views sources_
  ManualIndex& operator=(const ManualIndex&) = delete;

  // One coder codes a passage with a code once, across all the files given: the error names the
  // earliest coding that repeats one before it, and that one.
  void refuse_repeated_codings() const {
    const auto key = [&](std::size_t i) {
      const View coding = (*this)[i];
      return std::make_tuple(std::string_view(coding.coder), coding.segment.empty() ? coding.source : coding.segment, coding.code,
                             coding.start.value_or(0), coding.end.value_or(0));
    };
    std::vector<std::size_t> order(held_.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const auto key_a = key(a), key_b = key(b);
      return key_a != key_b ? key_a < key_b : a < b;
    });
    std::optional<std::pair<std::size_t, std::size_t>> repeat;  // (first, again), `again` the earliest
    std::size_t group = 0;  // where the codings with order[k]'s key start, the first in file order
    for (std::size_t k = 1; k < order.size(); ++k) {
      if (key(order[k - 1]) != key(order[k])) {
        group = k;
        continue;
      }
      if (!repeat || order[k] < repeat->second) repeat = {{order[group], order[k]}};
    }
    if (!repeat) return;
    const View first = (*this)[repeat->first];
    const View again = (*this)[repeat->second];
    throw invalid_input(fmt::format("coder '{}' codes '{}' with the same code twice (first at {}:{})", again.coder,
                                    again.segment.empty() ? again.source : again.segment, *first.file, first.line),
                        again.where());
  }
  std::size_t size() const { return held_.size(); }
  View operator[](std::size_t i) const {
    const Held& held = held_[i];
    const bool has_span = held.span != kNoSpan;
    return {names_[held.coder],
            names_[held.stance],
            segments_[held.segment],
            sources_[held.source],
            std::string_view(memos_).substr(held.memo_at, held.memo_size),
            held.code,
            has_span ? std::optional<std::size_t>(spans_[held.span].first) : std::nullopt,
            has_span ? std::optional<std::size_t>(spans_[held.span].second) : std::nullopt,
            &names_[held.file],
            held.line};
  }

  // Manual codings of a segment: (index, start, end) with spans clipped to the segment.
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> of(const SegmentRow& row) {
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> found;
    if (held_.empty()) return found;  // the lookups would hash the row's ids for nothing
    if (const auto segment = segments_.find(row.id); segment && *segment != kNoSegment) {
      for (std::uint32_t k = segment_first_[*segment]; k < segment_first_[*segment + 1]; ++k) {
        const std::size_t i = by_segment_[k];
        used_[i] = true;
        found.emplace_back(i, row.start, row.end);
      }
    }
    if (auto it = by_source_.find(row.source); it != by_source_.end()) {
      for (const std::size_t i : it->second) {
        const auto [span_start, span_end] = spans_[held_[i].span];
        const std::size_t start = std::max<std::size_t>(span_start, row.start), end = std::min<std::size_t>(span_end, row.end);
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
      const Held& held = held_[std::get<0>(entry)];
      return std::make_tuple(std::string_view(names_[held.coder]), held.code, std::get<1>(entry), std::get<2>(entry));
    };
    // In file order, so the error names the later of the two.
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> sorted = found;
    std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
      return key(a) != key(b) ? key(a) < key(b) : std::get<0>(a) < std::get<0>(b);
    });
    for (std::size_t k = 1; k < sorted.size(); ++k) {
      if (key(sorted[k - 1]) != key(sorted[k])) continue;
      const View first = (*this)[std::get<0>(sorted[k - 1])];
      const View again = (*this)[std::get<0>(sorted[k])];
      throw invalid_input(fmt::format("coder '{}' codes segment '{}' with the same code over the same span [{}, {}) twice "
                                      "(first at {}:{})",
                                      again.coder, row.id, std::get<1>(sorted[k]), std::get<2>(sorted[k]), *first.file,
                                      first.line),
                          again.where());
    }
  }

  // Throws for the first manual coding that named no segment of the corpus.
  void check_all_used() const {
    for (std::size_t i = 0; i < held_.size(); ++i) {
      if (used_[i]) continue;
      const View coding = (*this)[i];
      if (!coding.segment.empty()) {
        throw invalid_input(fmt::format("unknown segment '{}'; expected a segment id of segments.csv", coding.segment),
                            coding.where());
      }
      throw invalid_input(fmt::format("the span [{}, {}) of source '{}' overlaps no segment of the corpus", *coding.start,
                                      *coding.end, coding.source),
                          coding.where());
    }
  }

 private:
  static constexpr std::uint32_t kNoSpan = UINT32_MAX;
  static constexpr std::uint32_t kNoSegment = 0;  // segments_[0] is the empty id of a coding by span
  struct Held {
    std::uint32_t coder = 0, stance = 0, file = 0;  // into names_
    std::uint32_t segment = kNoSegment;              // into segments_
    std::uint32_t source = 0;                        // into sources_
    std::uint32_t code = 0;
    std::uint32_t memo_size = 0;
    std::uint32_t span = kNoSpan;  // into spans_
    std::uint64_t memo_at = 0;     // into memos_
    std::uint64_t line = 0;
  };

  void hold(const ManualCoding& coding) {
    if (held_.empty() && segments_.size() == 0) segments_.index("");  // kNoSegment
    if (held_.size() == UINT32_MAX) throw invalid_input("more manual codings than qda-code can hold", coding.where());
    Held held;
    held.coder = names_.index(coding.coder);
    held.stance = names_.index(coding.stance);
    held.file = names_.index(*coding.file);
    held.segment = segments_.index(coding.segment);
    held.source = sources_.index(coding.source);
    held.code = static_cast<std::uint32_t>(coding.code);
    held.line = coding.line;
    held.memo_at = memos_.size();
    held.memo_size = static_cast<std::uint32_t>(coding.memo.size());
    memos_.append(coding.memo);
    if (coding.start.has_value()) {
      held.span = static_cast<std::uint32_t>(spans_.size());
      spans_.emplace_back(*coding.start, coding.end.value_or(0));
    }
    held_.push_back(held);
  }

  // The codings by segment id in one array, each segment's in file order (a counting sort by the
  // interned id); the codings by span in a map from their source.
  void index_by_segment() {
    segment_first_.assign(segments_.size() + 1, 0);
    for (const Held& held : held_) {
      if (held.segment != kNoSegment) ++segment_first_[held.segment + 1];
    }
    for (std::size_t k = 1; k < segment_first_.size(); ++k) segment_first_[k] += segment_first_[k - 1];
    by_segment_.resize(segment_first_.back());
    std::vector<std::uint32_t> next(segment_first_.begin(), segment_first_.end() - 1);
    for (std::size_t i = 0; i < held_.size(); ++i) {
      const Held& held = held_[i];
      if (held.segment != kNoSegment) by_segment_[next[held.segment]++] = static_cast<std::uint32_t>(i);
      else by_source_[sources_[held.source]].push_back(i);
    }
  }

  std::vector<Held> held_;
  InternedStrings names_;     // coders, stances and files
  InternedStrings segments_;  // segment ids, the first the empty one
  InternedStrings sources_;
  std::string memos_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> spans_;  // of the codings by span
  std::vector<bool> used_;
  std::vector<std::uint32_t> segment_first_;  // [segment]: where its codings start in by_segment_; one more at the end
  std::vector<std::uint32_t> by_segment_;     // coding indexes, by segment
  std::map<std::string_view, std::vector<std::size_t>> by_source_;  // views sources_
};

class CodingsSink {
 public:
  CodingsSink(const CodeOptions& options, const Codebook& codebook, const CorpusInfo& corpus, ManualIndex& manual,
              OutputSet& outputs)
      : codebook_(codebook), corpus_(corpus), manual_(manual) {
    if (!options.output.empty()) codings_.emplace(outputs.add(options.output).stream());
    if (!options.explain.empty()) {
      explain_ = &outputs.add(options.explain).stream();
      CsvWriter(*explain_).write_row({"source", "segment", "code", "rule", "stance", "cue", "matched", "context"});
    }
    if (options.evaluate) {
      std::set<std::string> coders;
      for (std::size_t i = 0; i < manual.size(); ++i) coders.insert(manual[i].coder);
      human_coders_.assign(coders.begin(), coders.end());
      evaluation_.emplace(codebook, human_coders_);
    }
  }

  // The chunk's rows as the workers formatted them, with each segment's manual codings merged in.
  void write(const ChunkResult& chunk) {
    std::size_t written = 0;  // bytes of chunk.codings_csv
    for (std::size_t i = 0; i < chunk.rows.size(); ++i) {
      const SegmentRow& row = chunk.rows[i];
      const SegmentCodings& segment = chunk.segments[i];
      check_order(row, segment.same_source);
      ++summary.segments;
      summary.auto_codings += segment.last - segment.first;
      const auto manual = manual_.of(row);
      summary.manual_codings += manual.size();
      // Most segments have no manual codings: their rows go out with the chunk's, as formatted.
      if (manual.empty() && !evaluation_) continue;
      const std::vector<Entry>& entries = merge(chunk, segment, manual);
      if (evaluation_) evaluate(chunk, entries);
      if (!codings_ || manual.empty()) continue;
      codings_->write_formatted(std::string_view(chunk.codings_csv).substr(written, segment.csv_begin - written));
      for (const Entry& entry : entries) {
        if (!entry.manual) {
          const AutoRow& auto_row = chunk.auto_rows[entry.index];
          codings_->write_formatted(std::string_view(chunk.codings_csv).substr(auto_row.csv_begin, auto_row.csv_end - auto_row.csv_begin));
          continue;
        }
        const ManualIndex::View coding = manual_[entry.index];
        codings_->write({row.source, row.id, codebook_.codes[coding.code].id, coding.coder, coding.stance, entry.start,
                         entry.end, "", "", coding.memo});
      }
      written = segment.csv_end;
    }
    if (codings_) codings_->write_formatted(std::string_view(chunk.codings_csv).substr(written));
    if (explain_ != nullptr) explain_->write(chunk.explain_csv.data(), static_cast<std::streamsize>(chunk.explain_csv.size()));
  }

  CodeSummary summary;
  std::optional<Evaluation> evaluation_;

 private:
  // A coding of one segment, auto or manual, by what orders codings.csv's rows.
  struct Entry {
    std::size_t code = 0;
    bool manual = false;
    std::string_view coder;
    std::size_t start = 0, end = 0;
    std::size_t index = 0;  // into ChunkResult::auto_rows, or the manual codings
  };

  // A segment's auto and manual codings in the order of codings.csv: by code, the auto coding
  // before the manual ones, then by coder and span.
  const std::vector<Entry>& merge(const ChunkResult& chunk, const SegmentCodings& segment,
                                  const std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>& manual) {
    entries_.clear();
    for (std::size_t k = segment.first; k < segment.last; ++k) {
      const AutoRow& auto_row = chunk.auto_rows[k];
      entries_.push_back({auto_row.code, false, kAutoCoder, auto_row.start, auto_row.end, k});
    }
    for (const auto& [index, start, end] : manual) entries_.push_back({manual_[index].code, true, manual_[index].coder, start, end, index});
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.code, a.manual, a.coder, a.start, a.end, a.index) < std::tie(b.code, b.manual, b.coder, b.start, b.end, b.index);
    });
    return entries_;
  }

  void check_order(const SegmentRow& row, bool same_source_as_previous) {
    // Rows come source by source, so the source is nearly always the previous row's.
    const bool same = current_source_ && (same_source_as_previous || corpus_.sources[*current_source_].id == row.source);
    const auto source = same ? current_source_ : find_source(row.source);
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

  // Each code of the segment that auto or a coder coded: auto's stance and each coder's first.
  void evaluate(const ChunkResult& chunk, const std::vector<Entry>& entries) {
    for (std::size_t i = 0; i < entries.size();) {
      const std::size_t code = entries[i].code;
      std::string_view auto_stance;
      coder_stances_.assign(human_coders_.size(), {});
      for (; i < entries.size() && entries[i].code == code; ++i) {
        const Entry& entry = entries[i];
        if (!entry.manual) {
          auto_stance = chunk.auto_rows[entry.index].stance;
          continue;
        }
        const auto coder = std::lower_bound(human_coders_.begin(), human_coders_.end(), entry.coder);
        std::string_view& stance = coder_stances_[static_cast<std::size_t>(coder - human_coders_.begin())];
        if (stance.empty()) stance = manual_[entry.index].stance;  // several spans: the first
      }
      evaluation_->add(code, auto_stance, coder_stances_);
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
  std::ostream* explain_ = nullptr;
  std::vector<std::string> human_coders_;  // sorted
  std::vector<std::string_view> coder_stances_;  // evaluate(): by human coder
  std::optional<std::size_t> current_source_;
  std::size_t last_seq_ = 0;
  std::vector<Entry> entries_;  // reused from segment to segment
};

using ChunkPipeline = OrderedPipeline<SegmentChunk, ChunkResult, ChunkCoder>;

enum class EvaluationFormat { Yaml, Csv };

EvaluationFormat evaluation_format(const std::string& file) {
  const std::string extension = std::filesystem::path(file).extension().string();
  if (extension == ".yaml" || extension == ".yml") return EvaluationFormat::Yaml;
  if (extension == ".csv") return EvaluationFormat::Csv;
  throw usage_error(fmt::format("--evaluate {}: expected a file name ending in .yaml, .yml or .csv", file));
}

// Each stance test set coded with the codebook, its accuracy per construction and its misses.
void run_stance_tests(const CodeOptions& options, std::ostream& report) {
  const Codebook codebook = load_codebook(options.codebook);
  for (std::size_t k = 0; k < options.stance_tests.size(); ++k) {
    const StanceTestSet set = read_stance_test_set(options.stance_tests[k], codebook);
    if (k != 0) report << '\n';
    print_stance_test(report, set, codebook, run_stance_test(set, codebook));
  }
}

// What --lint needs from the run: hits per rule and the words broad patterns matched, summed over the
// workers, and the codes that manual codings use.
LintFacts lint_facts(const ChunkPipeline& pipeline, const ManualIndex& manual) {
  LintFacts facts;
  for (const auto& coder : pipeline.workers()) {
    if (coder->engine() == nullptr) continue;
    const auto& hits = coder->engine()->rule_hits();
    facts.rule_hits.resize(hits.size(), 0);
    for (std::size_t i = 0; i < hits.size(); ++i) facts.rule_hits[i] += hits[i];
    const auto& words = coder->engine()->matched_words();
    facts.matched_words.resize(words.size());
    for (std::size_t p = 0; p < words.size(); ++p) {
      for (const auto& [word, count] : words[p]) facts.matched_words[p][word] += count;
    }
  }
  for (std::size_t i = 0; i < manual.size(); ++i) facts.manually_coded.insert(manual[i].code);
  return facts;
}

// The figures of --evaluate FILE, as YAML or CSV by the file's extension.
void write_evaluation(const CodeOptions& options, const Evaluation& evaluation, const std::vector<std::filesystem::path>& inputs,
                      OutputSet& outputs) {
  std::ostream& out = outputs.add(options.evaluate_file).stream();
  if (evaluation_format(options.evaluate_file) == EvaluationFormat::Csv) {
    evaluation.write_csv(out);
    return;
  }
  const auto folder = std::filesystem::path(options.evaluate_file).parent_path();
  Provenance provenance{"qda-code", std::string(kVersion), {{"no_auto", YAML::Node(options.no_auto)}}, fingerprint_inputs(inputs, folder)};
  const std::string yaml = evaluation.yaml(provenance);
  validate_output(yaml, "evaluation", options.evaluate_file + " (as about to be written)");
  out << yaml;
}

// A run over a corpus already read and checked.
CodeSummary run_code_on(const CodeOptions& options, std::ostream& report, const CorpusInfo& corpus) {
  const Codebook codebook = load_codebook(options.codebook);
  ManualIndex manual(options.manual, codebook);

  std::vector<std::filesystem::path> inputs = {options.corpus, corpus.segments_path, options.codebook};
  inputs.insert(inputs.end(), options.manual.begin(), options.manual.end());
  inputs.insert(inputs.end(), options.stance_tests.begin(), options.stance_tests.end());
  // The corpus's texts, wherever corpus.yaml keeps them: only those whose file name an output has are
  // guarded (a comparison of names, no look at the file system), so that thousands of texts cost the
  // start-up nothing. An output over one replaced a source's text, and every later run refused the corpus.
  for (const auto& output : {options.output, options.explain, options.evaluate_file}) {
    if (output.empty() || output == "-") continue;
    const std::string name = std::filesystem::path(output).filename().string();
    for (const auto& source : corpus.sources) {
      const std::string_view text = source.text_path;
      if (text.size() >= name.size() && text.substr(text.size() - name.size()) == name &&
          (text.size() == name.size() || text[text.size() - name.size() - 1] == '/')) {
        inputs.emplace_back(source.text_path);
      }
    }
  }
  const InputGuard guard(inputs);
  for (const auto& output : {options.output, options.explain, options.evaluate_file}) {
    if (!output.empty()) guard.check(output);
  }
  check_distinct_outputs({{"--output", options.output}, {"--explain", options.explain}, {"--evaluate", options.evaluate_file}});

  const std::optional<RuleIndex> index = options.no_auto ? std::nullopt : std::optional<RuleIndex>(std::in_place, codebook);
  OutputSet outputs;
  CodingsSink sink(options, codebook, corpus, manual, outputs);
  SegmentChunkReader reader(corpus.segments_path, options.chunk_bytes);
  ChunkSettings settings{reader.file_name(), {}, &codebook, !options.output.empty(), !options.explain.empty(), options.lint};
  for (const auto& source : corpus.sources) settings.languages.emplace(source.id, source.language);
  std::vector<std::unique_ptr<ChunkCoder>> coders;
  for (unsigned i = 0; i < options.jobs; ++i) coders.push_back(std::make_unique<ChunkCoder>(settings, index ? &*index : nullptr));
  ChunkPipeline pipeline(std::move(coders));
  {  // the progress line is erased before the messages that follow
    std::error_code size_error;
    const std::uintmax_t segments_bytes = std::filesystem::file_size(corpus.segments_path, size_error);
    Progress progress("coding " + corpus.segments_path.filename().string(), size_error ? 0 : segments_bytes, "MB");
    pipeline.run(
        [&](SegmentChunk& chunk) {
          const bool more = reader.next(chunk);
          if (more) progress.advance(chunk.size);
          return more;
        },
        [&](ChunkResult& result) { sink.write(result); });
  }
  manual.check_all_used();

  if (options.lint) print_lint(report, codebook, index ? &*index : nullptr, lint_facts(pipeline, manual));
  if (sink.evaluation_) {
    sink.evaluation_->print(report);
    if (!options.evaluate_file.empty()) write_evaluation(options, *sink.evaluation_, inputs, outputs);
  }
  outputs.commit_all();
  spdlog::info("coded {} segments: {} auto codings, {} manual codings", sink.summary.segments, sink.summary.auto_codings,
               sink.summary.manual_codings);
  return sink.summary;
}

}  // namespace

CodeSummary run_code(const CodeOptions& options, std::ostream& report) {
  if (options.output.empty() && !options.lint && !options.evaluate && options.stance_tests.empty()) {
    throw usage_error("nothing to do: give --output, --lint, --evaluate or --stance-test");
  }
  if (!options.evaluate_file.empty()) evaluation_format(options.evaluate_file);  // a usage error before any work
  if (!options.stance_tests.empty()) {
    run_stance_tests(options, report);
    if (options.corpus.empty() && options.output.empty() && !options.lint && !options.evaluate) return {};
  }
  if (options.corpus.empty()) throw usage_error("a corpus is needed: give corpus.yaml");
  if (options.jobs == 0) throw usage_error("--jobs must be at least 1");
  // With threads to spare, corpus.yaml's items are read on them (most of the start-up for thousands of
  // sources). A corpus they do not read, or that does not match the schema, is read the usual way,
  // which says why.
  if (options.jobs > 1) {
    if (auto reading = CorpusReadInParallel::read(options.corpus, SourceFields::IdLanguageAndTextPath, options.jobs);
        reading && reading->matches_schema()) {
      return run_code_on(options, report, reading->corpus());
    }
  }
  return run_code_on(options, report, read_corpus(options.corpus, SourceFields::IdLanguageAndTextPath));
}

}  // namespace qda
