// qda-check as a library function: a publication's claims (claims.yaml), each a set of assertions over
// the pipeline's outputs, re-checked: one line per claim, and a JUnit XML file for CI.
#pragma once

#include <ostream>
#include <string>

namespace qda {

struct CheckOptions {
  std::string claims;       // claims.yaml
  std::string dir = ".";    // where the outputs the claims name are
  std::string junit;        // JUnit XML report; empty: none
};

// Writes a line per claim to `out` and returns the exit status: 0 when every claim holds, 1 when one
// does not (a failed assertion, or a file or path a claim names that is not there). Throws qda::Error
// for a claims file that is not valid, writing nothing.
int run_check(const CheckOptions& options, std::ostream& out);

}  // namespace qda
