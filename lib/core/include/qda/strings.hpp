// Small string helpers shared by messages and outputs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qda {

// The items with `separator` between them: join({"a", "b"}) is "a, b".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace qda
