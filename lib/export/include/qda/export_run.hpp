// qda-export as a library function: a qda project as REFI-QDA files that NVivo, ATLAS.ti, MAXQDA and
// QualCoder open — a .qdpx project (sources, codebook, every coder's codings, cases and variables)
// and a .qdc codebook (docs/qda-export.md, docs/refi-qda.md).
#pragma once

#include <cstddef>
#include <string>

namespace qda {

struct ExportOptions {
  std::string corpus;    // corpus.yaml: the sources (needed for --qdpx)
  std::string codebook;  // codebook.yaml or .qdc
  std::string codings;   // codings.csv, optional: without it the project has no codings
  std::string qdpx;      // where to write the project
  std::string qdc;       // where to write the codebook
  std::string name;      // the project's name; default: the codebook's title
};

struct ExportSummary {
  std::size_t sources = 0;
  std::size_t codes = 0;
  std::size_t codings = 0;
  std::size_t coders = 0;
};

// Throws qda::Error on bad input, writing nothing.
ExportSummary run_export(const ExportOptions& options);

}  // namespace qda
