// Examples in passages: named items, found by their capitals.
#include "qda/examples.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>
#include <utility>

#include "qda/text.hpp"
#include "qda/tokens.hpp"

namespace qda {

namespace {

// Capital letters in a word, and whether its first letter is one.
std::pair<std::size_t, bool> capitals(std::string_view word) {
  std::size_t count = 0;
  bool first = false;
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(word.size()); i < n;) {
    const std::int32_t start = i;
    UChar32 c = static_cast<unsigned char>(word[static_cast<std::size_t>(i)]);
    if (c < 0x80) {
      ++i;  // ASCII, most words' every letter: no need to ask ICU
      if (c < 'A' || c > 'Z') continue;
    } else {
      U8_NEXT(word.data(), i, n, c);
      if (c < 0 || !u_isupper(c)) continue;
    }
    ++count;
    if (start == 0) first = true;
  }
  return {count, first};
}

// Whether the word at `begin` starts a sentence: nothing but blanks and openers (quotes, brackets)
// between it and the text's start or the last . ! ? : or line end.
// Whether the word at `begin` starts a sentence, or quoted speech, or follows a note: nothing but
// blanks between it and the text's start, a . ! ? : or line end, an opening quote, or the closing
// bracket of a note such as "(tertawa)".
bool starts_sentence(std::string_view text, std::size_t begin) {
  std::string_view before = text.substr(0, begin);
  while (!before.empty()) {
    if (before.ends_with("\u201C") || before.ends_with("\u2018")) return true;  // “ ‘
    const char c = before.back();
    if (c == ' ' || c == '\t' || c == '(' || c == '[') {
      before.remove_suffix(1);
      continue;
    }
    if (c == '"' || c == '\'') return true;
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == ')' || c == ']';
  }
  return true;
}

// Capitalised words that name no example: the English first person ("I", "I've") and the names of
// days and months, in English and Indonesian (dates say when, not what).
bool is_calendar_or_pronoun(const std::string& folded) {
  static const std::set<std::string> words = {
      "i", "i've", "i'm", "i'd", "i'll", "i’ve", "i’m", "i’d", "i’ll",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
      "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
      "januari", "februari", "maret", "mei", "juni", "juli", "agustus", "oktober", "desember"};
  return words.count(folded) > 0;
}

}  // namespace

struct ExampleFinder::State {
  Tokenizer tokenizer;
  std::vector<WordBounds> words;
};

ExampleFinder::ExampleFinder() : state_(std::make_unique<State>()) {}
ExampleFinder::~ExampleFinder() = default;

void ExampleFinder::find(std::string_view text, std::vector<FoundExample>& found) {
  found.clear();
  std::set<std::string> seen;
  state_->tokenizer.find_words(text, state_->words);
  const auto& words = state_->words;
  const auto hyphened = [&](std::size_t a, std::size_t b) {  // words a and b written as one, "Wi-Fi"
    return words[b].begin == words[a].end + 1 && text[words[a].end] == '-';
  };
  for (std::size_t k = 0; k < words.size(); ++k) {
    const WordBounds bounds = words[k];
    const std::string_view word = text.substr(bounds.begin, bounds.end - bounds.begin);
    // A piece of two letters or fewer of a hyphenated name ("Wi" and "Fi" of Wi-Fi) is no name of its
    // own; longer pieces are (SP4N and LAPOR of SP4N-LAPOR, which others write as LAPOR alone).
    const bool joined = (k > 0 && hyphened(k - 1, k)) || (k + 1 < words.size() && hyphened(k, k + 1));
    if (joined && count_code_points(word) <= 2) continue;
    const auto [count, first] = capitals(word);
    const bool acronym = count >= 2;
    if (!acronym && !(first && !starts_sentence(text, bounds.begin))) continue;
    std::string key = case_fold(word);  // only the few named words are folded
    if (is_calendar_or_pronoun(key)) continue;
    if (seen.insert(key).second) found.push_back({std::move(key), std::string(word)});
  }
}

}  // namespace qda
