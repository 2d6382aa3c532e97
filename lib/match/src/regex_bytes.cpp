// RE2's \C found in a pattern's text (regex_bytes.hpp).
#include "qda/regex_bytes.hpp"

#include <cstddef>

namespace qda {

bool matches_single_bytes(std::string_view pattern) {
  for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '\\') continue;
    const char escaped = pattern[++i];
    if (escaped == 'C') return true;
    if (escaped == 'Q') {  // literal up to \E
      const std::size_t end = pattern.find("\\E", i + 1);
      if (end == std::string_view::npos) return false;
      i = end + 1;
    }
  }
  return false;
}

}  // namespace qda
