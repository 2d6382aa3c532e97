// The rubric: a level scale, per indicator the conditions over the triangulated evidence under which it
// reaches each level, the roll-up and the verdict bands (docs/formats/rubric.md;
// schemas/v1/rubric.schema.json). Conditions are structured YAML, evaluated by rubric_conditions.hpp.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "qda/error.hpp"
#include "qda/triangulation_file.hpp"

namespace qda {

struct ScaleLevel {
  int level = 0;
  std::string name;
  std::string description;
};

struct Condition {
  enum class Kind { Always, All, Any, Not, Stance, StanceShare, Category, Spoke, Sources, SingleSource };
  Kind kind = Kind::Always;
  std::string code;                     // the code it looks at; empty: the indicator's
  std::vector<Condition> children;      // All, Any, Not
  std::vector<std::size_t> stances;     // Stance, StanceShare, Sources: indexes of the triangulation's stances
  std::vector<Convergence> categories;  // Category
  std::optional<double> at_least, at_most;
  std::string attribute;                // Sources: count distinct values of this attribute instead of sources
  bool is = false;                      // SingleSource
  Location where;
};

struct LevelRule {
  int level = 0;
  Condition when;
  std::string why;  // the condition in words, for the report
};

struct Indicator {
  std::string code;
  std::string name;  // the rubric's, else the triangulation's
  double weight = 1;
  std::vector<LevelRule> levels;  // highest level first: the first whose condition holds decides
  int otherwise = 0;
  Location where;
};

struct VerdictBand {
  std::string name;
  double from = 0;
  double below = 0;
  std::string description;
};

struct ConfidenceRule {
  std::size_t sources_at_least = 1;
  std::vector<Convergence> categories;  // empty: any
};

struct Rubric {
  std::string title;
  std::string source;
  std::vector<ScaleLevel> scale;  // lowest first
  std::vector<Indicator> indicators;
  std::string rollup = "weighted_mean";  // weighted_mean | minimum | median
  std::optional<double> weights_sum;
  std::vector<VerdictBand> bands;   // in ascending order of `from`
  ConfidenceRule high{3, {Convergence::Agreement}};
  ConfidenceRule medium{2, {Convergence::Agreement, Convergence::PartialAgreement}};

  const ScaleLevel& level(int number) const;  // the level must be on the scale
  // The band holding a score: from <= score < below, or score == below for the band ending at the top of the scale.
  const VerdictBand& band_of(double score) const;
};

// Loads a rubric and checks it against the triangulation it is to score: its schema; every code an
// indicator or condition names, and every stance, present in the triangulation; levels on the scale
// (scale levels strictly increasing); bands that neither overlap nor leave a gap and cover the scale;
// weights that sum as declared; no indicator twice. Each error names the file, line and column.
Rubric load_rubric(const std::filesystem::path& path, const TriangulationFile& triangulation);

}  // namespace qda
