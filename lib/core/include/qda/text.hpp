// Unicode text handling through ICU: decoding to UTF-8, NFC normalisation, code-point offsets,
// sentence boundaries, slugs; counting bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qda {

// Turns a file's bytes into UTF-8 text. With an empty `encoding`: a UTF-8 byte-order mark is dropped,
// UTF-16 with a byte-order mark is converted, and anything else must be valid UTF-8 (an InvalidInput
// error names the file, the byte offset, line and column). With an encoding name (any ICU converter
// name such as "windows-1252" or "ISO-8859-1"), the bytes are converted from it, strictly.
std::string decode_to_utf8(std::string_view bytes, const std::string& file_name, const std::string& encoding = {});

// Whether ICU has a converter of that name or alias ("windows-1252", "latin1", "Shift_JIS").
bool is_known_encoding(const std::string& name);

// An encoding ICU's charset detector finds plausible for some bytes, with its confidence (0-100).
struct EncodingGuess {
  std::string name;  // an ICU converter name: "windows-1252", "ISO-8859-2", "Shift_JIS", ...
  int confidence = 0;
};
// Every encoding ICU's detector finds plausible for `bytes` (their first mebibyte), most confident
// first; the same bytes always give the same list.
std::vector<EncodingGuess> detect_encodings(std::string_view bytes);

// Byte offset of the first invalid UTF-8 sequence, or npos if the text is valid.
std::size_t find_invalid_utf8(std::string_view bytes);

// An InvalidInput error unless `bytes` is valid UTF-8: it names the file, the line and column of the
// first invalid byte, the byte, and what was `expected` ("UTF-8 text, ...").
void require_utf8(std::string_view bytes, const std::string& file_name, std::string_view expected);

// CRLF and lone CR become LF.
std::string normalize_newlines(std::string_view text);

// Unicode Normalization Form C (ICU); the input must be valid UTF-8.
std::string to_nfc(std::string utf8);

// The text as a source is stored: newlines normalised, then NFC.
std::string normalize_source_text(std::string utf8);

std::size_t count_code_points(std::string_view utf8);

// Where the code-point offsets of a text before normalize_source_text() fall after it: a CRLF that
// became one LF, characters NFC composed. An offset inside a changed stretch (between CR and LF, inside
// a composed sequence) goes to the nearest offset the normalised stretch has, never past its end.
class SourceOffsetMap {
 public:
  std::size_t to_normalised(std::size_t original) const;

  // A stretch of `original_length` code points at `original_start` that became `normalised_length`.
  struct Change {
    std::size_t original_start = 0;
    std::size_t original_length = 0;
    std::size_t normalised_length = 0;
    std::ptrdiff_t shift_after = 0;  // normalised minus original offset, past this change
  };
  // One stage (newlines, then NFC); each stage's changes are in the offsets of the text it was given.
  using Stage = std::vector<Change>;
  std::vector<Stage> stages;
};

struct NormalisedSource {
  std::string text;  // what normalize_source_text() gives
  SourceOffsetMap offsets;
};

// normalize_source_text() that also keeps the offset map. With `crlf_counts_as_one`, offsets already
// count a CRLF as one character (ATLAS.ti's convention), so only NFC moves them.
NormalisedSource normalize_source_text_mapped(std::string utf8, bool crlf_counts_as_one = false);

// How many bytes of `bytes` are `byte` (sixteen at a time: segments.csv is scanned for quotes and
// line ends chunk by chunk).
std::size_t count_byte(std::string_view bytes, char byte);
// How many bytes of `bytes` are `first`, and how many are `second`, in one pass.
std::pair<std::size_t, std::size_t> count_two_bytes(std::string_view bytes, char first, char second);

// Converts increasing byte offsets of one UTF-8 text to code-point offsets in a single pass.
class CodePointCursor {
 public:
  explicit CodePointCursor(std::string_view utf8) : text_(utf8) {}
  // `byte_offset` must not be smaller than the previous call's.
  std::size_t advance_to(std::size_t byte_offset);

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::size_t code_points_ = 0;
};

// Byte spans [begin, end) of the sentences of `utf8`, by ICU's sentence boundaries for the language
// (a BCP 47 tag such as "id" or "en"), with surrounding white space trimmed and empty spans dropped.
std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view utf8, const std::string& language);

// Lower-case ASCII letters, digits and single hyphens, from any text (accents removed by ICU's
// Latin-ASCII transliteration): "Wawancara Kepala Bappeda (2023)" -> "wawancara-kepala-bappeda-2023".
std::string slugify(std::string_view utf8);

// The lines of `text` split at LF, without their line ends (a final LF gives a last empty line).
// Each is a view into `text`, so its byte offset is `line.data() - text.data()`.
std::vector<std::string_view> split_lines(std::string_view text);

// True for the white space that separates paragraphs and words in a transcript (ASCII and NBSP).
bool is_blank(std::string_view text);
// Removes that white space from both ends.
std::string_view trim(std::string_view text);
// The bytes of the white space character `text` starts with, as trim() sees it: 0 if none. Inline:
// qda-code asks it of every hit it reads a stance for.
inline std::size_t leading_blank_bytes(std::string_view text) {
  if (text.empty()) return 0;
  const char c = text.front();
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (text.size() >= 2 && c == '\xC2' && text[1] == '\xA0') return 2;  // no-break space
  return 0;
}

}  // namespace qda
