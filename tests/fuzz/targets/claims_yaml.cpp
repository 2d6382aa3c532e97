// Fuzz target: claims.yaml as qda-check runs it (run_check), over the Brebes example's golden outputs:
// YAML, the schema, the claims' own checks, and the paths and assertions they apply to the outputs.
#include <sstream>

#include "fuzz_input.hpp"
#include "qda/check_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  qda::CheckOptions options;
  options.claims = qda::fuzz::write_input(qda::fuzz::as_text(data, size), "claims.yaml").string();
  options.dir = qda::fuzz::repository_file("tests/golden/brebes-smart-governance").string();
  qda::fuzz::run_expecting_only_input_errors([&] {
    std::ostringstream out;
    const int status = qda::run_check(options, out);
    qda::fuzz::require(status == 0 || status == 1, "qda-check returned a status other than 0 or 1");
  });
  return 0;
}
