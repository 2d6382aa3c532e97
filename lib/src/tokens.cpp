// Tokenising with ICU's word break iterator over UTF-8 (no conversion of the text), folding case
// with an ASCII fast path, and stemming with libstemmer behind a per-thread cache.
#include "qda/tokens.hpp"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda {

struct Tokenizer::State {
  std::unique_ptr<icu::BreakIterator> words;
  UText* text = nullptr;
};

Tokenizer::Tokenizer() : state_(std::make_unique<State>()) {
  UErrorCode status = U_ZERO_ERROR;
  state_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no word break iterator");
}

Tokenizer::~Tokenizer() {
  if (state_->text != nullptr) utext_close(state_->text);
}

std::string case_fold(std::string_view utf8) {
  bool ascii = true;
  for (const char c : utf8) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string folded(utf8);
    for (char& c : folded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return folded;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  text.foldCase();
  std::string folded;
  text.toUTF8String(folded);
  return folded;
}

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& tokens) {
  tokens.clear();
  UErrorCode status = U_ZERO_ERROR;
  state_->text = utext_openUTF8(state_->text, text.data(), static_cast<int64_t>(text.size()), &status);
  state_->words->setText(state_->text, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not take the text to tokenise");
  int32_t begin = state_->words->first();
  for (int32_t end = state_->words->next(); end != icu::BreakIterator::DONE; begin = end, end = state_->words->next()) {
    // Rule status UBRK_WORD_NONE marks spaces and punctuation; numbers, letters, kana and ideographs are words.
    if (state_->words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    const auto from = static_cast<std::size_t>(begin), to = static_cast<std::size_t>(end);
    tokens.push_back({from, to, case_fold(text.substr(from, to - from))});
  }
}

std::string snowball_algorithm(std::string_view language) {
  static constexpr std::pair<std::string_view, std::string_view> kAlgorithms[] = {
      {"id", "indonesian"}, {"en", "english"},   {"de", "german"},  {"fr", "french"},    {"es", "spanish"},
      {"pt", "portuguese"}, {"it", "italian"},   {"nl", "dutch"},   {"sv", "swedish"},   {"da", "danish"},
      {"no", "norwegian"},  {"nb", "norwegian"}, {"fi", "finnish"}, {"hu", "hungarian"}, {"ro", "romanian"},
      {"ru", "russian"},    {"tr", "turkish"},   {"ar", "arabic"},  {"el", "greek"},     {"ga", "irish"},
      {"lt", "lithuanian"}, {"ne", "nepali"},    {"ta", "tamil"},   {"ca", "catalan"},   {"eu", "basque"},
      {"hy", "armenian"},   {"sr", "serbian"},   {"yi", "yiddish"}};
  const std::string_view primary = language.substr(0, language.find('-'));
  for (const auto& [tag, algorithm] : kAlgorithms) {
    if (tag == primary) return std::string(algorithm);
  }
  return {};
}

struct Stemmer::State {
  sb_stemmer* stemmer = nullptr;
  std::unordered_map<std::string, std::string> cache;
};

Stemmer::Stemmer(std::string_view language) : state_(std::make_unique<State>()) {
  const std::string algorithm = snowball_algorithm(language);
  if (!algorithm.empty()) state_->stemmer = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  if (state_->stemmer == nullptr) {
    throw usage_error(fmt::format("no Snowball stemmer for language '{}'", language));
  }
}

Stemmer::~Stemmer() { sb_stemmer_delete(state_->stemmer); }

void Stemmer::trim_cache() {
  // Vocabulary follows Zipf's law, so the cache stays small; the bound only guards odd inputs.
  if (state_->cache.size() > (1u << 20)) state_->cache.clear();
}

const std::string& Stemmer::stem(const std::string& folded_word) {
  auto found = state_->cache.find(folded_word);
  if (found != state_->cache.end()) return found->second;
  // Stemming is repeated to a fixed point: Snowball's Indonesian stemmer removes one layer of affixes
  // per pass (keterbukaan -> terbuka -> buka), and a term and its inflections must meet at one stem.
  std::string result = folded_word;
  for (int pass = 0; pass < 4; ++pass) {
    const sb_symbol* stemmed = sb_stemmer_stem(state_->stemmer, reinterpret_cast<const sb_symbol*>(result.data()),
                                               static_cast<int>(result.size()));
    std::string next(reinterpret_cast<const char*>(stemmed), static_cast<std::size_t>(sb_stemmer_length(state_->stemmer)));
    if (next == result) break;
    result = std::move(next);
  }
  return state_->cache.emplace(folded_word, std::move(result)).first->second;
}

}  // namespace qda
