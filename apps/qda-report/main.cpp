// qda-report: the report a research team would publish, in Markdown and self-contained HTML (docs/qda-report.md).
#include "qda/cli.hpp"
#include "qda/report_run.hpp"

int main(int argc, char** argv) {
  qda::ReportOptions options;
  qda::cli::Tool tool("qda-report", "report.md and a self-contained report.html from the pipeline's outputs: sources, method and "
                                    "agreement, each indicator with its evidence and quotes, the verdict and what would change it, "
                                    "the claims, the provenance of every input.");
  CLI::App& app = tool.app();
  app.add_option("-o,--output-dir", options.output_dir, "The folder for report.md, report.html and figures/")->required();
  app.add_option("--corpus", options.corpus, "corpus.yaml: the sources");
  app.add_option("-c,--codebook", options.codebook, "codebook.yaml: the codes");
  app.add_option("--agreement", options.agreement, "agreement.yaml from qda-agree");
  app.add_option("--triangulation", options.triangulation, "triangulation.yaml from qda-triangulate");
  app.add_option("--scores", options.scores, "scores.yaml from qda-score (needs --triangulation)");
  app.add_option("--claims", options.claims, "The JUnit XML of qda-check --junit");
  app.add_option("--tables", options.tables, "Also write the report's tables as CSV into this folder");
  app.add_option("--title", options.title, "The report's title (default: the rubric's)");
  app.add_option("--lang", options.lang, "The labels' language")->check(CLI::IsMember({"en", "id"}))->capture_default_str();
  app.add_option("--template", options.template_dir, "A folder whose report.md.mustache, report.html.mustache or labels.<lang>.yaml "
                                                     "replace the shipped ones");
  app.add_option("--max-quotes", options.max_quotes, "Quotes per indicator")->capture_default_str();
  app.add_option("--max-sources", options.max_sources, "Rows of the sources table, and names in each list of sources or inputs (all are in --tables)")->capture_default_str();
  app.add_option("--max-columns", options.max_columns, "Columns of the matrix chart")->capture_default_str();
  tool.add_raw_csv_option();
  return tool.run(argc, argv, [&] { qda::run_report(options); });
}
