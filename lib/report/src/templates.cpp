// Templates: the folder given with --template first, then the ones shipped with the tool.
#include "templates.hpp"

#include "qda/error.hpp"
#include "qda/file.hpp"

namespace qda::report {

std::string template_text(const std::string& name, const std::filesystem::path& override_folder) {
  if (!override_folder.empty()) {
    const std::filesystem::path path = override_folder / name;
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) return read_file(path);
  }
  for (const auto& entry : embedded_templates()) {
    if (name == entry.name) return entry.text;
  }
  throw io_error("no such template, neither in the --template folder nor shipped with qda-report", {name});
}

}  // namespace qda::report
