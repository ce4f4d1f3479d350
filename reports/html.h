// One self-contained HTML report of a suite run: no scripts, no network, no external assets.
// Summary counts, then the scenarios, failures first; each with its title, path, rules, verdict,
// its failures (the expectation as written, its line, the nearest actual event), its call-flow
// diagram inline as SVG and its trace as a table (the nearest events highlighted).
#pragma once
#include <string>
#include <vector>

#include "reports/outcome.h"

namespace telsim {

struct HtmlOptions {
  std::string title = "telsim report";
  bool diagrams_for_passed = true;  // false: diagrams only for failed scenarios (smaller files)
};

std::string html_report(const std::vector<ScenarioOutcome>& outcomes, const HtmlOptions& options = {});

}  // namespace telsim
