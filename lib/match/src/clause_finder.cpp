// Clauses are found as three kinds of starts marked on the words (a sentence's first word, a word
// after a clause mark, an opener) and then read off in one pass. Sentences are looked up once each,
// not once per word, and marks are looked for only in the gaps between words.
#include "qda/clause_finder.hpp"

#include <algorithm>

namespace qda {

namespace {

enum Start : std::uint8_t { kSentence = 1, kClause = 2, kContrast = 4, kAfterOpener = 8 };

}  // namespace

ClauseFinder::ClauseFinder(const std::vector<std::string>& marks) {
  for (const std::string& mark : marks) {
    if (mark.size() == 1) single_byte_marks_[static_cast<unsigned char>(mark[0])] = true;
    else longer_marks_.push_back(mark);
  }
}

// Whether the text between two words holds a clause mark. Gaps are a byte or two, so this is a short
// loop per word, not a search of the whole text per mark.
bool ClauseFinder::holds_mark(std::string_view gap) const {
  for (const char c : gap) {
    if (single_byte_marks_[static_cast<unsigned char>(c)]) return true;
  }
  return std::any_of(longer_marks_.begin(), longer_marks_.end(), [&](const std::string& mark) { return gap.find(mark) != std::string_view::npos; });
}

void ClauseFinder::find(std::string_view text, const std::string& language, const std::vector<WordBounds>& words,
                        const std::vector<ClauseOpener>& openers, std::vector<Clause>& clauses) {
  clauses.clear();
  if (words.empty()) return;
  starts_.assign(words.size(), 0);
  sentences_.set_text(text, language);
  for (std::size_t word = 0; word < words.size();) {
    starts_[word] |= kSentence;
    const auto sentence = sentences_.sentence_at(words[word].begin);
    // A word always lies inside a sentence; the guard only keeps the loop going forward. The words of
    // the sentence are skipped by a binary search on its end.
    const auto past = sentence ? std::partition_point(words.begin() + static_cast<std::ptrdiff_t>(word), words.end(),
                                                      [end = sentence->second](const WordBounds& w) { return w.begin < end; })
                               : words.begin() + static_cast<std::ptrdiff_t>(word);
    word = std::max(word + 1, static_cast<std::size_t>(past - words.begin()));
  }
  for (const ClauseOpener& opener : openers) {
    starts_[opener.word] |= opener.contrast ? kClause | kContrast : kClause;
    if (opener.end < words.size()) starts_[opener.end] |= kAfterOpener;
  }
  for (std::size_t word = 1; word < words.size(); ++word) {
    if ((starts_[word] & kAfterOpener) != 0) continue;
    if (holds_mark(text.substr(words[word - 1].end, words[word].begin - words[word - 1].end))) starts_[word] |= kClause;
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
