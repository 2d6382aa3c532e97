// qda-import as a library function: files and folders of interviews -> corpus.yaml, segments.csv
// and the normalised text of each source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qda {

struct ImportOptions {
  std::vector<std::string> inputs;         // files and folders (walked recursively, sorted)
  std::string output_dir;                  // receives corpus.yaml, segments.csv, sources.csv, texts/
  // turn | paragraph | sentence; empty: turn, or the unit a project qda exported (.qdpx) was made with
  std::string unit;
  // Speakers whose turns are questions; none given: those of a project qda exported, if one is imported.
  std::vector<std::string> interviewers;
  std::vector<std::string> speakers;       // the roster: the only names labels may give (with the sheet's)
  std::string speaker_pattern;             // RE2; empty for the built-in label conventions
  std::string attributes_file;             // the attribute sheet (an input "sources.csv")
  bool allow_missing_attributes = false;   // warn instead of failing on unmatched rows/files
  bool skip_unknown = false;               // skip files of unsupported types with a warning
  std::string id_from = "name";            // name | path: source ids from file names or relative paths
  std::vector<std::string> text_columns;   // CSV surveys: the answer column(s)
  std::string respondent_column;           // CSV surveys: the column naming the respondent
  std::string encoding;                    // encoding of text inputs that are not UTF-8 (ICU converter name)
  int min_encoding_confidence = 50;        // below it, a detected encoding is refused
  std::string language = "und";            // BCP 47 tag for sources the sheet gives no language
  std::uint64_t max_unzipped_bytes = 256ULL << 20;  // per DOCX/ODT entry
  bool byte_order_mark = false;            // start segments.csv and sources.csv with one, for Excel
  unsigned jobs = 1;                       // threads reading sources; the outputs do not depend on it
};

struct ImportSummary {
  std::size_t sources = 0;
  std::size_t segments = 0;
  std::size_t characters = 0;
  std::size_t bytes = 0;  // of the input files
};

// Throws qda::Error on bad input; on any error no output file is created or changed.
ImportSummary run_import(const ImportOptions& options);

}  // namespace qda
