// Fuzz target: a plain-text transcript as qda-import reads it: decoding (UTF-8, a byte-order mark,
// UTF-16), normalisation, speaker detection ("Name:", "[Name]", "**Name:**", "Q:"/"A:") and blocks, then
// turns, paragraphs and sentences (import_source.hpp).
#include "fuzz_input.hpp"
#include "import_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  qda::fuzz::import_source(qda::fuzz::as_text(data, size), "interview.txt");
  return 0;
}
