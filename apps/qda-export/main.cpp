// qda-export: a qda project as REFI-QDA files for NVivo, ATLAS.ti, MAXQDA and QualCoder (docs/qda-export.md).
#include "qda/cli.hpp"
#include "qda/export_run.hpp"

int main(int argc, char** argv) {
  qda::ExportOptions options;
  qda::cli::Tool tool("qda-export", "Write a qda project as REFI-QDA files: a .qdpx project (sources, codebook, every "
                                    "coder's codings, cases and variables) and a .qdc codebook.");
  CLI::App& app = tool.app();
  app.add_option("--corpus", options.corpus, "corpus.yaml whose sources the project holds (with --qdpx)");
  app.add_option("-c,--codebook", options.codebook, "The codebook (codebook.yaml or .qdc)")->required();
  app.add_option("--codings", options.codings, "codings.csv: every coder's codings, auto included, as REFI users");
  app.add_option("--qdpx", options.qdpx, "Where to write the REFI-QDA project (.qdpx)");
  app.add_option("--qdc", options.qdc, "Where to write the REFI-QDA codebook (.qdc)");
  app.add_option("--name", options.name, "The project's name (default: the codebook's title)");
  return tool.run(argc, argv, [&] { qda::run_export(options); });
}
