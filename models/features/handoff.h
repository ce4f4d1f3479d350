// Dynamic Extension Express and Handoff (models/features/handoff.cc): what tests read of it.
#pragma once
#include <vector>

#include "models/engine.h"

namespace telsim {

// Why a call is offered to a station: Dynamic Extension Express follows only ordinary calls
// (DE-2; seed 000: hunt group calls, hunt announcement/overflow calls and transfer, hold, conference
// and attendant recalls ring the prime desk phone only).
enum class CallType : uint8_t {
  ordinary, hunt, overflow, recall_transfer, recall_hold, recall_conference, recall_attendant,
  handoff,  // the leg a Handoff push rings (its own call id, SPEC 2)
};
// True when DEE rings a main extension's associated destinations for a call of this type.
bool dee_applies(CallType why);

// The devices a call of type `why` to `main` rings: the main's own (prime desk) phone first,
// then its associated stations, mobile, home and voice mail (voice mail answers only on no
// answer). Just {main} when DEE is off, the station has no associated destination besides
// voice mail, or the call type does not follow DEE (DE-2).
std::vector<PartyId> ring_set(const Engine& e, PartyId main, CallType why);
// The main extension a device is an associated destination of (itself for a main), or kNone.
PartyId main_of(const Engine& e, PartyId p);
bool handoff_pending(const Engine& e, PartyId main);

}  // namespace telsim
