// Event-relative steps (SPEC SC-3): `@P:EVENT+N` comes N seconds after the first EVENT at P at or
// after the previous step's time that no earlier such step used. The run loop feeds the trace as
// it grows; each trace event is looked at once, so triggers cost O(trace + steps).
#pragma once
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario.h"
#include "models/trace_event.h"

namespace telsim {

class StepTriggers {
 public:
  StepTriggers(const Scenario& s, const std::vector<TraceEvent>& trace);
  // Step `step` (which has a trigger) now waits for its event, at or after `since`.
  void wait_for(size_t step, double since);
  bool waiting() const { return waiting_; }
  // Looks at the trace events recorded since the last look.
  void look(double now);
  bool resolved() const { return waiting_ && found_; }
  size_t step() const { return step_; }
  // The resolved step's time (its event's time + N); the step no longer waits.
  double take();
  // "FILE:LINE: step '@2002:ringing+1' never came: no ringing at 2002 at or after 5 s"
  std::string never_came_text(const std::string& file) const;

 private:
  using Key = std::pair<std::string, Ev>;
  const Scenario& s_;
  const std::vector<TraceEvent>& trace_;
  size_t seen_ = 0;                          // trace events looked at
  std::map<Key, std::deque<double>> queue_;  // times of unused events per (party, event) a trigger names
  bool waiting_ = false, found_ = false;
  size_t step_ = 0;
  double since_ = 0, at_ = 0;
};

}  // namespace telsim
