// What a party is doing now, as `expect-state` names it (SPEC SC-2): read from the engine's own
// state, not from the trace. The core describes what it owns (lines, legs, hold); a box that
// keeps state of its own (a conference, a camped or queued call) adds words through
// Box::describe_state, so a new feature's states need no change here.
#pragma once
#include <string>
#include <vector>

#include "models/engine.h"
#include "models/scenario.h"

namespace telsim {

// Every state of the party, in the spelling of SPEC SC-2: "idle", "dialtone", "ringing",
// "ringback", "talking to=X", "holding", "held by=X", "tone", and whatever boxes add
// ("conference size=N", "queued", "camped"). Never empty: a party doing nothing is "idle".
std::vector<std::string> describe_state(const Engine& engine, PartyId party);

// Whether `wanted` is among `states` (a missing X or N in `wanted` accepts any).
bool state_holds(const StateWanted& wanted, const std::vector<std::string>& states);

// The verdict on one expect-state row, reached during the run.
struct StateVerdict {
  bool checked = false;  // the run reached the row's window (else the run ended before it)
  bool passed = true;
  double at = 0;         // the first instant it did not hold
  std::string party;     // the party it did not hold for (for `*`, the first one)
  std::string actual;    // that party's states then, states_text
};

// The names expect-state knows, for the loader's checks and messages.
const std::vector<std::string>& state_names();

// "talking to=2002, holding": the states as a failure message shows them.
std::string states_text(const std::vector<std::string>& states);

}  // namespace telsim
