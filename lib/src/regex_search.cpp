// Three steps, each narrowing the patterns that the next one runs:
// 1. Required literals: re2::FilteredRE2 works out, per pattern, the literal strings ("atoms",
//    lowercase) that any match must contain (an AND/OR of them). One SSE2 pass looks for the ASCII
//    atoms in the text, ignoring ASCII case, and FilteredRE2 tells from those found which patterns
//    may match; the others are dropped. A text without any atom costs about 3 instructions per byte
//    with five atoms to look for, against about 16 for a pass of RE2's DFA.
// 2. RE2::Set: one DFA pass over the text for the patterns left, when two or more are, reports which
//    match somewhere, which is exactly when RE2::Match finds a leftmost match.
// 3. RE2::Match for each pattern still left, for its leftmost match.
// Each step only ever drops patterns that cannot match, so the results are those of RE2::Match on
// every pattern. Where a step cannot judge, it drops nothing: patterns without atoms of 3 bytes or
// more, atoms that are not ASCII, texts with a code point RE2 folds into an ASCII letter (see
// kFoldingIntoAscii), more atoms than kMaxNeedles, patterns with different options (no Set), or a
// Set DFA out of memory.
#include "qda/regex_search.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qda {

namespace {

bool same_options(const RE2::Options& a, const RE2::Options& b) {
  return a.encoding() == b.encoding() && a.posix_syntax() == b.posix_syntax() && a.longest_match() == b.longest_match() &&
         a.literal() == b.literal() && a.never_nl() == b.never_nl() && a.dot_nl() == b.dot_nl() &&
         a.never_capture() == b.never_capture() && a.case_sensitive() == b.case_sensitive() &&
         a.perl_classes() == b.perl_classes() && a.word_boundary() == b.word_boundary() && a.one_line() == b.one_line() &&
         a.max_mem() == b.max_mem();
}

// Atoms shorter than this are not looked for (FilteredRE2 then treats them as present): single
// letters, digits and two-letter syllables occur in nearly every text, so they would cost a scan and
// rule out nothing.
constexpr int kMinAtomLength = 3;
// Each atom looked for costs about 6 instructions per 16 bytes; past this many the scan would cost
// much of the DFA pass it is meant to spare, and the filter is not used.
constexpr std::size_t kMaxNeedles = 16;

// The code points other than ASCII that RE2 lowercases or case-folds into an ASCII letter, as UTF-8:
// U+017F LATIN SMALL LETTER LONG S (into s) and U+212A KELVIN SIGN (into k). A pattern with the atom
// "ks" matches "\u212A\u017F" under (?i), and the pattern "\u212As" has that atom too; so in a
// text with either code point a missing ASCII atom proves nothing. The unit tests check this list
// against RE2's tables for every code point.
constexpr std::array<std::string_view, 2> kFoldingIntoAscii = {"\xC5\xBF", "\xE2\x84\xAA"};

// Whether one of kFoldingIntoAscii ends at byte `end` of the text.
bool folding_into_ascii_ends_at(std::string_view text, std::size_t end) {
  const std::string_view before = text.substr(0, end);
  return std::any_of(kFoldingIntoAscii.begin(), kFoldingIntoAscii.end(), [&](std::string_view c) { return before.ends_with(c); });
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

#if defined(__SSE2__)
// One needle as the block loop tests it, by two of its bytes: its first, and the one at the offset
// all probes share (so one load serves them all). A byte ORed with 0x20 equals a needle byte ORed
// with 0x20 for both cases of a letter (and a few other bytes): a superset of the candidates, which
// NeedleScan::check_at() then checks exactly.
struct Probe {
  __m128i first;   // the needle's first byte | 0x20, in every lane
  __m128i second;  // its byte at the shared offset | 0x20, in every lane
};

// Bit i stands for position at + i of a block.
struct BlockHits {
  unsigned starts = 0;   // where a probe's two bytes are
  unsigned folding = 0;  // where a byte is the last one of a code point in kFoldingIntoAscii (or of
                         // another code point ending the same way: it is checked)
};

// From the block at `at` on (blocks of 16 starting positions, while at < end), the first block with
// hits; the first block start at or past `end` if none has. N is a constant so that the probes stay
// in registers and the loop over them is unrolled: this is the loop a text without any atom spends
// its time in. Curly quotes, dashes and accented letters end in other bytes than those of
// kFoldingIntoAscii, so texts full of them stay in this loop too.
template <std::size_t N>
std::size_t find_block(const char* bytes, std::size_t at, std::size_t end, std::size_t offset, const Probe* probes,
                       BlockHits& hits) {
  const __m128i case_bit = _mm_set1_epi8(0x20);
  static_assert(kFoldingIntoAscii.size() == 2);
  const __m128i folding_last_0 = _mm_set1_epi8(kFoldingIntoAscii[0].back());
  const __m128i folding_last_1 = _mm_set1_epi8(kFoldingIntoAscii[1].back());
  const auto load = [&](std::size_t from) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + from)); };
  for (; at < end; at += 16) {
    const __m128i block = load(at);
    const __m128i first = _mm_or_si128(block, case_bit);
    const __m128i second = _mm_or_si128(load(at + offset), case_bit);
    __m128i starts = _mm_setzero_si128();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((starts = _mm_or_si128(starts, _mm_and_si128(_mm_cmpeq_epi8(first, probes[I].first), _mm_cmpeq_epi8(second, probes[I].second)))),
       ...);
    }(std::make_index_sequence<N>());
    const __m128i folding = _mm_or_si128(_mm_cmpeq_epi8(block, folding_last_0), _mm_cmpeq_epi8(block, folding_last_1));
    const auto starts_mask = static_cast<unsigned>(_mm_movemask_epi8(starts));
    const auto folding_mask = static_cast<unsigned>(_mm_movemask_epi8(folding));
    if ((starts_mask | folding_mask) != 0) {
      hits = {starts_mask, folding_mask};
      return at;
    }
  }
  return at;
}

using FindBlock = std::size_t (*)(const char*, std::size_t, std::size_t, std::size_t, const Probe*, BlockHits&);
// find_block<N> for N from 0 to kMaxNeedles, to pick by the number of needles still missing.
constexpr auto kFindBlock = []<std::size_t... N>(std::index_sequence<N...>) {
  return std::array<FindBlock, sizeof...(N)>{&find_block<N>...};
}(std::make_index_sequence<kMaxNeedles + 1>());
#endif

// Which of a few lowercase ASCII strings occur in a text, ASCII case ignored.
class NeedleScan {
 public:
  explicit NeedleScan(std::vector<std::string> needles) : needles_(std::move(needles)) {
#if defined(__SSE2__)
    std::size_t shortest = SIZE_MAX;
    for (const auto& needle : needles_) shortest = std::min(shortest, needle.size());
    probe_offset_ = shortest - 1;
#endif
  }

  std::size_t size() const { return needles_.size(); }

  // Sets found[i] (sized to size()) when needle i occurs in `text`. Returns false, with `found`
  // incomplete, when the text has a code point in kFoldingIntoAscii and some needle is not found.
  bool scan(std::string_view text, std::vector<char>& found) {
    found.assign(needles_.size(), 0);
    missing_.resize(needles_.size());
    for (std::size_t i = 0; i < needles_.size(); ++i) missing_[i] = i;
#if defined(__SSE2__)
    update_probes();
    // A block reads the 16 + probe_offset_ bytes from its start: the blocks that start before
    // `direct_end` read the text itself, the others a copy of the rest of it padded with zeros.
    const std::size_t reach = 16 + probe_offset_;
    const std::size_t direct_end = text.size() >= reach ? text.size() - reach + 1 : 0;
    std::size_t at = 0;
    if (!scan_blocks(text, text.data(), 0, direct_end, at, found)) return false;
    if (missing_.empty()) return true;
    const std::size_t rest = at;
    padded_rest_.assign(text.substr(rest));
    padded_rest_.resize(padded_rest_.size() + reach, '\0');
    at = 0;
    return scan_blocks(text, padded_rest_.data(), rest, text.size() - rest, at, found);
#else
    for (std::size_t at = 0; at < text.size() && !missing_.empty(); ++at) {
      if (folding_into_ascii_ends_at(text, at + 1)) return false;
      check_at(text, at, found);
    }
    return true;
#endif
  }

 private:
  // Marks the missing needles that occur at `at` as found, and stops looking for them; true if any did.
  bool check_at(std::string_view text, std::size_t at, std::vector<char>& found) {
    bool any = false;
    for (const std::size_t i : missing_) {
      const std::string& needle = needles_[i];
      if (at + needle.size() > text.size()) continue;
      std::size_t length = 0;
      while (length < needle.size() && ascii_lower(text[at + length]) == needle[length]) ++length;
      if (length == needle.size()) found[i] = any = true;
    }
    if (any) std::erase_if(missing_, [&](std::size_t i) { return found[i] != 0; });
    return any;
  }

#if defined(__SSE2__)
  // The blocks of `bytes` from `at` while at < end, where bytes[i] is text[origin + i] (or padding
  // past the text's end). False as scan() says.
  bool scan_blocks(std::string_view text, const char* bytes, std::size_t origin, std::size_t end, std::size_t& at,
                   std::vector<char>& found) {
    while (!missing_.empty()) {
      BlockHits hits;
      at = kFindBlock[missing_.size()](bytes, at, end, probe_offset_, probes_.data(), hits);
      if (at >= end) return true;
      for (unsigned folding = hits.folding; folding != 0; folding &= folding - 1) {
        if (folding_into_ascii_ends_at(text, origin + at + static_cast<std::size_t>(__builtin_ctz(folding)) + 1)) return false;
      }
      bool any = false;
      for (unsigned starts = hits.starts; starts != 0; starts &= starts - 1) {
        any |= check_at(text, origin + at + static_cast<std::size_t>(__builtin_ctz(starts)), found);
      }
      if (any) update_probes();
      at += 16;
    }
    return true;
  }

  void update_probes() {
    probes_.clear();
    for (const std::size_t i : missing_) {
      const std::string& needle = needles_[i];
      probes_.push_back({_mm_set1_epi8(static_cast<char>(needle.front() | 0x20)),
                         _mm_set1_epi8(static_cast<char>(needle[probe_offset_] | 0x20))});
    }
  }
  std::size_t probe_offset_ = 0;  // the shortest needle's last byte: inside every needle
  std::vector<Probe> probes_;     // of the needles in missing_, in its order
  std::string padded_rest_;    // scratch
#endif

  std::vector<std::string> needles_;
  std::vector<std::size_t> missing_;  // scratch: the needles not found yet
};

// The patterns that may match a text, as FilteredRE2 judges from the atoms the text contains.
class LiteralFilter {
 public:
  // Null when the filter cannot be used or could rule out nothing.
  static std::unique_ptr<LiteralFilter> build(const std::vector<std::unique_ptr<RE2>>& regexes) {
    auto filter = std::unique_ptr<LiteralFilter>(new LiteralFilter());
    for (std::size_t i = 0; i < regexes.size(); ++i) {
      int id = -1;
      const auto error = filter->filtered_.Add(regexes[i]->pattern(), regexes[i]->options(), &id);
      if (error != RE2::NoError || id != static_cast<int>(i)) return nullptr;
    }
    std::vector<std::string> atoms;
    filter->filtered_.Compile(&atoms);
    std::vector<std::string> needles;
    for (std::size_t atom = 0; atom < atoms.size(); ++atom) {
      const std::string& text = atoms[atom];
      const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      // An atom that is not ASCII may occur in another case than the text's (RE2 folds É and é,
      // ß and ẞ), and an empty one occurs everywhere: count them as always present.
      if (!ascii || text.empty()) {
        filter->present_atoms_.push_back(static_cast<int>(atom));
      } else {
        filter->needle_atoms_.push_back(static_cast<int>(atom));
        needles.push_back(text);
      }
    }
    if (needles.empty() || needles.size() > kMaxNeedles) return nullptr;
    filter->needles_ = std::make_unique<NeedleScan>(std::move(needles));
    return filter;
  }

  // Clears may_match[i] for the patterns that cannot match `text`.
  void narrow(std::string_view text, std::vector<char>& may_match) {
    if (!needles_->scan(text, needle_found_)) return;
    std::uint32_t found = 0;  // bit i: needle i; kMaxNeedles fits
    for (std::size_t i = 0; i < needle_found_.size(); ++i) found |= needle_found_[i] != 0 ? std::uint32_t{1} << i : 0;
    // Texts repeat the same few combinations of atoms: ask FilteredRE2 once for each.
    auto known = potential_by_found_.find(found);
    if (known == potential_by_found_.end()) known = potential_by_found_.emplace(found, potentials(found)).first;
    const std::vector<char>& potential = known->second;
    for (std::size_t i = 0; i < may_match.size(); ++i) may_match[i] &= potential[i];
  }

 private:
  LiteralFilter() : filtered_(kMinAtomLength) {}

  // Per pattern: may it match a text that contains these needles (bit i: needle i) and no others?
  std::vector<char> potentials(std::uint32_t found) const {
    std::vector<int> atoms = present_atoms_;
    for (std::size_t i = 0; i < needle_atoms_.size(); ++i) {
      if ((found >> i & 1) != 0) atoms.push_back(needle_atoms_[i]);
    }
    std::vector<int> indices;
    filtered_.AllPotentials(atoms, &indices);
    std::vector<char> potential(static_cast<std::size_t>(filtered_.NumRegexps()), 0);
    for (const int i : indices) potential[static_cast<std::size_t>(i)] = 1;
    return potential;
  }

  re2::FilteredRE2 filtered_;
  std::vector<int> present_atoms_;  // atoms not looked for, counted as present in every text
  std::vector<int> needle_atoms_;   // per needle: its atom
  std::unique_ptr<NeedleScan> needles_;
  std::unordered_map<std::uint32_t, std::vector<char>> potential_by_found_;
  std::vector<char> needle_found_;  // scratch
};

}  // namespace

struct RegexSearch::State {
  std::vector<std::unique_ptr<RE2>> regexes;  // the distinct patterns
  std::vector<std::size_t> distinct_of;       // per pattern given: its index in `regexes`
  std::unique_ptr<LiteralFilter> filter;      // over `regexes`; null when it cannot help
  std::unique_ptr<RE2::Set> set;              // over `regexes`; null when they cannot share one
  // Scratch, per distinct pattern: is it wanted, did the Set find it, its match.
  std::vector<char> wanted;
  std::vector<int> in_set;
  std::vector<char> occurs;
  std::vector<Span> found;
};

RegexSearch::RegexSearch(const std::vector<const re2::RE2*>& patterns) : state_(std::make_unique<State>()) {
  State& s = *state_;
  for (const RE2* pattern : patterns) {
    const auto same = std::find_if(s.regexes.begin(), s.regexes.end(), [&](const std::unique_ptr<RE2>& other) {
      return other->pattern() == pattern->pattern() && same_options(other->options(), pattern->options());
    });
    s.distinct_of.push_back(static_cast<std::size_t>(same - s.regexes.begin()));
    if (same == s.regexes.end()) s.regexes.push_back(std::make_unique<RE2>(pattern->pattern(), pattern->options()));
  }
  if (s.regexes.empty()) return;
  s.filter = LiteralFilter::build(s.regexes);
  if (s.regexes.size() < 2) return;
  for (const auto& regex : s.regexes) {
    if (!same_options(regex->options(), s.regexes.front()->options())) return;
  }
  auto set = std::make_unique<RE2::Set>(s.regexes.front()->options(), RE2::UNANCHORED);
  for (const auto& regex : s.regexes) {
    if (set->Add(regex->pattern(), nullptr) < 0) return;
  }
  if (set->Compile()) s.set = std::move(set);
}

RegexSearch::~RegexSearch() = default;

void RegexSearch::search(std::string_view text, const std::vector<char>& wanted, std::vector<Span>& found) {
  State& s = *state_;
  found.assign(wanted.size(), std::nullopt);
  s.wanted.assign(s.regexes.size(), 0);
  for (std::size_t i = 0; i < wanted.size(); ++i) s.wanted[s.distinct_of[i]] |= wanted[i] != 0 ? 1 : 0;
  const auto count_wanted = [&] { return static_cast<std::size_t>(std::count(s.wanted.begin(), s.wanted.end(), 1)); };
  if (count_wanted() == 0) return;
  if (s.filter) {
    s.filter->narrow(text, s.wanted);
    if (count_wanted() == 0) return;
  }
  const re2::StringPiece piece(text.data(), text.size());
  if (s.set && count_wanted() > 1) {
    RE2::Set::ErrorInfo error{};
    s.in_set.clear();
    const bool any = s.set->Match(piece, &s.in_set, &error);
    if (error.kind == RE2::Set::kNoError) {
      s.occurs.assign(s.regexes.size(), 0);
      if (any) {
        for (const int i : s.in_set) s.occurs[static_cast<std::size_t>(i)] = 1;
      }
      for (std::size_t i = 0; i < s.occurs.size(); ++i) s.wanted[i] &= s.occurs[i];
    }
  }
  s.found.assign(s.regexes.size(), std::nullopt);
  for (std::size_t i = 0; i < s.regexes.size(); ++i) {
    if (!s.wanted[i]) continue;
    re2::StringPiece match;
    if (!s.regexes[i]->Match(piece, 0, text.size(), RE2::UNANCHORED, &match, 1) || match.empty()) continue;
    const auto begin = static_cast<std::size_t>(match.data() - text.data());
    s.found[i] = std::make_pair(begin, begin + match.size());
  }
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (wanted[i]) found[i] = s.found[s.distinct_of[i]];
  }
}

}  // namespace qda
