// Text-like sources (plain text, Markdown, word-processor paragraphs) cut into blocks: the paragraphs
// and speaker turns that segmentation groups.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qda/document.hpp"
#include "qda/speakers.hpp"

namespace qda {

// Splits normalised text into blocks: a blank line ends a block, and a line that opens with an
// accepted speaker label starts a new block and turn (SpeakerRules::accept decides which labels
// count). A label of the speaker already speaking continues the turn in a new block when it carries a
// time or follows the previous line directly, as transcription services split a turn; a line opening
// with a time starts a block of the current turn. `fixed` are blocks whose speaker the layout gives
// (a speaker table's rows), in text order: their lines are taken as they are. Names of labels that a
// roster left out are added to `unlisted`, if given.
std::vector<Block> split_into_blocks(std::string_view text, const SpeakerRules& speakers, const SpeakerRoster& roster = {},
                                     const std::vector<Block>& fixed = {}, std::set<std::string>* unlisted = nullptr);

// A paragraph of a word-processor document. `speaker` is set for the first paragraph of a row of a
// speaker table (the layout says who speaks), `continues_turn` for the row's other paragraphs and for
// rows without a speaker; other paragraphs are read like lines of a text file.
struct SourceParagraph {
  std::string text;
  std::string speaker;
  bool continues_turn = false;
  std::optional<std::int64_t> start_ms;  // a speaker table's time column
};

// A document from paragraphs, one blank line between them so the stored text reads back as the same
// blocks, and a line end after the last; blank paragraphs are left out. A paragraph with a speaker is
// stored as "Speaker: text", the label written by qda and not part of the block.
Document document_from_paragraphs(const std::vector<SourceParagraph>& paragraphs, const SpeakerRules& speakers,
                                  const SpeakerRoster& roster = {}, std::set<std::string>* unlisted = nullptr);

}  // namespace qda
