// Which encoding a text source is read in, decided per file: what the sheet says for it, a
// byte-order mark, valid UTF-8, --encoding, or ICU's charset detector when it is sure enough.
#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/text.hpp"
#include "readers.hpp"

namespace qda {

namespace {

void note_encoding(const ReadContext& context, std::string name, int confidence = -1) {
  if (context.report == nullptr) return;
  context.report->encoding = std::move(name);
  context.report->encoding_confidence = confidence;
}

bool starts_with_bytes(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

// A NUL byte is no text: R's read.csv cut the text at it, and a file with one every other byte is
// UTF-16 without a byte-order mark, which must be named rather than read as UTF-8 (it is valid UTF-8).
void refuse_nul(const std::string& text, const std::string& file_name) {
  const std::size_t nul = text.find('\0');
  if (nul == std::string::npos) return;
  const std::string_view before = std::string_view(text).substr(0, nul);
  const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  const bool utf16 = nul + 2 < text.size() && text[nul + 2] == '\0';  // every other byte
  throw invalid_input(fmt::format("a NUL byte (U+0000); expected text{}",
                                  utf16 ? " (a NUL every other byte is UTF-16 without a byte-order mark: name the "
                                          "encoding, UTF-16LE or UTF-16BE, in the attribute sheet or with --encoding)"
                                        : ""),
                      {file_name, count_byte(before, '\n') + 1, count_code_points(before.substr(line_start)) + 1});
}

std::string decode_without_checks(std::string_view bytes, const ReadContext& context) {
  const ReadOptions& options = context.options;
  if (!options.declared_encoding.empty()) {
    std::string text = decode_to_utf8(bytes, context.file_name, options.declared_encoding);
    note_encoding(context, options.declared_encoding);
    return text;
  }
  if (starts_with_bytes(bytes, "\xFF\xFE") || starts_with_bytes(bytes, "\xFE\xFF") ||
      starts_with_bytes(bytes, std::string_view("\0\0\xFE\xFF", 4))) {
    std::string text = decode_to_utf8(bytes, context.file_name);
    if (starts_with_bytes(bytes, std::string_view("\xFF\xFE\0\0", 4))) note_encoding(context, "UTF-32LE");
    else if (bytes[0] == '\0') note_encoding(context, "UTF-32BE");
    else note_encoding(context, bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
    return text;
  }
  const std::string_view body = starts_with_bytes(bytes, "\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
  const std::size_t invalid = find_invalid_utf8(body);
  if (invalid == std::string_view::npos) {
    note_encoding(context, "UTF-8");
    return std::string(body);
  }
  if (!options.encoding.empty()) {
    std::string text = decode_to_utf8(bytes, context.file_name, options.encoding);
    note_encoding(context, options.encoding);
    return text;
  }
  // Not UTF-8 and no encoding given: ICU's guess, if it is confident and the bytes decode in it.
  std::string tried;
  for (const EncodingGuess& guess : detect_encodings(bytes)) {
    if (guess.name.rfind("UTF-", 0) == 0) continue;  // the bytes are not UTF-8, and UTF-16/32 need a mark here
    if (guess.confidence < options.min_encoding_confidence) {
      tried = fmt::format("; ICU's charset detector guesses {} with a confidence of {}%, below the {}% "
                          "--min-encoding-confidence",
                          guess.name, guess.confidence, options.min_encoding_confidence);
      break;
    }
    try {
      std::string text = decode_to_utf8(bytes, context.file_name, guess.name);
      note_encoding(context, guess.name, guess.confidence);
      return text;
    } catch (const Error&) {
      tried = fmt::format("; ICU's charset detector guesses {}, but the bytes are not valid in it", guess.name);
    }
  }
  // The message of a strict UTF-8 read (with the line and column of the first bad byte), told why
  // no other encoding was taken.
  try {
    decode_to_utf8(body, context.file_name);
  } catch (const Error& error) {
    throw invalid_input(fmt::format("{}{}; name the file's encoding in the attribute sheet's 'encoding' column, "
                                    "or with --encoding",
                                    error.message().substr(0, error.message().find(';')),
                                    tried.empty() ? "; ICU's charset detector has no guess" : tried),
                        error.where());
  }
  throw invalid_input(fmt::format("invalid UTF-8 at byte offset {}", invalid), {context.file_name});
}

}  // namespace

std::string decode_source_text(std::string_view bytes, const ReadContext& context) {
  std::string text = decode_without_checks(bytes, context);
  refuse_nul(text, context.file_name);
  return text;
}

}  // namespace qda
