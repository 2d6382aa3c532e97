// A stance test set (docs/formats/stance-test-set.md): sentences labelled with the stance a reader gives
// them on a code, grouped by grammatical construction, coded with a codebook's rules and cues; the
// accuracy per construction says how well the stance model and the codebook's cues read them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "qda/codebook.hpp"

namespace qda {

struct StanceTestSentence {
  std::string construction;
  std::size_t code = 0;  // index into Codebook::codes
  std::string stance;    // the label: one of the codebook's stances
  std::string text;
  Location where;
};

struct StanceTestSet {
  std::string file;
  std::string language;
  std::vector<StanceTestSentence> sentences;  // in file order
};

// Reads a test set and checks it against the codebook: every code must be one of its codable codes and
// every stance one of its stances. Errors name the file, line and column.
StanceTestSet read_stance_test_set(const std::filesystem::path& path, const Codebook& codebook);

struct StanceTestMiss {
  const StanceTestSentence* sentence = nullptr;
  std::string coded;  // the stance coded, or empty if the rules did not code the sentence with its code
  std::string cues;   // the cues that decided it
};

struct ConstructionScore {
  std::string construction;
  std::size_t sentences = 0;
  std::size_t correct = 0;
};

struct StanceTestResult {
  std::vector<ConstructionScore> constructions;  // in order of first appearance in the file
  ConstructionScore all;
  std::vector<StanceTestMiss> misses;  // in file order
};

// Codes each sentence as a participant's segment in the set's language.
StanceTestResult run_stance_test(const StanceTestSet& set, const Codebook& codebook);

// The accuracy per construction, overall, then every miss.
void print_stance_test(std::ostream& out, const StanceTestSet& set, const Codebook& codebook, const StanceTestResult& result);

}  // namespace qda
