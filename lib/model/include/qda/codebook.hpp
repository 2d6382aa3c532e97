// The codebook: a tree of codes with definitions, auto-coding rules per language, and the stance
// vocabulary with its cue phrases (docs/formats/codebook.md; schemas/v1/codebook.schema.json).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
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
  bool own_default_stance = false;  // the code declares its default_stance (StanceVocabulary::answer yields to it)
  std::optional<std::size_t> parent;
  std::vector<Rule> rules;
  Location where;
};

// What a cue does (docs/stance-model.md): says a stance, negates the next cue of its clause, marks a
// plan, intention or recommendation (which leads to a declared stance), or holds cue words that say no
// stance (a hedge such as "tidak tahu": its "tidak" is no negation).
enum class CueKind { Stance, Negation, Modality, Neutral };

// On which side of a cue lie the hits it governs.
enum class Governs { Before, After, Both };

inline constexpr int kUnlimitedReach = 1 << 30;

struct Cue {
  CueKind kind = CueKind::Stance;
  // Stance and Modality: the stance it leads to. Negation: the stance it says when it negates no cue
  // (empty: then it is no cue at all). Neutral: empty.
  std::string stance;
  Governs governs = Governs::Both;  // resolved: the cue's own, else its language's, else Both
  // The most words between the cue and a hit it governs in the hit's own clause (sentence, window); a
  // cue lent by another clause, or a qualifying contrast, is not held to it.
  int reach = kUnlimitedReach;
  // Negation: what each stance becomes when negated, by index in StanceVocabulary::values (a stance
  // that is not listed stays as it is). Shared by the terms of one cue entry.
  std::shared_ptr<const std::vector<std::size_t>> flips;
  TermPattern pattern;
  Location where;
};

// How clauses are read in one language (stances.languages).
struct LanguageProfile {
  std::string language;
  Governs governs = Governs::Both;     // the default side of this language's cues
  std::vector<TermPattern> boundaries;  // words that open a clause
  std::vector<TermPattern> contrasts;   // words that open a contrasting clause
};

enum class StanceScope { Sentence, Clause, Window };

struct StanceVocabulary {
  std::vector<std::string> values;
  std::string default_stance;
  StanceScope scope = StanceScope::Sentence;
  int window = 0;                              // StanceScope::Window: words each side of the hit
  std::string mixed;                           // empty: the first hit with a cue decides
  // Indexes into `values`: the stances a code none of whose hits a cue governs takes from the cues of its
  // answer (the segment), the first listed that one of them reads. Empty: it takes the rule's or code's.
  std::vector<std::size_t> answer;
  std::vector<std::string> clause_punctuation;  // StanceScope::Clause: marks that end a clause
  std::vector<LanguageProfile> languages;
  std::vector<Cue> cues;  // in codebook order: on a tie in distance the earlier cue wins
  bool is_stance(const std::string& value) const;
  std::size_t index_of(std::string_view value) const;  // values.size() if it is not one
};

struct Codebook {
  std::string title;
  std::vector<std::string> languages;
  std::vector<Code> codes;  // depth-first, in codebook order: the order codings are sorted in
  StanceVocabulary stances;

  // A code by id or by path ("smart-governance/e-governance").
  std::optional<std::size_t> find(std::string_view id_or_path) const;
};

// Loads and checks a codebook: schema, duplicate ids, stances and cues, RE2 patterns, NEAR operands.
// Every error names the file, line and column of the offending node. A REFI-QDA codebook (a name
// ending in .qdc, any case) is read by load_qdc_codebook().
Codebook load_codebook(const std::filesystem::path& path);

// A REFI-QDA .qdc codebook as a qda codebook (refi_codebook.cpp; docs/refi-qda.md).
Codebook load_qdc_codebook(const std::filesystem::path& path);

// Whether load_codebook() reads the file as a .qdc: its name ends in .qdc, in any case.
bool is_qdc_path(const std::filesystem::path& path);

}  // namespace qda
