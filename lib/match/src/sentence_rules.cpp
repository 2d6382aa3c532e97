// UAX #29's sentence rules, read only where they can put a boundary. SB4 breaks after a paragraph
// separator (Sep, CR or LF, keeping CR LF together by SB3) and SB11 after `SATerm Close* Sp*` unless
// one of SB6-SB10 holds; everywhere else SB998 says "no break". So the text is scanned sixteen bytes
// at a time for the ASCII terminators and line breaks and for any non-ASCII code point (which may be
// either), and only their surroundings are classified. Classes are ICU's Sentence_Break values: the
// ASCII ones from a table filled from ICU once, the others from ICU as they come.
#include "qda/sentence_rules.hpp"
#include "qda/simd.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>


#include <array>
#include <cstdint>

namespace qda {

namespace {

using SentenceClass = std::uint8_t;  // a USentenceBreak value, or one of the two below
constexpr SentenceClass kNeedsIcu = 0xFF;    // Extend, Format (SB5) or invalid UTF-8: left to ICU
constexpr SentenceClass kEndOfText = 0xFE;  // past the last code point

SentenceClass class_of(UChar32 c) {
  const auto value = static_cast<USentenceBreak>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
  return value == U_SB_EXTEND || value == U_SB_FORMAT ? kNeedsIcu : static_cast<SentenceClass>(value);
}

bool is_paragraph_separator(SentenceClass c) { return c == U_SB_SEP || c == U_SB_CR || c == U_SB_LF; }
bool is_terminator(SentenceClass c) { return c == U_SB_ATERM || c == U_SB_STERM; }

// The ASCII bytes the scan stops at: every ASCII character that is a terminator or a paragraph
// separator (or that the rules leave to ICU) must be one of them.
bool is_stop_byte(unsigned char byte) {
  return byte >= 0x80 || byte == '.' || byte == '!' || byte == '?' || byte == '\r' || byte == '\n';
}

struct AsciiClasses {
  std::array<SentenceClass, 128> of{};
  bool usable = true;  // the scan's stop bytes are exactly the ASCII characters it must stop at

  AsciiClasses() {
    for (UChar32 c = 0; c < 128; ++c) {
      of[static_cast<std::size_t>(c)] = class_of(c);
      const SentenceClass found = of[static_cast<std::size_t>(c)];
      const bool must_stop = found == kNeedsIcu || is_terminator(found) || is_paragraph_separator(found);
      if (must_stop != is_stop_byte(static_cast<unsigned char>(c))) usable = false;
    }
  }
};

const AsciiClasses& ascii_classes() {
  static const AsciiClasses classes;
  return classes;
}

class Text {
 public:
  explicit Text(std::string_view utf8)
      : bytes_(reinterpret_cast<const unsigned char*>(utf8.data())), size_(utf8.size()), ascii_(ascii_classes().of) {}

  std::size_t size() const { return size_; }

  // The class of the code point at `i` (kEndOfText at the end); `next` is set to where the next starts.
  SentenceClass class_at(std::size_t i, std::size_t& next) const {
    if (i >= size_) {
      next = size_;
      return kEndOfText;
    }
    if (bytes_[i] < 0x80) {
      next = i + 1;
      return ascii_[bytes_[i]];
    }
    UChar32 c;
    U8_NEXT(bytes_, i, size_, c);
    next = i;
    return c < 0 ? kNeedsIcu : class_of(c);
  }

  // The class of the code point that ends at `i` (Other at the start of the text).
  SentenceClass class_before(std::size_t i) const {
    if (i == 0) return U_SB_OTHER;
    if (bytes_[i - 1] < 0x80) return ascii_[bytes_[i - 1]];
    auto start = static_cast<int32_t>(i);
    UChar32 c;
    U8_PREV(bytes_, 0, start, c);
    return c < 0 ? kNeedsIcu : class_of(c);
  }

  // The first stop byte at or after `i`, or the end of the text.
  std::size_t find_stop(std::size_t i) const {
#if QDA_SSE2
    const __m128i full_stop = _mm_set1_epi8('.'), exclamation = _mm_set1_epi8('!'), question = _mm_set1_epi8('?');
    const __m128i carriage_return = _mm_set1_epi8('\r'), line_feed = _mm_set1_epi8('\n');
    for (; i + 16 <= size_; i += 16) {
      const __m128i block = simd::load(bytes_ + i);
      const __m128i terminators = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, full_stop), _mm_cmpeq_epi8(block, exclamation)),
                                               _mm_cmpeq_epi8(block, question));
      const __m128i line_breaks = _mm_or_si128(_mm_cmpeq_epi8(block, carriage_return), _mm_cmpeq_epi8(block, line_feed));
      // A non-ASCII byte has its top bit set already, as the matches have.
      const int stops = _mm_movemask_epi8(_mm_or_si128(block, _mm_or_si128(terminators, line_breaks)));
      if (stops != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(stops)));
    }
#endif
    while (i < size_ && !is_stop_byte(bytes_[i])) ++i;
    return i;
  }

 private:
  const unsigned char* bytes_;
  std::size_t size_;
  const std::array<SentenceClass, 128>& ascii_;
};

// What the rules say after a terminator: a boundary at `at`, or none up to `at`, where the scan for
// the next terminator or paragraph separator goes on, or that ICU must decide.
struct Outcome {
  enum Kind { boundary, scan_on, needs_icu } kind;
  std::size_t at = 0;
};

// The end of the paragraph separator of class `found` that ends at `next`: CR LF is one (SB3).
std::size_t paragraph_end(const Text& text, SentenceClass found, std::size_t next) {
  std::size_t after_line_feed;
  if (found == U_SB_CR && text.class_at(next, after_line_feed) == U_SB_LF) return after_line_feed;
  return next;
}

// Reads `SATerm Close* Sp*` from the terminator at `terminator` (of class `terminator_class`, ending
// at `next`) and decides at `candidate`, the code point after it: SB11 breaks there unless one of
// SB6-SB10 holds. A terminator there (SB8a) starts the next turn of the loop.
Outcome after_terminator(const Text& text, std::size_t terminator, SentenceClass terminator_class, std::size_t next) {
  for (;;) {
    const std::size_t terminator_end = next;
    std::size_t candidate = next;
    SentenceClass found = text.class_at(candidate, next);
    while (found == U_SB_CLOSE) {
      candidate = next;
      found = text.class_at(candidate, next);
    }
    while (found == U_SB_SP) {
      candidate = next;
      found = text.class_at(candidate, next);
    }
    if (found == kEndOfText) return {Outcome::boundary, text.size()};  // SB2
    if (found == kNeedsIcu) return {Outcome::needs_icu};
    // No break before a paragraph separator (SB9, SB10) but after it (SB4, SB11).
    if (is_paragraph_separator(found)) return {Outcome::boundary, paragraph_end(text, found, next)};
    if (found == U_SB_SCONTINUE) return {Outcome::scan_on, next};  // SB8a
    if (is_terminator(found)) {  // SB8a, and the run goes on from this terminator
      terminator = candidate;
      terminator_class = found;
      continue;
    }
    if (terminator_class == U_SB_STERM) return {Outcome::boundary, candidate};  // SB11
    if (candidate == terminator_end && found == U_SB_NUMERIC) return {Outcome::scan_on, next};  // SB6
    if (candidate == terminator_end && found == U_SB_UPPER) {
      const SentenceClass before = text.class_before(terminator);
      if (before == kNeedsIcu) return {Outcome::needs_icu};
      if (before == U_SB_UPPER || before == U_SB_LOWER) return {Outcome::scan_on, next};  // SB7
    }
    // SB8: no break if a Lower comes before any letter, paragraph separator or terminator.
    for (;;) {
      if (found == U_SB_LOWER) return {Outcome::scan_on, next};
      if (found == kNeedsIcu) return {Outcome::needs_icu};
      if (found == kEndOfText || found == U_SB_OLETTER || found == U_SB_UPPER || is_paragraph_separator(found) ||
          is_terminator(found)) {
        return {Outcome::boundary, candidate};  // SB11
      }
      found = text.class_at(next, next);
    }
  }
}

}  // namespace

bool sentence_rules_usable() { return ascii_classes().usable; }

std::optional<std::size_t> next_sentence_boundary(std::string_view utf8, std::size_t from) {
  const Text text(utf8);
  std::size_t i = from;
  for (;;) {
    i = text.find_stop(i);
    std::size_t next;
    const SentenceClass found = text.class_at(i, next);
    if (found == kEndOfText) return text.size();  // SB2
    if (found == kNeedsIcu) return std::nullopt;
    if (is_paragraph_separator(found)) return paragraph_end(text, found, next);  // SB4
    if (!is_terminator(found)) {  // a non-ASCII code point that ends neither a sentence nor a paragraph
      i = next;
      continue;
    }
    const Outcome outcome = after_terminator(text, i, found, next);
    if (outcome.kind == Outcome::needs_icu) return std::nullopt;
    if (outcome.kind == Outcome::boundary) return outcome.at;
    i = outcome.at;
  }
}

}  // namespace qda
