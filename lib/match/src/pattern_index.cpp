// Each distinct word is worked out once per thread and cached: its form id per kind (the folded word,
// its stem per stemming language), the patterns it matches alone, and the trie nodes from which
// longer phrases go on. Matching a text is then, per word, one cache lookup and a walk only where a
// phrase can continue. Work per segment grows with its words and the phrases they start, not with
// the size of the codebook.
#include "qda/pattern_index.hpp"
#include "qda/simd.hpp"


#include <algorithm>
#include <cstring>

namespace qda {

PatternIndex::PatternIndex() {
  form_ids_.emplace_back();  // kind 0: folded words
  phrases_.emplace_back();
}

std::size_t PatternIndex::stem_kind(const std::string& language) {
  auto found = std::find(stem_languages_.begin(), stem_languages_.end(), language);
  if (found != stem_languages_.end()) return static_cast<std::size_t>(found - stem_languages_.begin()) + 1;
  stem_languages_.push_back(language);
  form_ids_.emplace_back();
  phrases_.emplace_back();
  return stem_languages_.size();
}

std::uint32_t PatternIndex::intern(std::size_t kind, const std::string& form) {
  auto& ids = form_ids_[kind];
  return ids.emplace(form, static_cast<std::uint32_t>(ids.size() + 1)).first->second;
}

std::uint32_t PatternIndex::add(const TermPattern& pattern) {
  const std::uint32_t number = size_++;
  if (pattern.prefix && pattern.forms.size() == 1) {
    prefixes_[pattern.forms[0]].push_back(number);
    if (std::find(prefix_lengths_.begin(), prefix_lengths_.end(), pattern.forms[0].size()) == prefix_lengths_.end()) {
      prefix_lengths_.push_back(pattern.forms[0].size());
    }
    return number;
  }
  // A trailing wildcard is compared with the folded word, never its stem (docs/qda-code.md#wildcards).
  const std::size_t kind = pattern.stemmed ? stem_kind(pattern.language) : 0;
  const std::size_t whole_words = pattern.prefix ? pattern.forms.size() - 1 : pattern.forms.size();
  std::vector<std::uint32_t> ids;
  for (std::size_t k = 0; k < whole_words; ++k) ids.push_back(intern(kind, pattern.forms[k]));
  phrases_[kind].add(ids, pattern.prefix ? std::string_view(pattern.forms.back()) : std::string_view(), number);
  return number;
}

struct PatternMatcher::State {
  explicit State(const PatternIndex& index) : index(index), kinds(index.form_ids_.size()) {
    for (const auto& language : index.stem_languages_) stemmers.push_back(std::make_unique<Stemmer>(language));
  }

  struct Walk {
    std::uint32_t kind;
    PhraseTrie::Node node;
  };
  struct WordEntry {
    std::uint32_t singles_begin, singles_end;  // into singles: the patterns the word matches alone
    std::uint32_t walks_begin, walks_end;      // into walks: where phrases starting with it go on
  };

  const PatternIndex& index;
  const std::size_t kinds;
  std::vector<std::unique_ptr<Stemmer>> stemmers;
  // What each distinct word is to the patterns, by its id in `words`.
  WordCache words;
  std::vector<std::uint32_t> forms;  // [word * kinds + kind]: the form id, 0 for none
  std::vector<WordEntry> entries;
  // Both end with padding, so that match() may read kSinglesAtOnce singles and kWalksAtOnce walks
  // from any word's first, even a word with none (a walk from node 0 goes nowhere).
  std::vector<std::uint32_t> singles = std::vector<std::uint32_t>(kSinglesAtOnce, 0);
  std::vector<Walk> walks = std::vector<Walk>(kWalksAtOnce, Walk{0, 0});
  std::vector<std::uint32_t> token_words;  // per word of the text: its id in `words`

  // match() writes this many of a word's single-word patterns at once and keeps as many as it has,
  // without a branch on how many that is (0, 1 or 2 for most words, in no order a predictor learns).
  static constexpr std::size_t kSinglesAtOnce = 2;
  // match() asks of this many of a word's walks at once whether they may go on (PhraseTrie::may_go_on).
  static constexpr std::size_t kWalksAtOnce = 2;
  // The matches of the current text, in a buffer that only grows (a vector would zero what it adds).
  std::unique_ptr<PatternMatch[]> found;
  std::size_t found_capacity = 0;
  void make_room(std::size_t needed) {
    if (needed <= found_capacity) return;
    const std::size_t capacity = std::max(needed, 2 * found_capacity);
    auto bigger = std::make_unique<PatternMatch[]>(capacity);
    if (found_capacity != 0) std::memcpy(bigger.get(), found.get(), found_capacity * sizeof(PatternMatch));
    found = std::move(bigger);
    found_capacity = capacity;
  }

  // Bounds the cache for odd inputs (a corpus of random strings); real vocabularies stay far below.
  static constexpr std::size_t kMaxCachedWords = std::size_t{1} << 20;
  static constexpr std::size_t kMaxCachedBytes = std::size_t{64} << 20;

  void forget_words_if_full() {
    if (words.size() < kMaxCachedWords && words.bytes() < kMaxCachedBytes) return;
    words.clear();
    forms.clear();
    entries.clear();
    singles.assign(kSinglesAtOnce, 0);
    walks.assign(kWalksAtOnce, Walk{0, 0});
  }

  // The id in `words` of the word [begin, end) of `text`, folded. `lowered` is the text with ASCII
  // capitals lowered, followed by 16 zero bytes (lower_text()). An ASCII word of up to 16 bytes,
  // nearly every word, is two loads from it, masked, hashed and looked up without a branch on its
  // length; an ASCII word of up to kShortWordBlocks blocks is loaded and hashed eight bytes at a
  // time; any other word goes through case_fold() (ICU's full case folding). The masks assume
  // little-endian loads: the word's first byte is the block's lowest.
  static constexpr std::size_t kShortWordBlocks = 4;
  [[gnu::always_inline]] inline std::uint32_t word_id(std::string_view text, const char* lowered, std::size_t begin, std::size_t end) {
    const std::size_t size = end - begin;
    const char* raw = text.data() + begin;
    if (size != 0 && size <= 16) {  // most words
      std::uint64_t first, second;
      std::memcpy(&first, lowered + begin, 8);
      std::memcpy(&second, lowered + begin + 8, 8);
      // Arithmetic, not branches, on the length: word lengths follow no pattern a predictor could learn.
      const std::uint64_t two_blocks = size > 8;  // 0 or 1
      const std::size_t second_size = (size - 8) * two_blocks;
      first &= bytes_mask(size - second_size);
      second &= bytes_mask(second_size);
      if (((first | second) & 0x8080808080808080ull) == 0) {
        const std::uint64_t one = WordCache::hash_block(WordCache::hash_start(size), first);
        const std::uint64_t two = WordCache::hash_block(one, second);
        bool added = false;
        const std::uint64_t hash = WordCache::hash_finish(one ^ ((one ^ two) & (0 - two_blocks)));
        const std::uint32_t id = words.find_or_add_short(first, second, size, hash, added);
        if (added) describe(std::string(words.word(id)));
        return id;
      }
    } else if (size <= 8 * kShortWordBlocks) {
      // Eight bytes of the lowered text at a time: the last load of the word stays inside the 16 bytes
      // of padding after the text, and masks off what follows the word.
      std::uint64_t blocks[kShortWordBlocks];
      std::uint64_t high_bits = 0;
      std::uint64_t h = WordCache::hash_start(size);
      for (std::size_t k = 0, at = 0; at < size; ++k, at += 8) {
        std::memcpy(&blocks[k], lowered + begin + at, 8);
        blocks[k] &= bytes_mask(std::min<std::size_t>(size - at, 8));
        high_bits |= blocks[k];
        h = WordCache::hash_block(h, blocks[k]);
      }
      if ((high_bits & 0x8080808080808080ull) == 0) return cached(blocks, size, WordCache::hash_finish(h));
    }
    bool added = false;
    const std::uint32_t id = words.find_or_add(case_fold(std::string_view(raw, size)), added);
    if (added) describe(std::string(words.word(id)));
    return id;
  }

  // The id of a folded word given as blocks, worked out (describe()) if it is new.
  std::uint32_t cached(const std::uint64_t* blocks, std::size_t size, std::uint64_t hash) {
    bool added = false;
    const std::uint32_t id = words.find_or_add(blocks, size, hash, added);
    if (added) describe(std::string(words.word(id)));
    return id;
  }

  // The text with ASCII capitals lowered, then 16 zero bytes, in a buffer that only grows: one pass
  // over the text, sixteen bytes at a time, instead of lowering each word's blocks.
  const char* lower_text(std::string_view text) {
    if (lowered_capacity < text.size() + 16) {
      lowered_capacity = std::max(text.size() + 16, 2 * lowered_capacity);
      lowered = std::make_unique<char[]>(lowered_capacity);
    }
    char* out = lowered.get();
    std::size_t at = 0;
#if QDA_SSE2
    for (; at + 16 <= text.size(); at += 16) {
      const __m128i v = simd::load(text.data() + at);
      const __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
      simd::store(out + at, _mm_or_si128(v, _mm_and_si128(capital, _mm_set1_epi8(0x20))));
    }
#endif
    for (; at < text.size(); ++at) {
      const char c = text[at];
      out[at] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    std::memset(out + text.size(), 0, 16);
    return out;
  }
  std::unique_ptr<char[]> lowered;
  std::size_t lowered_capacity = 0;

  // The low n bytes of a block set, the others clear; n in 0..8, without a branch (two shifts, as one
  // by 64 bits would be undefined).
  static std::uint64_t bytes_mask(std::size_t n) { return ~((~std::uint64_t{0} << (4 * n)) << (4 * n)); }

  // Appends what a newly cached word is to the patterns.
  void describe(const std::string& word) {
    WordEntry entry{};
    singles.resize(singles.size() - kSinglesAtOnce);  // the padding, put back below
    entry.singles_begin = static_cast<std::uint32_t>(singles.size());
    walks.resize(walks.size() - kWalksAtOnce);  // the padding, put back below
    entry.walks_begin = static_cast<std::uint32_t>(walks.size());
    for (std::size_t kind = 0; kind < kinds; ++kind) {
      const std::string form = kind == 0 ? word : stemmers[kind - 1]->stem_uncached(word);
      const auto id = index.form_ids_[kind].find(form);
      forms.push_back(id == index.form_ids_[kind].end() ? 0 : id->second);
      const PhraseTrie& phrases = index.phrases_[kind];
      const PhraseTrie::Node node = phrases.root(forms.back());
      if (node == 0) continue;
      singles.insert(singles.end(), phrases.ends(node).begin(), phrases.ends(node).end());
      if (phrases.leads_on(node)) walks.push_back({static_cast<std::uint32_t>(kind), node});
    }
    for (const std::size_t length : index.prefix_lengths_) {
      if (length > word.size()) continue;
      const auto prefix = index.prefixes_.find(std::string_view(word).substr(0, length));
      if (prefix != index.prefixes_.end()) singles.insert(singles.end(), prefix->second.begin(), prefix->second.end());
    }
    entry.singles_end = static_cast<std::uint32_t>(singles.size());
    singles.resize(singles.size() + kSinglesAtOnce, 0);
    entry.walks_end = static_cast<std::uint32_t>(walks.size());
    walks.resize(walks.size() + kWalksAtOnce, Walk{0, 0});
    entries.push_back(entry);
  }
};

PatternMatcher::PatternMatcher(const PatternIndex& index) : state_(std::make_unique<State>(index)) {}
PatternMatcher::~PatternMatcher() = default;

void PatternMatcher::match(std::string_view text, const std::vector<WordBounds>& words, std::vector<PatternMatch>& matches) {
  State& s = *state_;
  matches.clear();
  s.forget_words_if_full();  // no word id is held from one text to the next
  const std::size_t count = words.size();
  s.token_words.resize(count + 1);  // and the id of the last word again, as the word after it
  std::uint32_t* const ids = s.token_words.data();
  const char* const lowered = s.lower_text(text);
  for (std::size_t at = 0; at < count; ++at) ids[at] = s.word_id(text, lowered, words[at].begin, words[at].end);
  if (count != 0) ids[count] = ids[count - 1];
  // Plain pointers from here on: the pushes to `matches` could alias anything reached through `s`,
  // which would make the compiler load every member again at each word.
  const State::WordEntry* const entries = s.entries.data();
  const std::uint32_t* const singles = s.singles.data();
  const State::Walk* const walks = s.walks.data();
  const std::uint32_t* const forms = s.forms.data();
  const std::size_t kinds = s.kinds;
  const PhraseTrie* const phrases = s.index.phrases_.data();
  std::size_t used = 0;
  for (std::size_t at = 0; at < count; ++at) {
    const State::WordEntry entry = entries[ids[at]];
    const auto start = static_cast<std::uint32_t>(at);
    s.make_room(used + State::kSinglesAtOnce);
    PatternMatch* const out = s.found.get() + used;
    for (std::size_t k = 0; k < State::kSinglesAtOnce; ++k) out[k] = {singles[entry.singles_begin + k], start, start + 1};
    const std::size_t single_count = entry.singles_end - entry.singles_begin;
    used += single_count < State::kSinglesAtOnce ? single_count : State::kSinglesAtOnce;
    for (std::uint32_t k = entry.singles_begin + State::kSinglesAtOnce; k < entry.singles_end; ++k) {
      s.make_room(used + 1);
      s.found[used++] = {singles[k], start, start + 1};
    }
    const std::uint32_t* const from = ids + at;
    // Most words start no phrase, or one their next word does not go on with: that is settled for
    // the first two walks without a branch on how many the word has (from[1] is the next word, or
    // the last word again after the last).
    const std::uint32_t walk_count = entry.walks_end - entry.walks_begin;
    const State::Walk first = walks[entry.walks_begin], second = walks[entry.walks_begin + 1];
    const bool first_may = phrases[first.kind].may_go_on(first.node, forms[from[1] * kinds + first.kind]);
    const bool second_may = phrases[second.kind].may_go_on(second.node, forms[from[1] * kinds + second.kind]);
    if (!(((walk_count > 0) & first_may) | ((walk_count > 1) & second_may) | (walk_count > State::kWalksAtOnce))) continue;
    for (std::uint32_t k = entry.walks_begin; k < entry.walks_end; ++k) {
      const State::Walk walk = walks[k];  // not a structured binding: clang 14 (the fuzz build) cannot capture one
      phrases[walk.kind].extend(
          walk.node, count - at, [&](std::size_t i) { return forms[from[i] * kinds + walk.kind]; },
          [&](std::size_t i) { return s.words.word(from[i]); },
          [&](std::uint32_t pattern, std::size_t length) {
            s.make_room(used + 1);
            s.found[used++] = {pattern, start, start + static_cast<std::uint32_t>(length)};
          });
    }
  }
  matches.assign(s.found.get(), s.found.get() + used);
}

}  // namespace qda
