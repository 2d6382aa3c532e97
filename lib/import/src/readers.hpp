// The readers and signatures behind the rows of source_formats.cpp, one file per family of formats.
#pragma once

#include <string_view>

#include "qda/document.hpp"
#include "qda/source_format.hpp"

namespace qda {

Document read_plain_text(std::string_view bytes, const ReadContext& context);  // plain_text.cpp: .txt, .md
Document read_docx(std::string_view bytes, const ReadContext& context);        // office.cpp
Document read_odt(std::string_view bytes, const ReadContext& context);
bool has_odt_signature(std::string_view head);
Document read_webvtt(std::string_view bytes, const ReadContext& context);      // captions.cpp
Document read_subrip(std::string_view bytes, const ReadContext& context);
bool has_webvtt_signature(std::string_view head);
bool has_subrip_signature(std::string_view head);
Document read_csv_survey(std::string_view bytes, const ReadContext& context);  // survey.cpp

}  // namespace qda
