// The call core's decision points: the named moments where feature boxes take part in a call
// (models/box.h). The core knows no feature; at each point it asks the boxes the profile gave the
// PBX, in the profile's precedence order, and only those that said they take part in that point.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/action.h"

namespace telsim {

enum class Point : uint8_t {
  // Claimed: the boxes are asked in precedence order; the first that takes the decision ends it.
  // Where none does, the core does the plain thing (ring, busy, ignore).
  pilot,               // a call reaches a number with no phone of its own (a hunt pilot)
  arrive,              // a call arrives at a station's number (voice call, forward, multi-line hunting)
  cannot_ring,         // the phone a call was offered to cannot ring: busy or trunk full
  action,              // a step the core does not do itself: forward, voice-call, hold, retrieve, press
  call_digits,         // digits keyed in a call (not at dial tone: those go to the dial-code table)
  call_digit_timeout,  // the digit timer ran out in a call
  dialled,             // a complete number at dial tone that is no dial-plan feature code (388 pull)
  hangup,              // a party hangs up, before the core releases its leg
  held_too_long,       // a call has been on hold past the hold-recall time
  // Watched: asked only of the boxes that watch the leg or device concerned (Engine::watch_*), so
  // the traffic path pays only for what a box has a stake in.
  answer,              // a watched ringing leg is answered (claimed)
  leg_ending,          // a watched leg is about to end (observed)
  leg_gone,            // a leg of a watched device has ended (observed)
  party_changed,       // a watched device's lines or handset changed: busy or idle now (hunt, camp-on)
  check,               // invariants: a watched call or device is checked (Box::check_*)
  // Observed: every box in the point's table hears it.
  rung,                // the called phone rings for a call that arrived at its number (DEE)
  held,                // a call was put on hold
  recalled,            // a held call rings back at its holder (recall_ring): what was pending on it is over
  redelivered,         // a call starts a new delivery (a transfer): per-delivery counts restart
  ringing_detail,      // the `ringing` event's detail is written (only when tracing)
  // Added for the feature-interaction features (SPEC 7), claimed:
  screen,              // a phone is about to ring for a call (any path): a box may refuse it (OCS, TCS, TL)
  bill,                // an answered conversation ends at its called-side leg: a box may bill it (RC, SB)
  // Busy-station features (call waiting, camp-on; SPEC CW, CO):
  unanswered,          // claimed: a call offered to a station without ringing it (waiting) was not taken
                       // within the no-answer time (forward no answer may take it, CW-3)
  found_busy,          // observed: a call found the station it was delivered to busy (camp-on remembers it)
  offered,             // observed: a forward is being registered at ask.party: boxes add the calls offered
                       // there now without ringing (waiting, camped) to *ask.offered (CF-2, CO-3)
  // Claimed, appended later (SPEC 6).
  unknown_number,      // dialled digits are no number of the dial plan (AT-1: unknown-to-attendant), before reorder
  // Claimed, appended for SPEC 9's one-line sets:
  no_line,             // a station wants dial tone (lifts, dials, presses transfer) with every line taken
                       // and nothing on the handset: a box may consult from its held call, else reorder
  // Observed, for ring back when free and voice mail (SPEC 7: RBWF, VM):
  diverted,            // a station's feature sends a call on (forward, DEE's voice mail): ask.leg the caller's
                       // leg, ask.party the station (VM: the last one is the mailbox)
  mailbox,             // a voice mail pilot answered a call: ask.leg the caller's leg, ask.rung_leg the pilot's
                       // leg, ask.party the pilot
  count_
};

// What happened, as much as a point needs. Fields a point does not use are left as they are.
struct Ask {
  int32_t leg = -1;        // the leg concerned (for arrive and cannot_ring: the caller's leg)
  int32_t party = -1;      // the device concerned (the called number's device, the acting party)
  int line = 0;            // the line appearance called or rung
  int32_t rung_leg = -1;   // rung: the ringing leg at the called phone
  bool no_answer_taken = false;  // rung: a box already owns what happens at no answer
  bool prime_only = false;  // arrive, rung: ring the prime desk phone only (DE-2: an overflow call)
  bool trunk_full = false; // cannot_ring: the trunk, not the phone, refused
  Action action{};         // action
  std::string_view text;   // action: the argument; call_digits: the digits
  std::string* detail = nullptr;  // ringing_detail: append words here
  const char* reason = nullptr;   // screen: the reorder reason a refusing box gives (screened, pin)
  std::vector<std::pair<int32_t, uint32_t>>* offered = nullptr;  // offered: (caller leg, generation)
};

const char* point_name(Point p);

}  // namespace telsim
