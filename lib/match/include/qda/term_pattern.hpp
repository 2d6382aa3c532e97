// A codebook's word pattern (term, phrase, prefix wildcard) as the matcher sees it: what codebook.hpp
// compiles and pattern_index.hpp matches, so neither of the two depends on the other.
#pragma once

#include <string>
#include <vector>

namespace qda {

// A term, phrase or prefix wildcard as the matcher sees it: a sequence of case-folded word forms
// (stems when `stemmed`); with `prefix`, the last form matches any word that starts with it.
struct TermPattern {
  std::string text;      // as written in the codebook, for messages and --explain
  std::string language;  // its language (picks the stemmer)
  std::vector<std::string> forms;
  bool stemmed = false;
  bool prefix = false;
};

// Tokenises a term the way segment text is tokenised; a trailing '*' makes a prefix wildcard.
TermPattern compile_term(const std::string& text, const std::string& language, bool stem);

}  // namespace qda
