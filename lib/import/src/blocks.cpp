// Blocks of text-like sources: paragraphs and the speaker turns their labels open.
#include "qda/blocks.hpp"

#include <map>
#include <optional>

#include "qda/text.hpp"

namespace qda {

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

Document document_from_paragraphs(const std::vector<std::string>& paragraphs, const SpeakerRules& speakers) {
  std::string joined;
  for (const auto& paragraph : paragraphs) {
    if (is_blank(paragraph)) continue;
    if (!joined.empty()) joined += "\n\n";
    joined += paragraph;
  }
  // The last paragraph ends with a line end too, as a text file's last line does: the same interview
  // saved as .docx and as .txt is stored as the same bytes.
  if (!joined.empty()) joined += '\n';
  Document document;
  document.text = normalize_source_text(std::move(joined));
  document.blocks = split_into_blocks(document.text, speakers);
  return document;
}

}  // namespace qda
