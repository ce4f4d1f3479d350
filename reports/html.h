// One self-contained HTML report of a suite run, its frame built as a libxml2 tree (so every text
// and attribute is escaped by construction) and serialised once, each diagram and trace table
// written in its place as the page goes out (html.cc): no network, no external assets, one small
// inline script (the filter box and click-to-zoom; the page reads fine without it).
// The run's metadata (telsim version, date, command line, duration) and counts; the scenarios
// grouped by folder with PASS/FAIL coloured and their titles, behind a filter box; a rule-coverage
// table (each rule id a `# rule:` line names, the scenarios naming it, whether they passed); then
// each scenario, failures first: title, path, rules, verdict, its failures (the expectation as
// written, its line, the nearest actual event), its call-flow diagram inline as SVG (full width,
// click for full size) and its trace as a table (the nearest events highlighted).
#pragma once
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "reports/outcome.h"

namespace telsim {

struct Scenario;

struct HtmlOptions {
  std::string title = "telsim report";
  bool diagrams_for_passed = true;  // false: diagrams only for failed scenarios (smaller files)
  // Run metadata, shown when set.
  std::string version;              // "0.1.0"
  std::string date;                 // when the run started, as the caller formats it
  std::string command_line;         // the command as typed
  double duration = -1;             // wall seconds of the whole run (< 0: unknown)
  // The loaded scenarios by path: their diagrams then show steps, party kinds and timer names.
  std::map<std::string, const Scenario*> scenarios;
};

std::string html_report(const std::vector<ScenarioOutcome>& outcomes, const HtmlOptions& options = {});
// The same written to `out`: only the page's small frame is held whole; each diagram and trace is
// written in its place as it is made. The caller checks `out` for a failed write.
void write_html_report(std::ostream& out, const std::vector<ScenarioOutcome>& outcomes,
                       const HtmlOptions& options = {});

// Rule ids in reading order: BC-1, BC-2, ..., BC-10, CF-1 (prefix, then the number as a number).
bool rule_id_less(const std::string& a, const std::string& b);

}  // namespace telsim
