// RE2::Set as a prefilter: it runs one DFA over the text for all the patterns together and reports
// which match somewhere, which is exactly when RE2::Match finds a leftmost match. If the Set cannot
// be used (patterns with different options) or its DFA runs out of memory, every wanted pattern is
// searched on its own, as without it.
#include "qda/regex_search.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>

namespace qda {

namespace {

bool same_options(const RE2::Options& a, const RE2::Options& b) {
  return a.encoding() == b.encoding() && a.posix_syntax() == b.posix_syntax() && a.longest_match() == b.longest_match() &&
         a.literal() == b.literal() && a.never_nl() == b.never_nl() && a.dot_nl() == b.dot_nl() &&
         a.never_capture() == b.never_capture() && a.case_sensitive() == b.case_sensitive() &&
         a.perl_classes() == b.perl_classes() && a.word_boundary() == b.word_boundary() && a.one_line() == b.one_line() &&
         a.max_mem() == b.max_mem();
}

}  // namespace

struct RegexSearch::State {
  std::vector<std::unique_ptr<RE2>> regexes;  // the distinct patterns
  std::vector<std::size_t> distinct_of;       // per pattern given: its index in `regexes`
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
  for (std::size_t i = 0; i < wanted.size(); ++i) s.wanted[s.distinct_of[i]] |= wanted[i];
  const auto wanted_count = static_cast<std::size_t>(std::count(s.wanted.begin(), s.wanted.end(), 1));
  if (wanted_count == 0) return;
  const re2::StringPiece piece(text.data(), text.size());
  if (s.set && wanted_count > 1) {
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
