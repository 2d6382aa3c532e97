// Compiling a codebook term into the word forms the matcher compares.
#include "qda/term_pattern.hpp"

#include <map>
#include <memory>

#include "qda/text.hpp"
#include "qda/tokens.hpp"

namespace qda {

TermPattern compile_term(const std::string& text, const std::string& language, bool stem) {
  static thread_local Tokenizer tokenizer;
  static thread_local std::map<std::string, std::unique_ptr<Stemmer>> stemmers;
  TermPattern pattern{text, language, {}, stem, false};
  std::string_view body = trim(text);
  if (!body.empty() && body.back() == '*') {
    pattern.prefix = true;
    body.remove_suffix(1);
  }
  const std::string normalised = to_nfc(std::string(body));
  std::vector<Token> tokens;
  tokenizer.tokenize(normalised, tokens);
  for (const auto& token : tokens) pattern.forms.push_back(token.folded);
  if (stem) {
    auto& stemmer = stemmers[language];
    if (!stemmer) stemmer = std::make_unique<Stemmer>(language);
    // A prefix is matched against words, not stems: stemming "transparan" would cut the prefix short.
    const std::size_t stemmed_forms = pattern.prefix && !pattern.forms.empty() ? pattern.forms.size() - 1 : pattern.forms.size();
    for (std::size_t i = 0; i < stemmed_forms; ++i) pattern.forms[i] = stemmer->stem(pattern.forms[i]);
  }
  return pattern;
}

}  // namespace qda
