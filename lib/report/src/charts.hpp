// The report's charts as SVG written by the tool: indicator levels (bars), the code × source matrix
// (a heat map with each code's convergence), agreement per code with its interval. Greyscale-safe
// (shades and letters, never colour alone), each with a title and a text alternative.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace qda::report {

struct Bar {
  std::string label;
  int value = 0;
  std::string value_label;  // "2 Terkelola"
};

struct MatrixRow {
  std::string label;
  std::vector<std::string> cells;  // per column: the stance's letter, "·" (silent) or "" (not asked)
  std::vector<double> shades;      // per column: 1 darkest (the most favourable stance) to 0 white
  std::string mark;                // the code's convergence, written at the row's end
};

struct Interval {
  std::string label;
  std::optional<double> value, lower, upper;
};

struct Chart {
  std::string svg;          // a standalone <svg> element
  std::string description;  // its text alternative
};

Chart level_chart(const std::string& id, const std::string& title, const std::vector<Bar>& bars, int lowest, int highest);
Chart matrix_chart(const std::string& id, const std::string& title, const std::vector<std::string>& columns,
                   const std::vector<MatrixRow>& rows);
Chart interval_chart(const std::string& id, const std::string& title, const std::vector<Interval>& intervals,
                     const std::vector<double>& thresholds);

// Text escaped for XML content and attributes.
std::string xml_escape(const std::string& text);

}  // namespace qda::report
