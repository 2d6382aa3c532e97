// qda-report as a library function: the pipeline's outputs -> report.md and a self-contained
// report.html from the same content (templates rendered by Mustache), with SVG charts, exact quotes,
// and the provenance of every input; optionally the report's tables as CSV.
#pragma once

#include <cstddef>
#include <string>

namespace qda {

struct ReportOptions {
  // Inputs; each part of the report is there when its input is given.
  std::string corpus;         // corpus.yaml: the sources
  std::string codebook;       // codebook.yaml: the codes
  std::string agreement;      // agreement.yaml
  std::string triangulation;  // triangulation.yaml
  std::string scores;         // scores.yaml
  std::string claims;         // the JUnit XML qda-check --junit writes
  // Outputs.
  std::string output_dir;     // receives report.md, report.html and figures/
  std::string tables;         // a folder for the tables as CSV; empty: none
  // Presentation.
  std::string title;          // default: the rubric's, else "qda report"
  std::string lang = "en";    // en | id: the labels
  std::string template_dir;   // a folder whose templates override the shipped ones
  std::size_t max_quotes = 3;      // per indicator
  std::size_t max_sources = 50;    // rows of the sources table (all in --tables)
  // The most a template may render, each of report.md and report.html (not an option of the tool: a
  // bound on a --template whose sections multiply, far above any report's size).
  std::size_t max_rendered_bytes = std::size_t{64} << 20;
  std::size_t max_columns = 40;    // columns of the matrix chart
};

// Throws qda::Error on bad input; on any error no output is created or changed.
void run_report(const ReportOptions& options);

}  // namespace qda
