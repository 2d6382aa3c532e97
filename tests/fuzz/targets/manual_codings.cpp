// Fuzz target: a human coder's manual codings as qda-code reads them (read_manual_codings), against the
// Brebes example's codebook: the header, coder, code, stance, segment ids and spans.
#include "fuzz_input.hpp"
#include "qda/coding.hpp"

namespace {
const qda::Codebook& codebook() {
  static const qda::Codebook brebes = qda::load_codebook(qda::fuzz::repository_file("examples/brebes-smart-governance/codebook.yaml"));
  return brebes;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  const auto path = qda::fuzz::write_input(qda::fuzz::as_text(data, size), "coder-a.csv");
  qda::fuzz::run_expecting_only_input_errors([&] {
    for (const qda::ManualCoding& coding : qda::read_manual_codings(path, codebook())) {
      qda::fuzz::require(coding.code < codebook().codes.size(), "a manual coding names no code of the codebook");
      qda::fuzz::require(!coding.segment.empty() || (coding.start && coding.end && *coding.start < *coding.end),
                         "a manual coding has neither a segment nor a span");
    }
  });
  return 0;
}
