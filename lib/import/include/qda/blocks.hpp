// Text-like sources (plain text, Markdown, word-processor paragraphs) cut into blocks: the paragraphs
// and speaker turns that segmentation groups.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qda/document.hpp"
#include "qda/speakers.hpp"

namespace qda {

// Splits normalised text into blocks: a blank line ends a block, and a line that opens with a
// speaker label starts a new block (and turn). Plain "Name:" labels count only when the same name
// labels at least two lines of the text, so a lone "Note: ..." is not taken for a speaker.
std::vector<Block> split_into_blocks(std::string_view text, const SpeakerRules& speakers);

// A document from paragraphs (a word processor's), one blank line between them so the stored text
// reads back as the same blocks, and a line end after the last; blank paragraphs are left out.
Document document_from_paragraphs(const std::vector<std::string>& paragraphs, const SpeakerRules& speakers);

}  // namespace qda
