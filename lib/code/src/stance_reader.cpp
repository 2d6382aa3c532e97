// The stance model, step by step as docs/stance-model.md states it. Segments are short and have few
// cues, so each step is a plain pass over the cue readings; only the containment of cues, which a long
// segment full of cues could make quadratic, is a sweep over sorted matches.
#include "stance_reader.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "qda/text.hpp"

namespace qda {

namespace {

constexpr std::int32_t kAnyUnit = -2;  // a hit whose scope is the whole text (sentence scope)

// Whether a cue acts on what follows it rather than saying a stance of its own.
bool operates(const Cue& cue) { return cue.kind == CueKind::Negation || cue.kind == CueKind::Modality; }

// Words between a cue and a hit; 0 if they touch or overlap.
long words_apart(const WordSpan& cue, const WordSpan& hit) {
  if (cue.end <= hit.begin) return static_cast<long>(hit.begin) - cue.end;
  if (cue.begin >= hit.end) return static_cast<long>(cue.begin) - hit.end;
  return 0;
}

}  // namespace

StanceReader::StanceReader(const Codebook& codebook)
    : stances_(codebook.stances), clause_finder_(codebook.stances.clause_punctuation) {}

void StanceReader::start(std::string_view text, const std::string& language, const std::vector<WordBounds>& words,
                         const std::vector<CueMatch>& cues, const std::vector<ClauseOpener>& openers,
                         const std::vector<HitPlace>& hits) {
  text_ = text;
  words_ = &words;
  hits_ = &hits;
  answer_ready_ = false;
  keep_outermost(cues);
  set_apart(openers, hits);
  combined_.clear();
  readings_.clear();
  chains_.clear();
  for (const CueMatch& match : kept_) {
    const Cue& cue = stances_.cues[match.cue];
    // A negation that says nothing alone gets the stance past the end: it reads only as a negation.
    readings_.push_back({stances_.index_of(cue.stance), match.words, cue.governs, cue.reach, match.cue, 0, 0, -1, -1,
                         cue.kind == CueKind::Modality});
  }
  find_units(text, language, words, openers_, hits);
  apply_negations_and_modalities();
  if (stances_.scope != StanceScope::Clause) return;
  clause_readings_.assign(clauses_.size() + 1, readings_.size());
  for (std::size_t r = readings_.size(); r-- > 0;) clause_readings_[static_cast<std::size_t>(readings_[r].unit)] = r;
  for (std::size_t k = clauses_.size(); k-- > 0;) clause_readings_[k] = std::min(clause_readings_[k], clause_readings_[k + 1]);
}

// A cue inside a longer cue is part of it ("belum" in "belum ada"); a neutral phrase hides the cues
// inside it and is no cue itself. Two cues over the same words both stay.
void StanceReader::keep_outermost(const std::vector<CueMatch>& cues) {
  // The matches come by first word already; for one first word, the longest first (a total order, so
  // the same matches sort the same way: no two matches of one cue cover the same words).
  kept_ = cues;
  std::sort(kept_.begin(), kept_.end(), [](const CueMatch& a, const CueMatch& b) {
    return std::make_tuple(a.words.begin, b.words.end, a.cue) < std::make_tuple(b.words.begin, a.words.end, b.cue);
  });
  // Sorted by start, longest first: a match is inside an earlier one when an earlier one reaches
  // further, or as far from further back.
  std::uint32_t furthest = 0, furthest_from = 0;
  std::size_t out = 0;
  for (std::size_t i = 0; i < kept_.size(); ++i) {
    const WordSpan words = kept_[i].words;
    const bool inside = i > 0 && (furthest > words.end || (furthest == words.end && furthest_from < words.begin));
    if (i == 0 || words.end > furthest) {
      furthest = words.end;
      furthest_from = words.begin;
    }
    if (!inside && stances_.cues[kept_[i].cue].kind != CueKind::Neutral) kept_[out++] = kept_[i];
  }
  kept_.resize(out);
}


template <typename Spans, typename Span>
void SpanCover::build(const Spans& spans, Span span_of) {
  reach_.clear();
  for (const auto& item : spans) {
    const auto [begin, end] = span_of(item);
    if (end <= begin) continue;
    if (begin >= reach_.size()) reach_.resize(begin + 1, 0);
    reach_[begin] = std::max(reach_[begin], end + 1);  // 0: no span starts there
  }
  for (std::size_t w = 1; w < reach_.size(); ++w) reach_[w] = std::max(reach_[w], reach_[w - 1]);
}

bool SpanCover::covers_longer(std::uint32_t begin, std::uint32_t end) const {
  // Longer means starting before it (and reaching its end), or reaching past its end.
  return (begin > 0 && reach(begin - 1) > end) || reach(begin) > end + 1;
}

// Words that belong to something longer are not read on their own: a cue inside a conjunction ("akan"
// in "akan tetapi"), a negation or modality inside a longer term ("plan" in "master plan"; a stance cue
// inside a term, "easy" in "easy to use", still says what it says), and a conjunction inside a cue ("if"
// in "not as if").
void StanceReader::set_apart(const std::vector<ClauseOpener>& openers, const std::vector<HitPlace>& hits) {
  // The covers are built only where something can be covered, into buffers kept from segment to segment.
  const bool any_operator = std::any_of(kept_.begin(), kept_.end(), [&](const CueMatch& cue) { return operates(stances_.cues[cue.cue]); });
  if (openers.empty() && !any_operator) {
    openers_.clear();
    return;
  }
  opener_cover_.build(openers, [](const ClauseOpener& opener) { return std::pair(opener.word, opener.end); });
  term_spans_.clear();
  if (any_operator) {
    for (const HitPlace& hit : hits) {
      if (hit.term) term_spans_.emplace_back(hit.words.begin, hit.words.end);
    }
  }
  term_cover_.build(term_spans_, [](const auto& span) { return span; });
  std::erase_if(kept_, [&](const CueMatch& cue) {
    // An opener covers a cue of its own length too: "namun" as both the opener and a cue is the opener.
    return opener_cover_.covers(cue.words.begin, cue.words.end) ||
           (operates(stances_.cues[cue.cue]) && term_cover_.covers_longer(cue.words.begin, cue.words.end));
  });
  cue_cover_.build(kept_, [](const CueMatch& cue) { return std::pair(cue.words.begin, cue.words.end); });
  openers_.clear();
  for (const ClauseOpener& opener : openers) {
    if (!cue_cover_.covers_longer(opener.word, opener.end)) openers_.push_back(opener);
  }
}

void StanceReader::find_units(std::string_view text, const std::string& language, const std::vector<WordBounds>& words,
                              const std::vector<ClauseOpener>& openers, const std::vector<HitPlace>& hits) {
  if (stances_.scope == StanceScope::Sentence) {
    // A cue's sentence is the one its first word is in; a cue running past that sentence's end is in
    // none. The sentences come in text order, as the cues do.
    sentences_.set_text(text, language);
    cue_sentences_.clear();
    for (CueReading& reading : readings_) {
      auto sentence = sentences_.sentence_at(words[reading.words.begin].begin);
      if (!sentence || words[reading.words.end - 1].end > sentence->second) continue;
      if (cue_sentences_.empty() || cue_sentences_.back() != *sentence) cue_sentences_.push_back(*sentence);
      reading.unit = static_cast<std::int32_t>(cue_sentences_.size() - 1);
    }
  } else if (stances_.scope == StanceScope::Clause) {
    clause_finder_.find(text, language, words, openers, clauses_);
    // Each word's clause, looked up by every hit and cue below and in read_in_clauses(): a table
    // filled once costs less than a binary search per look-up (that search was a seventh of a run).
    clause_of_word_.assign(words.size(), 0);
    for (std::size_t k = 0; k < clauses_.size(); ++k) {
      const std::uint32_t end = std::min<std::uint32_t>(clauses_[k].end_word, static_cast<std::uint32_t>(words.size()));
      for (std::uint32_t w = clauses_[k].first_word; w < end; ++w) clause_of_word_[w] = static_cast<std::uint32_t>(k);
    }
    // A hit inside a cue ("terintegrasi" in "belum terintegrasi") is part of what the clause says, not
    // a subject of its own. A cue holds the hit when it starts at or before it and ends at or after it:
    // a cover of the cues answers that for every hit at once, where testing each cue against each hit
    // grew with their product.
    build_hit_cue_cover();
    clause_has_hit_.assign(clauses_.size(), 0);
    for (const HitPlace& hit : hits) {
      if (hit_cue_cover_.covers(hit.words.begin, hit.words.end)) continue;
      clause_has_hit_[clause_at(std::min<std::uint32_t>(hit.words.begin, static_cast<std::uint32_t>(words.size() - 1)))] = 1;
    }
    // A cue that runs past the end of its clause is in none, and can govern nothing.
    std::size_t out = 0;
    for (CueReading& reading : readings_) {
      const std::size_t clause = clause_at(reading.words.begin);
      if (clause != clause_at(reading.words.end - 1)) continue;
      reading.unit = static_cast<std::int32_t>(clause);
      readings_[out++] = reading;
    }
    readings_.resize(out);
  }
}

// Right to left, so that a negation or a modality meets the next cue of its unit already read: "bukan
// tidak ada" reads "tidak ada" first, then "bukan" turns it. A modality takes the cue after it into its
// scope ("rencananya … sudah": planned, not done) and leads to its own stance; a negated modality stays
// what it is (a plan not made is still no more than a plan). A negation with no cue after it in its unit
// says its own stance or, without one, is dropped.
void StanceReader::apply_negations_and_modalities() {
  next_in_unit_.clear();
  keep_.assign(readings_.size(), 1);
  for (std::size_t i = readings_.size(); i-- > 0;) {
    CueReading& reading = readings_[i];
    const Cue& cue = stances_.cues[reading.cue];
    const auto unit = static_cast<std::size_t>(reading.unit);
    if (reading.unit >= 0 && unit >= next_in_unit_.size()) next_in_unit_.resize(unit + 1, -1);
    const std::int64_t next = reading.unit >= 0 ? next_in_unit_[unit] : -1;
    const bool takes_next = cue.kind == CueKind::Negation || cue.kind == CueKind::Modality;
    if (takes_next && next >= 0) {
      const CueReading& inner = readings_[static_cast<std::size_t>(next)];
      keep_[static_cast<std::size_t>(next)] = 0;
      const auto begin = static_cast<std::uint32_t>(chains_.size());
      chains_.push_back(reading.cue);
      for (std::uint32_t k = inner.chain_begin; k < inner.chain_end; ++k) chains_.push_back(chains_[k]);
      const std::size_t stance = cue.kind == CueKind::Modality ? reading.stance
                                 : inner.modal                 ? inner.stance
                                                               : (*cue.flips)[inner.stance];
      reading = {stance, {reading.words.begin, inner.words.end}, inner.governs, inner.reach, inner.cue, begin,
                 static_cast<std::uint32_t>(chains_.size()), reading.unit, -1, cue.kind == CueKind::Modality || inner.modal};
    } else if (cue.kind == CueKind::Negation && reading.stance >= stances_.values.size()) {
      keep_[i] = 0;  // says nothing alone, and negates nothing
      continue;
    }
    if (reading.unit >= 0) next_in_unit_[unit] = static_cast<std::int64_t>(i);
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < readings_.size(); ++i) {
    if (keep_[i]) readings_[out++] = readings_[i];
  }
  readings_.resize(out);
}

// Whether the hit lies on the side the reading's cue governs (or they overlap).
bool StanceReader::on_its_side(const CueReading& reading, const WordSpan& hit) const {
  if (reading.governs == Governs::Both) return true;
  if (reading.words.end <= hit.begin) return reading.governs == Governs::After;   // the hit comes after the cue
  if (reading.words.begin >= hit.end) return reading.governs == Governs::Before;  // the hit comes before it
  return true;
}

bool StanceReader::in_scope(const CueReading& reading, const WordSpan& hit, std::int32_t unit) const {
  if (stances_.scope == StanceScope::Window) return words_apart(reading.words, hit) < stances_.window;
  return unit == kAnyUnit || reading.unit == unit;
}

// The reading of [first, last) in the unit that governs the hit. In the hit's own unit: the nearest of
// those within their reach of the hit on whose side the hit lies, else the nearest of the others within
// reach. In another clause (lent, or qualifying), which speaks about the hit without naming it: the
// nearest on whose side the hit lies, within reach of `anchor`, where the clause's missing subject would
// be (its start after the conjunction, or its end if it comes before the hit). On a tie, the one whose
// cue comes first in the codebook.
const CueReading* StanceReader::nearest(const WordSpan& hit, const WordSpan& anchor, std::size_t first, std::size_t last,
                                        std::int32_t unit, Governing governing) const {
  const CueReading* best = nullptr;
  std::tuple<bool, long, std::uint32_t> best_rank;
  for (std::size_t r = first; r < last; ++r) {
    const CueReading& reading = readings_[r];
    if (!in_scope(reading, hit, unit)) continue;
    const bool other_side = !on_its_side(reading, hit);
    if (words_apart(reading.words, anchor) > reading.reach || (governing == Governing::Other && other_side)) continue;
    const auto rank = std::make_tuple(other_side, words_apart(reading.words, hit), reading.cue);
    if (best == nullptr || rank < best_rank) {
      best = &reading;
      best_rank = rank;
    }
  }
  return best;
}

// Sentence scope: the sentence that holds the hit's first byte, as an index into cue_sentences_ (-1 if
// that sentence has no cue), or kAnyUnit for a hit that starts in the white space between sentences
// (only a regular expression's can), whose scope is the whole text.
std::int32_t StanceReader::sentence_unit(const HitPlace& hit) {
  // Only a hit that starts with white space can start between sentences; for the others the sentence
  // is not looked up, so that sentences are found only as far as the last cue.
  if (leading_blank_bytes(text_.substr(hit.begin)) != 0 && !sentences_.sentence_at(hit.begin)) return kAnyUnit;
  const auto after = std::upper_bound(cue_sentences_.begin(), cue_sentences_.end(), hit.begin,
                                      [](std::size_t at, const auto& span) { return at < span.first; });
  if (after == cue_sentences_.begin() || hit.begin >= (after - 1)->second) return -1;
  return static_cast<std::int32_t>(after - 1 - cue_sentences_.begin());
}

const CueReading* StanceReader::read(const HitPlace& hit) {
  if (readings_.empty()) return nullptr;
  switch (stances_.scope) {
    case StanceScope::Window: return nearest(hit.words, hit.words, 0, readings_.size(), kAnyUnit, Governing::Own);
    case StanceScope::Sentence: {
      const std::int32_t unit = sentence_unit(hit);
      return unit == -1 ? nullptr : nearest(hit.words, hit.words, 0, readings_.size(), unit, Governing::Own);
    }
    case StanceScope::Clause: return read_in_clauses(hit);
  }
  return nullptr;
}

std::pair<std::size_t, std::size_t> StanceReader::readings_of_clause(std::size_t clause) const {
  return {clause_readings_[clause], clause_readings_[clause + 1]};
}

// Clause scope. The hit's own clause first. A clause with no cue of its own borrows one from the clause
// next to it in its sentence, if that clause has no hit (no subject of its own): the later clause's cue
// that governs hits before it ("Kalau TTE, belum semua"), or the earlier clause's that governs hits after
// it ("Rencananya, …"). Then a contrasting clause that speaks about the hit has the last word: one opened
// by a contrast word, before any later clause with a hit, in the same sentence or opening the next
// ("Sudah ada. Tapi belum terpadu."). When the codebook has a mixed stance, a qualification of another
// stance makes the hit's stance mixed.
const CueReading* StanceReader::read_in_clauses(const HitPlace& hit) {
  const auto last_word = static_cast<std::uint32_t>(words_->size() - 1);
  const std::size_t own = clause_at(std::min(hit.words.begin, last_word));
  const auto in_clause = [&](std::size_t clause, Governing governing) {
    const auto [first, last] = readings_of_clause(clause);
    const Clause& at = clauses_[clause];
    const WordSpan anchor = clause == own ? hit.words : clause < own ? WordSpan{at.end_word, at.end_word} : WordSpan{at.body, at.body};
    return nearest(hit.words, anchor, first, last, static_cast<std::int32_t>(clause), governing);
  };
  // The cue a neighbouring clause of the sentence lends, if it has a cue and no hit: its cue within reach
  // that governs hits on the side of this one.
  const auto borrow = [&](bool later) -> const CueReading* {
    if (later ? own + 1 == clauses_.size() || clauses_[own + 1].opens_sentence : clauses_[own].opens_sentence) return nullptr;
    const std::size_t k = later ? own + 1 : own - 1;
    return clause_has_hit_[k] ? nullptr : in_clause(k, Governing::Other);
  };
  const CueReading* decided = in_clause(own, Governing::Own);
  if (decided == nullptr) {
    const CueReading* later = borrow(true);
    const CueReading* earlier = borrow(false);
    decided = later;
    if (earlier != nullptr && (later == nullptr || words_apart(earlier->words, hit.words) < words_apart(later->words, hit.words))) {
      decided = earlier;
    }
  }
  const std::size_t from = decided != nullptr ? std::max(own, static_cast<std::size_t>(decided->unit)) : own;
  bool crossed_sentence = false;
  const CueReading* const affirmed = decided;  // what a contrast qualifies
  for (std::size_t k = from + 1; k < clauses_.size() && !clause_has_hit_[k]; ++k) {
    if (clauses_[k].opens_sentence) {
      if (crossed_sentence || !clauses_[k].contrast) break;
      crossed_sentence = true;
    }
    if (!clauses_[k].contrast) continue;
    if (const CueReading* qualifying = in_clause(k, Governing::Other)) decided = qualifying;
  }
  if (affirmed == nullptr || stances_.mixed.empty() || affirmed->stance == decided->stance) return decided;
  // "Sudah ada, tapi belum terpadu": present qualified by absent reads as the mixed stance.
  CueReading& mixed = combined_.emplace_back(*decided);
  mixed.stance = stances_.index_of(stances_.mixed);
  mixed.qualified = static_cast<std::int32_t>(affirmed - readings_.data());
  return &mixed;
}

// A reading in a sentence that names another code (holds a hit of it, or part of one) speaks about that
// code, through its own clause, a clause that lends it its cue or a contrast: only the sentences that
// name no code but this one qualify the answer for it. The hits per sentence are counted once per
// segment, the code's own per call.
const CueReading* StanceReader::read_answer(std::size_t own_first, std::size_t own_last) {
  if (stances_.scope == StanceScope::Window || readings_.empty()) return nullptr;  // a window has no sentences
  if (!answer_ready_) {
    answer_ready_ = true;
    if (stances_.scope == StanceScope::Clause) {
      // Clause scope: a reading's unit is its clause; its sentence is counted from the clauses.
      unit_sentence_.assign(clauses_.size(), 0);
      std::uint32_t sentence = 0;
      for (std::size_t k = 0; k < clauses_.size(); ++k) {
        if (k > 0 && clauses_[k].opens_sentence) ++sentence;
        unit_sentence_[k] = sentence;
      }
      sentence_hits_.assign(sentence + 1, 0);
    } else {
      // Sentence scope: a reading's unit is its sentence among those holding a cue; a hit between
      // sentences names none of them.
      unit_sentence_.resize(cue_sentences_.size());
      std::iota(unit_sentence_.begin(), unit_sentence_.end(), 0u);
      sentence_hits_.assign(cue_sentences_.size(), 0);
    }
    if (stances_.scope != StanceScope::Clause) build_hit_cue_cover();  // clause scope built it in find_units
    hit_sentence_.clear();
    for (const HitPlace& hit : *hits_) {
      hit_sentence_.push_back(sentence_of_hit(hit));
      if (hit_sentence_.back() >= 0) ++sentence_hits_[static_cast<std::size_t>(hit_sentence_.back())];
    }
  }
  own_hits_.assign(sentence_hits_.size(), 0);
  for (std::size_t h = own_first; h < own_last; ++h) {
    if (hit_sentence_[h] >= 0) ++own_hits_[static_cast<std::size_t>(hit_sentence_[h])];
  }
  for (const std::size_t stance : stances_.answer) {
    for (const CueReading& reading : readings_) {
      if (reading.stance != stance || reading.unit < 0) continue;  // a cue in no unit governs nothing
      const std::uint32_t sentence = unit_sentence_[static_cast<std::size_t>(reading.unit)];
      if (sentence_hits_[sentence] == own_hits_[sentence]) return &reading;
    }
  }
  return nullptr;
}

// The sentence of a hit as read_answer counts them; -1 for none: a hit inside a cue ("terintegrasi" in
// "belum terintegrasi") is part of what the cue says and names no subject, and in sentence scope a
// sentence without a cue holds no reading to count for (nor does the white space between sentences).
std::int32_t StanceReader::sentence_of_hit(const HitPlace& hit) {
  if (hit_cue_cover_.covers(hit.words.begin, hit.words.end)) return -1;  // inside a cue
  if (stances_.scope == StanceScope::Clause) {
    const auto last_word = static_cast<std::uint32_t>(words_->size() - 1);
    return static_cast<std::int32_t>(unit_sentence_[clause_at(std::min(hit.words.begin, last_word))]);
  }
  const std::int32_t unit = sentence_unit(hit);
  return unit >= 0 ? unit : -1;
}

void StanceReader::build_hit_cue_cover() {
  hit_cue_cover_.build(kept_, [](const CueMatch& cue) { return std::pair(cue.words.begin, cue.words.end); });
}

void StanceReader::describe(const CueReading& reading, std::vector<std::string>& parts) const {
  if (reading.qualified >= 0) describe(readings_[static_cast<std::size_t>(reading.qualified)], parts);
  std::string part;
  for (std::uint32_t k = reading.chain_begin; k < reading.chain_end; ++k) {
    part.append(stances_.cues[chains_[k]].pattern.text).append(" + ");
  }
  part.append(stances_.cues[reading.cue].pattern.text);
  if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(std::move(part));
}

}  // namespace qda
