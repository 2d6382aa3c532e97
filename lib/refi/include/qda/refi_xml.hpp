// QDA-XML 1.0 read and written: project.qde (namespace urn:QDA-XML:project:1.0) and the .qdc codebook
// (urn:QDA-XML:codebook:1.0). Reading is tolerant where real exports differ (an absent namespace,
// upper- or lower-case GUIDs, selections without codings) and strict where a project would be read
// wrongly (a CodeRef to a code the project lacks, positions that are not numbers).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "qda/refi_project.hpp"

namespace qda::refi {

// Parses project.qde. Errors are InvalidInput naming `file_name` (as "archive.qdpx:project.qde"),
// the line and column, and what was expected.
Project read_project_xml(std::string_view xml, const std::string& file_name);

// Parses a .qdc codebook; `unsupported` counts its sets.
std::vector<Code> read_codebook_xml(std::string_view xml, const std::string& file_name, UnsupportedParts* unsupported = nullptr);

// Writes project.qde: the parts of the model qda exports, in the order the standard's schema requires.
void write_project_xml(std::ostream& out, const Project& project);

// Writes a .qdc codebook holding `codes`.
void write_codebook_xml(std::ostream& out, const std::vector<Code>& codes);

}  // namespace qda::refi
