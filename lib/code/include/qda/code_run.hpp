// qda-code as a library function: a corpus, a codebook and human coders' manual codings ->
// codings.csv (auto codings from the rules merged with the manual ones), with optional
// explanations, a lint report, a comparison of auto-coding with each human coder, and the accuracy
// of the codebook's stance cues on stance test sets.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace qda {

struct CodeOptions {
  std::string corpus;                      // corpus.yaml from qda-import; may be empty with stance_tests alone
  std::string codebook;                    // codebook.yaml
  std::vector<std::string> manual;         // manual codings files, one per human coder (or several)
  std::string output;                      // codings.csv; empty: write none (with --lint / --evaluate)
  std::string explain;                     // explain.csv: each auto coding's matched words in context
  bool lint = false;                       // report rules that never match, shared terms, uncoded codes
  bool evaluate = false;                   // presence and stance agreement of auto with each human coder
  std::string evaluate_file;               // with evaluate: also write the figures here (.yaml, .yml or .csv)
  std::vector<std::string> stance_tests;   // stance test sets to code and score (stance_test.hpp)
  bool no_auto = false;                    // only merge manual codings
  unsigned jobs = 1;                       // threads; the output does not depend on it
  std::size_t chunk_bytes = 1 << 20;       // segments.csv is read and coded in chunks of about this size
};

struct CodeSummary {
  std::size_t segments = 0;
  std::size_t auto_codings = 0;
  std::size_t manual_codings = 0;
};

// Reports (lint, evaluation) go to `report`; throws qda::Error on bad input, writing nothing.
CodeSummary run_code(const CodeOptions& options, std::ostream& report);

}  // namespace qda
