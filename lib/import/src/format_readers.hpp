// Readers private to the library: caption files and CSV surveys (formats.cpp dispatches to them).
#pragma once

#include <string>

#include "qda/document.hpp"
#include "qda/formats.hpp"
#include "qda/speakers.hpp"

namespace qda {

// `text` is already decoded and normalised. WebVTT when `webvtt`, else SubRip.
Document read_captions(const std::string& text, bool webvtt, const std::string& file_name, const SpeakerRules& speakers);

// `utf8` is the decoded CSV; the result's text is the answers, one block per non-empty text cell.
Document read_survey(const std::string& utf8, const std::string& file_name, const ReadOptions& options);

}  // namespace qda
