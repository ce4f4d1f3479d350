// Transfer, hold, recall and pickup (SPEC TR-1..TR-8, PU-1..PU-2, HR-1..HR-2).
//
// In-call feature codes. Digits keyed in a connected call are matched against the profile's
// in-call codes (code.blind-transfer, code.attended-transfer; code.back-to-caller during a
// transfer) with the `digit` timer: a code that another code extends waits for the timer. A code
// starts a transfer: the other party is put on hold (`hold by=`, `music-on-hold` where the profile
// plays music), the transferor hears the profile's transfer prompt (if any) and dial tone, and
// keys the target number. How the number ends is the profile's `transfer-number-end` switch:
// `match` (as at dial tone: at once when it matches one number, else at the digit timer or `#`)
// or `timeout` (at the digit timer after the last digit, or at `#`; TeleCube).
//
// The states a transferor goes through (Device::xfer_phase) and their ways out:
//   number   keying the target. Valid number: attended -> consultation; blind -> the transferor is
//            released and the held party rings the target. Unknown number or the transferor's own
//            -> `transfer-return` and back with the held party (HR-2). Hanging up with a valid
//            number -> blind transfer; without one -> the held call recalls at once (HR-2).
//            `retrieve` (or back-to-caller code) -> back with the held party. Hold recall timer
//            expiring -> `transfer-return reason=timeout`.
//   consult  a new call (own call id, SPEC 2) to the target. Target busy / trunk full ->
//            `transfer-return`. Target answers, transferor hangs up -> the held party and the target
//            are joined in the held party's call (`transfer-complete`). Transferor hangs up while
//            the target rings -> completes as blind (TR-2). Target hangs up -> `transfer-return`.
//            Back-to-caller code or `retrieve` -> the target leg is released, back with the held
//            party (TR-5). The held party hangs up -> the consultation is just a call.
// `transfer-return reason=` says why: busy, blocked (trunk full), unknown, self, hangup, timeout.
// In-call codes are matched among the codes valid in the state: `*` (TeleCube attended) acts at once
// in a plain call because `**` exists only during a transfer; there `*` waits for the second `*`.
// Hold: `hold`/`press hold` hold the current call (the handset is free, the call keeps its line);
// hanging up does not drop it; `retrieve`/`press hold` take it back; the hold-recall timer rings the
// holder's own phone (`recall reason=hold`, `ringing reason=recall`), the held party keeps its music.
// Pickup: `code.pickup` + extension at dial tone, through the shared dial-code table.
// A blind-transferred call rings the target; unanswered within the transfer-recall timer, or sent to
// a busy target, it returns to the transferor (`recall reason=transfer`, TR-8) when the profile's
// `transfer-recall` switch is on. Recalls ring the station's own (desk) phone only (DE-2).
#include <algorithm>

#include "models/engine.h"

namespace telsim {

namespace {
enum : uint8_t { kPhaseNone = 0, kPhaseNumber = 1, kPhaseConsult = 2 };
// TimerKind::feature args owned by this file.
constexpr uint8_t kHoldRecall = 0x40;
constexpr uint8_t kTransferRecall = 0x41;

enum class CodeMatch { none, partial, complete, complete_or_longer };

// How `digits` matches a small set of codes; `which` gets the index of the exact match.
CodeMatch match_codes(const std::vector<std::string>& codes, const std::string& digits, int* which) {
  bool exact = false, longer = false;
  for (size_t i = 0; i < codes.size(); ++i) {
    const std::string& c = codes[i];
    if (c.empty()) continue;
    if (c == digits) {
      exact = true;
      *which = static_cast<int>(i);
    } else if (c.size() > digits.size() && c.compare(0, digits.size(), digits) == 0) {
      longer = true;
    }
  }
  if (exact) return longer ? CodeMatch::complete_or_longer : CodeMatch::complete;
  return longer ? CodeMatch::partial : CodeMatch::none;
}
}  // namespace

std::string Engine::profile_code(const char* feature) const {
  auto it = profile_.codes.find(feature);
  return it == profile_.codes.end() ? std::string() : it->second;
}

bool Engine::leg_alive(int32_t leg, uint32_t gen) const {
  return leg != kNone && legs_[leg].gen == gen && legs_[leg].state != LegState::free;
}

// A transfer whose held call has ended (the held party hung up) is over: what is left of it (a
// consultation) is an ordinary call. Returns whether a transfer is still in progress.
bool Engine::xfer_check(PartyId p) {
  Device& d = devices_[p];
  if (d.xfer_phase == kPhaseNone) return false;
  if (leg_alive(d.xfer_held, d.xfer_held_gen) && legs_[d.xfer_held].peer != kNone) return true;
  if (leg_alive(d.xfer_consult, d.xfer_consult_gen) && legs_[d.xfer_consult].line < 0) {
    int line = free_line(p, -1);  // the consultation takes over the line the held call had
    if (line >= 0) {
      legs_[d.xfer_consult].line = static_cast<int16_t>(line);
      d.line_leg[line] = d.xfer_consult;
      note_device(p);
    }
  }
  d.xfer_phase = kPhaseNone;
  d.xfer_held = d.xfer_consult = kNone;
  d.xfer_digits.clear();
  return false;
}

// ---------------------------------------------------------------- in-call digits

void Engine::incall_digits(PartyId p, std::string_view digits) {
  for (char c : digits) incall_key(p, c);
}

void Engine::incall_key(PartyId p, char c) {
  Device& d = devices_[p];
  if (d.kind != PartyKind::station || d.active == kNone) return;
  const std::string back = profile_code("back-to-caller");
  if (xfer_check(p)) {
    // During a transfer: the back-to-caller code, else (keying the target) the number.
    std::string& buf = d.xfer_digits;
    buf += c;
    ++d.digit_gen;
    bool back_prefix = !back.empty() && buf.size() <= back.size() && back.compare(0, buf.size(), buf) == 0;
    if (back_prefix) {
      if (buf == back) {
        buf.clear();
        if (d.xfer_phase == kPhaseConsult) drop_consultation(p);
        back_with_held(p);
        return;
      }
      schedule(timer("digit"), TimerKind::digit_timeout, p, d.digit_gen);
      return;
    }
    if (d.xfer_phase == kPhaseConsult) {  // other digits in the consultation are just digits
      buf.clear();
      if (!back.empty() && back[0] == c) buf = c;
      return;
    }
    if (c == '#') {  // `#` ends the number
      buf.pop_back();
      finish_number(p);
      return;
    }
    if (profile_.switches.count("transfer-number-end") &&
        profile_.switches.at("transfer-number-end") == "timeout") {
      schedule(timer("digit"), TimerKind::digit_timeout, p, d.digit_gen);
      return;
    }
    switch (match_dialled(buf)) {
      case Match::complete:
      case Match::none:
        finish_number(p);
        break;
      default:
        schedule(timer("digit"), TimerKind::digit_timeout, p, d.digit_gen);
        break;
    }
    return;
  }
  // No transfer yet: does a code start here? Only in a conversation nobody holds.
  Leg& l = legs_[d.active];
  if (l.state != LegState::connected || l.held || l.peer == kNone || legs_[l.peer].held) return;
  const std::vector<std::string> codes = {profile_code("blind-transfer"), profile_code("attended-transfer")};
  int which = -1;
  d.digits += c;
  ++d.digit_gen;
  CodeMatch m = match_codes(codes, d.digits, &which);
  if (m == CodeMatch::none && d.digits.size() > 1) {  // this key may start a code afresh
    d.digits.assign(1, c);
    m = match_codes(codes, d.digits, &which);
  }
  switch (m) {
    case CodeMatch::none:
      d.digits.clear();
      break;
    case CodeMatch::complete:
      d.digits.clear();
      start_transfer(p, which == 1, true);
      break;
    default:
      schedule(timer("digit"), TimerKind::digit_timeout, p, d.digit_gen);
      break;
  }
}

void Engine::incall_digit_timeout(PartyId p) {
  Device& d = devices_[p];
  if (d.active == kNone) return;
  if (xfer_check(p)) {
    if (d.xfer_phase == kPhaseNumber)
      finish_number(p);
    else
      d.xfer_digits.clear();
    return;
  }
  const std::vector<std::string> codes = {profile_code("blind-transfer"), profile_code("attended-transfer")};
  int which = -1;
  CodeMatch m = match_codes(codes, d.digits, &which);
  d.digits.clear();
  if (m == CodeMatch::complete_or_longer) start_transfer(p, which == 1, true);
}

// ---------------------------------------------------------------- hold and retrieve

void Engine::put_on_hold(int32_t leg) {
  Leg& l = legs_[leg];
  l.held = true;
  l.recall_token = next_recall_token_++;
  PartyId held = legs_[l.peer].party;
  emit(held, l.call, Ev::hold, tracing() ? "by=" + party_name(l.party) : std::string());
  if (profile_.on("music-on-hold", true)) emit(held, l.call, Ev::music_on_hold);
  schedule(timer("hold-recall"), TimerKind::feature, leg, l.recall_token, kHoldRecall);
}

void Engine::hold_call(PartyId p) {
  Device& d = devices_[p];
  if (d.kind != PartyKind::station || d.active == kNone || xfer_check(p)) return;
  int32_t leg = d.active;
  Leg& l = legs_[leg];
  if (l.state != LegState::connected || l.held || l.peer == kNone || legs_[l.peer].held) return;
  put_on_hold(leg);
  d.active = kNone;  // the handset is free; the call stays on its line appearance
  d.digits.clear();
  ++d.digit_gen;
}

void Engine::retrieve_call(PartyId p) {
  Device& d = devices_[p];
  if (d.kind != PartyKind::station) return;
  if (xfer_check(p)) {  // retrieve during a transfer: give it up and go back to the held party
    if (d.xfer_phase == kPhaseConsult) drop_consultation(p);
    back_with_held(p);
    return;
  }
  int32_t held = kNone;
  for (int32_t l : d.line_leg)
    if (l != kNone && legs_[l].held && legs_[l].state == LegState::connected) {
      held = l;
      break;
    }
  if (held == kNone) return;  // nothing on hold: nothing happens
  if (d.active != kNone) {
    Leg& a = legs_[d.active];
    if (a.state == LegState::connected && !a.held && a.peer != kNone && !legs_[a.peer].held)
      put_on_hold(d.active);  // swap: the current call goes on hold
    else if (a.state == LegState::connected)
      return;  // a conversation that cannot be held (the other side holds it): stay
    else
      release_leg(d.active, "hangup");  // dial tone, ringback or a tone: give it up
  }
  Leg& h = legs_[held];
  h.held = false;
  h.recall_token = 0;
  d.active = held;
  d.offhook = true;
  emit(p, h.call, Ev::retrieved);
}

void Engine::press_key(PartyId p, std::string_view key) {
  Device& d = devices_[p];
  if (d.kind != PartyKind::station) return;
  if (key == "hold") {
    bool in_transfer = xfer_check(p);
    if (!in_transfer && d.active != kNone && legs_[d.active].state == LegState::connected && !legs_[d.active].held)
      hold_call(p);
    else
      retrieve_call(p);
  } else if (key == "transfer") {
    // The transfer key: attended transfer (consultation), as on Mitel/Perception sets; hanging up
    // while the target rings makes it blind. In a consultation, the key completes it.
    if (xfer_check(p)) {
      if (d.xfer_phase == kPhaseConsult) complete_consultation(p);
      return;
    }
    if (d.active == kNone) return;
    Leg& l = legs_[d.active];
    if (l.state == LegState::connected && !l.held && l.peer != kNone && !legs_[l.peer].held)
      start_transfer(p, true, false);
  }
}

// ---------------------------------------------------------------- transfer

void Engine::start_transfer(PartyId p, bool attended, bool by_code) {
  Device& d = devices_[p];
  if (by_code && profile_.on("transfer-needs-multi-user-aware", false) && !d.def->multi_user_aware) {
    // TR-3: not a transfer for this station: reorder, the call stays up.
    emit(p, legs_[d.active].call, Ev::reorder, tracing() ? "reason=permission" : std::string());
    return;
  }
  int32_t leg = d.active;
  put_on_hold(leg);
  d.xfer_phase = kPhaseNumber;
  d.xfer_attended = attended;
  d.xfer_held = leg;
  d.xfer_held_gen = legs_[leg].gen;
  d.xfer_consult = kNone;
  d.xfer_digits.clear();
  int32_t c = legs_[leg].call;
  auto prompt = profile_.texts.find("transfer-prompt");
  if (prompt != profile_.texts.end()) emit(p, c, Ev::prompt, tracing() ? prompt->second : std::string());
  emit(p, c, Ev::dialtone);
}

// The target number is complete (by the dial plan, `#` or the digit timer).
void Engine::finish_number(PartyId p) {
  Device& d = devices_[p];
  std::string number = d.xfer_digits;
  d.xfer_digits.clear();
  ++d.digit_gen;
  auto it = numbers_.find(number);
  if (it == numbers_.end()) {
    transfer_return(p, "unknown");
    return;
  }
  PartyId target = it->second.party;
  if (target == p) {  // a transfer to oneself cannot complete (HR-2)
    transfer_return(p, "self");
    return;
  }
  int32_t held = d.xfer_held;
  int32_t c1 = legs_[held].call;
  if (!d.xfer_attended) {
    blind_transfer(p, target, it->second.line, number);
    return;
  }
  emit(p, c1, Ev::transfer, tracing() ? "kind=attended to=" + number : std::string());
  int32_t c2 = new_call(false);  // the consultation is a call of its own (SPEC 2)
  int32_t cl = new_leg(c2, p, LegState::dialing);
  legs_[cl].originator = true;
  calls_[c2].a_leg = cl;
  d.active = cl;
  d.xfer_phase = kPhaseConsult;
  d.xfer_consult = cl;
  d.xfer_consult_gen = legs_[cl].gen;
  deliver(cl, target, it->second.line);  // busy or trunk full: transfer_unreachable returns it
  // Another feature may have ended the attempt with a tone (a hunt group with nobody free): the
  // transfer cannot complete either.
  if (d.xfer_phase == kPhaseConsult && leg_alive(cl, d.xfer_consult_gen) && legs_[cl].state == LegState::tone) {
    transfer_return(p, "busy");
  }
}

void Engine::blind_transfer(PartyId p, PartyId target, int line, const std::string& number) {
  Device& d = devices_[p];
  int32_t held = d.xfer_held;
  int32_t x = legs_[held].peer;
  int32_t c1 = legs_[held].call;
  if (tracing()) {
    emit(p, c1, Ev::transfer, "kind=blind to=" + number);
    emit(p, c1, Ev::released, "reason=transfer");
  } else {
    emit(p, c1, Ev::transfer);
    emit(p, c1, Ev::released);
  }
  d.xfer_phase = kPhaseNone;
  d.xfer_held = kNone;
  legs_[x].peer = kNone;
  free_leg(held);  // the transferor leaves the call; the held party's leg keeps it alive
  // Complete once the call is with the target (ringing or answered); a busy target recalls instead.
  if (send_transferred(x, p, target, line))
    emit(p, c1, Ev::transfer_complete, tracing() ? "to=" + number : std::string());
}

// The held party's leg (now the call's only leg) rings the transfer target.
bool Engine::send_transferred(int32_t x, PartyId by, PartyId target, int line) {
  Leg& xl = legs_[x];
  int32_t c = xl.call;
  calls_[c].a_leg = x;
  calls_[c].b_leg = kNone;
  calls_[c].hops = 0;  // a transfer is a new delivery: forwards before it do not count against it
  // With music on hold the held party hears music until the target answers (TR-6); else ringback.
  if (profile_.on("music-on-hold", true)) xl.state = LegState::ringback;
  xl.recall_to = by;
  xl.recall_token = next_recall_token_++;
  uint32_t token = xl.recall_token;
  deliver(x, target, line);
  // Another feature may have ended it with a tone (a hunt group with nobody free): recall too.
  if (legs_[x].state == LegState::tone && legs_[x].recall_to == by && legs_[x].recall_token == token &&
      profile_.on("transfer-recall", true))
    transfer_recall(x);
  // Outside legs of a transfer are billed to the transferring party (TR-7; seed 003).
  for (int32_t r : calls_[c].ringing)
    if (legs_[r].outside) legs_[r].billed_to = by;
  if (legs_[x].recall_to == by && legs_[x].recall_token == token && legs_[x].state == LegState::ringback &&
      profile_.on("transfer-recall", true))
    schedule(timer("transfer-recall"), TimerKind::feature, x, token, kTransferRecall);
  const Leg& after = legs_[x];
  return (after.state == LegState::ringback && after.recall_to == by && !calls_[c].ringing.empty()) ||
         (after.state == LegState::connected && after.peer != kNone);
}

// The transferor hangs up during a consultation (or presses transfer again).
void Engine::complete_consultation(PartyId p) {
  Device& d = devices_[p];
  int32_t held = d.xfer_held;
  int32_t x = legs_[held].peer;
  int32_t c1 = legs_[held].call;
  if (!leg_alive(d.xfer_consult, d.xfer_consult_gen)) {  // nothing to join: the call comes back
    d.xfer_phase = kPhaseNone;
    emit(p, c1, Ev::recall, tracing() ? "reason=transfer" : std::string());
    recall_ring(held, "recall");
    return;
  }
  int32_t cl = d.xfer_consult;
  int32_t c2 = legs_[cl].call;
  Leg& cleg = legs_[cl];
  d.xfer_phase = kPhaseNone;
  d.xfer_held = d.xfer_consult = kNone;
  if (cleg.state == LegState::connected && cleg.peer != kNone) {
    // Join: the target moves into the held party's call, which keeps its id.
    int32_t t = cleg.peer;
    PartyId tp = legs_[t].party;
    if (tracing()) {
      emit(p, c1, Ev::transfer_complete, "to=" + party_name(tp));
      emit(p, c2, Ev::released, "reason=transfer");
      emit(p, c1, Ev::released, "reason=transfer");
    } else {
      emit(p, c1, Ev::transfer_complete);
      emit(p, c2, Ev::released);
      emit(p, c1, Ev::released);
    }
    Call& k2 = calls_[c2];
    if (k2.b_leg == t) k2.b_leg = kNone;
    if (k2.a_leg == t) k2.a_leg = kNone;
    legs_[t].call = c1;
    cleg.peer = kNone;
    calls_[c2].end_reason = "transfer";  // trust: every call ends with a reason
    free_leg(cl);  // the consultation call ends
    legs_[x].peer = kNone;
    free_leg(held);
    calls_[c1].a_leg = x;
    calls_[c1].b_leg = t;
    legs_[x].peer = t;
    legs_[t].peer = x;
    legs_[x].state = LegState::connected;
    // Two machines (voice mail holding for voice mail) would talk for ever: nobody is left who
    // wants the call, so it ends (found by telsim explore:
    // scenarios/regressions/attended_transfer_of_voicemail_to_voicemail_ends.csv).
    auto machine = [&](PartyId q) { return q != kNone && devices_[q].kind == PartyKind::voicemail; };
    if (machine(tp) && machine(legs_[x].party)) {
      release_leg(x, "transfer");
      return;
    }
    // The target's leg keeps its answer time: an outside target is billed from its answer (TR-7).
    emit(tp, c1, Ev::connected, tracing() ? "to=" + party_name(legs_[x].party) : std::string());
    emit(legs_[x].party, c1, Ev::connected, tracing() ? "to=" + party_name(tp) : std::string());
    return;
  }
  if (cleg.state == LegState::ringback && !calls_[c2].ringing.empty()) {
    // The target still rings: the transfer completes as a blind one (TR-2).
    std::vector<int32_t> ringing;
    ringing.swap(calls_[c2].ringing);
    PartyId first = legs_[ringing.front()].party;
    if (tracing()) {
      emit(p, c1, Ev::transfer_complete, "to=" + party_name(first));
      emit(p, c1, Ev::released, "reason=transfer");
    } else {
      emit(p, c1, Ev::transfer_complete);
      emit(p, c1, Ev::released);
    }
    calls_[c2].end_reason = "transfer";  // trust: every call ends with a reason
    free_leg(cl);
    legs_[x].peer = kNone;
    free_leg(held);
    Call& k1 = calls_[c1];
    k1.a_leg = x;
    k1.b_leg = kNone;
    for (int32_t r : ringing) {
      legs_[r].call = c1;
      legs_[r].peer = x;
      k1.ringing.push_back(r);
    }
    Leg& xl = legs_[x];
    xl.state = LegState::ringback;
    xl.recall_to = p;
    xl.recall_token = next_recall_token_++;
    if (profile_.on("transfer-recall", true))
      schedule(timer("transfer-recall"), TimerKind::feature, x, xl.recall_token, kTransferRecall);
    return;
  }
  // The consultation is in no state to take the call (a tone): it ends, the call comes back.
  release_leg(cl, "transfer");
  emit(p, c1, Ev::recall, tracing() ? "reason=transfer" : std::string());
  recall_ring(held, "recall");
}

void Engine::drop_consultation(PartyId p) {
  Device& d = devices_[p];
  int32_t cl = d.xfer_consult;
  d.xfer_consult = kNone;
  if (!leg_alive(cl, d.xfer_consult_gen)) return;
  release_leg(cl, "transfer");  // ringing: the target stops ringing; connected: both released
}

void Engine::transfer_return(PartyId p, const char* reason) {
  Device& d = devices_[p];
  drop_consultation(p);
  emit(p, legs_[d.xfer_held].call, Ev::transfer_return,
       tracing() ? std::string("reason=") + reason : std::string());
  back_with_held(p);
}

void Engine::back_with_held(PartyId p) {
  Device& d = devices_[p];
  int32_t held = d.xfer_held;
  d.xfer_phase = kPhaseNone;
  d.xfer_held = d.xfer_consult = kNone;
  d.xfer_digits.clear();
  ++d.digit_gen;
  Leg& h = legs_[held];
  h.held = false;
  h.recall_token = 0;
  d.active = held;
  d.offhook = true;
  emit(p, h.call, Ev::retrieved);
}

bool Engine::transfer_onhook(PartyId p) {
  Device& d = devices_[p];
  if (xfer_check(p)) {
    if (d.xfer_phase == kPhaseConsult) {
      complete_consultation(p);
      return true;
    }
    // Keying the target: a valid number transfers blind; anything else returns the call at once.
    std::string number = d.xfer_digits;
    auto it = numbers_.find(number);
    if (!number.empty() && it != numbers_.end() && it->second.party != p) {
      blind_transfer(p, it->second.party, it->second.line, number);
    } else {
      int32_t held = d.xfer_held;
      d.xfer_phase = kPhaseNone;
      d.xfer_held = kNone;
      d.xfer_digits.clear();
      emit(p, legs_[held].call, Ev::recall, tracing() ? "reason=transfer" : std::string());
      recall_ring(held, "recall");
    }
    return true;
  }
  // A consultation target hanging up sends the transferor back to the held party (HR-2).
  int32_t leg = d.active;
  if (leg == kNone || legs_[leg].state != LegState::connected || legs_[leg].peer == kNone) return false;
  int32_t cl = legs_[leg].peer;
  PartyId q = legs_[cl].party;
  if (q == kNone || devices_[q].kind != PartyKind::station || !xfer_check(q)) return false;
  Device& dq = devices_[q];
  if (dq.xfer_phase != kPhaseConsult || dq.xfer_consult != cl) return false;
  release_leg(leg, "hangup");
  dq.xfer_consult = kNone;
  transfer_return(q, "hangup");
  return true;
}

bool Engine::transfer_unreachable(int32_t a_leg) {
  Leg& a = legs_[a_leg];
  const char* why = last_ring_failure_ == RingFailure::trunk ? "blocked" : "busy";
  PartyId p = a.party;
  if (p != kNone && devices_[p].kind == PartyKind::station && devices_[p].xfer_phase == kPhaseConsult &&
      devices_[p].xfer_consult == a_leg) {
    // The consultation target is busy (or the trunk is full): back to the held party (HR-2).
    Device& d = devices_[p];
    d.xfer_consult = kNone;
    calls_[a.call].end_reason = why;  // trust: every call ends with a reason
    free_leg(a_leg);
    transfer_return(p, why);
    return true;
  }
  if (a.recall_to != kNone && profile_.on("transfer-recall", true)) {
    transfer_recall(a_leg);  // a blind transfer to a busy target returns (TR-8)
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- recalls

// The held party's call rings the station that held it, on the held line, desk phone only.
void Engine::recall_ring(int32_t held, const char* reason) {
  Leg& h = legs_[held];
  PartyId p = h.party;
  int32_t x = h.peer;
  // The held party's call: a leg pulled by a handoff keeps a call id of its own (SPEC 2), and that
  // call ends here, with a reason (found by fuzz_engine:
  // scenarios/regressions/hold_recall_after_handoff_pull_keeps_the_callers_call.csv).
  int32_t c = legs_[x].call;
  if (h.call != c) calls_[h.call].end_reason = "recall";
  int line = std::max<int>(0, h.line);
  legs_[x].peer = kNone;
  h.held = false;
  free_leg(held);
  calls_[c].a_leg = x;
  calls_[c].b_leg = kNone;
  legs_[x].recall_to = kNone;
  legs_[x].recall_token = 0;
  if (profile_.on("music-on-hold", true)) legs_[x].state = LegState::ringback;  // music goes on
  RingInfo info;
  info.line = line;
  info.reason = reason;
  if (ring(x, p, info) == kNone) tone(x, Ev::busy);  // the station cannot ring: the caller hears busy
}

void Engine::transfer_recall(int32_t x) {
  Leg& xl = legs_[x];
  PartyId p = xl.recall_to;
  int32_t c = xl.call;
  xl.recall_to = kNone;
  xl.recall_token = 0;
  stop_ringing_all(c, kNone, "recall");
  emit(p, c, Ev::recall, tracing() ? "reason=transfer" : std::string());
  RingInfo info;
  info.reason = "recall";
  if (ring(x, p, info) == kNone) tone(x, Ev::busy);  // the transferor cannot ring: busy, as BC-2
}

void Engine::hold_recall(int32_t leg) {
  Leg& l = legs_[leg];
  PartyId p = l.party;
  Device& d = devices_[p];
  if (xfer_check(p) && d.xfer_held == leg) {
    if (d.xfer_phase == kPhaseNumber) transfer_return(p, "timeout");  // no number keyed in time
    return;  // a consultation in progress: the transferor is busy with it
  }
  emit(p, l.call, Ev::recall, tracing() ? "reason=hold" : std::string());
  recall_ring(leg, "recall");
}

void Engine::transfer_timer(const Timer& t) {
  if (t.arg != kHoldRecall && t.arg != kTransferRecall) return;
  Leg& l = legs_[t.slot];
  if (l.state == LegState::free || l.recall_token != t.gen) return;  // stale
  if (t.arg == kHoldRecall) {
    if (l.held && l.state == LegState::connected) hold_recall(t.slot);
  } else if (l.recall_to != kNone && l.state == LegState::ringback) {
    transfer_recall(t.slot);
  }
}

// ---------------------------------------------------------------- pickup

void Engine::init_transfer() { add_dial_code("pickup", true, &Engine::pickup_code); }

// `code.pickup` then an extension, at dial tone: answers the call ringing there (PU-1), or reorder
// when nothing rings there or the number is no station (PU-2).
void Engine::pickup_code(PartyId p, const std::string&, const std::string& number) {
  auto it = numbers_.find(number);
  if (it == numbers_.end() || devices_[it->second.party].kind != PartyKind::station) {
    tone(devices_[p].active, Ev::reorder);
    return;
  }
  Device& d = devices_[p];
  int32_t pl = d.active;
  PartyId ext = it->second.party;
  int32_t ringing = kNone;
  for (int32_t r : devices_[ext].alerting)
    if (legs_[r].call != legs_[pl].call && legs_[r].peer != kNone) {
      ringing = r;
      break;
    }
  if (ringing == kNone) {  // nothing rings there (PU-2)
    tone(pl, Ev::reorder);
    return;
  }
  int32_t c = legs_[ringing].call;
  int32_t a = legs_[ringing].peer;
  emit(p, c, Ev::pickup, tracing() ? "from=" + party_name(ext) : std::string());
  stop_ringing_all(c, kNone, "pickup");
  // The picking phone's leg joins the ringing call, which keeps its id (SPEC 2).
  int32_t own = legs_[pl].call;
  calls_[own].a_leg = kNone;
  calls_[own].end_reason = "pickup";  // trust: every call ends with a reason
  legs_[pl].call = c;
  legs_[pl].originator = false;
  end_call_if_done(own);
  calls_[c].b_leg = pl;
  connect(a, pl);
}

}  // namespace telsim
