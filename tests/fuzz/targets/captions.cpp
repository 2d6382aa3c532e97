// Fuzz target: WebVTT and SubRip captions as qda-import reads them: a file that starts with "WEBVTT"
// goes to the WebVTT reader by its signature, any other to the SubRip reader by its .srt name; cues,
// timings, voice tags, markup and speaker labels, then turns, paragraphs and sentences (import_source.hpp).
#include "fuzz_input.hpp"
#include "import_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  qda::fuzz::import_source(qda::fuzz::as_text(data, size), "captions.srt");
  return 0;
}
