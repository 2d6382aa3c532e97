// Boundaries are found from the start of the text, as sentence_spans() finds them, but only as far
// as the furthest offset asked about: a segment whose hits decide their stances early is not broken
// into sentences to its end. (ICU's following() and preceding() from an arbitrary offset give the
// same boundaries but cost more: each backs up to a safe point and runs the rules forward again.)
// Where the language's ICU iterator applies UAX #29's default rules unchanged, they are applied to
// the UTF-8 text directly by next_sentence_boundary() (sentence_rules.hpp), which reads only the
// places where a sentence can end instead of running ICU's rule engine over every code point. Other
// languages, and texts with what that leaves to ICU, go through ICU, over a UTF-16 copy of the text:
// ICU reads UTF-16 in place, while a UTF-8 UText converts the text chunk by chunk behind every read,
// which costs more than the copy.
#include "qda/sentence_finder.hpp"

#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>


#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

#include "qda/sentence_rules.hpp"
#include "qda/text.hpp"
#include "qda/simd.hpp"

namespace qda {

namespace {

// The rules of a plain rule-based iterator; empty for any other, such as ICU's abbreviation filter.
icu::UnicodeString rules_of(const icu::BreakIterator& breaker) {
  if (breaker.getDynamicClassID() != icu::RuleBasedBreakIterator::getStaticClassID()) return {};
  return static_cast<const icu::RuleBasedBreakIterator&>(breaker).getRules();
}

// Whether ICU's abbreviation filter for `locale` is empty. ICU wraps every "ss=standard" sentence
// iterator whose language has a bundle of break iterator data in a filter, and takes the filter's
// abbreviations from that bundle; where the bundle ICU opens for the language is the default one
// (Indonesian has none of its own), it leaves the filter empty, and the filter passes on the
// boundaries of the iterator inside unchanged. This makes the same test as ICU's builder
// (FilteredBreakIteratorBuilder::createInstance, in ICU's filteredbrk.cpp).
bool has_empty_abbreviation_filter(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", locale.getBaseName(), &status);
  ures_close(bundle);
  return status == U_USING_DEFAULT_WARNING;
}

// Whether `breaker`, ICU's "ss=standard" sentence iterator for `locale`, finds the boundaries of
// UAX #29's default rules, as next_sentence_boundary() does: whether it is a plain rule-based
// iterator with the root locale's rules, or an empty abbreviation filter around one. Where the
// language has abbreviations after which the filter suppresses boundaries ("Mr.", "e.g."), it
// does not; nor where the language has rules of its own (in Greek ';' is a question mark).
bool follows_default_rules(const icu::BreakIterator& breaker, const icu::Locale& locale) {
  static const icu::UnicodeString root_rules = [] {
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<icu::BreakIterator> root(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? rules_of(*root) : icu::UnicodeString();
  }();
  if (!sentence_rules_usable() || root_rules.isEmpty()) return false;
  if (breaker.getDynamicClassID() == icu::RuleBasedBreakIterator::getStaticClassID()) return rules_of(breaker) == root_rules;
  if (!has_empty_abbreviation_filter(locale)) return false;
  // The iterator inside the filter is the one ICU gives without "ss=standard".
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale unfiltered_locale(locale.getBaseName());
  const std::unique_ptr<icu::BreakIterator> unfiltered(icu::BreakIterator::createSentenceInstance(unfiltered_locale, status));
  return U_SUCCESS(status) && rules_of(*unfiltered) == root_rules;
}

}  // namespace

struct SentenceFinder::State {
  struct Breaker {
    std::unique_ptr<icu::BreakIterator> icu;
    bool default_rules = false;  // next_sentence_boundary() finds the same boundaries as `icu`
  };
  std::map<std::string, Breaker, std::less<>> breakers;  // by language
  Breaker* breaker = nullptr;  // the current text's
  bool by_default_rules = false;  // the current text's boundaries come from next_sentence_boundary()
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
#if QDA_SSE2
      if (i + 16 <= text.size()) {
        const __m128i block = simd::load(bytes + i);
        if (_mm_movemask_epi8(block) == 0) {  // sixteen ASCII bytes: widen them to units
          simd::store(out + units, _mm_unpacklo_epi8(block, _mm_setzero_si128()));
          simd::store(out + units + 8, _mm_unpackhi_epi8(block, _mm_setzero_si128()));
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
  // The last sentence asked about, between two boundaries, and the same trimmed: each code's hits
  // are asked about in text order (rules.cpp), often several in one sentence.
  std::pair<std::size_t, std::size_t> last_sentence{0, 0};
  std::pair<std::size_t, std::size_t> last_trimmed{0, 0};

  // Hands the current text to its ICU iterator, to find its boundaries from the start.
  void start_icu() {
    convert(utf8);
    UErrorCode status = U_ZERO_ERROR;
    text = utext_openUChars(text, utf16.get(), static_cast<int64_t>(utf16_size), &status);
    breaker->icu->setText(text, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU could not take the text to find sentences in");
    breaker->icu->first();
    boundaries.assign(1, 0);
    last_sentence = {0, 0};
    at_end = false;
    by_default_rules = false;
  }
};

SentenceFinder::SentenceFinder() : state_(std::make_unique<State>()) {}

SentenceFinder::~SentenceFinder() {
  if (state_->text != nullptr) utext_close(state_->text);
}

void SentenceFinder::set_text(std::string_view utf8, const std::string& language) {
  State& s = *state_;
  State::Breaker& breaker = s.breakers[language];
  if (!breaker.icu) {
    // As sentence_spans() does: "ss=standard" turns on ICU's abbreviation suppressions ("Mr.", "e.g.").
    UErrorCode status = U_ZERO_ERROR;
    const std::string locale_id = (language.empty() || language == "und" ? std::string("root") : language) + "@ss=standard";
    const icu::Locale locale(locale_id.c_str());
    breaker.icu.reset(icu::BreakIterator::createSentenceInstance(locale, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU has no sentence break iterator");
    breaker.default_rules = follows_default_rules(*breaker.icu, locale);
  }
  s.breaker = &breaker;
  s.utf8 = utf8;
  s.boundaries.assign(1, 0);
  s.last_sentence = {0, 0};
  s.at_end = utf8.empty();
  s.by_default_rules = breaker.default_rules;
  if (!s.by_default_rules) s.start_icu();
}

std::optional<std::pair<std::size_t, std::size_t>> SentenceFinder::sentence_at(std::size_t offset) {
  State& s = *state_;
  const auto in_trimmed = [offset](std::pair<std::size_t, std::size_t> span) -> std::optional<std::pair<std::size_t, std::size_t>> {
    if (offset < span.first || offset >= span.second) return std::nullopt;  // white space between sentences
    return span;
  };
  if (offset >= s.last_sentence.first && offset < s.last_sentence.second) return in_trimmed(s.last_trimmed);
  while (!s.at_end && s.boundaries.back() <= offset) {
    if (s.by_default_rules) {
      const std::optional<std::size_t> next = next_sentence_boundary(s.utf8, s.boundaries.back());
      if (!next) {  // an Extend or Format character (or invalid UTF-8): ICU decides the whole text
        s.start_icu();
        continue;
      }
      s.boundaries.push_back(*next);
      s.at_end = *next == s.utf8.size();
      continue;
    }
    const int32_t next = s.breaker->icu->next();  // in UTF-16 units
    if (next == icu::BreakIterator::DONE) s.at_end = true;
    else s.boundaries.push_back(s.byte_of(static_cast<std::size_t>(next)));
  }
  const auto after = std::upper_bound(s.boundaries.begin(), s.boundaries.end(), offset);
  if (after == s.boundaries.begin() || after == s.boundaries.end()) return std::nullopt;  // not in the text
  s.last_sentence = {*(after - 1), *after};
  const std::string_view sentence = s.utf8.substr(s.last_sentence.first, s.last_sentence.second - s.last_sentence.first);
  const std::string_view trimmed = trim(sentence);
  const std::size_t begin = s.last_sentence.first + static_cast<std::size_t>(trimmed.data() - sentence.data());
  s.last_trimmed = {begin, begin + trimmed.size()};
  return in_trimmed(s.last_trimmed);
}

}  // namespace qda
