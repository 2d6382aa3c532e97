// The readers and signatures behind the rows of source_formats.cpp, one file per family of formats.
#pragma once

#include <string_view>

#include "qda/document.hpp"
#include "qda/source_format.hpp"

namespace qda {

// A text source's bytes as UTF-8 (source_text.cpp): in the sheet's encoding for the file if it
// names one; else UTF-8 or UTF-16 by its byte-order mark, or UTF-8 if the bytes are valid UTF-8;
// else --encoding if given; else the encoding ICU's charset detector names, if it is sure enough.
// Says in `context.report` which it was.
std::string decode_source_text(std::string_view bytes, const ReadContext& context);

Document read_plain_text(std::string_view bytes, const ReadContext& context);  // plain_text.cpp: .txt, .md
bool has_otter_signature(std::string_view head);     // transcript_styles.cpp: text exports read as plain text
bool has_zoom_signature(std::string_view head);
bool has_rev_signature(std::string_view head);
bool has_diarized_signature(std::string_view head);
Document read_docx(std::string_view bytes, const ReadContext& context);        // office.cpp
Document read_odt(std::string_view bytes, const ReadContext& context);
bool has_odt_signature(std::string_view head);
Document read_webvtt(std::string_view bytes, const ReadContext& context);      // captions.cpp
Document read_subrip(std::string_view bytes, const ReadContext& context);
bool has_webvtt_signature(std::string_view head);
bool has_subrip_signature(std::string_view head);
Document read_csv_survey(std::string_view bytes, const ReadContext& context);  // survey.cpp

}  // namespace qda
