// What running one scenario produced: its verdict, the reasons, and its trace. Runs happen in child
// processes (one simulation per process), so an outcome crosses a pipe: `serialize`/`deserialize`.
#pragma once
#include <string>
#include <vector>

namespace telsim {

struct ScenarioOutcome {
  std::string path;
  std::string title;
  std::vector<std::string> rules;
  std::vector<std::string> tags;
  bool passed = false;
  double seconds = 0;                  // wall time of the run
  double virtual_end = 0;              // virtual time when the run ended
  std::vector<std::string> failures;   // failed expectations, golden differences, run failures
  std::string trace_csv;               // the actual trace (SPEC 2 CSV)
};

std::string serialize(const ScenarioOutcome& o);
bool deserialize(const std::string& text, ScenarioOutcome* o);

}  // namespace telsim
