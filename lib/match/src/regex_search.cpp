// Three steps find each wanted pattern's leftmost match, running RE2 on as little text as they can:
// 1. Required literals: re2::FilteredRE2 works out, per pattern, the literal strings ("atoms",
//    lowercase) that any match must contain (an AND/OR of them). One SSE2 pass looks for the ASCII
//    atoms in the text, ignoring ASCII case, noting where each first occurs, and FilteredRE2 tells
//    from those found which patterns may match; the others are dropped. A text without any atom
//    costs about 3 instructions per byte with five atoms to look for, against about 16 for a pass of
//    RE2's DFA.
// 2. Near the atoms: a pattern whose matches are at most L bytes long (max_match_length) and each
//    contain one of its atoms is searched only in the window [o - L, o + L] around each occurrence o
//    of its atoms, in text order, windows that overlap or touch making one. The same SSE2 scan finds
//    the occurrences one at a time from the first, looking no further ahead than the next window.
//    RE2::Match(text, start, end) looks for a match inside a window with the whole text as the
//    context of \b, ^ and $, so what it finds is a match of the text; and every match of the text
//    contains an occurrence, so lies inside that occurrence's window. So a pattern with no match in
//    any window has none. And in the first window with a match, from s to e (its last occurrence o
//    plus L, or the text's end), RE2 finds the text's leftmost match M: M starts at or after s, as a
//    match starting before would contain an occurrence of an earlier window; and at or before the
//    window's own match, which contains an occurrence no later than o (the next one's window starts
//    after e); so M, and every match starting where M does, ends by o + L, inside the window.
// 3. Over the whole text, for the patterns left: when two or more of those that step 2 never takes
//    are left, one RE2::Set pass (a DFA over all of them) reports which match somewhere, which is
//    exactly when RE2::Match finds a leftmost match; then RE2::Match for each one still left.
// Step 1 only drops patterns that cannot match, and steps 2 and 3 give RE2::Match's leftmost match
// over the whole text, so the results are those of RE2::Match on every pattern. Where a step cannot
// judge, the pattern goes on to the next: patterns without atoms of 3 bytes or more, atoms that are
// not ASCII, texts with a code point RE2 folds into an ASCII letter (see kFoldingIntoAscii: a match
// may then hold it in place of an atom's letter), more atoms than kMaxNeedles, and in step 2 matches
// of unbounded length (*, +, {n,}) or syntax max_match_length does not read; in step 3 patterns with
// different options (no Set) or a Set DFA out of memory. Step 2 takes no Set: its windows cost less
// than a DFA pass over the text, and it rarely leaves a pattern to step 3.
#include "qda/regex_search.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "qda/regex_length.hpp"
#include "qda/simd.hpp"


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

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

#if QDA_SSE2
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
  const auto load = [&](std::size_t from) { return simd::load(bytes + from); };
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

// How a pass over a text's candidate positions ended.
enum class PassEnd {
  kStopped,           // the visitor asked to stop
  kAllVisited,        // every candidate in the range was visited
  kFoldingCodePoint,  // a code point in kFoldingIntoAscii came first
};

// Where a few lowercase ASCII strings occur in a text, ASCII case ignored.
class NeedleScan {
 public:
  explicit NeedleScan(std::vector<std::string> needles) : needles_(std::move(needles)) {
#if QDA_SSE2
    std::size_t shortest = SIZE_MAX;
    for (const auto& needle : needles_) shortest = std::min(shortest, needle.size());
    probe_offset_ = shortest - 1;
#endif
  }

  std::optional<std::size_t> index_of(std::string_view needle) const {
    const auto it = std::find(needles_.begin(), needles_.end(), needle);
    if (it == needles_.end()) return std::nullopt;
    return static_cast<std::size_t>(it - needles_.begin());
  }

  // Sets found[i] (sized to size()) when needle i occurs in `text`, and first_at(i) to where it
  // first does. Returns false, with `found` incomplete, when the text has a code point in
  // kFoldingIntoAscii and some needle is not found; when it returns true, no such code point comes
  // before the first occurrence of any needle found.
  bool scan(std::string_view text, std::vector<char>& found) {
    found.assign(needles_.size(), 0);
    first_at_.assign(needles_.size(), 0);
    missing_.resize(needles_.size());
    for (std::size_t i = 0; i < needles_.size(); ++i) missing_[i] = i;
    select(missing_);
    const PassEnd end = visit_candidates(text, 0, text.size(), [&](std::size_t at) {
      if (check_missing_at(text, at, found)) select(missing_);
      return !missing_.empty();
    });
    return end != PassEnd::kFoldingCodePoint;
  }

  // Where needle i first occurs, after a scan() that found it.
  std::size_t first_at(std::size_t i) const { return first_at_[i]; }

  // Moves `at` forward to the first position at or after it, and before `until`, where one of
  // `needles` occurs (kStopped). kAllVisited when none does; kFoldingCodePoint when a code point in
  // kFoldingIntoAscii ends before that position (or `until`), or within 16 bytes after it.
  PassEnd next_occurrence(std::string_view text, const std::vector<std::size_t>& needles, std::size_t& at,
                          std::size_t until) {
    select(needles);
    return visit_candidates(text, at, until, [&](std::size_t candidate) {
      const bool occurs = candidate < until && std::any_of(needles.begin(), needles.end(), [&](std::size_t i) {
                            return occurs_at(text, candidate, i);
                          });
      if (occurs) at = candidate;
      return !occurs;
    });
  }

 private:
  bool occurs_at(std::string_view text, std::size_t at, std::size_t i) const {
    const std::string& needle = needles_[i];
    if (at + needle.size() > text.size()) return false;
    std::size_t length = 0;
    while (length < needle.size() && ascii_lower(text[at + length]) == needle[length]) ++length;
    return length == needle.size();
  }

  // Marks the missing needles that occur at `at` as found there, and stops looking for them; true
  // if any did.
  bool check_missing_at(std::string_view text, std::size_t at, std::vector<char>& found) {
    bool any = false;
    for (const std::size_t i : missing_) {
      if (!occurs_at(text, at, i)) continue;
      found[i] = any = true;
      first_at_[i] = at;
    }
    if (any) std::erase_if(missing_, [&](std::size_t i) { return found[i] != 0; });
    return any;
  }

#if QDA_SSE2
  // Calls visit(position), in increasing order from `from`, for the positions where a selected
  // needle may start (a superset, which may run a little past `until`: visit() checks), until it
  // returns false. Stops at a code point in kFoldingIntoAscii, found a block of 16 positions at a
  // time.
  template <typename Visit>
  PassEnd visit_candidates(std::string_view text, std::size_t from, std::size_t until, Visit&& visit) {
    until = std::min(until, text.size());
    // A block reads the 16 + probe_offset_ bytes from its start: the blocks that start before
    // `direct_end` read the text itself, the others a copy of the rest of it padded with zeros.
    const std::size_t reach = 16 + probe_offset_;
    const std::size_t direct_end = std::min(until, text.size() >= reach ? text.size() - reach + 1 : 0);
    std::size_t at = from;
    if (at < direct_end) {
      const PassEnd end = visit_blocks(text, text.data(), 0, direct_end, at, visit);
      if (end != PassEnd::kAllVisited) return end;
    }
    const std::size_t rest = at;
    if (rest >= until) return PassEnd::kAllVisited;
    padded_rest_.assign(text.substr(rest));
    padded_rest_.resize(padded_rest_.size() + reach, '\0');
    at = 0;
    return visit_blocks(text, padded_rest_.data(), rest, until - rest, at, visit);
  }

  // The blocks of `bytes` from `at` while at < end, where bytes[i] is text[origin + i] (or padding
  // past the text's end).
  template <typename Visit>
  PassEnd visit_blocks(std::string_view text, const char* bytes, std::size_t origin, std::size_t end, std::size_t& at,
                       Visit& visit) {
    for (;; at += 16) {
      BlockHits hits;
      at = kFindBlock[probes_.size()](bytes, at, end, probe_offset_, probes_.data(), hits);
      if (at >= end) return PassEnd::kAllVisited;
      for (unsigned folding = hits.folding; folding != 0; folding &= folding - 1) {
        const std::size_t last_byte = origin + at + static_cast<std::size_t>(__builtin_ctz(folding));
        if (folding_into_ascii_ends_at(text, last_byte + 1)) return PassEnd::kFoldingCodePoint;
      }
      for (unsigned starts = hits.starts; starts != 0; starts &= starts - 1) {
        if (!visit(origin + at + static_cast<std::size_t>(__builtin_ctz(starts)))) return PassEnd::kStopped;
      }
    }
  }

  // The needles whose probes the blocks test.
  void select(const std::vector<std::size_t>& needles) {
    probes_.clear();
    for (const std::size_t i : needles) {
      const std::string& needle = needles_[i];
      probes_.push_back({_mm_set1_epi8(static_cast<char>(needle.front() | 0x20)),
                         _mm_set1_epi8(static_cast<char>(needle[probe_offset_] | 0x20))});
    }
  }
  std::size_t probe_offset_ = 0;  // the shortest needle's last byte: inside every needle
  std::vector<Probe> probes_;     // of the selected needles
  std::string padded_rest_;       // scratch
#else
  template <typename Visit>
  PassEnd visit_candidates(std::string_view text, std::size_t from, std::size_t until, Visit&& visit) {
    for (std::size_t at = from; at < std::min(until, text.size()); ++at) {
      if (folding_into_ascii_ends_at(text, at + 1)) return PassEnd::kFoldingCodePoint;
      if (!visit(at)) return PassEnd::kStopped;
    }
    return PassEnd::kAllVisited;
  }
  void select(const std::vector<std::size_t>&) {}
#endif

  std::vector<std::string> needles_;
  std::vector<std::size_t> missing_;   // scratch: the needles not found yet
  std::vector<std::size_t> first_at_;  // per needle found by the last scan()
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
      // An atom that is not ASCII may occur in another case than the text's (RE2 folds É and é,
      // ß and ẞ), and an empty one occurs everywhere: count them as always present.
      if (!is_ascii(text) || text.empty()) {
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

  // Clears may_match[i] for the patterns that cannot match `text`. Returns whether the scan could
  // judge: then found() and first_at() tell where the needles are.
  bool narrow(std::string_view text, std::vector<char>& may_match) {
    if (!needles_->scan(text, needle_found_)) return false;
    std::uint32_t found = 0;  // bit i: needle i; kMaxNeedles fits
    for (std::size_t i = 0; i < needle_found_.size(); ++i) found |= needle_found_[i] != 0 ? std::uint32_t{1} << i : 0;
    // Texts repeat the same few combinations of atoms: ask FilteredRE2 once for each.
    auto known = potential_by_found_.find(found);
    if (known == potential_by_found_.end()) known = potential_by_found_.emplace(found, potentials(found)).first;
    const std::vector<char>& potential = known->second;
    for (std::size_t i = 0; i < may_match.size(); ++i) may_match[i] &= potential[i];
    return true;
  }

  std::optional<std::size_t> needle_of(std::string_view atom) const { return needles_->index_of(atom); }
  // After a narrow() that could judge:
  bool found(std::size_t needle) const { return needle_found_[needle] != 0; }
  std::size_t first_at(std::size_t needle) const { return needles_->first_at(needle); }
  NeedleScan& needles() { return *needles_; }

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

// How a pattern is searched near its atoms (step 2).
struct NearAtoms {
  std::size_t max_length = 0;        // bytes that no match exceeds
  std::vector<std::size_t> needles;  // the filter's needles for its atoms: every match contains one
};

// The atoms one of which every match of `regex` contains, as FilteredRE2 works them out for the
// pattern alone; nullopt when a match may contain none. FilteredRE2's prefilter is an AND/OR of
// atoms that every match, as a string, satisfies (\b, ^ and $ count as empty strings; case as in
// step 1); so when the pattern alone cannot pass the filter with no atom present, every match
// contains an atom.
std::optional<std::vector<std::string>> required_atoms(const RE2& regex) {
  re2::FilteredRE2 alone(kMinAtomLength);
  int id = -1;
  if (alone.Add(regex.pattern(), regex.options(), &id) != RE2::NoError) return std::nullopt;
  std::vector<std::string> atoms;
  alone.Compile(&atoms);
  std::vector<int> passing;
  alone.AllPotentials({}, &passing);
  if (!passing.empty() || atoms.empty()) return std::nullopt;
  return atoms;
}

// Null when `regex` is searched over the whole text: its matches may be unbounded, or may contain no
// atom, or an atom that the filter does not look for.
std::optional<NearAtoms> near_atoms_plan(const RE2& regex, const LiteralFilter& filter) {
  const std::optional<std::size_t> max_length = max_match_length(regex);
  if (!max_length) return std::nullopt;
  const auto atoms = required_atoms(regex);
  if (!atoms) return std::nullopt;
  NearAtoms plan{*max_length, {}};
  for (const std::string& atom : *atoms) {
    const std::optional<std::size_t> needle = filter.needle_of(atom);
    if (!needle) return std::nullopt;
    plan.needles.push_back(*needle);
  }
  return plan;
}

// Whether RE2 finds a match of `regex` inside text[start, end), the whole text being the context of
// \b, ^ and $. Sets `span` to the leftmost one, unless it is empty (an empty match is no evidence).
bool leftmost_match(const RE2& regex, re2::StringPiece text, std::size_t start, std::size_t end, RegexSearch::Span& span) {
  re2::StringPiece match;
  if (!regex.Match(text, start, end, RE2::UNANCHORED, &match, 1)) return false;
  if (!match.empty()) {
    const auto begin = static_cast<std::size_t>(match.data() - text.data());
    span = std::make_pair(begin, begin + match.size());
  }
  return true;
}

}  // namespace

struct RegexSearch::State {
  std::vector<std::unique_ptr<RE2>> regexes;   // the distinct patterns
  std::vector<std::size_t> distinct_of;        // per pattern given: its index in `regexes`
  std::unique_ptr<LiteralFilter> filter;       // over `regexes`; null when it cannot help
  std::vector<std::optional<NearAtoms>> near;  // per distinct pattern; none: searched over the whole text
  std::unique_ptr<RE2::Set> set;               // over the patterns with no `near`; null unless two or more
                                               // of them can share one
  std::vector<std::size_t> set_members;        // per pattern of `set`: its index in `regexes`
  // Scratch, per distinct pattern: is it wanted (and not searched yet), its match.
  std::vector<char> wanted;
  std::vector<Span> found;
  // Scratch: the members of `set` it found, and by member whether it did; of a pattern's needles,
  // those in the text.
  std::vector<int> in_set;
  std::vector<char> occurs;
  std::vector<std::size_t> present;

  bool search_near_atoms(std::size_t i, std::string_view text);
};

// Step 2 for pattern i, after a narrow() that could judge: sets found[i]. False, with found[i] left
// alone, when a code point in kFoldingIntoAscii turns up, since a match may then contain it in place
// of an ASCII atom.
bool RegexSearch::State::search_near_atoms(std::size_t i, std::string_view text) {
  const NearAtoms& plan = *near[i];
  present.clear();
  std::size_t first = text.size();
  for (const std::size_t needle : plan.needles) {
    if (!filter->found(needle)) continue;
    present.push_back(needle);
    first = std::min(first, filter->first_at(needle));
  }
  // The scan stops early only once it has found every needle, so it has seen the whole text.
  if (present.empty()) return true;
  const RE2& regex = *regexes[i];
  const re2::StringPiece piece(text.data(), text.size());
  const std::size_t longest = plan.max_length;
  const auto window_start = [&](std::size_t at) { return at > longest ? at - longest : 0; };
  const auto window_end = [&](std::size_t at) { return std::min(text.size(), at + longest); };
  std::size_t start = window_start(first), end = window_end(first);
  if (start == 0 && end == text.size()) {
    leftmost_match(regex, piece, 0, text.size(), found[i]);
    return true;
  }
  // The scan saw no code point in kFoldingIntoAscii up to `first`, nor next_occurrence() past it.
  NeedleScan& scan = filter->needles();
  for (std::size_t at = first;;) {
    // The windows of the occurrences up to end + longest overlap or touch this one: one window.
    std::size_t next = at + 1;
    PassEnd pass = scan.next_occurrence(text, present, next, end + longest + 1);
    if (pass == PassEnd::kFoldingCodePoint) return false;
    if (pass == PassEnd::kStopped) {
      at = next;
      end = window_end(at);
      continue;
    }
    if (leftmost_match(regex, piece, start, end, found[i])) return true;
    next = end + longest + 1;
    pass = scan.next_occurrence(text, present, next, text.size());
    if (pass == PassEnd::kFoldingCodePoint) return false;
    if (pass == PassEnd::kAllVisited) return true;
    at = next;
    start = window_start(at);
    end = window_end(at);
  }
}

RegexSearch::RegexSearch(const std::vector<const re2::RE2*>& patterns) : state_(std::make_unique<State>()) {
  State& s = *state_;
  for (const RE2* pattern : patterns) {
    const auto same = std::find_if(s.regexes.begin(), s.regexes.end(), [&](const std::unique_ptr<RE2>& other) {
      return other->pattern() == pattern->pattern() && same_options(other->options(), pattern->options());
    });
    s.distinct_of.push_back(static_cast<std::size_t>(same - s.regexes.begin()));
    if (same == s.regexes.end()) s.regexes.push_back(std::make_unique<RE2>(pattern->pattern(), pattern->options()));
  }
  s.near.resize(s.regexes.size());
  if (s.regexes.empty()) return;
  s.filter = LiteralFilter::build(s.regexes);
  for (std::size_t i = 0; i < s.regexes.size() && s.filter; ++i) s.near[i] = near_atoms_plan(*s.regexes[i], *s.filter);
  for (std::size_t i = 0; i < s.regexes.size(); ++i) {
    if (!s.near[i]) s.set_members.push_back(i);
  }
  if (s.set_members.size() < 2) return;
  const RE2::Options& options = s.regexes[s.set_members.front()]->options();
  for (const std::size_t i : s.set_members) {
    if (!same_options(s.regexes[i]->options(), options)) return;
  }
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const std::size_t i : s.set_members) {
    if (set->Add(s.regexes[i]->pattern(), nullptr) < 0) return;
  }
  if (set->Compile()) s.set = std::move(set);
}

RegexSearch::~RegexSearch() = default;

void RegexSearch::search(std::string_view text, const std::vector<char>& wanted, std::vector<Span>& found) {
  State& s = *state_;
  found.assign(wanted.size(), std::nullopt);
  s.wanted.assign(s.regexes.size(), 0);
  for (std::size_t i = 0; i < wanted.size(); ++i) s.wanted[s.distinct_of[i]] |= wanted[i] != 0 ? 1 : 0;
  if (std::count(s.wanted.begin(), s.wanted.end(), 1) == 0) return;
  s.found.assign(s.regexes.size(), std::nullopt);
  // Step 1, then step 2 for the patterns it applies to.
  if (s.filter && s.filter->narrow(text, s.wanted)) {
    for (std::size_t i = 0; i < s.regexes.size(); ++i) {
      if (s.wanted[i] && s.near[i] && s.search_near_atoms(i, text)) s.wanted[i] = 0;
    }
  }
  // Step 3.
  const re2::StringPiece piece(text.data(), text.size());
  const auto wanted_in_set = std::count_if(s.set_members.begin(), s.set_members.end(), [&](std::size_t i) { return s.wanted[i] != 0; });
  if (s.set && wanted_in_set > 1) {
    RE2::Set::ErrorInfo error{};
    s.in_set.clear();
    const bool any = s.set->Match(piece, &s.in_set, &error);
    if (error.kind == RE2::Set::kNoError) {
      s.occurs.assign(s.set_members.size(), 0);
      if (any) {
        for (const int member : s.in_set) s.occurs[static_cast<std::size_t>(member)] = 1;
      }
      for (std::size_t member = 0; member < s.set_members.size(); ++member) s.wanted[s.set_members[member]] &= s.occurs[member];
    }
  }
  for (std::size_t i = 0; i < s.regexes.size(); ++i) {
    if (s.wanted[i]) leftmost_match(*s.regexes[i], piece, 0, text.size(), s.found[i]);
  }
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (wanted[i]) found[i] = s.found[s.distinct_of[i]];
  }
}

}  // namespace qda
