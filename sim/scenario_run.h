// Runs one scenario on SimGrid and returns its trace. One simulation per process: SimGrid keeps its
// clock in process-wide state, so `telsim run` forks a process per scenario.
#pragma once
#include <string>
#include <vector>

#include "models/party_state.h"
#include "models/trace_event.h"
#include "sim/scenario.h"

namespace telsim {

struct RunResult {
  std::vector<TraceEvent> trace;  // in time order; equal times in the order the engine produced them
  std::string failure;            // why the run could not finish properly ("" when it did)
  double end_time = 0;            // virtual time when the run ended
  // Contests under switch.resolutions = none (SPEC FI-2): two boxes claimed one decision point
  // for one call, the first in the profile's list acted. "at T s, cN: A over B at POINT".
  std::vector<std::string> contests;
  // When each step came (SPEC SC-3 resolves `@P:EVENT+N` during the run); NaN for a step the run
  // never reached.
  std::vector<double> step_times;
  // Per expectation, the verdict on an expect-state row (SPEC SC-2), read from the engine.
  std::vector<StateVerdict> states;
};

RunResult run_scenario(const Scenario& scenario);

// When the run ends at the latest: the latest step or expectation time plus the settle timer.
double run_deadline(const Scenario& scenario);

}  // namespace telsim
