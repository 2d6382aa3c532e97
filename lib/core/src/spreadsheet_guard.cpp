#include "qda/spreadsheet_guard.hpp"

#include <atomic>

namespace qda {

namespace {

std::atomic<bool> guard_enabled{true};

constexpr bool starts_formula(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A decimal number as qda and most programs write one: a sign, digits with at most one point, and an
// exponent. Spreadsheets read it as the number it is, never as a formula.
bool is_plain_number(std::string_view cell) {
  std::size_t i = 0;
  if (i < cell.size() && (cell[i] == '+' || cell[i] == '-')) ++i;
  std::size_t digits = 0;
  bool point = false;
  for (; i < cell.size(); ++i) {
    if (is_digit(cell[i])) {
      ++digits;
    } else if (cell[i] == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (digits == 0) return false;
  if (i < cell.size() && (cell[i] == 'e' || cell[i] == 'E')) {
    ++i;
    if (i < cell.size() && (cell[i] == '+' || cell[i] == '-')) ++i;
    const std::size_t exponent_start = i;
    while (i < cell.size() && is_digit(cell[i])) ++i;
    if (i == exponent_start) return false;
  }
  return i == cell.size();
}

// Whether the cell, after its leading apostrophes, starts a formula.
bool formula_after_apostrophes(std::string_view cell) {
  const std::size_t first = cell.find_first_not_of('\'');
  return first != std::string_view::npos && first > 0 && starts_formula(cell[first]);
}

}  // namespace

bool spreadsheet_guard_enabled() { return guard_enabled.load(std::memory_order_relaxed); }
void set_spreadsheet_guard(bool enabled) { guard_enabled.store(enabled, std::memory_order_relaxed); }

bool cell_needs_guard(std::string_view cell) {
  if (cell.empty()) return false;
  if (cell[0] == '\'') return formula_after_apostrophes(cell);
  if (!starts_formula(cell[0])) return false;
  return cell != "-" && !is_plain_number(cell);
}

std::string_view unguard_cell(std::string_view cell) {
  return !cell.empty() && cell[0] == '\'' && formula_after_apostrophes(cell) ? cell.substr(1) : cell;
}

void unguard_cell(std::string& cell) {
  if (!cell.empty() && cell[0] == '\'' && formula_after_apostrophes(cell)) cell.erase(0, 1);
}

}  // namespace qda
