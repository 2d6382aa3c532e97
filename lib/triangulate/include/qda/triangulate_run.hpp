// qda-triangulate as a library function: source triangulation of codings.csv over a corpus's sources
// (or groups of them) into the convergence coding matrix, triangulation.yaml, with matrix.csv and
// pairs.csv in long form.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace qda {

struct TriangulateOptions {
  std::string codings;               // codings.csv written by qda-code
  std::string corpus;                // corpus.yaml its segments come from
  std::string codebook;              // codebook.yaml: codes, their order, stances
  // Which codings count: one coder's, or those at least `consensus` of `coders` made ("all" or K).
  std::string coder;
  std::string consensus;
  std::vector<std::string> coders;   // for --consensus; default: every coder but auto
  bool each_coder = false;           // also triangulate each human coder's codings alone (coder sensitivity)
  std::string by = "source";         // "source", or an attribute that groups the sources into columns
  std::string tie = "cautious";      // cautious | favourable
  double prominence_ratio = 3.0;
  double agreement_share = 0.75;
  double dissonance_share = 0.5;
  double generic_example_share = 0.5;
  std::vector<std::string> corroborate = {"role", "organisation"};  // attributes counted per stance
  std::size_t max_examples = 10;     // per cell: the examples named in most of its segments
  std::size_t max_segment_ids = 50;  // per cell, in triangulation.yaml and matrix.csv
  std::size_t list_pairs = 12;       // list every pair in triangulation.yaml up to this many columns
  std::string output = "-";          // triangulation.yaml; "-": stdout
  std::string matrix;                // matrix.csv: one row per code × column
  std::string pairs;                 // pairs.csv: one row per code × pair of columns
  unsigned jobs = 1;                 // threads for the pairs; the output does not depend on it
};

// Throws qda::Error on bad input, writing nothing.
void run_triangulate(const TriangulateOptions& options, std::ostream& stdout_stream);

}  // namespace qda
