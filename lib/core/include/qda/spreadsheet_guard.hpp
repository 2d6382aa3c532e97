// Spreadsheet safety for the cells of every CSV qda writes (OWASP's rule against CSV injection): a
// cell that starts with =, +, -, @, a tab or a carriage return is run as a formula by Excel,
// LibreOffice and Google Sheets (`=HYPERLINK(...)` from a transcript would become a live link), so it
// is written after an apostrophe, which those programs read as "this cell is text" and do not show.
// Numbers ("-0.25", "+3", "1e-05") and a lone "-" are no formulas and stay as they are.
//
// The rule is reversible: a cell that already starts with apostrophes before such a character gets
// one more, and every qda CSV reader takes one away (unguard_cell), so qda reads back exactly what it
// wrote, and a cell a researcher typed as '=x in a spreadsheet reads as =x, as the spreadsheet shows it.
// `--raw-csv` turns the guard off for programs that read the CSV rather than people (docs/hardening.md).
#pragma once

#include <string>
#include <string_view>

namespace qda {

// Whether cells are guarded: on unless a tool's --raw-csv turned it off. Set once, before any output.
bool spreadsheet_guard_enabled();
void set_spreadsheet_guard(bool enabled);

// Whether `cell` must be written after an apostrophe.
bool cell_needs_guard(std::string_view cell);

// The cell as read back: one leading apostrophe fewer when apostrophes stand before a character that
// starts a formula, otherwise the cell itself.
std::string_view unguard_cell(std::string_view cell);
void unguard_cell(std::string& cell);

}  // namespace qda
