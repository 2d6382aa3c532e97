// The report's templates and labels (lib/report/templates/), compiled into the tool, and a folder
// given with --template that overrides any of them by name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace qda::report {

struct EmbeddedTemplate {
  const char* name;  // the file name: "report.html.mustache", "labels.en.yaml", ...
  const char* text;
};
const std::vector<EmbeddedTemplate>& embedded_templates();

// The text of a template file: from `override_folder` if it holds one of that name, else the shipped one.
// An Io error if neither has it.
std::string template_text(const std::string& name, const std::filesystem::path& override_folder);

}  // namespace qda::report
