// Words of a text as rules see them: ICU word boundaries, Unicode case folding, Snowball stems.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qda {

struct Token {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::string folded;     // Unicode case folding (ICU, full folding)
};

// Where a word lies in the text, before folding.
struct WordBounds {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
};

// Splits UTF-8 text into word tokens (letters, digits, ideographs; punctuation and spaces dropped)
// by ICU's word-boundary rules. One Tokenizer per thread: ICU break iterators are not thread-safe.
class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  void tokenize(std::string_view text, std::vector<Token>& tokens);
  // The words alone, unfolded: what tokenize() folds. The rule engine folds them into its own cache.
  void find_words(std::string_view text, std::vector<WordBounds>& words);
  // ICU's break iterator alone, for any script (tokenize() uses it where its fast path does not apply).
  void tokenize_with_icu(std::string_view text, std::vector<Token>& tokens);

 private:
  void find_words_with_icu(std::string_view text, std::vector<WordBounds>& words);

  struct State;
  std::unique_ptr<State> state_;
};

std::string case_fold(std::string_view utf8);

// Whether a text is written in capitals, as an acronym or a name such as "LAPOR" is: two capital letters
// or more, and no letter in lower or title case (digits and punctuation may come between).
bool written_in_capitals(std::string_view utf8);

// The Snowball algorithm for a BCP 47 language tag ("id" -> "indonesian"), or empty if none.
std::string snowball_algorithm(std::string_view language);

// Snowball stemmers with a cache of the words already stemmed. One per thread.
class Stemmer {
 public:
  // Throws a Usage error if there is no Snowball stemmer for the language.
  explicit Stemmer(std::string_view language);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of an already case-folded word, stemmed again until it no longer changes. The reference
  // stays valid until trim_cache().
  const std::string& stem(const std::string& folded_word);
  // The same stem, not cached here (for callers with a cache of their own).
  std::string stem_uncached(std::string_view folded_word);
  // Empties the cache if it has grown past its bound; call it only when no stem reference is held.
  void trim_cache();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qda
