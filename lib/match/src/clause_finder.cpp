// Clauses are found as three kinds of starts marked on the words (a sentence's first word, a word
// after a clause mark, an opener) and then read off in one pass. Sentences are looked up once each,
// not once per word: the words inside a sentence are skipped by a binary search on its end.
#include "qda/clause_finder.hpp"

#include <algorithm>

namespace qda {

namespace {

enum Start : std::uint8_t { kSentence = 1, kClause = 2, kContrast = 4, kAfterOpener = 8 };

}  // namespace

ClauseFinder::ClauseFinder(std::vector<std::string> marks) : marks_(std::move(marks)) {}

void ClauseFinder::find(std::string_view text, const std::string& language, const std::vector<WordBounds>& words,
                        const std::vector<ClauseOpener>& openers, std::vector<Clause>& clauses) {
  clauses.clear();
  if (words.empty()) return;
  starts_.assign(words.size(), 0);
  const auto first_word_from = [&](std::size_t from, std::size_t offset) {
    return static_cast<std::size_t>(
        std::partition_point(words.begin() + static_cast<std::ptrdiff_t>(from), words.end(),
                             [offset](const WordBounds& word) { return word.begin < offset; }) -
        words.begin());
  };
  sentences_.set_text(text, language);
  for (std::size_t word = 0; word < words.size();) {
    starts_[word] |= kSentence;
    const auto sentence = sentences_.sentence_at(words[word].begin);
    // A word always lies inside a sentence; the guard only keeps the loop going forward.
    word = sentence ? std::max(word + 1, first_word_from(word, sentence->second)) : word + 1;
  }
  for (const ClauseOpener& opener : openers) {
    starts_[opener.word] |= opener.contrast ? kClause | kContrast : kClause;
    if (opener.end < words.size()) starts_[opener.end] |= kAfterOpener;
  }
  for (const std::string& mark : marks_) {
    for (std::size_t at = text.find(mark); at != std::string_view::npos; at = text.find(mark, at + mark.size())) {
      const std::size_t next = first_word_from(0, at + mark.size());
      // Only a mark between two words cuts: one inside a word ("1,5" is one word to ICU) does not.
      if (next > 0 && next < words.size() && words[next - 1].end <= at && (starts_[next] & kAfterOpener) == 0) {
        starts_[next] |= kClause;
      }
    }
  }
  for (std::size_t word = 0; word < words.size(); ++word) {
    if (word != 0 && (starts_[word] & (kSentence | kClause)) == 0) continue;
    if (!clauses.empty()) clauses.back().end_word = static_cast<std::uint32_t>(word);
    const auto first = static_cast<std::uint32_t>(word);
    clauses.push_back({first, 0, first, (starts_[word] & kSentence) != 0, (starts_[word] & kContrast) != 0});
  }
  clauses.back().end_word = static_cast<std::uint32_t>(words.size());
  for (const ClauseOpener& opener : openers) {
    Clause& clause = clauses[clause_of(clauses, opener.word)];
    if (clause.first_word == opener.word) clause.body = std::max(clause.body, std::min(opener.end, clause.end_word));
  }
}

std::size_t clause_of(const std::vector<Clause>& clauses, std::uint32_t word) {
  const auto after = std::upper_bound(clauses.begin(), clauses.end(), word,
                                      [](std::uint32_t at, const Clause& clause) { return at < clause.first_word; });
  return static_cast<std::size_t>(after - clauses.begin()) - 1;
}

}  // namespace qda
