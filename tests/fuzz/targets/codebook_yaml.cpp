// Fuzz target: codebook.yaml as qda-code and qda-agree load it (load_codebook): YAML parsing, the
// schema, and the loader's own checks (duplicate ids, stances, RE2 patterns, NEAR operands).
#include "fuzz_input.hpp"
#include "qda/codebook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  const auto path = qda::fuzz::write_input(qda::fuzz::as_text(data, size), "codebook.yaml");
  qda::fuzz::run_expecting_only_input_errors([&] { qda::load_codebook(path); });
  return 0;
}
