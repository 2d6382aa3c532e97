// Small string helpers shared by messages and outputs.
#include "qda/strings.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

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

std::string shortest_decimal(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("shortest_decimal: the value is not finite");
  if (value == 0) return "0.0";
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, end);
  const std::size_t exponent = text.find('e');
  const std::size_t mantissa_end = exponent == std::string::npos ? text.size() : exponent;
  if (text.find('.') >= mantissa_end) text.insert(mantissa_end, ".0");
  return text;
}

}  // namespace qda
