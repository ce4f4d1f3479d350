// What `telsim run` prints in a terminal: verdict lines (coloured when stdout is a terminal and
// NO_COLOR is unset), the recap of the failures just before the last line, which stays
// `N passed, N failed`, and --quiet (failures and the summary only).
#pragma once
#include <string>
#include <vector>

#include "reports/outcome.h"

namespace telsim {

// Colour on: `is_terminal` and NO_COLOR unset or empty (https://no-color.org).
bool colour_wanted(bool is_terminal, const char* no_color_env);

struct TerminalStyle {
  bool colour = false;
  bool quiet = false;  // passing scenarios print nothing
};

// The lines for one outcome as it finishes ("" when --quiet and it passed): the verdict line, then
// each failure indented.
std::string outcome_lines(const ScenarioOutcome& o, const TerminalStyle& style);

// "N scenarios failed:" and one line per failed scenario with its first failure; "" when none
// failed or only one scenario ran (its failure is then right above).
std::string failure_recap(const std::vector<ScenarioOutcome>& outcomes, const TerminalStyle& style);

// "N passed, N failed", the last line.
std::string summary_line(size_t passed, size_t failed, const TerminalStyle& style);

}  // namespace telsim
