// Boundaries are found from the start of the text, as sentence_spans() finds them, but only as far
// as the furthest offset asked about: a segment whose hits decide their stances early is not broken
// into sentences to its end. (ICU's following() and preceding() from an arbitrary offset give the
// same boundaries but cost more: each backs up to a safe point and runs the rules forward again.)
#include "qda/sentence_finder.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

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
  UErrorCode status = U_ZERO_ERROR;
  s.text = utext_openUTF8(s.text, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  breaker->setText(s.text, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not take the text to find sentences in");
  s.breaker = breaker.get();
  s.utf8 = utf8;
  s.boundaries.assign(1, static_cast<std::size_t>(breaker->first()));
  s.at_end = false;
}


std::optional<std::pair<std::size_t, std::size_t>> SentenceFinder::sentence_at(std::size_t offset) {
  State& s = *state_;
  // With UTF-8 UText, ICU's boundaries are byte offsets into the text.
  while (!s.at_end && s.boundaries.back() <= offset) {
    const int32_t next = s.breaker->next();
    if (next == icu::BreakIterator::DONE) s.at_end = true;
    else s.boundaries.push_back(static_cast<std::size_t>(next));
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
