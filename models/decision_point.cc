// Names of the decision points, for contests and messages.
#include "models/decision_point.h"

namespace telsim {

const char* point_name(Point p) {
  switch (p) {
    case Point::pilot: return "pilot";
    case Point::arrive: return "arrive";
    case Point::cannot_ring: return "cannot-ring";
    case Point::action: return "action";
    case Point::call_digits: return "call-digits";
    case Point::call_digit_timeout: return "call-digit-timeout";
    case Point::dialled: return "dialled";
    case Point::hangup: return "hangup";
    case Point::held_too_long: return "held-too-long";
    case Point::answer: return "answer";
    case Point::leg_ending: return "leg-ending";
    case Point::leg_gone: return "leg-gone";
    case Point::party_changed: return "party-changed";
    case Point::check: return "check";
    case Point::rung: return "rung";
    case Point::held: return "held";
    case Point::recalled: return "recalled";
    case Point::redelivered: return "redelivered";
    case Point::ringing_detail: return "ringing-detail";
    case Point::screen: return "screen";
    case Point::bill: return "bill";
    case Point::unanswered: return "unanswered";
    case Point::found_busy: return "found-busy";
    case Point::offered: return "offered";
    case Point::unknown_number: return "unknown-number";
    case Point::no_line: return "no-line";
    case Point::diverted: return "diverted";
    case Point::mailbox: return "mailbox";
    case Point::count_: break;
  }
  return "?";
}

}  // namespace telsim
