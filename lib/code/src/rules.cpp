// The rule engine: a segment's words are matched against every word pattern of the codebook at once
// (pattern_index.hpp), its text against the regular expressions (regex_search.hpp); the matches are
// then sorted out by role (a rule's term, NEAR operand or exclusion, a stance cue, a word that opens a
// clause) into hits, and hits into at most one auto coding per code, whose stance the stance reader
// finds (stance_reader.hpp).
#include "qda/rules.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <tuple>
#include <utility>

#include "qda/pattern_index.hpp"
#include "qda/regex_search.hpp"
#include "qda/tokens.hpp"
#include "stance_reader.hpp"

namespace qda {

namespace {

enum class Role : std::uint8_t { Term, Unless, NearLeft, NearRight, Cue, Opener };

// What a pattern of the index is for, by its number there.
struct PatternRole {
  Role role;
  std::uint32_t owner;  // rule index; cue index for Role::Cue; for Role::Opener 1 if a contrast word
};

std::string rule_owner(const Rule& rule) { return "rule '" + rule.id + "'"; }

std::string cue_owner(const Cue& cue) {
  switch (cue.kind) {
    case CueKind::Stance: return "cue (" + cue.stance + ")";
    case CueKind::Negation: return "negation cue";
    case CueKind::Modality: return "modality cue (" + cue.stance + ")";
    case CueKind::Neutral: return "neutral cue";
  }
  return "cue";
}

}  // namespace

struct RuleIndex::Data {
  std::vector<const Rule*> rules;  // codebook order, so rules of one code are adjacent
  std::vector<std::size_t> rule_code;
  PatternIndex patterns;
  std::vector<PatternRole> roles;  // by pattern number
  std::vector<std::uint32_t> regex_rules;
  std::vector<const re2::RE2*> regex_patterns;  // of regex_rules, in their order
  std::vector<BroadPattern> broad;  // by pattern number
  bool any_rule_for_interviewers = false;

  void add(const TermPattern& pattern, Role role, std::uint32_t owner, const std::string& owner_name = {}, Location where = {}) {
    patterns.add(pattern);
    roles.push_back({role, owner});
    broad.push_back(pattern.stemmed || pattern.prefix ? BroadPattern{&pattern, owner_name, std::move(where)} : BroadPattern{});
  }
};

RuleIndex::RuleIndex(const Codebook& codebook) : codebook_(codebook), data_(std::make_unique<Data>()) {
  Data& data = *data_;
  for (std::size_t c = 0; c < codebook.codes.size(); ++c) {
    for (const Rule& rule : codebook.codes[c].rules) {
      const auto owner = static_cast<std::uint32_t>(data.rules.size());
      data.rules.push_back(&rule);
      data.rule_code.push_back(c);
      data.any_rule_for_interviewers |= rule.speakers.mode != SpeakerFilter::Mode::Participants;
      for (const auto& term : rule.terms) data.add(term, Role::Term, owner, rule_owner(rule), rule.where);
      for (const auto& term : rule.unless) data.add(term, Role::Unless, owner, rule_owner(rule) + " (unless)", rule.where);
      if (rule.kind == RuleKind::Near) {
        data.add(rule.near_left, Role::NearLeft, owner, rule_owner(rule), rule.where);
        data.add(rule.near_right, Role::NearRight, owner, rule_owner(rule), rule.where);
      }
      if (rule.kind == RuleKind::Regex) {
        data.regex_rules.push_back(owner);
        data.regex_patterns.push_back(rule.regex.get());
      }
    }
  }
  for (std::size_t k = 0; k < codebook.stances.cues.size(); ++k) {
    const Cue& cue = codebook.stances.cues[k];
    data.add(cue.pattern, Role::Cue, static_cast<std::uint32_t>(k), cue_owner(cue), cue.where);
  }
  for (const LanguageProfile& profile : codebook.stances.languages) {
    const std::string owner = "the clause words of language '" + profile.language + "'";
    for (const auto& word : profile.boundaries) data.add(word, Role::Opener, 0, owner);
    for (const auto& word : profile.contrasts) data.add(word, Role::Opener, 1, owner);
  }
}

RuleIndex::~RuleIndex() = default;
std::size_t RuleIndex::rule_count() const { return data_->rules.size(); }
const std::vector<BroadPattern>& RuleIndex::broad_patterns() const { return data_->broad; }

struct SegmentCoder::State {
  State(const RuleIndex& index, bool collect_words)
      : data(index.data()),
        codebook(index.codebook()),
        matcher(data.patterns),
        regexes(data.regex_patterns),
        reader(index.codebook()),
        collect_words(collect_words) {
    scratch.resize(data.rules.size());
    touched.assign((data.rules.size() + 63) / 64, 0);
    rule_hits.assign(data.rules.size(), 0);
    if (collect_words) words_matched.resize(data.roles.size());
  }

  struct RuleScratch {
    std::vector<WordSpan> hits, left, right;
    bool vetoed = false;
  };
  struct Hit {
    std::uint32_t rule;
    WordSpan words;
    std::size_t begin, end;  // bytes
    bool term;               // a Terms rule's (HitPlace::term), kept here rather than looked up per hit
  };

  const RuleIndex::Data& data;
  const Codebook& codebook;
  Tokenizer tokenizer;
  std::vector<WordBounds> tokens;  // the segment's words
  PatternMatcher matcher;
  std::vector<PatternMatch> matches;
  RegexSearch regexes;  // this thread's own, over data.regex_patterns
  std::vector<char> regex_wanted;
  std::vector<RegexSearch::Span> regex_found;
  std::vector<RuleScratch> scratch;
  // One bit per rule that a match of this segment touched: set without a test of whether it already
  // was, and read in rule order by counting zero bits, with no sort.
  std::vector<std::uint64_t> touched;
  void touch(std::uint32_t rule) { touched[rule / 64] |= std::uint64_t{1} << (rule % 64); }
  std::vector<CueMatch> cue_matches;
  std::vector<ClauseOpener> openers;
  StanceReader reader;
  std::string language;
  std::vector<std::size_t> rule_hits;
  // The segment's hits, code after code (rules come in codebook order), and where each code's start.
  std::vector<Hit> hits;
  std::vector<std::pair<std::size_t, std::size_t>> code_ranges;  // (code, first hit)
  std::vector<HitPlace> places;  // of `hits`, for the reader
  std::deque<std::string> cue_notes;  // AutoCoding::cues of this segment
  bool collect_words;
  std::vector<WordCounts> words_matched;

  // Inlined into the loops that call them, as they were before the stance model's roles made them
  // too large for the compiler's own choice: a call per match and per touched rule cost 5 % of
  // qda-code's instructions (callgrind, bench/README.md).
  [[gnu::always_inline]] void record(const PatternMatch& match) {
    const PatternRole& entry = data.roles[match.pattern];
    const WordSpan span{match.begin, match.end};
    if (entry.role == Role::Cue) {
      cue_matches.push_back({entry.owner, span});
      return;
    }
    if (entry.role == Role::Opener) {
      openers.push_back({match.begin, match.end, entry.owner == 1});
      return;
    }
    RuleScratch& rule = scratch[entry.owner];
    touch(entry.owner);
    switch (entry.role) {
      case Role::Term: rule.hits.push_back(span); break;
      case Role::Unless: rule.vetoed = true; break;
      case Role::NearLeft: rule.left.push_back(span); break;
      case Role::NearRight: rule.right.push_back(span); break;
      case Role::Cue:
      case Role::Opener: break;
    }
  }

  // The matched words as written, one space between them.
  void count_words(const PatternMatch& match, std::string_view text) {
    std::string words;
    for (std::uint32_t w = match.begin; w < match.end; ++w) {
      if (w != match.begin) words.push_back(' ');
      words.append(text.substr(tokens[w].begin, tokens[w].end - tokens[w].begin));
    }
    ++words_matched[match.pattern][words];
  }

  void match_words(std::string_view text) {
    matcher.match(text, tokens, matches);
    if (collect_words) {  // --lint: the words each broad pattern matched
      for (const PatternMatch& match : matches) {
        if (data.broad[match.pattern].term != nullptr) count_words(match, text);
      }
    }
    for (const PatternMatch& match : matches) record(match);
  }

  WordSpan words_of_bytes(std::size_t begin, std::size_t end) const {
    std::uint32_t first = 0;
    while (first < tokens.size() && tokens[first].end <= begin) ++first;
    std::uint32_t last = first;
    while (last < tokens.size() && tokens[last].begin < end) ++last;
    return {first, std::max(first, last)};
  }

  void match_regexes(std::string_view text, const SegmentView& segment) {
    if (data.regex_rules.empty()) return;
    const std::string speaker(segment.speaker);
    regex_wanted.resize(data.regex_rules.size());
    for (std::size_t r = 0; r < data.regex_rules.size(); ++r) {
      regex_wanted[r] = data.rules[data.regex_rules[r]]->speakers.admits(speaker, segment.interviewer) ? 1 : 0;
    }
    regexes.search(text, regex_wanted, regex_found);
    for (std::size_t r = 0; r < data.regex_rules.size(); ++r) {
      const std::uint32_t rule_index = data.regex_rules[r];
      const auto& match = regex_found[r];
      if (!match) continue;
      const auto [begin, end] = *match;
      RuleScratch& scratch_entry = scratch[rule_index];
      touch(rule_index);
      scratch_entry.hits.push_back(words_of_bytes(begin, end));
      regex_bytes.emplace_back(rule_index, std::make_pair(begin, end));
    }
  }
  std::vector<std::pair<std::uint32_t, std::pair<std::size_t, std::size_t>>> regex_bytes;

  // The bytes of a hit: a regular expression's match, or the hit's words.
  std::pair<std::size_t, std::size_t> bytes_of(std::uint32_t rule_index, const Rule& rule, const WordSpan& words) const {
    if (rule.kind == RuleKind::Regex) {
      for (const auto& [regex_rule, bytes] : regex_bytes) {
        if (regex_rule == rule_index) return bytes;
      }
    }
    if (words.end > words.begin) return {tokens[words.begin].begin, tokens[words.end - 1].end};
    return {0, 0};
  }

  // Near hits: each operand occurrence with the nearest occurrence of the other operand that has at most
  // `distance` words between them (overlapping occurrences are one, not two words near each other), the
  // pair's words as the hit, each pair once. Every pair was a hit before: NEAR/1000 over a 1 MB turn
  // kept millions (2.5 GB), and NEAR/5 took time quadratic in the operands; this is linear after sorting,
  // and a segment matches exactly when it did.
  void near_hits(RuleScratch& rule, int distance) {
    pair_with_nearest(rule.left, rule.right, distance, rule.hits);
    pair_with_nearest(rule.right, rule.left, distance, rule.hits);
    std::sort(rule.hits.begin(), rule.hits.end(), [](const WordSpan& a, const WordSpan& b) {
      return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    rule.hits.erase(std::unique(rule.hits.begin(), rule.hits.end(),
                                [](const WordSpan& a, const WordSpan& b) { return a.begin == b.begin && a.end == b.end; }),
                    rule.hits.end());
  }

  // For each span of `these`, the nearest span of `others` before it (ending at or before its start) or
  // after it (starting at or after its end) within `distance` words, the nearer of the two, before on a
  // tie; appended to `hits` as the words from the first start to the last end.
  void pair_with_nearest(const std::vector<WordSpan>& these, const std::vector<WordSpan>& others, int distance,
                         std::vector<WordSpan>& hits) {
    if (these.empty() || others.empty()) return;
    by_begin_ = others;
    std::sort(by_begin_.begin(), by_begin_.end(), [](const WordSpan& a, const WordSpan& b) { return a.begin < b.begin; });
    by_end_ = others;
    std::sort(by_end_.begin(), by_end_.end(), [](const WordSpan& a, const WordSpan& b) { return std::tie(a.end, a.begin) < std::tie(b.end, b.begin); });
    for (const WordSpan& span : these) {
      long best_gap = static_cast<long>(distance) + 1;
      WordSpan best{};
      // Before: the latest end at or before this start (of the spans ending there, the one starting latest).
      const auto end_after = std::upper_bound(by_end_.begin(), by_end_.end(), span.begin,
                                              [](std::uint32_t at, const WordSpan& other) { return at < other.end; });
      if (end_after != by_end_.begin()) {
        const WordSpan& other = *(end_after - 1);
        const long gap = static_cast<long>(span.begin) - static_cast<long>(other.end);
        if (gap < best_gap) {
          best_gap = gap;
          best = {other.begin, span.end};
        }
      }
      // After: the earliest start at or after this end.
      const auto after = std::lower_bound(by_begin_.begin(), by_begin_.end(), span.end,
                                          [](const WordSpan& other, std::uint32_t at) { return other.begin < at; });
      if (after != by_begin_.end()) {
        const long gap = static_cast<long>(after->begin) - static_cast<long>(span.end);
        if (gap < best_gap) {
          best_gap = gap;
          best = {span.begin, std::max(span.end, after->end)};
        }
      }
      if (best_gap <= distance) hits.push_back(best);
    }
  }
  std::vector<WordSpan> by_begin_, by_end_;  // the other operand's spans, for pair_with_nearest

  // Adds a touched rule's hits to the segment's, unless an exclusion vetoed them or the rule is not for
  // this speaker, and clears its scratch for the next segment.
  [[gnu::always_inline]] void take_hits(std::uint32_t rule_index, const std::string& speaker, bool interviewer) {
    RuleScratch& rule = scratch[rule_index];
    const Rule& definition = *data.rules[rule_index];
    if (definition.kind == RuleKind::Near) near_hits(rule, definition.near_distance);
    if (!rule.vetoed && !rule.hits.empty() && definition.speakers.admits(speaker, interviewer)) {
      ++rule_hits[rule_index];
      const std::size_t code = data.rule_code[rule_index];
      if (code_ranges.empty() || code_ranges.back().first != code) code_ranges.emplace_back(code, hits.size());
      for (const auto& words : rule.hits) {
        const auto [begin, end] = bytes_of(rule_index, definition, words);
        hits.push_back({rule_index, words, begin, end, definition.kind == RuleKind::Terms});
      }
    }
    rule.hits.clear();
    rule.left.clear();
    rule.right.clear();
    rule.vetoed = false;
  }

  // A lambda, so that std::sort inlines it (as a function pointer it was a call per comparison: 2 % of
  // qda-code's instructions).
  static constexpr auto in_text_order = [](const Hit& a, const Hit& b) {
    return std::tie(a.begin, a.end, a.rule) < std::tie(b.begin, b.end, b.rule);
  };

  // The code's hits [first, last) of `hits` become its auto coding. The first hit in text order that a
  // cue governs decides; without one, the first hit. With a `mixed` stance, hits whose cues lead to
  // different stances make the coding mixed, and all their cues are named.
  void finish_code(std::size_t code, std::size_t first, std::size_t last, bool read_cues, std::vector<AutoCoding>& codings) {
    const StanceVocabulary& stances = codebook.stances;
    const auto from = hits.begin() + static_cast<std::ptrdiff_t>(first), to = hits.begin() + static_cast<std::ptrdiff_t>(last);
    const Hit* chosen = nullptr;
    const CueReading* decided = nullptr;
    bool mixed = false;
    described.clear();
    if (!read_cues) {
      chosen = &*std::min_element(from, to, in_text_order);
    } else if (stances.mixed.empty()) {
      // The first in text order of the hits a cue governs, found without sorting: a hit after the best so
      // far is not read (each rule's hits come in text order, so most are not).
      const Hit* first_hit = nullptr;
      for (auto hit = from; hit != to; ++hit) {
        if (first_hit == nullptr || in_text_order(*hit, *first_hit)) first_hit = &*hit;
        if (decided != nullptr && !in_text_order(*hit, *chosen)) continue;
        if (const CueReading* reading = reader.read({hit->words, hit->begin, false})) {
          chosen = &*hit;
          decided = reading;
        }
      }
      if (decided == nullptr) chosen = first_hit;
    } else {
      // Every hit is read, in text order, so that the cues are named in it.
      if (!std::is_sorted(from, to, in_text_order)) std::sort(from, to, in_text_order);
      chosen = &*from;
      for (auto hit = from; hit != to; ++hit) {
        const CueReading* reading = reader.read({hit->words, hit->begin, false});
        if (reading == nullptr) continue;
        if (decided == nullptr) {
          chosen = &*hit;
          decided = reading;
        }
        mixed |= reading->stance != decided->stance;
        reader.describe(*reading, described);
      }
    }
    // No cue governs a hit of the code: unless its rule or the code says what such a hit means, the
    // codebook may have it take the stance its answer reads elsewhere ("Pelatihan kami ikuti.
    // Pesertanya sedikit sekali.").
    const Rule& rule = *data.rules[chosen->rule];
    const bool from_answer = read_cues && decided == nullptr && !stances.answer.empty() && rule.stance.empty() &&
                             !codebook.codes[code].own_default_stance && (decided = reader.read_answer(first, last)) != nullptr;
    const std::string& stance = mixed ? stances.mixed
                                : decided != nullptr ? stances.values[decided->stance]
                                : !rule.stance.empty() ? rule.stance
                                                       : codebook.codes[code].default_stance;
    AutoCoding coding{code, stance, chosen->begin, chosen->end, &rule, nullptr, {}};
    if (decided != nullptr) {
      coding.cue = &stances.cues[decided->cue];
      // More than one cue decided it (a negation, a qualified affirmation, hits that read differently):
      // all are named. A cue of the answer is named as such. One cue alone is named by `coding.cue`.
      const bool chain = decided->chain_end != decided->chain_begin;
      if (!mixed) {
        described.clear();
        if (chain || decided->qualified >= 0 || from_answer) reader.describe(*decided, described);
      }
      if (described.size() > 1 || chain || from_answer) {
        std::string& note = cue_notes.emplace_back(from_answer ? "answer: " : "");
        const std::size_t prefix = note.size();
        for (const std::string& cues : described) note.append(note.size() == prefix ? "" : "; ").append(cues);
        coding.cues = note;
      }
    }
    codings.push_back(coding);
  }
  std::vector<std::string> described;  // the cues that decided one code's coding, each once
};

SegmentCoder::SegmentCoder(const RuleIndex& index, bool collect_words) : state_(std::make_unique<State>(index, collect_words)) {}
SegmentCoder::~SegmentCoder() = default;
const std::vector<std::size_t>& SegmentCoder::rule_hits() const { return state_->rule_hits; }
const std::vector<SegmentCoder::WordCounts>& SegmentCoder::matched_words() const { return state_->words_matched; }

void SegmentCoder::code(const SegmentView& segment, std::vector<AutoCoding>& codings) {
  State& s = *state_;
  if (segment.interviewer && !s.data.any_rule_for_interviewers) return;  // the common case skips the work
  s.tokenizer.find_words(segment.text, s.tokens);
  s.cue_matches.clear();
  s.openers.clear();
  s.regex_bytes.clear();
  s.hits.clear();
  s.code_ranges.clear();
  s.cue_notes.clear();
  s.match_words(segment.text);
  s.match_regexes(segment.text, segment);
  // Rules in codebook order (the touched bits, lowest first); rules of one code are adjacent.
  const std::string speaker(segment.speaker);
  for (std::size_t word = 0; word < s.touched.size(); ++word) {
    for (std::uint64_t bits = std::exchange(s.touched[word], 0); bits != 0; bits &= bits - 1) {
      s.take_hits(static_cast<std::uint32_t>(64 * word + static_cast<std::size_t>(__builtin_ctzll(bits))), speaker, segment.interviewer);
    }
  }
  if (s.hits.empty()) return;
  const bool read_cues = !s.cue_matches.empty();
  if (read_cues) {
    s.places.clear();
    for (const auto& hit : s.hits) s.places.push_back({hit.words, hit.begin, hit.term});
    s.language.assign(segment.language);
    s.reader.start(segment.text, s.language, s.tokens, s.cue_matches, s.openers, s.places);
  }
  for (std::size_t k = 0; k < s.code_ranges.size(); ++k) {
    const std::size_t last = k + 1 < s.code_ranges.size() ? s.code_ranges[k + 1].second : s.hits.size();
    s.finish_code(s.code_ranges[k].first, s.code_ranges[k].second, last, read_cues, codings);
  }
}

}  // namespace qda
