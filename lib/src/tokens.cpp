// Tokenising with ICU's word break iterator over UTF-8 (no conversion of the text), folding case
// with an ASCII fast path, and stemming with libstemmer behind a per-thread cache.
#include "qda/tokens.hpp"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
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

namespace {

// Word_Break classes (UAX #29) that decide word boundaries in alphabetic scripts.
enum class WordClass : std::uint8_t { Other, Letter, Numeric, MidLetter, MidNum, MidNumLet, ExtendNumLet, Ignored };

WordClass word_class(UChar32 c) {
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return WordClass::Letter;
    case U_WB_NUMERIC: return WordClass::Numeric;
    // CLDR's root rules, which ICU follows, take the colons out of MidLetter.
    case U_WB_MIDLETTER: return c == 0x3A || c == 0xFE55 || c == 0xFF1A ? WordClass::Other : WordClass::MidLetter;
    case U_WB_MIDNUM: return WordClass::MidNum;
    case U_WB_MIDNUMLET: return WordClass::MidNumLet;
    case U_WB_EXTENDNUMLET: return WordClass::ExtendNumLet;
    case U_WB_EXTEND:
    case U_WB_FORMAT:
    case U_WB_ZWJ: return WordClass::Ignored;
    default: return WordClass::Other;
  }
}

// True where UAX #29's rules for letters, digits and their joiners (WB4-WB13b) give ICU's own
// boundaries: alphabetic scripts. Scripts ICU segments with dictionaries (Thai, CJK, ...), Hebrew,
// Katakana, emoji and regional indicators go to ICU's break iterator instead.
bool simple_script(UChar32 c) {
  return c < 0x0590 || (c >= 0x1E00 && c < 0x2000) || (c >= 0x2000 && c < 0x2070) || (c >= 0x20A0 && c < 0x20D0);
}

struct CodePoint {
  std::size_t begin, end;
  WordClass word_class;
};

}  // namespace

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& tokens) {
  tokens.clear();
  // The fast path: decode once, classify by Word_Break, apply the rules that matter for letters
  // and digits. It gives the same words as ICU's iterator on alphabetic text (a unit test compares
  // them) at several times its speed; any other script sends the whole text to ICU.
  static thread_local std::vector<CodePoint> points;
  points.clear();
  bool simple = true;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      const bool letter = (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z';
      const WordClass word_class = letter                         ? WordClass::Letter
                                   : byte >= '0' && byte <= '9' ? WordClass::Numeric
                                   : byte == '_'                ? WordClass::ExtendNumLet
                                   : byte == '.' || byte == '\'' ? WordClass::MidNumLet
                                   : byte == ',' || byte == ';' ? WordClass::MidNum
                                                                : WordClass::Other;
      points.push_back({i, i + 1, word_class});
      ++i;
      continue;
    }
    UChar32 c = 0;
    std::size_t next = i;
    U8_NEXT(text.data(), next, text.size(), c);
    if (c < 0 || !simple_script(c)) {
      simple = false;
      break;
    }
    points.push_back({i, next, word_class(c)});
    i = next;
  }
  if (!simple) {
    tokenize_with_icu(text, tokens);
    return;
  }
  const auto is_word = [](WordClass c) { return c == WordClass::Letter || c == WordClass::Numeric || c == WordClass::ExtendNumLet; };
  // The next code point at or after k that WB4 does not ignore.
  const auto next_counted = [&](std::size_t k) {
    while (k < points.size() && points[k].word_class == WordClass::Ignored) ++k;
    return k;
  };
  for (std::size_t i = 0; i < points.size();) {
    if (!is_word(points[i].word_class)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    WordClass previous = points[i].word_class;
    std::size_t last = i;  // last code point inside the word (ignored ones included)
    std::size_t k = i + 1;
    while (true) {
      const std::size_t j = next_counted(k);
      if (j > k) last = j - 1;
      if (j >= points.size()) break;
      const WordClass current = points[j].word_class;
      if (is_word(current)) {  // WB5, WB8-WB10, WB13a-b
        previous = current;
        last = j;
        k = j + 1;
        continue;
      }
      // WB6-7 (letter, MidLetter/MidNumLet, letter) and WB11-12 (digit, MidNum/MidNumLet, digit).
      const std::size_t after = next_counted(j + 1);
      const WordClass following = after < points.size() ? points[after].word_class : WordClass::Other;
      const bool letters = previous == WordClass::Letter && following == WordClass::Letter &&
                           (current == WordClass::MidLetter || current == WordClass::MidNumLet);
      const bool digits = previous == WordClass::Numeric && following == WordClass::Numeric &&
                          (current == WordClass::MidNum || current == WordClass::MidNumLet);
      if (!letters && !digits) break;
      previous = following;
      last = after;
      k = after + 1;
    }
    // ICU's rules give a lone connector ("_") no word status, though a run of two ("__") has it.
    const bool lone_connector = last == start && points[start].word_class == WordClass::ExtendNumLet;
    const std::size_t from = points[start].begin, to = points[last].end;
    if (!lone_connector) tokens.push_back({from, to, case_fold(text.substr(from, to - from))});
    i = last + 1;
  }
}

void Tokenizer::tokenize_with_icu(std::string_view text, std::vector<Token>& tokens) {
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
