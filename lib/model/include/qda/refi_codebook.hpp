// Codebooks exchanged with REFI-QDA tools (docs/refi-qda.md): a code tree from a .qdc file or a
// .qdpx project as a qda codebook, a qda codebook as REFI codes, and the codebook.yaml of the former.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "qda/codebook.hpp"
#include "qda/refi_project.hpp"

namespace qda {

// A codebook made from REFI codes: codes[i] is refi_codes[i], in the same depth-first order.
struct RefiCodebook {
  Codebook codebook;
  std::size_t dropped_colours = 0;  // colours neither #RRGGBB nor #RGB, left out
};

// Ids are the names as slugs ("Public participation" -> public-participation), made unique by a
// suffix in codebook order (the second "programming" is programming-2); an empty name gives "code".
// Descriptions become definitions; #RGB colours are widened to #RRGGBB; each code keeps its GUID.
RefiCodebook codebook_from_refi(const std::vector<refi::Code>& refi_codes, std::string title);

// The GUID qda gives a code in REFI-QDA files: the one it was imported with (Code::guid), else one
// derived from its id, so the same codebook exports to the same GUIDs every time and a code keeps its
// GUID through a round trip (.qdc -> qda -> .qdc, .qdpx -> codebook.yaml -> .qdpx).
std::string code_guid(const Code& code);

// The codebook as REFI codes: name, definition as description, colour, codability and the tree.
std::vector<refi::Code> codebook_to_refi(const Codebook& codebook);

// codebook.yaml for a codebook made from REFI codes: its codes with the fields REFI carries (id,
// name, definition, colour, codable, GUID, sub-codes). It has no rules and no stance vocabulary.
void write_refi_codebook_yaml(std::ostream& out, const Codebook& codebook, const std::string& description);

}  // namespace qda
