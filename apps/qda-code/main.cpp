// qda-code: codebook rules and human coders' codings -> codings.csv (docs/qda-code.md).
#include <iostream>

#include "qda/cli.hpp"
#include "qda/code_run.hpp"

int main(int argc, char** argv) {
  qda::CodeOptions options;
  qda::cli::Tool tool("qda-code", "Code a corpus with a codebook's rules and merge human coders' manual codings "
                                  "into codings.csv.");
  CLI::App& app = tool.app();
  app.add_option("corpus", options.corpus, "corpus.yaml written by qda-import (not needed with --stance-test alone)");
  app.add_option("-c,--codebook", options.codebook, "The codebook (codebook.yaml)")->required();
  app.add_option("-m,--manual", options.manual, "A human coder's manual codings, CSV (repeatable)")->allow_extra_args(false);
  app.add_option("-o,--output", options.output, "Where to write codings.csv ('-': stdout)");
  app.add_option("--explain", options.explain, "Also write each auto coding's matched words in context (CSV)");
  app.add_flag("--lint", options.lint,
               "Report rules that never match, terms claimed by two codes, the words each stemmed term and wildcard "
               "matches, codes never coded");
  CLI::Option* evaluate = app.add_option("--evaluate", options.evaluate_file,
                                         "Print presence and stance agreement of auto-coding with each human coder; with FILE "
                                         "(.yaml, .yml or .csv), also write them there")
                              ->expected(0, 1)
                              ->type_name("[FILE]");
  app.add_option("--stance-test", options.stance_tests, "Code a stance test set with the codebook and print its accuracy (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--no-auto", options.no_auto, "Do not run the rules; only merge the manual codings");
  app.add_option("-j,--jobs", options.jobs, "Threads to code with; the output is the same for any number")
      ->capture_default_str();
  tool.add_raw_csv_option();
  return tool.run(argc, argv, [&] {
    options.evaluate = evaluate->count() > 0;
    qda::run_code(options, std::cout);
  });
}
