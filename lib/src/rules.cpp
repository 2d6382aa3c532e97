// Matching: each distinct word of the corpus is looked up once per thread (folded word, stem per
// language, one-word wildcards) and cached; phrases are then found by walking a trie of word ids per
// form kind. Work per segment grows with its words and the phrases they start, not with the size of
// the codebook.
#include "qda/rules.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "qda/phrase_trie.hpp"
#include "qda/regex_search.hpp"
#include "qda/text.hpp"
#include "qda/tokens.hpp"
#include "qda/word_cache.hpp"

namespace qda {

namespace {

enum class Role : std::uint8_t { Term, Unless, NearLeft, NearRight, Cue };

struct PatternEntry {
  const TermPattern* pattern;
  Role role;
  std::uint32_t owner;  // rule index, or cue index for Role::Cue
};

// Lets the maps be searched with a string_view (a word's prefix) without building a string.
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};
using WordMap = std::unordered_map<std::string, std::vector<std::uint32_t>, TransparentHash, std::equal_to<>>;

struct WordSpan {
  std::uint32_t begin;  // token indexes, end exclusive
  std::uint32_t end;
};

}  // namespace

struct RuleIndex::Data {
  std::vector<const Rule*> rules;  // codebook order, so rules of one code are adjacent
  std::vector<std::size_t> rule_code;
  std::vector<PatternEntry> patterns;
  // Form kinds: how words compare. Kind 0 compares folded words; kind k > 0 their stems in
  // stem_languages[k - 1]. Words are compared as small integers: every form a pattern uses is
  // interned per kind, and the patterns of a kind are a trie over those ids.
  std::vector<std::string> stem_languages;
  std::vector<std::unordered_map<std::string, std::uint32_t>> form_ids;   // [kind]: form -> id (from 1)
  std::vector<PhraseTrie> phrases;                                        // [kind]
  WordMap prefixes;  // one-word wildcards, by their folded prefix
  std::vector<std::size_t> prefix_lengths;
  std::vector<std::uint32_t> regex_rules;
  std::vector<const re2::RE2*> regex_patterns;  // of regex_rules, in their order
  bool any_rule_for_interviewers = false;

  std::size_t kinds() const { return form_ids.size(); }

  int stem_kind(const std::string& language) {
    auto found = std::find(stem_languages.begin(), stem_languages.end(), language);
    if (found == stem_languages.end()) {
      stem_languages.push_back(language);
      form_ids.emplace_back();
      phrases.emplace_back();
      return static_cast<int>(stem_languages.size());
    }
    return static_cast<int>(found - stem_languages.begin()) + 1;
  }

  std::uint32_t intern(int kind, const std::string& form) {
    auto& ids = form_ids[static_cast<std::size_t>(kind)];
    return ids.emplace(form, static_cast<std::uint32_t>(ids.size() + 1)).first->second;
  }

  void add(const TermPattern& pattern, Role role, std::uint32_t owner) {
    const auto index = static_cast<std::uint32_t>(patterns.size());
    patterns.push_back({&pattern, role, owner});
    if (pattern.prefix && pattern.forms.size() == 1) {
      prefixes[pattern.forms[0]].push_back(index);
      if (std::find(prefix_lengths.begin(), prefix_lengths.end(), pattern.forms[0].size()) == prefix_lengths.end()) {
        prefix_lengths.push_back(pattern.forms[0].size());
      }
      return;
    }
    const int kind = pattern.stemmed ? stem_kind(pattern.language) : 0;
    const std::size_t whole_words = pattern.prefix ? pattern.forms.size() - 1 : pattern.forms.size();
    std::vector<std::uint32_t> ids;
    for (std::size_t k = 0; k < whole_words; ++k) ids.push_back(intern(kind, pattern.forms[k]));
    phrases[static_cast<std::size_t>(kind)].add(ids, pattern.prefix ? pattern.forms.back() : std::string_view(), index);
  }
};

RuleIndex::RuleIndex(const Codebook& codebook) : codebook_(codebook), data_(std::make_unique<Data>()) {
  Data& data = *data_;
  data.form_ids.emplace_back();  // kind 0: folded words
  data.phrases.emplace_back();
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
  explicit State(const RuleIndex& index) : data(index.data()), codebook(index.codebook()), regexes(data.regex_patterns) {
    for (const auto& language : data.stem_languages) stemmers.push_back(std::make_unique<Stemmer>(language));
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
  std::vector<std::unique_ptr<Stemmer>> stemmers;
  RegexSearch regexes;  // this thread's own, over data.regex_patterns
  std::vector<char> regex_wanted;
  std::vector<RegexSearch::Span> regex_found;
  // What each distinct word is to the patterns, by its id in `words`: its id per form kind
  // (word_forms[word * kinds + kind], 0 for none) and the one-word wildcards it matches.
  WordCache words;
  std::vector<std::uint32_t> word_forms;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> word_prefix_patterns;  // range in prefix_patterns
  std::vector<std::uint32_t> prefix_patterns;
  std::string folded;                     // scratch for folding one word
  std::vector<std::uint32_t> token_words;  // per token: its id in `words`
  std::vector<RuleScratch> scratch;
  std::vector<std::uint32_t> touched;
  std::vector<std::pair<std::uint32_t, WordSpan>> cue_matches;
  std::vector<std::pair<std::size_t, std::size_t>> sentences;
  bool sentences_ready = false;
  std::string language;
  std::vector<std::size_t> rule_hits;
  std::vector<Hit> code_hits;

  // Bounds the cache for odd inputs (a corpus of random strings); real vocabularies stay far below.
  static constexpr std::size_t kMaxCachedWords = std::size_t{1} << 20;
  static constexpr std::size_t kMaxCachedBytes = std::size_t{64} << 20;

  void forget_words_if_full() {
    if (words.size() < kMaxCachedWords && words.bytes() < kMaxCachedBytes) return;
    words.clear();
    word_forms.clear();
    word_prefix_patterns.clear();
    prefix_patterns.clear();
  }

  // The id in `words` of the word at `bounds`, folded: lower-cased ASCII, or ICU's full case folding.
  std::uint32_t word_id(std::string_view text, const WordBounds& bounds) {
    const std::string_view raw = text.substr(bounds.begin, bounds.end - bounds.begin);
    folded.resize(raw.size());
    bool ascii = true;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const auto byte = static_cast<unsigned char>(raw[i]);
      ascii &= byte < 0x80;
      folded[i] = static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
    }
    if (!ascii) folded = case_fold(raw);
    bool added = false;
    const std::uint32_t id = words.find_or_add(folded, WordCache::hash(folded), added);
    if (added) describe_word(folded);
    return id;
  }

  // Appends what a newly cached word is to the patterns.
  void describe_word(const std::string& word) {
    const auto id_of = [&](std::size_t kind, const std::string& form) {
      auto id = data.form_ids[kind].find(form);
      return id == data.form_ids[kind].end() ? 0u : id->second;
    };
    word_forms.push_back(id_of(0, word));
    for (std::size_t kind = 1; kind < data.kinds(); ++kind) word_forms.push_back(id_of(kind, stemmers[kind - 1]->stem_uncached(word)));
    const auto first = static_cast<std::uint32_t>(prefix_patterns.size());
    for (const std::size_t length : data.prefix_lengths) {
      if (length > word.size()) continue;
      auto prefix = data.prefixes.find(std::string_view(word).substr(0, length));
      if (prefix != data.prefixes.end()) prefix_patterns.insert(prefix_patterns.end(), prefix->second.begin(), prefix->second.end());
    }
    word_prefix_patterns.emplace_back(first, static_cast<std::uint32_t>(prefix_patterns.size()));
  }

  void record(std::uint32_t pattern_index, std::size_t at, std::size_t length) {
    const PatternEntry& entry = data.patterns[pattern_index];
    const WordSpan span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + length)};
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
    forget_words_if_full();  // no word id is held across segments
    token_words.resize(tokens.size());
    for (std::size_t at = 0; at < tokens.size(); ++at) token_words[at] = word_id(text, tokens[at]);
    const std::size_t kinds = data.kinds();
    for (std::size_t at = 0; at < tokens.size(); ++at) {
      const std::uint32_t* ids = &token_words[at];
      const std::size_t available = tokens.size() - at;
      const auto word_at = [&](std::size_t i) { return words.word(ids[i]); };
      const auto found = [&](std::uint32_t pattern, std::size_t length) { record(pattern, at, length); };
      for (std::size_t kind = 0; kind < kinds; ++kind) {
        const auto id_at = [&](std::size_t i) { return word_forms[ids[i] * kinds + kind]; };
        data.phrases[kind].match(available, id_at, word_at, found);
      }
      const auto [first, last] = word_prefix_patterns[ids[0]];
      for (std::uint32_t k = first; k < last; ++k) record(prefix_patterns[k], at, 1);
    }
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

  const Cue* cue_for(const Hit& hit, std::string_view text) {
    const StanceVocabulary& stances = codebook.stances;
    if (cue_matches.empty()) return nullptr;
    std::size_t sentence_begin = 0, sentence_end = text.size();
    if (stances.sentence_scope) {
      if (!sentences_ready) {
        sentences = sentence_spans(text, language);
        sentences_ready = true;
      }
      for (const auto& [begin, end] : sentences) {
        if (hit.begin >= begin && hit.begin < end) {
          sentence_begin = begin;
          sentence_end = end;
          break;
        }
      }
    }
    const Cue* best = nullptr;
    long best_distance = 0;
    std::uint32_t best_index = 0;
    for (const auto& [cue_index, words] : cue_matches) {
      long distance = 0;
      if (words.end <= hit.words.begin) distance = static_cast<long>(hit.words.begin) - words.end;
      else if (words.begin >= hit.words.end) distance = static_cast<long>(words.begin) - hit.words.end;
      if (stances.sentence_scope) {
        if (tokens[words.begin].begin < sentence_begin || tokens[words.end - 1].end > sentence_end) continue;
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
    std::sort(code_hits.begin(), code_hits.end(), [](const Hit& a, const Hit& b) {
      return std::tie(a.begin, a.end, a.rule) < std::tie(b.begin, b.end, b.rule);
    });
    const Hit* chosen = &code_hits.front();
    const Cue* cue = nullptr;
    for (const Hit& hit : code_hits) {
      if ((cue = cue_for(hit, text)) != nullptr) {
        chosen = &hit;
        break;
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
