// Small string helpers shared by messages and outputs.
#include "qda/strings.hpp"

#include <fmt/format.h>

namespace qda {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined.append(separator);
    joined += item;
  }
  return joined;
}

std::string decimal(double value) {
  std::string text = fmt::format("{:.6f}", value);
  if (text == "-0.000000") text = "0.000000";
  return text;
}

}  // namespace qda
