// Examples in passages: named items, found by their capitals.
#include "qda/examples.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>
#include <utility>

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
bool starts_sentence(std::string_view text, std::size_t begin) {
  std::string_view before = text.substr(0, begin);
  while (!before.empty()) {
    if (before.ends_with("\u201C") || before.ends_with("\u2018")) {  // “ ‘
      before.remove_suffix(3);
      continue;
    }
    const char c = before.back();
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[') {
      before.remove_suffix(1);
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '\n';
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
  for (const WordBounds& bounds : state_->words) {
    const std::string_view word = text.substr(bounds.begin, bounds.end - bounds.begin);
    const auto [count, first] = capitals(word);
    const bool acronym = count >= 2;
    if (!acronym && !(first && !starts_sentence(text, bounds.begin))) continue;
    std::string key = case_fold(word);  // only the few named words are folded
    if (is_calendar_or_pronoun(key)) continue;
    if (seen.insert(key).second) found.push_back({std::move(key), std::string(word)});
  }
}

}  // namespace qda
