// The clauses of a text, for reading stance in clause scope (docs/stance-model.md): its sentences
// (sentence_finder.hpp), each cut where a clause mark (a comma, say) lies between two words and before
// each word that opens a clause (a conjunction, which the caller finds among the words).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qda/sentence_finder.hpp"
#include "qda/tokens.hpp"

namespace qda {

struct Clause {
  std::uint32_t first_word = 0;  // word indexes, end exclusive
  std::uint32_t end_word = 0;
  std::uint32_t body = 0;  // the first word after the opener ("belum" in "tapi belum terpadu"), or first_word
  bool opens_sentence = false;
  bool contrast = false;  // opened by a contrast word ("tapi", "but")
};

// Words that open a clause ("tapi", "hanya saja"), found by the caller.
struct ClauseOpener {
  std::uint32_t word = 0;  // the first; word indexes, end exclusive
  std::uint32_t end = 0;
  bool contrast = false;
};

// One per thread (it owns a SentenceFinder).
class ClauseFinder {
 public:
  // `marks`: the strings that end a clause when they lie between two words.
  explicit ClauseFinder(const std::vector<std::string>& marks);

  // The clauses of `words` (found in `text` by Tokenizer::find_words), in order, covering every word.
  // Sentences follow ICU's rules for `language`. `openers` may come in any order; a mark right after an
  // opener does not cut ("However, they …" is one clause, opened by "However").
  void find(std::string_view text, const std::string& language, const std::vector<WordBounds>& words,
            const std::vector<ClauseOpener>& openers, std::vector<Clause>& clauses);

 private:
  bool holds_mark(std::string_view gap) const;

  std::array<bool, 256> single_byte_marks_{};  // by byte: the marks of one byte, nearly all of them
  std::vector<std::string> longer_marks_;
  SentenceFinder sentences_;
  std::vector<std::uint8_t> starts_;  // per word: what starts there (a bit set)
};

// The index of the clause that holds word `word` (clauses as find() gives them, not empty).
std::size_t clause_of(const std::vector<Clause>& clauses, std::uint32_t word);

}  // namespace qda
