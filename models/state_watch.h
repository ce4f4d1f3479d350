// Reads the engine's states for a scenario's expect-state rows during the run (SPEC SC-2): at
// each row's instant, and, throughout a window, after every instant at which something happened
// (an engine event or a step). A reading at an instant is taken once that instant's zero-delay
// consequences are over: the run loop says `touched(t)` when something happened at t and
// `before(t)` when the clock is about to pass beyond what came before t.
#pragma once
#include <limits>
#include <vector>

#include "models/engine.h"
#include "models/party_state.h"
#include "models/scenario.h"

namespace telsim {

class StateWatch {
 public:
  StateWatch(const Scenario& s, const Engine& e);
  bool active() const { return !rows_.empty(); }
  // The earliest row instant not read yet (infinity when none).
  double next_instant() const;
  // Time moves on to t: readings due before t are taken now (nothing has changed since).
  void before(double t);
  // Something happened at t: a reading at t is due if a row's window holds t.
  void touched(double t);
  // The run is over at `end`: every reading up to it is taken from the final state.
  void finish(double end);
  // One verdict per expectation of the scenario (expect-state rows filled).
  const std::vector<StateVerdict>& verdicts() const { return verdicts_; }

 private:
  void read(double t);
  void read_row(size_t row, double t);
  const Scenario& s_;
  const Engine& e_;
  std::vector<size_t> rows_;       // indices of the expect-state expectations
  std::vector<double> instants_;   // each row's `from`, sorted
  size_t next_ = 0;                // first instant not read
  bool pending_ = false;
  double pending_at_ = 0;
  double last_read_ = -std::numeric_limits<double>::infinity();
  double last_to_ = -std::numeric_limits<double>::infinity();  // the latest window end
  std::vector<StateVerdict> verdicts_;
};

}  // namespace telsim
