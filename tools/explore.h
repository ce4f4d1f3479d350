// `telsim explore`: random scenarios against a site, looking for broken engine invariants, crashes
// and hangs; each finding is shrunk (delta debugging over its steps) and written out as a scenario
// file that reproduces it under `telsim run`.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/scenario_loader.h"

namespace telsim {

struct ExploreOptions {
  std::string site;         // the site CSV (setup rows only), included by every generated scenario
  uint64_t seed = 1;
  int runs = 100;
  int steps = 20;           // random steps per run, before the tear-down steps
  std::string out_dir = "explore-out";
  double timeout = 20;      // wall seconds one run may take before it is a hang
  int shrink_budget = 400;  // runs the shrinker may spend per finding
  int jobs = 1;             // runs at once, each in its own process
  std::string network;      // "" keeps the site's network; else ideal|lan|wan
  bool keep_all = false;    // also write every generated run's scenario to out_dir (run_N.csv)
  LoadOptions load;         // where the site may read from (its own includes and profile)
};

// One generated step, as the scenario file writes it.
struct ExploreStep {
  double at = 0;
  std::string party;
  std::string action;
  std::string argument;
};

struct ExploreFinding {
  std::string signature;  // what kind of failure: "invariant NAME", "crash signal N", "hang", ...
  std::string message;    // the full failure text of the shrunk run
  int run = 0;            // the run that found it first
  int count = 0;          // runs that showed it
  size_t original_steps = 0;
  std::vector<ExploreStep> steps;  // shrunk
  std::string file;                // where the scenario was written
};

struct ExploreSummary {
  int runs = 0;
  int failed_runs = 0;
  uint64_t steps_run = 0;
  int shrink_runs = 0;
  std::vector<ExploreFinding> findings;  // one per signature, in order of discovery
};

// The random steps of run `run` for a site (deterministic in seed and run).
std::vector<ExploreStep> generate_steps(const Scenario& site, uint64_t seed, int run, int steps);

// The scenario file text for steps against the site file at `include_path` (relative to the file).
std::string scenario_text(const std::string& include_path, const std::vector<ExploreStep>& steps,
                          const std::string& network, const std::string& title,
                          const std::string& comment);

// Classifies a run's failure text: "" (healthy) or the signature findings are grouped by.
std::string failure_signature(const std::string& failure);

// SPEC 7: a box's abbreviation ("forward" -> "CF"); the pair a property or contest failure names,
// benchmark order first ("OCS x CF"), or "" for another failure; the line explore prints for it
// ("interaction OCS x CF: screened-out broken at 3.000 s ..."); and the `expect-not` row for the
// event that showed it ("" when the failure names none).
std::string feature_abbreviation(const std::string& box);
std::string interaction_pair(const std::string& failure);
std::string interaction_line(const std::string& failure);
std::string interaction_expect_not(const std::string& failure);

// Runs the exploration; `progress` gets a line per finding and per 100 runs. Throws InputError for
// a site that is bad input or has steps or expectations (it is a scenario, not a site), and
// std::runtime_error when a finding cannot be written.
ExploreSummary explore(const ExploreOptions& options, const std::function<void(const std::string&)>& progress);

}  // namespace telsim
