// Tables in word-processor transcripts: a common interview layout puts the speakers in one column
// and what they say in another (speaker_tables.cpp). Shared by the DOCX and ODT readers.
#pragma once

#include <string>
#include <vector>

#include "qda/blocks.hpp"
#include "qda/speakers.hpp"

namespace qda {

struct TableRow {
  std::vector<std::vector<std::string>> cells;  // each cell's paragraphs, in order
  bool header = false;                          // marked as a header row by the document
};

// The table's paragraphs, appended to `out`: as speaker turns if it is a speaker table (a column of
// short labels that recur, or that the roster names, beside a column of text, perhaps with a column
// of times), else every cell's paragraphs row by row, as they would read without the table.
void append_table(const std::vector<TableRow>& rows, const SpeakerRoster& roster, std::vector<SourceParagraph>& out);

}  // namespace qda
