// The stance model (docs/stance-model.md): which cue decides the stance of a hit. Cues are read first
// (a cue inside a longer one is part of it, a neutral phrase hides the cue words inside it, a negation
// turns the next cue of its clause), then each hit finds the cue that governs it in its scope: the
// nearest of those that govern hits on its side, else the nearest, in its sentence, clause or window;
// in clause scope a clause without a cue of its own takes one from a neighbouring clause of its
// sentence, and a contrasting clause that speaks about the hit ("…, tapi belum terpadu") has the last
// word.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qda/clause_finder.hpp"
#include "qda/codebook.hpp"
#include "qda/sentence_finder.hpp"
#include "qda/tokens.hpp"

namespace qda {

struct WordSpan {
  std::uint32_t begin;  // token indexes, end exclusive
  std::uint32_t end;
};

struct CueMatch {
  std::uint32_t cue;  // index into StanceVocabulary::cues
  WordSpan words;
};

// Where a hit lies: its words, and the byte it starts at (which may be white space before them).
struct HitPlace {
  WordSpan words;
  std::size_t begin;
  bool term = false;  // a term's words (not a NEAR pair or a regular expression's match)
};

// A cue as it reads once negations and modalities are applied: "bukan tidak ada" reads as one cue, of
// the stance that "bukan" turns "tidak ada" into.
struct CueReading {
  std::size_t stance = 0;  // index into StanceVocabulary::values
  WordSpan words{0, 0};     // from the first negation or modality to the end of the cue it takes
  Governs governs = Governs::Both;
  int reach = kUnlimitedReach;  // the innermost cue's (Cue::reach)
  std::uint32_t cue = 0;  // the innermost cue (a negation or modality that takes none is its own)
  std::uint32_t chain_begin = 0, chain_end = 0;  // the negations and modalities applied, outermost first
  std::int32_t unit = -1;  // its sentence (sentence scope) or clause (clause scope); -1: none
  std::int32_t qualified = -1;  // a mixed reading of a contrast: the reading it qualifies
  bool modal = false;  // a modality, or under one: a negation does not turn it
};

// For spans given as (first word, end word), whether one of them covers a span: starts at or before it
// and ends at or after it (and, for covers_longer, is longer). The furthest end among the spans starting
// at or before each word answers it in one look-up, where testing every span against every other grew
// with their product (a long turn has thousands of hits and cues).
class SpanCover {
 public:
  template <typename Spans, typename Span>
  void build(const Spans& spans, Span span_of);
  bool covers(std::uint32_t begin, std::uint32_t end) const { return reach(begin) > end; }
  bool covers_longer(std::uint32_t begin, std::uint32_t end) const;

 private:
  std::uint32_t reach(std::uint32_t word) const { return reach_.empty() ? 0 : reach_[std::min<std::size_t>(word, reach_.size() - 1)]; }
  std::vector<std::uint32_t> reach_;
};

// One per thread. start() a segment, then read() each of its hits.
class StanceReader {
 public:
  explicit StanceReader(const Codebook& codebook);

  // Starts a segment. `cues` are the cue matches in order of their first word; `openers` the words that
  // open a clause (clause scope); `hits` every hit of every code in the segment (clause scope uses them
  // to tell which clauses have a subject of their own).
  void start(std::string_view text, const std::string& language, const std::vector<WordBounds>& words,
             const std::vector<CueMatch>& cues, const std::vector<ClauseOpener>& openers, const std::vector<HitPlace>& hits);
  // The cue reading that decides a hit's stance, or nullptr if no cue governs it.
  const CueReading* read(const HitPlace& hit);
  // The cue reading that gives a code none of whose hits a cue governs its stance from the rest of its
  // answer (StanceVocabulary::answer): of the first listed stance that a reading in a sentence naming no
  // other code says, the first such reading in text order; nullptr if none says any. The code's hits
  // are [own_first, own_last) of start()'s `hits`.
  const CueReading* read_answer(std::size_t own_first, std::size_t own_last);
  // The cues of a reading as codings.csv names them, added to `parts` unless there already: "sudah",
  // "bukan + tidak ada", or for a qualified affirmation two parts, "sudah" and "belum optimal".
  void describe(const CueReading& reading, std::vector<std::string>& parts) const;

 private:
  void keep_outermost(const std::vector<CueMatch>& cues);
  void set_apart(const std::vector<ClauseOpener>& openers, const std::vector<HitPlace>& hits);
  void find_units(std::string_view text, const std::string& language, const std::vector<WordBounds>& words,
                  const std::vector<ClauseOpener>& openers, const std::vector<HitPlace>& hits);
  void apply_negations_and_modalities();
  bool on_its_side(const CueReading& reading, const WordSpan& hit) const;
  bool in_scope(const CueReading& reading, const WordSpan& hit, std::int32_t unit) const;
  // Where a cue that governs a hit lies: in the hit's own unit, or in another clause that speaks about
  // it (the clause next to it, which lends it a cue, or a contrasting clause that qualifies it).
  enum class Governing { Own, Other };
  const CueReading* nearest(const WordSpan& hit, const WordSpan& anchor, std::size_t first, std::size_t last, std::int32_t unit,
                            Governing governing) const;
  const CueReading* read_in_clauses(const HitPlace& hit);
  std::int32_t sentence_unit(const HitPlace& hit);
  std::pair<std::size_t, std::size_t> readings_of_clause(std::size_t clause) const;
  std::size_t clause_at(std::uint32_t word) const { return clause_of_word_[word]; }

  const StanceVocabulary& stances_;
  std::string_view text_;
  const std::vector<HitPlace>* hits_ = nullptr;  // start()'s, for read_answer
  bool answer_ready_ = false;                   // read_answer's look-ups made for this segment
  std::vector<std::uint32_t> unit_sentence_;    // per unit of a reading: its sentence
  std::vector<std::int32_t> hit_sentence_;      // per hit: its sentence, or -1
  std::vector<std::uint32_t> sentence_hits_;    // per sentence: the hits of any code in it
  std::vector<std::uint32_t> own_hits_;         // per sentence: the hits of the code asking
  std::int32_t sentence_of_hit(const HitPlace& hit);
  const std::vector<WordBounds>* words_ = nullptr;
  std::vector<CueMatch> kept_;           // the cue matches that are not inside longer ones, in text order
  std::vector<ClauseOpener> openers_;    // the openers that are not inside cues
  std::vector<CueReading> readings_;     // in text order
  std::deque<CueReading> combined_;      // mixed readings of contrasts, made by read()
  std::vector<std::uint32_t> chains_;    // the negations and modalities of each reading, outermost first
  std::vector<std::int64_t> next_in_unit_;  // apply_negations_and_modalities(): the next reading of each unit
  std::vector<char> keep_;
  // Sentence scope: the sentences that hold a cue, in text order (a reading's unit indexes them).
  SentenceFinder sentences_;
  std::vector<std::pair<std::size_t, std::size_t>> cue_sentences_;
  // Clause scope: the clauses, whether each holds a hit, and where each one's readings start.
  ClauseFinder clause_finder_;
  std::vector<Clause> clauses_;
  std::vector<char> clause_has_hit_;
  std::vector<std::uint32_t> clause_of_word_;  // per word: its clause (a look-up, not a search per hit)
  SpanCover hit_cue_cover_;  // the kept cues, for which hits lie inside one (clause scope, read_answer)
  void build_hit_cue_cover();
  SpanCover opener_cover_, term_cover_, cue_cover_;  // set_apart's, kept for their buffers
  std::vector<std::pair<std::uint32_t, std::uint32_t>> term_spans_;       // per word: the furthest end of a kept cue starting at or before it
  std::vector<std::size_t> clause_readings_;  // [clause]: the first reading of the clause; one more at the end
};

}  // namespace qda
