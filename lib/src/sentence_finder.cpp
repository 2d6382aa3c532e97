// Boundaries are found from the start of the text, as sentence_spans() finds them, but only as far
// as the furthest offset asked about: a segment whose hits decide their stances early is not broken
// into sentences to its end. (ICU's following() and preceding() from an arbitrary offset give the
// same boundaries but cost more: each backs up to a safe point and runs the rules forward again.)
// The rules run over a UTF-16 copy of the text: ICU reads UTF-16 in place, while a UTF-8 UText
// converts the text chunk by chunk behind every read, which costs more than the copy.
#include "qda/sentence_finder.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

#include "qda/text.hpp"

namespace qda {

struct SentenceFinder::State {
  std::map<std::string, std::unique_ptr<icu::BreakIterator>, std::less<>> breakers;  // by language
  icu::BreakIterator* breaker = nullptr;  // the current text's
  UText* text = nullptr;
  std::string_view utf8;
  // The UTF-16 copy, in a buffer that only grows (a vector's resize would zero it first every time).
  std::unique_ptr<UChar[]> utf16;
  std::size_t utf16_capacity = 0;
  std::size_t utf16_size = 0;
  // Where the units and the bytes fall out of step: after each code point that is not ASCII, its
  // (next unit, next byte). Between anchors one unit is one byte, so a unit's byte is its last
  // anchor's byte plus the units since. Most texts have a few such code points, if any; a table of
  // every unit's byte cost more to fill than the conversion itself.
  std::vector<std::pair<std::size_t, std::size_t>> anchors;
  std::size_t next_anchor = 0;  // boundaries come in increasing order: the anchors before it are passed

  // Copies the text to utf16, ASCII sixteen bytes at a time, noting an anchor after each other code point.
  void convert(std::string_view text) {
    if (utf16_capacity < text.size()) {  // never more units than bytes
      utf16_capacity = std::max(text.size(), 2 * utf16_capacity);
      utf16 = std::make_unique<UChar[]>(utf16_capacity);
    }
    anchors.clear();
    next_anchor = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    UChar* out = utf16.get();
    std::size_t units = 0;
    for (std::size_t i = 0; i < text.size();) {
#if defined(__SSE2__)
      if (i + 16 <= text.size()) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
        if (_mm_movemask_epi8(block) == 0) {  // sixteen ASCII bytes: widen them to units
          _mm_storeu_si128(reinterpret_cast<__m128i*>(out + units), _mm_unpacklo_epi8(block, _mm_setzero_si128()));
          _mm_storeu_si128(reinterpret_cast<__m128i*>(out + units + 8), _mm_unpackhi_epi8(block, _mm_setzero_si128()));
          i += 16;
          units += 16;
          continue;
        }
      }
#endif
      UChar32 c = bytes[i];
      if (c < 0x80) {
        out[units++] = static_cast<UChar>(c);
        ++i;
        continue;
      }
      U8_NEXT(text.data(), i, text.size(), c);
      if (c < 0) c = 0xFFFD;  // segments.csv is valid UTF-8; this only keeps the offsets in step
      if (U16_LENGTH(c) == 1) {
        out[units++] = static_cast<UChar>(c);
      } else {
        out[units++] = U16_LEAD(c);
        out[units++] = U16_TRAIL(c);
      }
      anchors.emplace_back(units, i);
    }
    utf16_size = units;
  }

  // The byte of the text where UTF-16 unit `unit` starts (or the end, one past the last unit), for
  // units asked about in increasing order. A unit inside a surrogate pair is never a boundary.
  std::size_t byte_of(std::size_t unit) {
    while (next_anchor < anchors.size() && anchors[next_anchor].first <= unit) ++next_anchor;
    if (next_anchor == 0) return unit;
    const auto& [anchor_unit, anchor_byte] = anchors[next_anchor - 1];
    return anchor_byte + (unit - anchor_unit);
  }
  std::vector<std::size_t> boundaries;  // found so far in the current text, from its start
  bool at_end = false;                  // the last boundary is the end of the text
};

SentenceFinder::SentenceFinder() : state_(std::make_unique<State>()) {}

SentenceFinder::~SentenceFinder() {
  if (state_->text != nullptr) utext_close(state_->text);
}

void SentenceFinder::set_text(std::string_view utf8, const std::string& language) {
  State& s = *state_;
  auto& breaker = s.breakers[language];
  if (!breaker) {
    // As sentence_spans() does: "ss=standard" turns on ICU's abbreviation suppressions ("Mr.", "e.g.").
    UErrorCode status = U_ZERO_ERROR;
    const std::string locale_id = (language.empty() || language == "und" ? std::string("root") : language) + "@ss=standard";
    breaker.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(locale_id.c_str()), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU has no sentence break iterator");
  }
  s.convert(utf8);
  UErrorCode status = U_ZERO_ERROR;
  s.text = utext_openUChars(s.text, s.utf16.get(), static_cast<int64_t>(s.utf16_size), &status);
  breaker->setText(s.text, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not take the text to find sentences in");
  s.breaker = breaker.get();
  s.utf8 = utf8;
  s.boundaries.assign(1, 0);
  breaker->first();
  s.at_end = false;
}


std::optional<std::pair<std::size_t, std::size_t>> SentenceFinder::sentence_at(std::size_t offset) {
  State& s = *state_;
  while (!s.at_end && s.boundaries.back() <= offset) {
    const int32_t next = s.breaker->next();  // in UTF-16 units
    if (next == icu::BreakIterator::DONE) s.at_end = true;
    else s.boundaries.push_back(s.byte_of(static_cast<std::size_t>(next)));
  }
  const auto after = std::upper_bound(s.boundaries.begin(), s.boundaries.end(), offset);
  if (after == s.boundaries.begin() || after == s.boundaries.end()) return std::nullopt;  // not in the text
  const std::pair<std::size_t, std::size_t> raw{*(after - 1), *after};
  const std::string_view sentence = s.utf8.substr(raw.first, raw.second - raw.first);
  const std::string_view trimmed = trim(sentence);
  const std::size_t begin = raw.first + static_cast<std::size_t>(trimmed.data() - sentence.data());
  if (trimmed.empty() || offset < begin || offset >= begin + trimmed.size()) return std::nullopt;
  return std::make_pair(begin, begin + trimmed.size());
}

}  // namespace qda
