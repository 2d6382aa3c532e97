// Small string helpers shared by messages and outputs.
#include "qda/strings.hpp"

namespace qda {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined.append(separator);
    joined += item;
  }
  return joined;
}

}  // namespace qda
