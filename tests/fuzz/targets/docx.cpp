// Fuzz target: Word documents as qda-import reads them: the ZIP container (libzip, the zip-bomb limits),
// word/document.xml (pugixml, namespaces, runs, tabs, breaks, deletions, text boxes), then turns,
// paragraphs and sentences. The input is ZIP bytes or the XML alone (office_input.hpp).
#include "fuzz_input.hpp"
#include "office_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  static const qda::fuzz::OfficeFormat docx{"interview.docx", "word/document.xml", {}};
  return qda::fuzz::import_office_input(qda::fuzz::as_text(data, size), docx);
}
