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

#include "qda/pattern_index.hpp"
#include "qda/regex_search.hpp"
#include "qda/sentence_finder.hpp"
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
    rule_hits.assign(data.rules.size(), 0);
  }

  struct RuleScratch {
    std::vector<WordSpan> hits, left, right;
    bool vetoed = false;
    bool touched = false;
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
  std::vector<std::uint32_t> touched;
  std::vector<std::pair<std::uint32_t, WordSpan>> cue_matches;
  SentenceFinder sentences;
  bool sentences_ready = false;  // set to this segment's text
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
    if (!rule.touched) {
      rule.touched = true;
      touched.push_back(entry.owner);
    }
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
      if (!scratch_entry.touched) {
        scratch_entry.touched = true;
        touched.push_back(rule_index);
      }
      scratch_entry.hits.push_back(words_of_bytes(begin, end));
      regex_bytes.emplace_back(rule_index, std::make_pair(begin, end));
    }
  }
  std::vector<std::pair<std::uint32_t, std::pair<std::size_t, std::size_t>>> regex_bytes;

  std::pair<std::size_t, std::size_t> bytes_of(std::uint32_t rule_index, const WordSpan& words) const {
    for (const auto& [rule, bytes] : regex_bytes) {
      if (rule == rule_index) return bytes;
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

  // The nearest cue in scope of the hit; on a tie, the one written first in the codebook.
  // The nearest cue in scope of the hit; on a tie, the one written first in the codebook.
  const Cue* cue_for(const Hit& hit, std::string_view text) {
    const StanceVocabulary& stances = codebook.stances;
    if (cue_matches.empty()) return nullptr;
    std::optional<std::pair<std::size_t, std::size_t>> sentence;  // none: the whole text
    if (stances.sentence_scope) {
      if (!sentences_ready) {
        sentences.set_text(text, language);
        sentences_ready = true;
      }
      // A hit that starts between sentences (a regex may match white space first) has the whole text.
      sentence = sentences.sentence_at(hit.begin);
    }
    const Cue* best = nullptr;
    long best_distance = 0;
    std::uint32_t best_index = 0;
    for (const auto& [cue_index, words] : cue_matches) {
      const long distance = words_apart(words, hit.words);
      if (stances.sentence_scope) {
        if (sentence && (tokens[words.begin].begin < sentence->first || tokens[words.end - 1].end > sentence->second)) continue;
      } else if (distance >= stances.window) {
        continue;
      }
      if (best == nullptr || distance < best_distance || (distance == best_distance && cue_index < best_index)) {
        best = &stances.cues[cue_index];
        best_distance = distance;
        best_index = cue_index;
      }
    }
    return best;
  }

  void finish_code(std::size_t code, std::string_view text, std::vector<AutoCoding>& codings) {
    if (code_hits.empty()) return;
    const auto in_text_order = [](const Hit& a, const Hit& b) { return std::tie(a.begin, a.end, a.rule) < std::tie(b.begin, b.end, b.rule); };
    const Hit* chosen = nullptr;
    const Cue* cue = nullptr;
    if (cue_matches.empty()) {  // no hit can have a cue: the first in text order decides
      chosen = &*std::min_element(code_hits.begin(), code_hits.end(), in_text_order);
    } else {
      std::sort(code_hits.begin(), code_hits.end(), in_text_order);
      chosen = &code_hits.front();
      for (const Hit& hit : code_hits) {
        if ((cue = cue_for(hit, text)) != nullptr) {
          chosen = &hit;
          break;
        }
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
  s.sentences_ready = false;
  s.match_words(segment.text);
  s.match_regexes(segment.text, segment);
  // Rules in codebook order; rules of one code are adjacent.
  std::sort(s.touched.begin(), s.touched.end());
  const std::string speaker(segment.speaker);
  std::size_t current_code = SIZE_MAX;
  for (const std::uint32_t rule_index : s.touched) {
    State::RuleScratch& rule = s.scratch[rule_index];
    const Rule& definition = *s.data.rules[rule_index];
    const std::size_t code = s.data.rule_code[rule_index];
    if (code != current_code) {
      if (current_code != SIZE_MAX) s.finish_code(current_code, segment.text, codings);
      current_code = code;
    }
    if (definition.kind == RuleKind::Near) s.near_hits(rule, definition.near_distance);
    if (!rule.vetoed && !rule.hits.empty() && definition.speakers.admits(speaker, segment.interviewer)) {
      ++s.rule_hits[rule_index];
      for (const auto& words : rule.hits) {
        const auto [begin, end] = s.bytes_of(rule_index, words);
        s.code_hits.push_back({rule_index, words, begin, end});
      }
    }
    rule.hits.clear();
    rule.left.clear();
    rule.right.clear();
    rule.vetoed = false;
    rule.touched = false;
  }
  if (current_code != SIZE_MAX) s.finish_code(current_code, segment.text, codings);
  s.touched.clear();
}

}  // namespace qda
