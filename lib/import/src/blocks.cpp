// Blocks of text-like sources: paragraphs and the speaker turns their labels open.
#include "qda/blocks.hpp"

#include <optional>

#include "qda/text.hpp"

namespace qda {

namespace {

constexpr std::size_t kNoFixedBlock = static_cast<std::size_t>(-1);

std::size_t offset_of(std::string_view line, std::string_view text) { return static_cast<std::size_t>(line.data() - text.data()); }

// For each line, the index of the fixed block it lies in, or kNoFixedBlock.
std::vector<std::size_t> lines_in_fixed_blocks(const std::vector<std::string_view>& lines, std::string_view text,
                                               const std::vector<Block>& fixed) {
  std::vector<std::size_t> owner(lines.size(), kNoFixedBlock);
  std::size_t f = 0;
  for (std::size_t i = 0; i < lines.size() && f < fixed.size(); ++i) {
    const std::size_t begin = offset_of(lines[i], text), end = begin + lines[i].size();
    while (f < fixed.size() && fixed[f].end < begin) ++f;
    if (f < fixed.size() && end >= fixed[f].begin) owner[i] = f;
  }
  return owner;
}

// With a roster, a line that opens with one of its names and a colon, which the built-in forms did
// not take for a label or took for another name ("Budi Santoso (he/him): ...", "Dr. María de la Cruz
// López: ..."), after a time too ("[00:01:02] Budi Santoso (he/him): ...").
void find_roster_labels(const std::vector<std::string_view>& lines, const std::vector<std::size_t>& fixed_owner,
                        const SpeakerRoster& roster, std::vector<std::optional<SpeakerLabel>>& found) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (fixed_owner[i] != kNoFixedBlock) continue;
    std::optional<SpeakerLabel>& label = found[i];
    if (label && label->form == LabelForm::TimeOnly && !label->heading) {
      if (auto named = roster_label(lines[i].substr(label->length), roster)) {
        named->length += label->length;
        named->start_ms = label->start_ms;
        named->end_ms = label->end_ms;
        label = std::move(named);
      }
    } else if (!label || (label->form != LabelForm::TimeOnly && label->form != LabelForm::Footer && roster.count(label->name) == 0)) {
      // A name alone on its line is find_name_lines's to take.
      if (auto named = roster_label(lines[i], roster); named && !named->heading) label = std::move(named);
    }
  }
}

// The labels no format marks but a layout implies: a name alone on its line after a line holding
// only a time (Teams' older transcripts: "0:0:5.1 --> 0:0:8.2", "Ana Lee", then the text), and a
// roster's name alone on its line.
void find_name_lines(const std::vector<std::string_view>& lines, const std::vector<std::size_t>& fixed_owner,
                     const SpeakerRoster& roster, std::vector<std::optional<SpeakerLabel>>& found) {
  const auto next_text_line = [&](std::size_t from) {
    while (from < lines.size() && (is_blank(lines[from]) || fixed_owner[from] != kNoFixedBlock)) ++from;
    return from;
  };
  const auto name_line = [](std::string_view line, std::string_view name) {
    SpeakerLabel label;
    label.name = std::string(name);
    label.length = line.size();
    label.form = LabelForm::NameLine;
    label.explicit_form = true;
    label.name_shaped = true;
    label.heading = true;
    return label;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (fixed_owner[i] != kNoFixedBlock || is_blank(lines[i])) continue;
    if (!found[i] && !roster.empty()) {
      std::string_view name = trim(lines[i]);
      if (!name.empty() && name.back() == ':') name = trim(name.substr(0, name.size() - 1));
      if (roster.count(std::string(name)) > 0) found[i] = name_line(lines[i], name);
      continue;
    }
    if (!found[i] || found[i]->form != LabelForm::TimeOnly || !found[i]->heading) continue;
    const std::size_t name_at = next_text_line(i + 1);
    if (name_at >= lines.size() || found[name_at] || next_text_line(name_at + 1) >= lines.size()) continue;
    const std::string_view name = trim(lines[name_at]);
    if (name.size() > 60 || !looks_like_name(name, 6)) continue;
    SpeakerLabel label = name_line(lines[name_at], name);
    label.start_ms = found[i]->start_ms;
    label.end_ms = found[i]->end_ms;
    found[name_at] = std::move(label);
    found[i]->start_ms.reset();  // the turn's times now travel with its name
    found[i]->end_ms.reset();
  }
}

}  // namespace

std::vector<Block> split_into_blocks(std::string_view text, const SpeakerRules& speakers, const SpeakerRoster& roster,
                                     const std::vector<Block>& fixed, std::set<std::string>* unlisted) {
  const std::vector<std::string_view> lines = split_lines(text);
  const std::vector<std::size_t> fixed_owner = lines_in_fixed_blocks(lines, text, fixed);
  // First pass: what each line opens with; then which of those labels the source bears out.
  std::vector<std::optional<SpeakerLabel>> found(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (fixed_owner[i] == kNoFixedBlock) found[i] = speakers.match(lines[i]);
  }
  if (!speakers.is_custom() && !roster.empty()) find_roster_labels(lines, fixed_owner, roster, found);
  if (!speakers.is_custom()) find_name_lines(lines, fixed_owner, roster, found);
  std::vector<const SpeakerLabel*> candidates(lines.size(), nullptr);
  std::vector<bool> opens_paragraph(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (found[i]) candidates[i] = &*found[i];
    opens_paragraph[i] = i == 0 || is_blank(lines[i - 1]) || found[i - 1].has_value();
  }
  std::set<std::string> layout_speakers;  // a speaker table's speakers are speakers in the text around it too
  for (const Block& block : fixed) {
    if (!block.speaker.empty()) layout_speakers.insert(block.speaker);
  }
  const std::vector<bool> accepted = speakers.accept(candidates, opens_paragraph, roster, layout_speakers);
  if (unlisted != nullptr && !roster.empty()) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (found[i] && !accepted[i] && found[i]->explicit_form) unlisted->insert(found[i]->name);
    }
  }

  std::vector<Block> blocks;
  bool open = false;
  std::string_view speaking;  // the speaker of the current turn
  bool in_turn = false;
  // Times of a time-only line whose block turned out empty, for the block that follows it.
  std::optional<std::int64_t> pending_start, pending_end;
  const auto close_block = [&] {
    if (!open) return;
    Block& block = blocks.back();
    const std::string_view content = trim(text.substr(block.begin, block.end - block.begin));
    block.begin = offset_of(content, text);
    block.end = block.begin + content.size();
    // A label with nothing after it still opens the turn; an unlabelled empty block is dropped.
    if (content.empty() && !block.starts_turn) {
      if (block.start_ms) pending_start = block.start_ms, pending_end = block.end_ms;
      blocks.pop_back();
    }
    open = false;
  };
  const auto open_block = [&](Block block) {
    close_block();
    if (!block.start_ms && pending_start) block.start_ms = pending_start, block.end_ms = pending_end;
    pending_start.reset();
    pending_end.reset();
    blocks.push_back(std::move(block));
    open = true;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const std::size_t line_begin = offset_of(line, text), line_end = line_begin + line.size();
    if (const std::size_t f = fixed_owner[i]; f != kNoFixedBlock) {
      if (i == 0 || fixed_owner[i - 1] != f) {
        open_block(fixed[f]);
        close_block();
        if (fixed[f].starts_turn) speaking = fixed[f].speaker, in_turn = true;
      }
      continue;
    }
    if (is_blank(line)) {
      close_block();
      continue;
    }
    const SpeakerLabel* label = accepted[i] ? &*found[i] : nullptr;
    if (label == nullptr) {
      if (open) {
        blocks.back().end = line_end;
      } else {
        open_block({line_begin, line_end, {}, false, {}, {}, {}});
      }
      continue;
    }
    Block block{line_begin + label->length, line_end, {}, false, {}, {}, {}};
    block.start_ms = label->start_ms;
    block.end_ms = label->end_ms;
    if (!label->clock_time.empty()) block.attributes.emplace_back("clock_time", label->clock_time);
    if (label->form == LabelForm::Footer) {
      block.begin = line_begin;  // the footer is text no one speaks: a turn of its own, without a speaker
      block.starts_turn = true;
      speaking = {}, in_turn = true;
    } else if (label->form != LabelForm::TimeOnly) {
      const bool split_by_format = label->start_ms || !label->clock_time.empty() || (i > 0 && !is_blank(lines[i - 1]));
      if (!(in_turn && label->name == speaking && split_by_format)) {
        block.speaker = label->name;
        block.starts_turn = true;
      }
      speaking = label->name, in_turn = true;
    }
    open_block(std::move(block));
  }
  close_block();
  return blocks;
}

Document document_from_paragraphs(const std::vector<SourceParagraph>& paragraphs, const SpeakerRules& speakers,
                                  const SpeakerRoster& roster, std::set<std::string>* unlisted) {
  // Each piece is normalised before the pieces are joined, so that the offsets of the fixed blocks
  // hold in the stored text. The joins are ASCII that nothing composes with ("\n\n", ": "), so
  // this gives the same text as normalising the whole.
  Document document;
  std::string& joined = document.text;
  std::vector<Block> fixed;
  for (const auto& paragraph : paragraphs) {
    const std::string text = normalize_source_text(paragraph.text);
    if (is_blank(text) && paragraph.speaker.empty()) continue;
    if (!joined.empty()) joined += "\n\n";
    if (paragraph.speaker.empty() && !paragraph.continues_turn) {
      joined += text;
      continue;
    }
    Block block;
    if (!paragraph.speaker.empty()) {
      block.speaker = normalize_source_text(paragraph.speaker);
      block.starts_turn = true;
      joined += block.speaker + ": ";
    }
    block.begin = joined.size();
    joined += text;
    block.end = joined.size();
    block.start_ms = paragraph.start_ms;
    fixed.push_back(std::move(block));
  }
  // The last paragraph ends with a line end too, as a text file's last line does: the same interview
  // saved as .docx and as .txt is stored as the same bytes.
  if (!joined.empty()) joined += '\n';
  document.blocks = split_into_blocks(document.text, speakers, roster, fixed, unlisted);
  return document;
}

}  // namespace qda
