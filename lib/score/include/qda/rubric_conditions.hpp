// Evaluating a rubric's conditions on the triangulated evidence, with the values that decided them in
// words ("stance_share of present = 0.833 >= 0.600: holds"), so every level traces to its figures.
#pragma once

#include <functional>
#include <string>

#include "qda/rubric.hpp"
#include "qda/triangulation_file.hpp"

namespace qda {

// The evidence of a code (by id) over the columns being scored.
using EvidenceOf = std::function<const CodeEvidence&(const std::string& code)>;

struct ConditionResult {
  bool holds = false;
  std::string test;  // the condition with its figures
};

// `indicator` is the code a condition without its own `code` looks at.
ConditionResult evaluate(const Condition& condition, const std::string& indicator, const EvidenceOf& evidence,
                         const TriangulationFile& triangulation);

}  // namespace qda
