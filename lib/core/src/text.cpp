// Text decoding and normalisation (ICU converters, Normalizer2, BreakIterator, Transliterator);
// counting bytes and code points.
#include "qda/text.hpp"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/simd.hpp"

namespace qda {

namespace {

// Length of the valid UTF-8 sequence starting at `i`, or 0 if it is invalid (RFC 3629: no
// overlongs, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  const std::size_t n = s.size() - i;
  const auto cont = [&](std::size_t k) { return (byte(i + k) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return n >= 2 && cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (n < 3 || !cont(1) || !cont(2)) return 0;
    const unsigned char b1 = byte(i + 1);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (n < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    const unsigned char b1 = byte(i + 1);
    if (b0 == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

Location byte_location(std::string_view bytes, std::size_t offset, const std::string& file_name) {
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (bytes[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const std::size_t column = count_code_points(bytes.substr(line_start, offset - line_start)) + 1;
  return {file_name, line, column};
}

// UTF-16 or UTF-32 (`converter_name` says which, and the byte order) without its byte-order mark.
std::string from_utf16(std::string_view bytes, const char* converter_name, const std::string& file_name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(converter_name, &status), ucnv_close);
  if (U_FAILURE(status)) throw std::runtime_error(fmt::format("ICU has no {} converter", converter_name));
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
  if (U_FAILURE(status)) {
    throw invalid_input(fmt::format("invalid {} text (an unpaired surrogate or a code point past U+10FFFF, or a length that is no whole number of its units)", converter_name),
                        {file_name});
  }
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

// The offset of the first byte at or after `from` that is not ASCII, or the size.
std::size_t skip_ascii(std::string_view bytes, std::size_t from) {
  std::size_t i = from;
#if QDA_SSE2
  // Thirty-two bytes a step, their top bits tested together: the UTF-8 check of every chunk of
  // segments.csv runs through here (1.4 % of qda-code's instructions at eight bytes a step).
  for (; i + 32 <= bytes.size(); i += 32) {
    if (simd::top_bits(_mm_or_si128(simd::load(bytes.data() + i), simd::load(bytes.data() + i + 16))) != 0) break;
  }
#endif
  for (; i + 8 <= bytes.size(); i += 8) {  // eight bytes at a time: transcripts are mostly ASCII
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
  while (i < bytes.size() && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
  return i;
}

void add_change(SourceOffsetMap::Stage& stage, std::size_t start, std::size_t original_length, std::size_t normalised_length) {
  const std::ptrdiff_t before = stage.empty() ? 0 : stage.back().shift_after;
  stage.push_back({start, original_length, normalised_length,
                   before + static_cast<std::ptrdiff_t>(normalised_length) - static_cast<std::ptrdiff_t>(original_length)});
}

// CRLF and lone CR become LF; with a `stage`, each CRLF is recorded as two code points become one.
std::string newlines_to_lf(std::string_view text, SourceOffsetMap::Stage* stage) {
  std::string out;
  out.reserve(text.size());
  CodePointCursor cursor(text);
  std::size_t start = 0;
  while (true) {
    const std::size_t cr = text.find('\r', start);
    if (cr == std::string_view::npos) {
      out.append(text.substr(start));
      return out;
    }
    out.append(text.substr(start, cr - start));
    out.push_back('\n');
    start = cr + 1;
    if (start < text.size() && text[start] == '\n') {
      if (stage != nullptr) add_change(*stage, cursor.advance_to(cr), 2, 1);
      ++start;
    }
  }
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view bytes) {
  for (std::size_t i = skip_ascii(bytes, 0); i < bytes.size(); i = skip_ascii(bytes, i)) {
    const std::size_t length = utf8_sequence_length(bytes, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string decode_to_utf8(std::string_view bytes, const std::string& file_name, const std::string& encoding) {
  if (!encoding.empty()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(encoding.c_str(), &status), ucnv_close);
    if (U_FAILURE(status)) throw usage_error(fmt::format("unknown encoding '{}' (ICU has no converter by that name)", encoding));
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
    if (U_FAILURE(status)) {
      throw invalid_input(fmt::format("bytes that are not valid {}", encoding), {file_name});
    }
    std::string utf8;
    text.toUTF8String(utf8);
    // A byte-order mark is no text, whether or not the encoding named reads it as one (ICU's UTF-8
    // and UTF-16LE converters keep it, as U+FEFF).
    if (utf8.rfind("\xEF\xBB\xBF", 0) == 0) utf8.erase(0, 3);
    return utf8;
  }
  // UTF-32's marks first: UTF-32LE's begins with UTF-16LE's.
  if (bytes.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) return from_utf16(bytes.substr(4), "UTF-32LE", file_name);
  if (bytes.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) return from_utf16(bytes.substr(4), "UTF-32BE", file_name);
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
    return from_utf16(bytes.substr(2), "UTF-16LE", file_name);
  }
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
    return from_utf16(bytes.substr(2), "UTF-16BE", file_name);
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  require_utf8(bytes, file_name, "UTF-8 text, or name the file's encoding with --encoding");
  return std::string(bytes);
}

void require_utf8(std::string_view bytes, const std::string& file_name, std::string_view expected) {
  const std::size_t invalid = find_invalid_utf8(bytes);
  if (invalid == std::string_view::npos) return;
  throw invalid_input(fmt::format("invalid UTF-8 at byte offset {} (byte 0x{:02X}); expected {}", invalid,
                                  static_cast<unsigned char>(bytes[invalid]), expected),
                      byte_location(bytes, invalid, file_name));
}

bool is_known_encoding(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(name.c_str(), &status), ucnv_close);
  return U_SUCCESS(status) && !name.empty();
}

std::vector<EncodingGuess> detect_encodings(std::string_view bytes) {
  constexpr std::size_t kSampleBytes = 1 << 20;  // plenty for its statistics; keeps a huge file cheap
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), ucsdet_close);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no charset detector");
  const std::string_view sample = bytes.substr(0, kSampleBytes);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  std::vector<EncodingGuess> guesses;
  for (int32_t i = 0; U_SUCCESS(status) && i < count; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    const int32_t confidence = ucsdet_getConfidence(matches[i], &status);
    if (U_SUCCESS(status) && name != nullptr) guesses.push_back({name, confidence});
  }
  // The detector gives up on some byte sequences (U_INVALID_CHAR_FOUND on ten bytes the fuzzer made):
  // that is no guess, which the caller reports as such, not a failure of qda's.
  if (U_FAILURE(status)) return {};
  return guesses;
}

std::string normalize_newlines(std::string_view text) { return newlines_to_lf(text, nullptr); }

std::string to_nfc(std::string utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no NFC normaliser");
  // Most transcripts are already NFC and mostly ASCII. ASCII is NFC, and no character composes with
  // an ASCII character that follows it, so only the runs of non-ASCII bytes (with the character
  // before each, their possible base) need ICU's check.
  bool normalized = true;
  for (std::size_t i = skip_ascii(utf8, 0); i < utf8.size() && normalized; i = skip_ascii(utf8, i)) {
    const std::size_t start = i > 0 ? i - 1 : 0;
    while (i < utf8.size() && static_cast<unsigned char>(utf8[i]) >= 0x80) ++i;
    const icu::StringPiece run(utf8.data() + start, static_cast<int32_t>(i - start));
    normalized = nfc->isNormalizedUTF8(run, status) && U_SUCCESS(status);
  }
  if (normalized) return utf8;
  status = U_ZERO_ERROR;
  const icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error(fmt::format("ICU NFC normalisation failed: {}", u_errorName(status)));
  return out;
}

std::string normalize_source_text(std::string utf8) {
  // Most files have LF line ends already: then the text is moved through, not copied.
  if (utf8.find('\r') == std::string::npos) return to_nfc(std::move(utf8));
  return to_nfc(normalize_newlines(utf8));
}

std::size_t SourceOffsetMap::to_normalised(std::size_t offset) const {
  for (const Stage& stage : stages) {
    // The last change that starts at or before the offset.
    auto after = std::upper_bound(stage.begin(), stage.end(), offset,
                                  [](std::size_t value, const Change& change) { return value < change.original_start; });
    if (after == stage.begin()) continue;
    const Change& change = *std::prev(after);
    const std::ptrdiff_t shift_before = change.shift_after - (static_cast<std::ptrdiff_t>(change.normalised_length) -
                                                              static_cast<std::ptrdiff_t>(change.original_length));
    if (offset >= change.original_start + change.original_length) {
      offset = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(offset) + change.shift_after);
    } else {
      const std::size_t inside = std::min(offset - change.original_start, change.normalised_length);
      offset = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(change.original_start) + shift_before) + inside;
    }
  }
  return offset;
}

namespace {

// NFC, stretch by stretch between normalisation boundaries (where NFC of the parts is NFC of the
// whole), recording each stretch whose length changes. Only texts that are not NFC already come here.
std::string to_nfc_mapped(const std::string& utf8, SourceOffsetMap::Stage& stage) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no NFC normaliser");
  std::string out;
  out.reserve(utf8.size());
  std::size_t stretch_start = 0, stretch_code_points = 0, code_points = 0;
  const auto flush = [&](std::size_t end) {
    if (end == stretch_start) return;
    std::string normalised;
    icu::StringByteSink<std::string> sink(&normalised);
    nfc->normalizeUTF8(0, icu::StringPiece(utf8.data() + stretch_start, static_cast<int32_t>(end - stretch_start)), sink,
                       nullptr, status);
    if (U_FAILURE(status)) throw std::runtime_error(fmt::format("ICU NFC normalisation failed: {}", u_errorName(status)));
    const std::size_t normalised_code_points = count_code_points(normalised);
    if (normalised_code_points != stretch_code_points) {
      add_change(stage, code_points - stretch_code_points, stretch_code_points, normalised_code_points);
    }
    out += normalised;
  };
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    const int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, length, c);
    if (at > 0 && nfc->hasBoundaryBefore(c)) {
      flush(static_cast<std::size_t>(at));
      stretch_start = static_cast<std::size_t>(at);
      stretch_code_points = 0;
    }
    ++stretch_code_points;
    ++code_points;
  }
  flush(utf8.size());
  return out;
}

}  // namespace

NormalisedSource normalize_source_text_mapped(std::string utf8, bool crlf_counts_as_one) {
  NormalisedSource source;
  SourceOffsetMap::Stage newlines;
  // Under ATLAS.ti's convention a CRLF is one character already; it still becomes one LF.
  std::string text = utf8.find('\r') == std::string::npos ? std::move(utf8)
                     : crlf_counts_as_one                   ? normalize_newlines(utf8)
                                                            : newlines_to_lf(utf8, &newlines);
  source.offsets.stages.push_back(std::move(newlines));
  std::string nfc = to_nfc(text);
  if (nfc != text) {
    SourceOffsetMap::Stage composed;
    nfc = to_nfc_mapped(text, composed);
    source.offsets.stages.push_back(std::move(composed));
  }
  source.text = std::move(nfc);
  return source;
}

namespace {

bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::size_t count_code_points(std::string_view utf8) {
#if QDA_SSE2
  // As signed bytes, the continuation bytes 0x80-0xBF are those below -64 (0xC0).
  const auto continuation = [](simd::Block block) { return _mm_cmplt_epi8(block, _mm_set1_epi8(-64)); };
#else
  const auto continuation = nullptr;
#endif
  return utf8.size() - simd::count_bytes_where(continuation, is_continuation_byte, utf8);
}

std::size_t count_byte(std::string_view bytes, char byte) {
#if QDA_SSE2
  const auto equal = [byte](simd::Block block) { return simd::equal(block, byte); };
#else
  const auto equal = nullptr;
#endif
  return simd::count_bytes_where(equal, [byte](unsigned char c) { return c == static_cast<unsigned char>(byte); }, bytes);
}

std::pair<std::size_t, std::size_t> count_two_bytes(std::string_view bytes, char first, char second) {
  std::size_t firsts = 0, seconds = 0, i = 0;
#if QDA_SSE2
  // As simd::count_bytes_where() (simd.hpp), with two sets of 8-bit lanes.
  const __m128i first_byte = _mm_set1_epi8(first), second_byte = _mm_set1_epi8(second);
  while (bytes.size() - i >= 16) {
    const std::size_t blocks = std::min<std::size_t>((bytes.size() - i) / 16, 255);
    __m128i first_lanes = _mm_setzero_si128(), second_lanes = _mm_setzero_si128();
    std::size_t block = 0;
    for (; block + 2 <= blocks; block += 2, i += 32) {  // two blocks a step: half the loop's own instructions
      const __m128i v = simd::load(bytes.data() + i), w = simd::load(bytes.data() + i + 16);
      first_lanes = _mm_sub_epi8(first_lanes, _mm_add_epi8(_mm_cmpeq_epi8(v, first_byte), _mm_cmpeq_epi8(w, first_byte)));
      second_lanes = _mm_sub_epi8(second_lanes, _mm_add_epi8(_mm_cmpeq_epi8(v, second_byte), _mm_cmpeq_epi8(w, second_byte)));
    }
    for (; block < blocks; ++block, i += 16) {
      const __m128i v = simd::load(bytes.data() + i);
      first_lanes = _mm_sub_epi8(first_lanes, _mm_cmpeq_epi8(v, first_byte));
      second_lanes = _mm_sub_epi8(second_lanes, _mm_cmpeq_epi8(v, second_byte));
    }
    firsts += simd::lane_sum(first_lanes);
    seconds += simd::lane_sum(second_lanes);
  }
#endif
  for (; i < bytes.size(); ++i) {
    firsts += bytes[i] == first;
    seconds += bytes[i] == second;
  }
  return {firsts, seconds};
}

std::size_t CodePointCursor::advance_to(std::size_t byte_offset) {
  code_points_ += count_code_points(text_.substr(byte_, byte_offset - byte_));
  byte_ = byte_offset;
  return code_points_;
}

std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view utf8, const std::string& language) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  UErrorCode status = U_ZERO_ERROR;
  // Creating a break iterator is costly and takes a lock inside ICU: one per thread and language.
  static thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> breakers;
  std::unique_ptr<icu::BreakIterator>& breaker = breakers[language];
  if (!breaker) {
    // "ss=standard" turns on ICU's abbreviation suppressions ("Mr.", "e.g.") where it has them.
    const std::string locale_id = (language.empty() || language == "und" ? std::string("root") : language) + "@ss=standard";
    breaker.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(locale_id.c_str()), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU has no sentence break iterator");
  }
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  breaker->setText(text, status);
  // With UTF-8 UText, ICU's boundaries are byte offsets into `utf8`.
  int32_t begin = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE; begin = end, end = breaker->next()) {
    std::string_view sentence = utf8.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
    const std::string_view trimmed = trim(sentence);
    if (trimmed.empty()) continue;
    const std::size_t start = static_cast<std::size_t>(begin) + static_cast<std::size_t>(trimmed.data() - sentence.data());
    spans.emplace_back(start, start + trimmed.size());
  }
  utext_close(text);
  return spans;
}

namespace {

// ASCII text as a slug: lower-cased, runs of anything but letters and digits as one hyphen, none at
// either end.
std::string slug_of_ascii(std::string_view ascii) {
  std::string slug;
  for (char c : ascii) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

}  // namespace

std::string slugify(std::string_view utf8) {
  // ASCII comes through the transliterator as itself, lower-cased: skipping ICU for it saves the start
  // of ICU's transliterator registry (about 40 ms) and a call per source.
  const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return slug_of_ascii(utf8);
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> to_ascii;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    to_ascii.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU has no Latin-ASCII transliterator");
  });
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  to_ascii->transliterate(text);
  std::string ascii_text;
  text.toUTF8String(ascii_text);
  return slug_of_ascii(ascii_text);
}

std::string_view trim(std::string_view text) {
  const auto blank_suffix = [](std::string_view s) -> std::size_t {
    if (s.empty()) return 0;
    const char c = s.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
    return 0;
  };
  for (std::size_t n = leading_blank_bytes(text); n > 0; n = leading_blank_bytes(text)) text.remove_prefix(n);
  for (std::size_t n = blank_suffix(text); n > 0; n = blank_suffix(text)) text.remove_suffix(n);
  return text;
}

bool is_blank(std::string_view text) { return trim(text).empty(); }

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) newline = text.size();
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
  return lines;
}

}  // namespace qda
