// The rule engine: a segment's words are matched against every word pattern of the codebook at once
// (pattern_index.hpp), its text against the regular expressions (regex_search.hpp); the matches are
// then sorted out by role (a rule's term, NEAR operand or exclusion, or a stance cue) into hits, and
// hits into at most one auto coding per code.
#include "qda/rules.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>

#include "qda/pattern_index.hpp"
#include "qda/regex_search.hpp"
#include "qda/sentence_finder.hpp"
#include "qda/text.hpp"
#include "qda/tokens.hpp"

namespace qda {

namespace {

enum class Role : std::uint8_t { Term, Unless, NearLeft, NearRight, Cue };

// What a pattern of the index is for, by its number there.
struct PatternRole {
  Role role;
  std::uint32_t owner;  // rule index, or cue index for Role::Cue
};

struct WordSpan {
  std::uint32_t begin;  // token indexes, end exclusive
  std::uint32_t end;
};

}  // namespace

struct RuleIndex::Data {
  std::vector<const Rule*> rules;  // codebook order, so rules of one code are adjacent
  std::vector<std::size_t> rule_code;
  PatternIndex patterns;
  std::vector<PatternRole> roles;  // by pattern number
  std::vector<std::uint32_t> regex_rules;
  std::vector<const re2::RE2*> regex_patterns;  // of regex_rules, in their order
  bool any_rule_for_interviewers = false;

  void add(const TermPattern& pattern, Role role, std::uint32_t owner) {
    patterns.add(pattern);
    roles.push_back({role, owner});
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
      for (const auto& term : rule.terms) data.add(term, Role::Term, owner);
      for (const auto& term : rule.unless) data.add(term, Role::Unless, owner);
      if (rule.kind == RuleKind::Near) {
        data.add(rule.near_left, Role::NearLeft, owner);
        data.add(rule.near_right, Role::NearRight, owner);
      }
      if (rule.kind == RuleKind::Regex) {
        data.regex_rules.push_back(owner);
        data.regex_patterns.push_back(rule.regex.get());
      }
    }
  }
  for (std::size_t k = 0; k < codebook.stances.cues.size(); ++k) {
    data.add(codebook.stances.cues[k].pattern, Role::Cue, static_cast<std::uint32_t>(k));
  }
}

RuleIndex::~RuleIndex() = default;
std::size_t RuleIndex::rule_count() const { return data_->rules.size(); }

struct SegmentCoder::State {
  explicit State(const RuleIndex& index)
      : data(index.data()), codebook(index.codebook()), matcher(data.patterns), regexes(data.regex_patterns) {
    scratch.resize(data.rules.size());
    touched.assign((data.rules.size() + 63) / 64, 0);
    rule_hits.assign(data.rules.size(), 0);
  }

  struct RuleScratch {
    std::vector<WordSpan> hits, left, right;
    bool vetoed = false;
  };
  struct Hit {
    std::uint32_t rule;
    WordSpan words;
    std::size_t begin, end;  // bytes
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
  std::vector<std::pair<std::uint32_t, WordSpan>> cue_matches;
  SentenceFinder sentences;
  bool cue_sentences_ready = false;  // for this segment
  std::vector<std::optional<std::pair<std::size_t, std::size_t>>> cue_sentence;  // by cue match
  std::vector<std::pair<std::size_t, std::size_t>> cue_sentence_spans;
  std::string language;
  std::vector<std::size_t> rule_hits;
  std::vector<Hit> code_hits;

  void record(const PatternMatch& match) {
    const PatternRole& entry = data.roles[match.pattern];
    const WordSpan span{match.begin, match.end};
    if (entry.role == Role::Cue) {
      cue_matches.emplace_back(entry.owner, span);
      return;
    }
    RuleScratch& rule = scratch[entry.owner];
    touch(entry.owner);
    switch (entry.role) {
      case Role::Term: rule.hits.push_back(span); break;
      case Role::Unless: rule.vetoed = true; break;
      case Role::NearLeft: rule.left.push_back(span); break;
      case Role::NearRight: rule.right.push_back(span); break;
      case Role::Cue: break;
    }
  }

  void match_words(std::string_view text) {
    matcher.match(text, tokens, matches);
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

  // Near hits: operand pairs with at most `distance` words between them.
  void near_hits(RuleScratch& rule, int distance) {
    for (const auto& left : rule.left) {
      for (const auto& right : rule.right) {
        const auto& first = left.begin <= right.begin ? left : right;
        const auto& second = left.begin <= right.begin ? right : left;
        const long gap = static_cast<long>(second.begin) - static_cast<long>(first.end);
        // Overlapping operands are one occurrence, not two words near each other.
        if (gap >= 0 && gap <= distance) rule.hits.push_back({first.begin, std::max(first.end, second.end)});
      }
    }
  }

  // Words between a cue and a hit; 0 if they overlap.
  static long words_apart(const WordSpan& cue, const WordSpan& hit) {
    if (cue.end <= hit.begin) return static_cast<long>(hit.begin) - cue.end;
    if (cue.begin >= hit.end) return static_cast<long>(cue.begin) - hit.end;
    return 0;
  }

  bool in_window(const WordSpan& cue, const WordSpan& hit) const { return words_apart(cue, hit) < codebook.stances.window; }

  // Whether a hit starts between sentences (in white space trimmed off their ends), where its scope
  // is the whole text. Only a hit starting with white space can (a regular expression's match may);
  // white space between two words of a sentence is inside it.
  bool starts_between_sentences(const Hit& hit, std::string_view text) {
    return leading_blank_bytes(text.substr(hit.begin)) != 0 && !sentences.sentence_at(hit.begin);
  }

  // The sentence of each cue match, and the distinct sentences that hold a cue, in text order. A
  // hit's scope holds a cue exactly when the hit starts in one of these sentences (or between
  // sentences, where the scope is the whole text): so the sentences are looked up once per cue, not
  // once per hit (but for hits that start with white space), and boundaries are found only as far as
  // the last cue.
  void find_cue_sentences(std::string_view text) {
    if (cue_sentences_ready) return;
    cue_sentences_ready = true;
    sentences.set_text(text, language);
    cue_sentence.clear();
    cue_sentence_spans.clear();
    for (const auto& [cue_index, words] : cue_matches) {
      auto sentence = sentences.sentence_at(tokens[words.begin].begin);
      if (sentence && tokens[words.end - 1].end > sentence->second) sentence.reset();  // runs past its sentence's end
      cue_sentence.push_back(sentence);
      // Cue matches come in text order, so their sentences do too.
      if (sentence && (cue_sentence_spans.empty() || cue_sentence_spans.back() != *sentence)) cue_sentence_spans.push_back(*sentence);
    }
  }

  // The nearest cue among the cue matches that `in_scope` admits; on a tie, the one written first in
  // the codebook.
  template <typename InScope>
  const Cue* nearest_cue(const WordSpan& hit, InScope in_scope) const {
    const Cue* best = nullptr;
    long best_distance = 0;
    std::uint32_t best_index = 0;
    for (std::size_t m = 0; m < cue_matches.size(); ++m) {
      const auto& [cue_index, words] = cue_matches[m];
      if (!in_scope(m)) continue;
      const long distance = words_apart(words, hit);
      if (best == nullptr || distance < best_distance || (distance == best_distance && cue_index < best_index)) {
        best = &codebook.stances.cues[cue_index];
        best_distance = distance;
        best_index = cue_index;
      }
    }
    return best;
  }

  // Whether a hit has a cue in its scope: the sentence it starts in, or a window of words around it.
  bool has_cue(const Hit& hit, std::string_view text) {
    const StanceVocabulary& stances = codebook.stances;
    if (!stances.sentence_scope) {
      return std::any_of(cue_matches.begin(), cue_matches.end(), [&](const auto& cue) { return in_window(cue.second, hit.words); });
    }
    if (starts_between_sentences(hit, text)) return true;  // the whole text is its scope
    return cue_sentence_holding(hit.begin) != nullptr;
  }

  // The sentence with a cue that holds byte `offset`, or nullptr.
  const std::pair<std::size_t, std::size_t>* cue_sentence_holding(std::size_t offset) const {
    const auto after = std::upper_bound(cue_sentence_spans.begin(), cue_sentence_spans.end(), offset,
                                        [](std::size_t at, const auto& span) { return at < span.first; });
    if (after == cue_sentence_spans.begin() || offset >= (after - 1)->second) return nullptr;
    return &*(after - 1);
  }

  // The cue that decides a hit's stance (has_cue(hit) must hold): the nearest in its scope.
  const Cue* cue_of(const Hit& hit, std::string_view text) {
    const StanceVocabulary& stances = codebook.stances;
    if (!stances.sentence_scope) {
      return nearest_cue(hit.words, [&](std::size_t m) { return in_window(cue_matches[m].second, hit.words); });
    }
    if (starts_between_sentences(hit, text)) return nearest_cue(hit.words, [](std::size_t) { return true; });
    const auto sentence = *cue_sentence_holding(hit.begin);
    return nearest_cue(hit.words, [&](std::size_t m) { return cue_sentence[m] == sentence; });
  }

  // Adds a touched rule's hits to its code's, unless an exclusion vetoed them or the rule is not for
  // this speaker, and clears its scratch for the next segment.
  void take_hits(std::uint32_t rule_index, const std::string& speaker, bool interviewer) {
    RuleScratch& rule = scratch[rule_index];
    const Rule& definition = *data.rules[rule_index];
    if (definition.kind == RuleKind::Near) near_hits(rule, definition.near_distance);
    if (!rule.vetoed && !rule.hits.empty() && definition.speakers.admits(speaker, interviewer)) {
      ++rule_hits[rule_index];
      for (const auto& words : rule.hits) {
        const auto [begin, end] = bytes_of(rule_index, definition, words);
        code_hits.push_back({rule_index, words, begin, end});
      }
    }
    rule.hits.clear();
    rule.left.clear();
    rule.right.clear();
    rule.vetoed = false;
  }

  void finish_code(std::size_t code, std::string_view text, std::vector<AutoCoding>& codings) {
    if (code_hits.empty()) return;
    const auto in_text_order = [](const Hit& a, const Hit& b) { return std::tie(a.begin, a.end, a.rule) < std::tie(b.begin, b.end, b.rule); };
    // The first hit in text order with a cue in its scope decides; without one, the first hit.
    const Hit* chosen = &*std::min_element(code_hits.begin(), code_hits.end(), in_text_order);
    const Cue* cue = nullptr;
    if (!cue_matches.empty()) {
      if (codebook.stances.sentence_scope) find_cue_sentences(text);
      const Hit* first_with_cue = nullptr;
      for (const Hit& hit : code_hits) {
        if ((first_with_cue == nullptr || in_text_order(hit, *first_with_cue)) && has_cue(hit, text)) first_with_cue = &hit;
      }
      if (first_with_cue != nullptr) {
        chosen = first_with_cue;
        cue = cue_of(*chosen, text);
      }
    }
    const Rule& rule = *data.rules[chosen->rule];
    const std::string& stance = cue != nullptr          ? cue->stance
                                : !rule.stance.empty() ? rule.stance
                                                       : codebook.codes[code].default_stance;
    codings.push_back({code, stance, chosen->begin, chosen->end, &rule, cue});
    code_hits.clear();
  }
};

SegmentCoder::SegmentCoder(const RuleIndex& index) : state_(std::make_unique<State>(index)) {}
SegmentCoder::~SegmentCoder() = default;
const std::vector<std::size_t>& SegmentCoder::rule_hits() const { return state_->rule_hits; }

void SegmentCoder::code(const SegmentView& segment, std::vector<AutoCoding>& codings) {
  State& s = *state_;
  if (segment.interviewer && !s.data.any_rule_for_interviewers) return;  // the common case skips the work
  s.language = std::string(segment.language);
  s.tokenizer.find_words(segment.text, s.tokens);
  s.cue_matches.clear();
  s.regex_bytes.clear();
  s.cue_sentences_ready = false;
  s.match_words(segment.text);
  s.match_regexes(segment.text, segment);
  // Rules in codebook order (the touched bits, lowest first); rules of one code are adjacent.
  const std::string speaker(segment.speaker);
  std::size_t current_code = SIZE_MAX;
  for (std::size_t word = 0; word < s.touched.size(); ++word) {
    for (std::uint64_t bits = std::exchange(s.touched[word], 0); bits != 0; bits &= bits - 1) {
      const auto rule_index = static_cast<std::uint32_t>(64 * word + static_cast<std::size_t>(__builtin_ctzll(bits)));
      const std::size_t code = s.data.rule_code[rule_index];
      if (code != current_code) {
        if (current_code != SIZE_MAX) s.finish_code(current_code, segment.text, codings);
        current_code = code;
      }
      s.take_hits(rule_index, speaker, segment.interviewer);
    }
  }
  if (current_code != SIZE_MAX) s.finish_code(current_code, segment.text, codings);
}

}  // namespace qda
