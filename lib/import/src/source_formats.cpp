// The registry of source formats: one row per format. A row's signature, when it has one, is tried
// before any extension, so a file is read as what it is rather than what it is called.
#include "qda/source_format.hpp"

#include <algorithm>
#include <stdexcept>

#include "qda/error.hpp"
#include "qda/text.hpp"
#include "readers.hpp"

namespace qda {

const std::vector<SourceFormat>& source_formats() {
  static const std::vector<SourceFormat> formats = {
      {"txt", "text/plain", {".txt"}, nullptr, read_plain_text},
      {"md", "text/markdown", {".md"}, nullptr, read_plain_text},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}, nullptr, read_docx},
      {"odt", "application/vnd.oasis.opendocument.text", {".odt"}, has_odt_signature, read_odt},
      {"vtt", "text/vtt", {".vtt"}, has_webvtt_signature, read_webvtt},
      {"srt", "application/x-subrip", {".srt"}, has_subrip_signature, read_subrip},
      {"csv", "text/csv", {".csv"}, nullptr, read_csv_survey},
      // Text exports of transcription services, known by their first lines only.
      {"otter", "text/plain", {}, has_otter_signature, read_plain_text},
      {"zoom", "text/plain", {}, has_zoom_signature, read_plain_text},
      {"rev", "text/plain", {}, has_rev_signature, read_plain_text},
      {"diarized", "text/plain", {}, has_diarized_signature, read_plain_text},
      {"qdpx", "application/x-qdpx", {".qdpx"}, nullptr, nullptr, true},
  };
  return formats;
}

const SourceFormat& source_format(std::string_view name) {
  for (const auto& format : source_formats()) {
    if (format.name == name) return format;
  }
  throw std::out_of_range("no source format named " + std::string(name));
}

const SourceFormat* format_for_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& format : source_formats()) {
    if (std::find(format.extensions.begin(), format.extensions.end(), extension) != format.extensions.end()) return &format;
  }
  return nullptr;
}

namespace {

// The head of a file with a UTF-16 or UTF-32 byte-order mark as UTF-8, so that the signatures, which
// are UTF-8, see a caption file saved as "Unicode" (Notepad's UTF-16) as they see it in UTF-8; any
// other head as it is.
std::string head_as_utf8(std::string_view head) {
  const bool utf16 = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF";
  const bool utf32 = head.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4);
  if (!utf16 && !utf32) return std::string(head);
  const std::size_t unit = utf32 || head.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4) ? 4 : 2;
  std::string_view whole_units = head.substr(0, head.size() - head.size() % unit);
  // The head may end inside a surrogate pair: one unit fewer then.
  for (int tries = 0; tries < 2 && whole_units.size() >= unit; ++tries, whole_units.remove_suffix(unit)) {
    try {
      return decode_to_utf8(whole_units, "head");
    } catch (const Error&) {
    }
  }
  return std::string(head);
}

}  // namespace

const SourceFormat* recognise_format(const std::filesystem::path& path, std::string_view head) {
  const std::string text = head_as_utf8(head.substr(0, kSignatureBytes));
  for (const auto& format : source_formats()) {
    if (format.signature != nullptr && format.signature(text)) return &format;
  }
  return format_for_extension(path);
}

std::string known_extensions() {
  std::string list;
  for (const auto& format : source_formats()) {
    for (const auto extension : format.extensions) list.append(list.empty() ? "" : ", ").append(extension);
  }
  return list;
}

Document read_document(std::string_view bytes, const SourceFormat& format, const ReadContext& context) {
  if (bytes.empty()) throw invalid_input("the file is empty; expected a transcript", {context.file_name});
  Document document = format.read(bytes, context);
  if (document.blocks.empty()) throw invalid_input("the file holds no text; expected a transcript", {context.file_name});
  return document;
}

}  // namespace qda
