// qda-check: a publication's claims re-checked against the pipeline's outputs (docs/qda-check.md).
#include <iostream>

#include "qda/check_run.hpp"
#include "qda/cli.hpp"

int main(int argc, char** argv) {
  qda::CheckOptions options;
  qda::cli::Tool tool("qda-check", "Re-checks a publication's claims (claims.yaml) against the pipeline's outputs: a line per "
                                   "claim on stdout, exit status 0 only when every claim holds (1 when one does not).");
  CLI::App& app = tool.app();
  app.add_option("claims", options.claims, "claims.yaml")->required();
  app.add_option("-d,--dir", options.dir, "The folder the claims' files are in")->capture_default_str();
  app.add_option("--junit", options.junit, "Also write a JUnit XML report, one test case per claim");
  return tool.run_with_status(argc, argv, [&] { return qda::run_check(options, std::cout); });
}
