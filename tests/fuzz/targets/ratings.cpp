// Fuzz target: a ratings matrix as qda-agree --ratings takes it (run_agree): the reader, every
// coefficient that applies, and agreement.yaml checked against its schema before it is written; at each
// level of measurement, with "NA" as a missing value as R writes it.
#include <sstream>

#include "fuzz_input.hpp"
#include "qda/agree_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  qda::AgreeOptions options;
  options.ratings = qda::fuzz::write_input(qda::fuzz::as_text(data, size), "ratings.csv").string();
  options.missing = {"NA"};
  for (const char* metric : {"nominal", "ordinal", "interval", "ratio"}) {
    options.metric = metric;
    qda::fuzz::run_expecting_only_input_errors([&] {
      std::ostringstream agreement_yaml;
      qda::run_agree(options, agreement_yaml);
    });
  }
  return 0;
}
