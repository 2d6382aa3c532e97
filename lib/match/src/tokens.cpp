// Tokenising with ICU's word break iterator over UTF-8 (no conversion of the text), folding case
// with an ASCII fast path, and stemming with libstemmer behind a per-thread cache.
#include "qda/tokens.hpp"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>


#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/simd.hpp"

namespace qda {

struct Tokenizer::State {
  std::unique_ptr<icu::BreakIterator> words;
  UText* text = nullptr;
  std::vector<std::uint64_t> word_bits, stop_bits;  // scratch for TextMasks
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

bool written_in_capitals(std::string_view utf8) {
  std::size_t capitals = 0;
  for (std::size_t at = 0; at < utf8.size();) {
    UChar32 c = 0;
    U8_NEXT(utf8.data(), at, utf8.size(), c);
    if (c < 0) return false;
    if (u_islower(c) || u_istitle(c)) return false;
    if (u_isupper(c)) ++capitals;
  }
  return capitals >= 2;
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

// The ASCII code points' Word_Break classes, as word_class() gives them, without a property lookup.
constexpr std::array<WordClass, 128> ascii_word_classes() {
  std::array<WordClass, 128> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = classes[c - 'a' + 'A'] = WordClass::Letter;
  for (int c = '0'; c <= '9'; ++c) classes[c] = WordClass::Numeric;
  classes['_'] = WordClass::ExtendNumLet;
  classes['.'] = classes['\''] = WordClass::MidNumLet;
  classes[','] = classes[';'] = WordClass::MidNum;
  return classes;
}
constexpr std::array<WordClass, 128> kAsciiWordClasses = ascii_word_classes();

bool is_word(WordClass c) { return c == WordClass::Letter || c == WordClass::Numeric || c == WordClass::ExtendNumLet; }

// Sixteen bytes at a time: which are ASCII word characters (letters, digits, '_'), and which are not
// ASCII. Words and the gaps between them are then skipped a block at a time, without a branch per
// byte to mispredict at each word's end. Bit i stands for byte i.
#if QDA_SSE2
struct ByteMasks {
  std::uint32_t word;
  std::uint32_t non_ascii;
  std::uint32_t at_sign;
};
ByteMasks byte_masks(const char* bytes) {
  const __m128i v = simd::load(bytes);
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));  // bytes from 0x80 stay negative: no letter
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), simd::equal(v, '_'));
  return {simd::top_bits((word)), simd::top_bits((v)),
          simd::top_bits((simd::equal(v, '@')))};
}
#endif

// Whether a code point of this class can join the word characters on its two sides into one word
// (WB6-7, WB11-12).
bool is_joiner(WordClass c) { return c == WordClass::MidLetter || c == WordClass::MidNum || c == WordClass::MidNumLet; }

// Whether an ASCII word whose letters and digits run to `end` (before the text's end) ends there:
// the byte at `end` is ASCII and joins nothing, or is a joiner followed by the end of the text or by
// an ASCII byte that is no word character. (Anything else, non-ASCII bytes included, is for the
// general steps.)
bool ascii_word_ends_at(std::string_view text, std::size_t end) {
  const auto after = static_cast<unsigned char>(text[end]);
  if (after >= 0x80) return false;
  if (!is_joiner(kAsciiWordClasses[after])) return true;
  if (end + 1 == text.size()) return true;
  const auto next = static_cast<unsigned char>(text[end + 1]);
  return next < 0x80 && !is_word(kAsciiWordClasses[next]);
}

// Per 64 bytes of a text, one bit per byte: is it an ASCII word character (letter, digit, '_'), and
// is it a "stop" (a word character or not ASCII). Worked out once per text, sixteen bytes at a time,
// so that finding the next word and its end is a count of zero bits, not a step per byte. The same
// pass notes whether the text holds an '@' (such texts go to ICU, see find_words).
class TextMasks {
 public:
  TextMasks(std::string_view text, std::vector<std::uint64_t>& word_bits, std::vector<std::uint64_t>& stop_bits)
      : size_(text.size()), word_bits_(word_bits), stop_bits_(stop_bits) {
    const std::size_t windows = (text.size() + 63) / 64;
    word_bits_.assign(windows, 0);
    stop_bits_.assign(windows, 0);
    for (std::size_t at = 0; at < text.size(); at += 16) {
      char block[16] = {};  // past the end: zero bytes, neither words nor stops
      const char* bytes = text.data() + at;
      if (at + 16 > text.size()) {
        std::memcpy(block, bytes, text.size() - at);
        bytes = block;
      }
      const auto [word, non_ascii, at_sign] = masks_of(bytes);
      has_at_sign_ |= at_sign != 0;
      word_bits_[at / 64] |= std::uint64_t{word} << (at % 64);
      stop_bits_[at / 64] |= std::uint64_t{word | non_ascii} << (at % 64);
    }
  }
  // The first stop at or after `at`, or the text's size.
  std::size_t next_stop(std::size_t at) const { return next_set(stop_bits_, at, false); }
  // The first byte at or after `at` that is no ASCII word character, or the text's size.
  std::size_t word_end(std::size_t at) const { return next_set(word_bits_, at, true); }
  bool has_at_sign() const { return has_at_sign_; }

 private:
  struct Masks {
    std::uint32_t word;
    std::uint32_t non_ascii;
    std::uint32_t at_sign;
  };
  static Masks masks_of(const char* bytes) {
#if QDA_SSE2
    const ByteMasks masks = byte_masks(bytes);
    return {masks.word, masks.non_ascii, masks.at_sign};
#else
    Masks masks{0, 0, 0};
    for (int i = 0; i < 16; ++i) {
      const auto byte = static_cast<unsigned char>(bytes[i]);
      if (byte >= 0x80) masks.non_ascii |= 1u << i;
      else if (is_word(kAsciiWordClasses[byte])) masks.word |= 1u << i;
      else if (byte == '@') masks.at_sign |= 1u << i;
    }
    return masks;
#endif
  }
  std::size_t next_set(const std::vector<std::uint64_t>& bits, std::size_t at, bool inverted) const {
    if (at >= size_) return size_;
    std::size_t window = at / 64;
    std::uint64_t found = (inverted ? ~bits[window] : bits[window]) & (~std::uint64_t{0} << (at % 64));
    while (found == 0) {
      if (++window == bits.size()) return size_;
      found = inverted ? ~bits[window] : bits[window];
    }
    return std::min(size_, 64 * window + static_cast<std::size_t>(__builtin_ctzll(found)));
  }

  std::size_t size_;
  bool has_at_sign_ = false;
  std::vector<std::uint64_t>& word_bits_;
  std::vector<std::uint64_t>& stop_bits_;
};


// Classifies the code points of a text one at a time, noting whether any is outside the scripts the
// fast path handles (or is not valid UTF-8), in which case the text must go to ICU.
class CodePointClassifier {
 public:
  explicit CodePointClassifier(std::string_view text) : text_(text) {}
  bool unsupported() const { return unsupported_; }
  // For a case the fast path does not follow ICU in: the whole text goes to ICU's iterator.
  void leave_to_icu() { unsupported_ = true; }
  std::size_t size() const { return text_.size(); }

  // The class of the code point starting at byte `at`; `next` is where the following one starts.
  WordClass classify(std::size_t at, std::size_t& next) {
    const auto byte = static_cast<unsigned char>(text_[at]);
    if (byte < 0x80) {
      next = at + 1;
      return kAsciiWordClasses[byte];
    }
    UChar32 c = 0;
    next = at;
    U8_NEXT(text_.data(), next, text_.size(), c);
    // Pictographs (©, ®, ‼) join a preceding zero-width joiner into one word by WB3c: left to ICU.
    if (c < 0 || !simple_script(c) || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) {
      unsupported_ = true;
      return WordClass::Other;
    }
    return word_class(c);
  }

  // The first code point at or after `at` that WB4 does not ignore (or the end): its class and start.
  WordClass next_counted(std::size_t& at, std::size_t& next) {
    while (at < text_.size()) {
      const WordClass c = classify(at, next);
      if (c != WordClass::Ignored) return c;
      at = next;
    }
    next = at;
    return WordClass::Other;
  }

 private:
  std::string_view text_;
  bool unsupported_ = false;
};

}  // namespace

void Tokenizer::find_words(std::string_view text, std::vector<WordBounds>& words) {
  words.clear();
  // The fast path: ASCII words are found through bit masks (TextMasks); other code points are
  // classified by Word_Break one at a time, with the rules that matter for letters and digits. It
  // gives the same words as ICU's iterator on alphabetic text (unit tests compare them, on random
  // texts too) at several times its speed; any other script, or a case it does not follow, sends the
  // whole text to ICU.
  // ICU's word rules count '@' as a letter (an e-mail address is one word), which UAX #29 does not:
  // rather than follow that tailoring, which may change with ICU's version, such texts go to ICU.
  const TextMasks masks(text, state_->word_bits, state_->stop_bits);
  if (masks.has_at_sign()) {
    find_words_with_icu(text, words);
    return;
  }
  CodePointClassifier points(text);
  const std::size_t size = text.size();
  for (std::size_t i = 0; i < size && !points.unsupported();) {
    i = masks.next_stop(i);  // past spaces and punctuation
    if (i >= size) break;
    // The common case: ASCII letters and digits up to a space or a mark that joins nothing. (A word
    // that starts with '_' may be a lone connector, which is no word: the general steps decide.)
    // A joiner ends the word too when no ASCII word character follows it (WB6-7 and WB11-12 join
    // only word characters on both sides): a word before ". " or ", ", as at every sentence end.
    if (const auto byte = static_cast<unsigned char>(text[i]); byte < 0x80 && byte != '_') {
      const std::size_t end = masks.word_end(i);
      if (end == size || ascii_word_ends_at(text, end)) {
        words.push_back({i, end});
        i = end;
        continue;
      }
    }
    // Anything else, one code point at a time.
    std::size_t next = 0;
    const WordClass first = points.classify(i, next);
    if (!is_word(first)) {
      i = next;
      continue;
    }
    const std::size_t start = i, first_end = next;
    WordClass previous = first;
    std::size_t end = next;  // end of the last code point inside the word (ignored ones included)
    std::size_t k = next;
    while (true) {
      // A run of ASCII letters and digits, the common case, without the general steps below.
      if (const std::size_t run_end = masks.word_end(k); run_end > k) {
        previous = kAsciiWordClasses[static_cast<unsigned char>(text[run_end - 1])];
        end = k = run_end;
      }
      // A space or a punctuation mark that joins nothing (the common end of a word): no more to look at.
      if (k < size && static_cast<unsigned char>(text[k]) < 0x80 && kAsciiWordClasses[static_cast<unsigned char>(text[k])] == WordClass::Other) break;
      std::size_t j = k, after_j = 0;
      const WordClass current = points.next_counted(j, after_j);
      if (j > k) end = j;
      if (j >= size) break;
      if (is_word(current)) {  // WB5, WB8-WB10, WB13a-b
        previous = current;
        end = k = after_j;
        continue;
      }
      if (!is_joiner(current)) break;
      // WB6-7 (letter, MidLetter/MidNumLet, letter) and WB11-12 (digit, MidNum/MidNumLet, digit).
      std::size_t after = after_j, after_next = 0;
      const WordClass following = points.next_counted(after, after_next);
      const bool letters = previous == WordClass::Letter && following == WordClass::Letter &&
                           (current == WordClass::MidLetter || current == WordClass::MidNumLet);
      const bool digits = previous == WordClass::Numeric && following == WordClass::Numeric &&
                          (current == WordClass::MidNum || current == WordClass::MidNumLet);
      if (!letters && !digits) break;
      previous = following;
      end = k = after_next;
    }
    // ICU 72 gives a word that ends in a connector and then marks it ignores ("ab_" and a soft hyphen)
    // no word status, unlike "ab_" alone: rather than copy that quirk, such a text goes to ICU.
    if (previous == WordClass::ExtendNumLet && end > k) points.leave_to_icu();
    // ICU's rules give a lone connector ("_") no word status, though a run of two ("__") has it.
    const bool lone_connector = end == first_end && first == WordClass::ExtendNumLet;
    if (!lone_connector) words.push_back({start, end});
    i = end;
  }
  if (points.unsupported()) find_words_with_icu(text, words);
}

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& tokens) {
  static thread_local std::vector<WordBounds> words;
  find_words(text, words);
  tokens.clear();
  for (const auto& [begin, end] : words) tokens.push_back({begin, end, case_fold(text.substr(begin, end - begin))});
}

void Tokenizer::tokenize_with_icu(std::string_view text, std::vector<Token>& tokens) {
  static thread_local std::vector<WordBounds> words;
  find_words_with_icu(text, words);
  tokens.clear();
  for (const auto& [begin, end] : words) tokens.push_back({begin, end, case_fold(text.substr(begin, end - begin))});
}

void Tokenizer::find_words_with_icu(std::string_view text, std::vector<WordBounds>& words) {
  words.clear();
  UErrorCode status = U_ZERO_ERROR;
  state_->text = utext_openUTF8(state_->text, text.data(), static_cast<int64_t>(text.size()), &status);
  state_->words->setText(state_->text, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not take the text to tokenise");
  int32_t begin = state_->words->first();
  for (int32_t end = state_->words->next(); end != icu::BreakIterator::DONE; begin = end, end = state_->words->next()) {
    // Rule status UBRK_WORD_NONE marks spaces and punctuation; numbers, letters, kana and ideographs are words.
    if (state_->words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    words.push_back({static_cast<std::size_t>(begin), static_cast<std::size_t>(end)});
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
  return state_->cache.emplace(folded_word, stem_uncached(folded_word)).first->second;
}

std::string Stemmer::stem_uncached(std::string_view folded_word) {
  // Stemming is repeated to a fixed point: Snowball's Indonesian stemmer removes one layer of affixes
  // per pass (keterbukaan -> terbuka -> buka), and a term and its inflections must meet at one stem.
  std::string result(folded_word);
  for (int pass = 0; pass < 4; ++pass) {
    const sb_symbol* stemmed = sb_stemmer_stem(state_->stemmer, reinterpret_cast<const sb_symbol*>(result.data()),
                                               static_cast<int>(result.size()));
    std::string next(reinterpret_cast<const char*>(stemmed), static_cast<std::size_t>(sb_stemmer_length(state_->stemmer)));
    if (next == result) break;
    result = std::move(next);
  }
  return result;
}

}  // namespace qda
