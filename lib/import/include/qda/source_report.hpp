// What qda-import says about each source on stderr: a summary line (its format, turns and speakers)
// and warnings about what may have gone wrong (no speaker found, one segment only, an encoding
// guessed, labels a roster left out), so a researcher sees at once which files to check.
#pragma once

#include <string>

#include "qda/corpus.hpp"
#include "qda/source_format.hpp"
#include "qda/speakers.hpp"

namespace qda {

void report_source(const std::string& file_name, const SourceRecord& record, const ReadReport& report,
                   const SpeakerRoster& roster);

}  // namespace qda
