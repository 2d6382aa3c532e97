// qda-import: files and folders of interview transcripts -> a validated corpus (docs/qda-import.md).
#include "qda/cli.hpp"
#include "qda/import.hpp"

int main(int argc, char** argv) {
  qda::ImportOptions options;
  qda::cli::Tool tool("qda-import", "Turn files and folders of interview transcripts into a corpus: corpus.yaml, "
                                    "segments.csv, sources.csv and the normalised text of each source.");
  CLI::App& app = tool.app();
  app.add_option("inputs", options.inputs, "Transcript files (.txt .md .docx .odt .vtt .srt .csv .qdpx) and folders")
      ->required();
  app.add_option("-o,--output-dir", options.output_dir, "Folder for corpus.yaml, segments.csv, sources.csv and texts/")->required();
  // Left empty when not given: a project qda exported (.qdpx) brings its own unit (docs/refi-qda.md).
  app.add_option("--unit", options.unit, "Segment unit (a .qdpx qda-export wrote brings its own)")->check(CLI::IsMember({"turn", "paragraph", "sentence"}))
      ->default_str("turn");
  app.add_option("--interviewer", options.interviewers, "A speaker whose turns are questions (repeatable; a .qdpx qda-export wrote brings its own)")
      ->allow_extra_args(false);
  app.add_option("--speakers", options.speakers,
                 "A speaker's name (repeatable): labels naming anyone else stay text")
      ->allow_extra_args(false);
  app.add_option("--speaker-pattern", options.speaker_pattern,
                 "RE2 pattern for speaker labels at line start; group 'speaker' (or the first) is the name");
  app.add_option("--attributes", options.attributes_file, "Attribute sheet: CSV with a 'file' or 'id' column");
  app.add_flag("--allow-missing-attributes", options.allow_missing_attributes,
               "Warn, not fail, when a file has no row or a row no file");
  app.add_flag("--skip-unknown", options.skip_unknown, "Skip files of unsupported types with a warning");
  app.add_option("--id-from", options.id_from, "Source ids from file names, or from paths relative to the input folder")
      ->check(CLI::IsMember({"name", "path"}))
      ->capture_default_str();
  app.add_option("--text-column", options.text_columns, "CSV surveys: a column holding answers (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--respondent-column", options.respondent_column, "CSV surveys: the column naming the respondent");
  app.add_option("--encoding", options.encoding, "Encoding of text inputs that are not UTF-8, e.g. windows-1252 (ICU name)");
  app.add_option("--min-encoding-confidence", options.min_encoding_confidence,
                 "Least confidence (0-100) of ICU's charset detector to read a non-UTF-8 file without --encoding")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  app.add_option("--language", options.language, "BCP 47 language of sources the sheet gives none")
      ->capture_default_str();
  app.add_option("--max-unzipped-bytes", options.max_unzipped_bytes, "Most bytes one DOCX/ODT entry may expand to")
      ->capture_default_str();
  app.add_option("-j,--jobs", options.jobs, "Threads to read sources with; the outputs are the same for any number")
      ->capture_default_str();
  app.add_flag("--bom", options.byte_order_mark, "Start segments.csv and sources.csv with a UTF-8 byte-order mark, for Excel");
  tool.add_raw_csv_option();
  return tool.run(argc, argv, [&] { qda::run_import(options); });
}
