// The codebook: a tree of codes with definitions, auto-coding rules per language, and the stance
// vocabulary with its cue phrases (docs/formats/codebook.md; schemas/v1/codebook.schema.json).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "qda/error.hpp"
#include "qda/term_pattern.hpp"

namespace re2 {
class RE2;
}

namespace qda {

struct SpeakerFilter {
  enum class Mode { Participants, Interviewers, All, Named };
  Mode mode = Mode::Participants;
  std::set<std::string> names;
  bool admits(const std::string& speaker, bool interviewer) const;
};

enum class RuleKind { Terms, Regex, Near };

struct Rule {
  std::string id;  // unique in the codebook
  RuleKind kind = RuleKind::Terms;
  std::vector<TermPattern> terms;  // Terms
  std::shared_ptr<const re2::RE2> regex;  // Regex
  std::string regex_text;
  TermPattern near_left, near_right;  // Near
  int near_distance = 0;              // in words
  std::vector<TermPattern> unless;    // exclusions: any of them in the segment vetoes the rule
  SpeakerFilter speakers;
  std::string stance;  // the stance of hits no cue decides; empty: the code's default
  Location where;
};

struct Code {
  std::string id;
  std::string name;
  std::string path;  // ids from the root, joined by '/'
  std::string definition, include, exclude, colour;
  // The REFI-QDA GUID the code was imported with (a .qdc, or a .qdpx's codebook.yaml), upper-case; empty:
  // qda-export derives one from the id (refi_codebook.hpp).
  std::string guid;
  std::vector<std::string> examples;
  bool codable = true;
  std::string default_stance;  // resolved: the code's, else the codebook's
  std::optional<std::size_t> parent;
  std::vector<Rule> rules;
  Location where;
};

struct Cue {
  std::string stance;
  TermPattern pattern;
};

struct StanceVocabulary {
  std::vector<std::string> values;
  std::string default_stance;
  bool sentence_scope = true;  // else a window of `window` words each side of the hit
  int window = 0;
  std::vector<Cue> cues;  // in codebook order: on a tie in distance the earlier cue wins
  bool is_stance(const std::string& value) const;
};

struct Codebook {
  std::string title;
  std::vector<std::string> languages;
  std::vector<Code> codes;  // depth-first, in codebook order: the order codings are sorted in
  StanceVocabulary stances;

  // A code by id or by path ("smart-governance/e-governance").
  std::optional<std::size_t> find(const std::string& id_or_path) const;
};

// Loads and checks a codebook: schema, duplicate ids, stances, RE2 patterns, NEAR operands.
// Every error names the file, line and column of the offending node. A REFI-QDA codebook (a name
// ending in .qdc, any case) is read by load_qdc_codebook().
Codebook load_codebook(const std::filesystem::path& path);

// A REFI-QDA .qdc codebook as a qda codebook (refi_codebook.cpp; docs/refi-qda.md).
Codebook load_qdc_codebook(const std::filesystem::path& path);

// Whether load_codebook() reads the file as a .qdc: its name ends in .qdc, in any case.
bool is_qdc_path(const std::filesystem::path& path);

}  // namespace qda
