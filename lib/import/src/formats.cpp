// The format table, block splitting shared by the text-like formats, and the reader dispatch.
#include "qda/formats.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/text.hpp"
#include "format_readers.hpp"

namespace qda {

namespace {

struct FormatInfo {
  SourceFormat format;
  std::string_view extension;
  std::string_view name;
  std::string_view media_type;
};

constexpr FormatInfo kFormats[] = {
    {SourceFormat::PlainText, ".txt", "txt", "text/plain"},
    {SourceFormat::Markdown, ".md", "md", "text/markdown"},
    {SourceFormat::Docx, ".docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {SourceFormat::Odt, ".odt", "odt", "application/vnd.oasis.opendocument.text"},
    {SourceFormat::WebVtt, ".vtt", "vtt", "text/vtt"},
    {SourceFormat::SubRip, ".srt", "srt", "application/x-subrip"},
    {SourceFormat::CsvSurvey, ".csv", "csv", "text/csv"},
};

const FormatInfo& info(SourceFormat format) {
  return *std::find_if(std::begin(kFormats), std::end(kFormats),
                       [&](const FormatInfo& entry) { return entry.format == format; });
}

}  // namespace

std::optional<SourceFormat> format_for_path(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& entry : kFormats) {
    if (entry.extension == extension) return entry.format;
  }
  return std::nullopt;
}

std::string_view format_name(SourceFormat format) { return info(format).name; }
std::string_view media_type(SourceFormat format) { return info(format).media_type; }

std::vector<Block> split_into_blocks(std::string_view text, const SpeakerRules& speakers) {
  const std::vector<std::string_view> lines = split_lines(text);
  // First pass: the label of each line, and which plain "Name:" labels recur, and so are speakers
  // rather than prose.
  std::vector<std::optional<SpeakerLabel>> labels(lines.size());
  std::map<std::string, int> plain_label_counts;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    labels[i] = speakers.match(lines[i]);
    if (labels[i] && !labels[i]->explicit_form) ++plain_label_counts[labels[i]->name];
  }
  std::vector<Block> blocks;
  bool open = false;
  const auto close_block = [&] {
    if (!open) return;
    Block& block = blocks.back();
    const std::string_view content = trim(text.substr(block.begin, block.end - block.begin));
    block.begin = static_cast<std::size_t>(content.data() - text.data());
    block.end = block.begin + content.size();
    // A label with nothing after it still opens the turn; an unlabelled empty block is dropped.
    if (content.empty() && !block.starts_turn) blocks.pop_back();
    open = false;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view content = lines[i];
    const std::size_t line_begin = static_cast<std::size_t>(content.data() - text.data());
    const std::size_t line_end = line_begin + content.size();
    if (is_blank(content)) {
      close_block();
      continue;
    }
    auto& label = labels[i];
    if (label && !label->explicit_form && plain_label_counts[label->name] < 2) label.reset();
    if (label) {
      close_block();
      blocks.push_back({line_begin + label->length, line_end, label->name, true, {}});
      open = true;
      continue;
    }
    if (!open) {
      blocks.push_back({line_begin, line_end, {}, false, {}});
      open = true;
    } else {
      blocks.back().end = line_end;
    }
  }
  close_block();
  return blocks;
}

Document read_document(std::string_view bytes, SourceFormat format, const std::string& file_name,
                       const ReadOptions& options, const SpeakerRules& speakers) {
  if (bytes.empty()) throw invalid_input("the file is empty; expected a transcript", {file_name});
  Document document;
  switch (format) {
    case SourceFormat::PlainText:
    case SourceFormat::Markdown:
      document.text = normalize_source_text(decode_to_utf8(bytes, file_name, options.encoding));
      document.blocks = split_into_blocks(document.text, speakers);
      break;
    case SourceFormat::Docx:
    case SourceFormat::Odt: {
      const auto paragraphs = format == SourceFormat::Docx ? docx_paragraphs(bytes, file_name, options.zip_limits)
                                                           : odt_paragraphs(bytes, file_name, options.zip_limits);
      // Paragraphs are separated by a blank line, so the stored text reads back as the same blocks.
      std::string joined;
      for (const auto& paragraph : paragraphs) {
        if (is_blank(paragraph)) continue;
        if (!joined.empty()) joined += "\n\n";
        joined += paragraph;
      }
      document.text = normalize_source_text(std::move(joined));
      document.blocks = split_into_blocks(document.text, speakers);
      break;
    }
    case SourceFormat::WebVtt:
    case SourceFormat::SubRip:
      document = read_captions(normalize_source_text(decode_to_utf8(bytes, file_name, options.encoding)),
                               format == SourceFormat::WebVtt, file_name, speakers);
      break;
    case SourceFormat::CsvSurvey:
      document = read_survey(decode_to_utf8(bytes, file_name, options.encoding), file_name, options);
      break;
  }
  if (document.blocks.empty()) throw invalid_input("the file holds no text; expected a transcript", {file_name});
  return document;
}

}  // namespace qda
