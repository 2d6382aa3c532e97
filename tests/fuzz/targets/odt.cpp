// Fuzz target: OpenDocument texts as qda-import reads them: the signature, the ZIP container, content.xml
// (namespaces, spans, runs of spaces, tabs, notes, headings), then turns, paragraphs and sentences.
// The input is ZIP bytes or the XML alone, stored after the "mimetype" entry (office_input.hpp).
#include "fuzz_input.hpp"
#include "office_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  static const qda::fuzz::OfficeFormat odt{
      "interview.odt", "content.xml", {{"mimetype", "application/vnd.oasis.opendocument.text"}}};
  return qda::fuzz::import_office_input(qda::fuzz::as_text(data, size), odt);
}
