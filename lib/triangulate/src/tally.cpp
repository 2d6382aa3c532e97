// One pass over the coded segments: cells, examples, candidate passages, questions asked.
#include "tally.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::triangulate {

namespace {

constexpr std::size_t kMinimumPassage = 60;  // code points

// The byte offset of the `code_points`-th code point of a UTF-8 text (its size when past the end).
std::size_t byte_offset(std::string_view utf8, std::size_t code_points) {
  std::size_t byte = 0;
  for (std::size_t seen = 0; byte < utf8.size(); ++byte) {
    if ((static_cast<unsigned char>(utf8[byte]) & 0xC0) == 0x80) continue;
    if (seen++ == code_points) return byte;
  }
  return utf8.size();
}

}  // namespace

std::uint32_t ExampleDictionary::intern(const FoundExample& example) {
  const auto [found, added] = ids_.emplace(example.key, static_cast<std::uint32_t>(display_.size()));
  if (added) display_.push_back(example.display);
  return found->second;
}

Tally::Tally(const TallySettings& settings, std::vector<Column> columns, std::vector<Selection> selections)
    : settings_(settings), columns_(std::move(columns)), selections_(std::move(selections)) {
  const CorpusInfo& corpus = *settings_.corpus;
  const std::size_t codes = settings_.codebook->codes.size();
  const std::size_t stances = settings_.codebook->stances.values.size();
  column_of_source_.assign(corpus.sources.size(), 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    for (const std::size_t source : columns_[c].sources) column_of_source_[source] = c;
  }
  for (std::size_t s = 0; s < corpus.sources.size(); ++s) source_index_.emplace(corpus.sources[s].id, s);
  for (std::size_t c = 0; c < codes; ++c) code_index_.emplace(settings_.codebook->codes[c].id, c);
  for (std::size_t c = 0; c < codes; ++c) code_index_.emplace(settings_.codebook->codes[c].path, c);
  first_asked_.assign(corpus.sources.size() * codes, 0);
  for (Selection& selection : selections_) {
    selection.cells.assign(codes * columns_.size(), Cell{});
    for (Cell& cell : selection.cells) {
      cell.stance_counts.assign(stances, 0);
      if (selection.keep_evidence) {
        cell.passage_strength.assign(stances, 0);
        cell.passages.assign(stances, std::nullopt);
      }
    }
    selection.first_spoken.assign(corpus.sources.size() * codes, 0);
  }
}

void Tally::add(const CodedUnit& unit, const std::string& codings_file, const std::vector<FoundExample>* examples) {
  const Codebook& codebook = *settings_.codebook;
  const std::size_t codes = codebook.codes.size();
  const std::size_t source = source_index_.find(unit.segment.source)->second;  // the reader checked it
  const auto coder_index = [&](std::string_view coder) {
    return static_cast<std::size_t>(std::lower_bound(settings_.coder_names.begin(), settings_.coder_names.end(), coder) -
                                    settings_.coder_names.begin());
  };
  // The segment's codings by code, each coder's first stance and span kept.
  std::vector<Coded> coded;
  for (std::size_t k = 0; k < unit.codings.size(); ++k) {
    const CodingFields& coding = unit.codings[k];
    const auto found_code = code_index_.find(coding.code);
    if (found_code == code_index_.end()) {
      throw invalid_input(fmt::format("unknown code '{}'; expected a code of the codebook", coding.code),
                          {codings_file, unit.lines[k]});
    }
    const std::size_t code = found_code->second;
    const auto& values = codebook.stances.values;
    const auto stance = std::find(values.begin(), values.end(), coding.stance);
    if (stance == values.end()) {
      throw invalid_input(fmt::format("unknown stance '{}'; expected one of the codebook's: {}", coding.stance,
                                      fmt::join(values, ", ")),
                          {codings_file, unit.lines[k]});
    }
    auto entry = std::find_if(coded.begin(), coded.end(), [&](const Coded& c) { return c.code == code; });
    if (entry == coded.end()) {
      Coded added;
      added.code = code;
      added.stance_by_coder.resize(settings_.coder_names.size());
      added.spans.resize(settings_.coder_names.size());
      coded.push_back(std::move(added));
      entry = coded.end() - 1;
    }
    const std::size_t coder = coder_index(coding.coder);
    if (!entry->stance_by_coder[coder]) {
      entry->stance_by_coder[coder] = static_cast<std::size_t>(stance - values.begin());
      entry->spans[coder] = {coding.start, coding.end};
    }
    if (coding.coder == kAutoCoder && !entry->auto_hit) {
      entry->auto_hit = {{coding.start, coding.end}};
      entry->auto_stance = static_cast<std::size_t>(stance - values.begin());
    }
  }
  if (unit.segment.interviewer) {
    for (const Coded& entry : coded) {
      std::size_t& asked = first_asked_[source * codes + entry.code];
      if (asked == 0) asked = unit.segment.seq + 1;
      questions_coded_ = true;
    }
    return;
  }
  ++columns_[column_of_source_[source]].participant_segments;
  if (coded.empty()) return;
  if (examples == nullptr) {
    finder_.find(unit.segment.text, found_);
    examples = &found_;
  }
  for (Selection& selection : selections_) count(selection, unit, source, coded, *examples);
}

void Tally::count(Selection& selection, const CodedUnit& unit, std::size_t source, const std::vector<Coded>& coded,
                  const std::vector<FoundExample>& found) {
  const std::size_t codes = settings_.codebook->codes.size();
  const std::size_t stances = settings_.codebook->stances.values.size();
  std::vector<std::size_t> stance_votes(stances);
  std::vector<std::size_t> counted_codes;
  for (const Coded& entry : coded) {
    std::fill(stance_votes.begin(), stance_votes.end(), 0);
    std::size_t coders = 0;
    for (const std::size_t coder : selection.coders) {
      if (!entry.stance_by_coder[coder]) continue;
      ++coders;
      ++stance_votes[*entry.stance_by_coder[coder]];
    }
    if (coders < selection.minimum) continue;
    const std::size_t stance = *dominant_stance(stance_votes, settings_.tie);
    Cell& cell = selection.cells[entry.code * columns_.size() + column_of_source_[source]];
    ++cell.segments;
    ++cell.stance_counts[stance];
    counted_codes.push_back(entry.code);
    std::size_t& spoken = selection.first_spoken[source * codes + entry.code];
    if (spoken == 0) spoken = unit.segment.seq + 1;
    for (const FoundExample& example : found) {
      const std::uint32_t id = examples_.intern(example);
      if (auto counted = cell.examples.find(id); counted != cell.examples.end()) ++counted->second;
      else if (cell.examples.size() < kTrackedExamples) cell.examples.emplace(id, 1);
    }
    if (!selection.keep_evidence) continue;
    if (cell.segment_ids.size() < settings_.max_segment_ids) cell.segment_ids.emplace_back(unit.segment.id);
    else ++cell.more_segments;
    if (coders > cell.passage_strength[stance]) {
      cell.passage_strength[stance] = coders;
      cell.passages[stance] = passage_of(unit, entry, stance, selection);
    }
  }
}

// The passage of a segment for a code: the sentences of the segment that hold the code's auto-coding
// hit, when the rules gave it the stance the counted coders did (a sentence the rules read otherwise
// would not show that stance); else the span a counted coder gave, if narrower than the segment; else
// the whole segment.
Passage Tally::passage_of(const CodedUnit& unit, const Coded& coded, std::size_t stance, const Selection& selection) const {
  const SegmentRow& segment = unit.segment;
  const std::string_view text = segment.text;
  std::size_t begin = 0, end = text.size();  // bytes into the segment's text
  const auto within = [&](std::pair<std::size_t, std::size_t> span) {
    return span.first >= segment.start && span.second <= segment.end && span.first < span.second;
  };
  if (coded.auto_hit && coded.auto_stance == stance && within(*coded.auto_hit)) {
    const std::size_t hit_begin = byte_offset(text, coded.auto_hit->first - segment.start);
    const std::size_t hit_end = byte_offset(text, coded.auto_hit->second - segment.start);
    const auto& source = settings_.corpus->sources[source_index_.find(segment.source)->second];
    std::optional<std::size_t> first, last;
    const auto sentences = sentence_spans(text, source.language);
    for (const auto& [from, to] : sentences) {
      if (to <= hit_begin || from >= hit_end) continue;
      if (!first) first = from;
      last = to;
    }
    // A passage of a few words ("SP4N-LAPOR!") says too little to quote: the sentences after it are
    // added until it holds kMinimumPassage code points or the segment ends.
    for (const auto& [from, to] : sentences) {
      if (!first || from < *last || count_code_points(text.substr(*first, *last - *first)) >= kMinimumPassage) continue;
      last = to;
    }
    if (first) begin = *first, end = *last;
  } else {
    for (const std::size_t coder : selection.coders) {
      if (!coded.stance_by_coder[coder]) continue;
      const auto span = coded.spans[coder];
      if (within(span) && (span.first > segment.start || span.second < segment.end)) {
        begin = byte_offset(text, span.first - segment.start);
        end = byte_offset(text, span.second - segment.start);
        break;
      }
    }
  }
  const std::string_view passage = trim(text.substr(begin, end - begin));
  begin = static_cast<std::size_t>(passage.data() - text.data());
  const std::size_t start = segment.start + count_code_points(text.substr(0, begin));
  return {std::string(segment.source), std::string(segment.id), start, start + count_code_points(passage), std::string(passage)};
}

}  // namespace qda::triangulate
