// Transfer (SPEC TR-1..TR-8, HR-2), in every profile with the profile's codes and switches.
//
// Decision points: `call_digits` and `call_digit_timeout` (the in-call codes and the target
// number), `action` (press transfer; hold, retrieve and press hold while a transfer is in
// progress, ahead of the hold box), `hangup` (completes or returns a transfer), `cannot_ring` (a
// consultation target busy, a blind-transferred call that cannot ring), `held_too_long` (ahead
// of the hold box: a transfer's held call past the hold-recall time returns the transfer),
// `leg_gone` (a device in a transfer: its held call ended), `recalled`, and its own
// transfer-recall timer; `no_line` where the profile's `one-line-consultation` is on (a one-line
// set's held call consulted from, see consult_from_hold). Its state: per device the transfer in
// progress, per leg a blind-transferred call's recall (to whom, and the token of its timer).
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
// The states a transferor goes through (Xfer::phase) and their ways out:
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
// A blind-transferred call rings the target; unanswered within the transfer-recall timer, or sent to
// a busy target, it returns to the transferor (`recall reason=transfer`, TR-8) when the profile's
// `transfer-recall` switch is on. Recalls ring the station's own (desk) phone only (DE-2).
#include <algorithm>

#include "models/box.h"

namespace telsim {

namespace {
enum : uint8_t { kPhaseNone = 0, kPhaseNumber = 1, kPhaseConsult = 2 };
constexpr uint8_t kTransferRecall = 0;  // the box's one timer

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

class Transfer : public Box {
 public:
  Transfer(Engine& e, uint8_t index, const char* name) : Box(e, index, name), xs_(devices_.size()) {
    join(Point::call_digits);
    join(Point::call_digit_timeout);
    join(Point::action);
    join(Point::hangup);
    join(Point::cannot_ring);
    join(Point::held_too_long);
    join(Point::leg_gone);
    join(Point::recalled);
    consult_one_line_ = profile_.on("one-line-consultation", false);
    if (consult_one_line_) join(Point::no_line);
  }

  bool decide(Point pt, Ask& ask) override {
    PartyId p = ask.party;
    switch (pt) {
      case Point::call_digits:
        for (char c : ask.text) incall_key(p, c);
        return true;
      case Point::call_digit_timeout:
        incall_digit_timeout(p);
        return true;
      case Point::hangup: return transfer_onhook(p);
      case Point::cannot_ring: return transfer_unreachable(ask.leg, ask.trunk_full);
      case Point::held_too_long: {
        if (!xfer_check(p) || xs_[p].held != ask.leg) return false;
        if (xs_[p].phase == kPhaseNumber) {
          transfer_return(p, "timeout");  // no number keyed in time
          return true;
        }
        // A consultation in progress: HR-1 knows no exception for it. When the consultation has
        // a line appearance of its own, the transfer is given up, the consultation goes on as a
        // plain call and the hold box recalls the held call on its line (it rings beside the
        // consultation). On a one-line set the consultation borrows the held call's line: the
        // recall is announced now and rings the moment the consultation ends.
        int32_t cl = xs_[p].consult;
        bool alive = xs_[p].phase == kPhaseConsult && leg_alive(cl, xs_[p].consult_gen);
        if (alive && legs_[cl].line < 0) {  // a free line appearance takes the consultation over
          int line = free_line(p, -1);
          if (line >= 0) {
            legs_[cl].line = static_cast<int16_t>(line);
            devices_[p].line_leg[line] = cl;
            note_device(p);
          }
        }
        if (alive && legs_[cl].line >= 0) {
          give_up_for_recall(p);
          return false;
        }
        if (!xs_[p].recall_pending) {
          xs_[p].recall_pending = true;
          emit(p, legs_[ask.leg].call, Ev::recall, tracing() ? "reason=hold" : std::string());
        }
        return true;
      }
      case Point::action: return action(p, ask.action, ask.text);
      case Point::no_line: return consult_from_hold(p);
      default: return false;
    }
  }

  bool wants(Point pt, const Ask& ask) const override {
    if (pt == Point::action) {
      if (ask.action == Action::press && ask.text == "transfer") return true;
      // During a transfer: the keys action() takes (hold, retrieve, press hold), not every key
      // (press conference and flash are the conference's and three-way calling's).
      bool key = ask.action == Action::hold || ask.action == Action::retrieve ||
                 (ask.action == Action::press && ask.text == "hold");
      return key && devices_[ask.party].kind == PartyKind::station && xs_[ask.party].phase != kPhaseNone;
    }
    if (pt == Point::held_too_long) return xs_[ask.party].phase != kPhaseNone && xs_[ask.party].held == ask.leg;
    return false;
  }

  void notice(Point pt, Ask& ask) override {
    if (pt == Point::recalled) {
      recall_.erase(ask.leg);  // the call rings back at its holder: no transfer recall is pending
    } else if (pt == Point::leg_gone) {
      // A transfer whose held call has just ended gives its consultation the line at once, before
      // another call can ring on the freed line and take the handset from it (found by telsim
      // explore: scenarios/regressions/held_party_hangs_up_during_consultation_keeps_it.csv).
      if (xs_[ask.party].phase != kPhaseNone) xfer_check(ask.party);
      if (xs_[ask.party].phase == kPhaseNone) unwatch_device(ask.party);
    }
  }

  void timer(const Timer& t) override {
    const Leg& l = legs_[t.slot];
    const Recall* r = recall_.find(t.slot, l.gen);
    if (l.state == LegState::free || !r || r->token != t.gen) return;  // stale
    if (l.state == LegState::ringback) transfer_recall(t.slot);
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size()) return {};
    const Leg& l = legs_[t.slot];
    const Recall* r = recall_.find(t.slot, l.gen);
    if (l.state == LegState::free || !r || r->token != t.gen) return {};
    if (l.call == kNone || !calls_[l.call].live)
      return "stale-timer: recall timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t) const override { return "transfer-recall"; }

 private:
  // A station's transfer in progress.
  struct Xfer {
    uint8_t phase = kPhaseNone;  // none, keying the target number, consultation
    bool attended = false;
    int32_t held = kNone;        // the station's own leg of the call being transferred (held)
    uint32_t held_gen = 0;
    int32_t consult = kNone;     // the station's leg of the consultation call
    uint32_t consult_gen = 0;
    std::string digits;          // the target number keyed so far
    bool recall_pending = false; // the held call is past its hold-recall time (HR-1): hanging up
                                 // ends the consultation and rings the recall instead of completing
    bool from_hold = false;      // a one-line set's consultation from a call it held: hanging up
                                 // recalls the held call (HR-1), `press transfer` completes
  };
  bool consult_one_line_ = false;  // switch.one-line-consultation
  // A blind-transferred call (the held party's leg): where it returns (TR-8) and its timer's token.
  struct Recall {
    PartyId to = kNone;
    uint32_t token = 0;
  };
  std::vector<Xfer> xs_;      // per device
  SlotTable<Recall> recall_;  // per leg
  uint32_t next_token_ = 1;

  bool recalls_to(int32_t x, PartyId by, uint32_t token) const {
    const Recall* r = recall_.find(x, legs_[x].gen);
    return r && r->to == by && r->token == token;
  }
  bool recalls_to(int32_t x, PartyId by) const {
    const Recall* r = recall_.find(x, legs_[x].gen);
    return r && r->to == by;
  }

  // The keys and steps a transfer takes: press transfer always; hold, retrieve and press hold
  // while a transfer is in progress (ahead of the hold box).
  bool action(PartyId p, Action a, std::string_view key) {
    Device& d = devices_[p];
    if (d.kind != PartyKind::station) return false;
    if (a == Action::hold) return d.active != kNone && xfer_check(p);  // busy with the transfer: nothing
    if (a == Action::retrieve || (a == Action::press && key == "hold")) {
      if (!xfer_check(p)) return false;
      // Retrieve during a transfer: give it up and go back to the held party.
      if (xs_[p].phase == kPhaseConsult) drop_consultation(p);
      back_with_held(p);
      return true;
    }
    if (a != Action::press || key != "transfer") return false;
    // The transfer key: attended transfer (consultation), as on Mitel/Perception sets; hanging up
    // while the target rings makes it blind. In a consultation, the key completes it.
    if (xfer_check(p)) {
      if (xs_[p].phase == kPhaseConsult) complete_consultation(p);
      return true;
    }
    if (d.active == kNone) {
      // Nothing on the handset and no line for a consultation (a one-line station holding its
      // call): a consultation where the profile gives one, else reorder, not a key lost in silence.
      if (free_line(p, -1) < 0 && !(consult_one_line_ && consult_from_hold(p))) e_.no_line_tone(p);
      return true;
    }
    Leg& l = legs_[d.active];
    if (l.state == LegState::connected && !l.held && l.peer != kNone && !legs_[l.peer].held)
      start_transfer(p, true, false);
    return true;
  }

  // A transfer whose held call has ended (the held party hung up) is over: what is left of it (a
  // consultation) is an ordinary call. Returns whether a transfer is still in progress.
  bool xfer_check(PartyId p) {
    Device& d = devices_[p];
    if (xs_[p].phase == kPhaseNone) return false;
    if (leg_alive(xs_[p].held, xs_[p].held_gen) && legs_[xs_[p].held].peer != kNone) return true;
    if (leg_alive(xs_[p].consult, xs_[p].consult_gen) && legs_[xs_[p].consult].line < 0) {
      int line = free_line(p, -1);  // the consultation takes over the line the held call had
      if (line >= 0) {
        legs_[xs_[p].consult].line = static_cast<int16_t>(line);
        d.line_leg[line] = xs_[p].consult;
        note_device(p);
      }
    }
    xs_[p].phase = kPhaseNone;
    xs_[p].held = xs_[p].consult = kNone;
    xs_[p].digits.clear();
    return false;
  }

  // switch.one-line-consultation: a one-line set whose only line holds a call it put on hold
  // lifts, dials or presses transfer: the held call becomes a transfer's held call and the handset
  // gets dial tone on a consultation call that borrows the line (as a transfer's consultation
  // does). The number is dialled as at any dial tone; `press transfer` completes (joins the two, or
  // blind while the target rings), hanging up ends the consultation and recalls the held call at
  // once (`recall reason=hold`, HR-1), `retrieve` goes back to it. False: nothing to consult from.
  bool consult_from_hold(PartyId p) {
    const Device& d = devices_[p];
    if (d.kind != PartyKind::station || d.line_leg.size() != 1 || xs_[p].phase != kPhaseNone) return false;
    int32_t held = d.line_leg[0];
    if (held == kNone || !legs_[held].held || legs_[held].state != LegState::connected || legs_[held].peer == kNone)
      return false;  // a held conference (no single peer) is the conference box's
    Xfer& x = xs_[p];
    x = Xfer{};
    x.phase = kPhaseConsult;
    x.attended = true;
    x.from_hold = true;
    x.held = held;
    x.held_gen = legs_[held].gen;
    watch_device(p);  // its legs ending may end the consultation (Point::leg_gone)
    x.consult = e_.start_dialing(p, -1);
    x.consult_gen = legs_[x.consult].gen;
    return true;
  }

  // The held call of a consultation recalls (HR-1): what is left is the consultation, a plain
  // call that keeps whatever line it has; the recall takes the held call's line appearance.
  void give_up_for_recall(PartyId p) {
    xs_[p].phase = kPhaseNone;
    xs_[p].held = xs_[p].consult = kNone;
    xs_[p].digits.clear();
    xs_[p].recall_pending = false;
  }

  // The transferor hangs up a consultation whose held call is due to recall: the consultation
  // ends (its far end hears the hang-up) and the held call rings back on its own line.
  void ring_pending_recall(PartyId p) {
    int32_t held = xs_[p].held;
    int32_t cl = xs_[p].consult;
    bool alive = leg_alive(cl, xs_[p].consult_gen);
    give_up_for_recall(p);
    if (alive) release_leg(cl, "hangup");
    e_.recall_ring(held, "recall");
  }

  // ---------------------------------------------------------------- in-call digits

  void incall_digits(PartyId p, std::string_view digits) {
    for (char c : digits) incall_key(p, c);
  }

  void incall_key(PartyId p, char c) {
    Device& d = devices_[p];
    if (d.kind != PartyKind::station || d.active == kNone) return;
    const std::string back = e_.profile_code("back-to-caller");
    if (xfer_check(p)) {
      // During a transfer: the back-to-caller code, else (keying the target) the number.
      std::string& buf = xs_[p].digits;
      buf += c;
      ++d.digit_gen;
      bool back_prefix = !back.empty() && buf.size() <= back.size() && back.compare(0, buf.size(), buf) == 0;
      if (back_prefix) {
        if (buf == back) {
          buf.clear();
          if (xs_[p].phase == kPhaseConsult) drop_consultation(p);
          back_with_held(p);
          return;
        }
        e_.schedule(timer_seconds("digit"), TimerKind::digit_timeout, p, d.digit_gen);
        return;
      }
      if (xs_[p].phase == kPhaseConsult) {  // other digits in the consultation are just digits
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
        e_.schedule(timer_seconds("digit"), TimerKind::digit_timeout, p, d.digit_gen);
        return;
      }
      switch (e_.match_dialled(buf)) {
        case Engine::Match::complete:
        case Engine::Match::none:
          finish_number(p);
          break;
        default:
          e_.schedule(timer_seconds("digit"), TimerKind::digit_timeout, p, d.digit_gen);
          break;
      }
      return;
    }
    // No transfer yet: does a code start here? Only in a conversation nobody holds.
    Leg& l = legs_[d.active];
    if (l.state != LegState::connected || l.held || l.peer == kNone || legs_[l.peer].held) return;
    const std::vector<std::string> codes = {e_.profile_code("blind-transfer"), e_.profile_code("attended-transfer")};
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
        e_.schedule(timer_seconds("digit"), TimerKind::digit_timeout, p, d.digit_gen);
        break;
    }
  }

  void incall_digit_timeout(PartyId p) {
    Device& d = devices_[p];
    if (d.active == kNone) return;
    if (xfer_check(p)) {
      if (xs_[p].phase == kPhaseNumber)
        finish_number(p);
      else
        xs_[p].digits.clear();
      return;
    }
    const std::vector<std::string> codes = {e_.profile_code("blind-transfer"), e_.profile_code("attended-transfer")};
    int which = -1;
    CodeMatch m = match_codes(codes, d.digits, &which);
    d.digits.clear();
    if (m == CodeMatch::complete_or_longer) start_transfer(p, which == 1, true);
  }

  // ---------------------------------------------------------------- hold and retrieve

  // ---------------------------------------------------------------- transfer

  void start_transfer(PartyId p, bool attended, bool by_code) {
    Device& d = devices_[p];
    if (by_code && profile_.on("transfer-needs-multi-user-aware", false) && !d.def->multi_user_aware) {
      // TR-3: not a transfer for this station: reorder, the call stays up.
      emit(p, legs_[d.active].call, Ev::reorder, tracing() ? "reason=permission" : std::string());
      return;
    }
    int32_t leg = d.active;
    e_.put_on_hold(leg);
    xs_[p].phase = kPhaseNumber;
    xs_[p].recall_pending = false;
    xs_[p].from_hold = false;
    watch_device(p);  // its legs ending may end the transfer (Point::leg_gone)
    xs_[p].attended = attended;
    xs_[p].held = leg;
    xs_[p].held_gen = legs_[leg].gen;
    xs_[p].consult = kNone;
    xs_[p].digits.clear();
    int32_t c = legs_[leg].call;
    auto prompt = profile_.texts.find("transfer-prompt");
    if (prompt != profile_.texts.end()) emit(p, c, Ev::prompt, tracing() ? prompt->second : std::string());
    emit(p, c, Ev::dialtone);
  }

  // The target number is complete (by the dial plan, `#` or the digit timer).
  void finish_number(PartyId p) {
    Device& d = devices_[p];
    std::string number = xs_[p].digits;
    xs_[p].digits.clear();
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
    int32_t held = xs_[p].held;
    int32_t c1 = legs_[held].call;
    if (!xs_[p].attended) {
      blind_transfer(p, target, it->second.line, number);
      return;
    }
    emit(p, c1, Ev::transfer, tracing() ? "kind=attended to=" + number : std::string());
    int32_t c2 = e_.new_call(false);  // the consultation is a call of its own (SPEC 2)
    int32_t cl = e_.new_leg(c2, p, LegState::dialing);
    legs_[cl].originator = true;
    calls_[c2].a_leg = cl;
    d.active = cl;
    xs_[p].phase = kPhaseConsult;
    xs_[p].consult = cl;
    xs_[p].consult_gen = legs_[cl].gen;
    e_.deliver(cl, target, it->second.line);  // busy or trunk full: transfer_unreachable returns it
    // Another feature may have ended the attempt with a tone (a hunt group with nobody free): the
    // transfer cannot complete either.
    if (xs_[p].phase == kPhaseConsult && leg_alive(cl, xs_[p].consult_gen) && legs_[cl].state == LegState::tone) {
      transfer_return(p, "busy");
    }
  }

  void blind_transfer(PartyId p, PartyId target, int line, const std::string& number) {
    int32_t held = xs_[p].held;
    int32_t x = legs_[held].peer;
    int32_t c1 = legs_[held].call;
    if (tracing()) {
      emit(p, c1, Ev::transfer, "kind=blind to=" + number);
      emit(p, c1, Ev::released, "reason=transfer");
    } else {
      emit(p, c1, Ev::transfer);
      emit(p, c1, Ev::released);
    }
    xs_[p].phase = kPhaseNone;
    xs_[p].held = kNone;
    legs_[x].peer = kNone;
    free_leg(held);  // the transferor leaves the call; the held party's leg keeps it alive
    // Complete once the call is with the target (ringing or answered); a busy target recalls instead.
    if (send_transferred(x, p, target, line))
      emit(p, c1, Ev::transfer_complete, tracing() ? "to=" + number : std::string());
  }

  // The held party's leg (now the call's only leg) rings the transfer target.
  bool send_transferred(int32_t x, PartyId by, PartyId target, int line) {
    Leg& xl = legs_[x];
    int32_t c = xl.call;
    calls_[c].a_leg = x;
    calls_[c].b_leg = kNone;
    Ask redelivery;
    redelivery.leg = x;
    e_.notice(Point::redelivered, redelivery);  // a transfer is a new delivery: forwards before it do not count
    // With music on hold the held party hears music until the target answers (TR-6); else ringback.
    if (profile_.on("music-on-hold", true)) xl.state = LegState::ringback;
    uint32_t token = next_token_++;
    recall_.at(x, xl.gen) = Recall{by, token};
    e_.deliver(x, target, line);
    // Another feature may have ended it with a tone (a hunt group with nobody free): recall too.
    if (legs_[x].state == LegState::tone && recalls_to(x, by, token) &&
        profile_.on("transfer-recall", true))
      transfer_recall(x);
    // Outside legs of a transfer are billed to the transferring party (TR-7; seed 003).
    for (int32_t r : calls_[c].ringing)
      if (legs_[r].outside) legs_[r].billed_to = by;
    if (recalls_to(x, by, token) && legs_[x].state == LegState::ringback &&
        profile_.on("transfer-recall", true))
      schedule(timer_seconds("transfer-recall"), kTransferRecall, x, token);
    const Leg& after = legs_[x];
    return (after.state == LegState::ringback && recalls_to(x, by) && !calls_[c].ringing.empty()) ||
           (after.state == LegState::connected && after.peer != kNone);
  }

  // The transferor hangs up during a consultation (or presses transfer again).
  void complete_consultation(PartyId p) {
    int32_t held = xs_[p].held;
    int32_t x = legs_[held].peer;
    int32_t c1 = legs_[held].call;
    if (!leg_alive(xs_[p].consult, xs_[p].consult_gen)) {  // nothing to join: the call comes back
      xs_[p].phase = kPhaseNone;
      emit(p, c1, Ev::recall, tracing() ? "reason=transfer" : std::string());
      e_.recall_ring(held, "recall");
      return;
    }
    int32_t cl = xs_[p].consult;
    int32_t c2 = legs_[cl].call;
    Leg& cleg = legs_[cl];
    xs_[p].phase = kPhaseNone;
    xs_[p].held = xs_[p].consult = kNone;
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
      // Shown as CNDB allows: the joined call is a transferred one (SPEC 7).
      emit(tp, c1, Ev::connected, tracing() ? "to=" + e_.shown_name(legs_[x].party, tp, c1) : std::string());
      emit(legs_[x].party, c1, Ev::connected, tracing() ? "to=" + e_.shown_name(tp, legs_[x].party, c1) : std::string());
      return;
    }
    if (cleg.state == LegState::ringback && !calls_[c2].ringing.empty()) {
      // The target still rings: the transfer completes as a blind one (TR-2).
      LegList ringing;
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
      uint32_t token = next_token_++;
      recall_.at(x, xl.gen) = Recall{p, token};
      if (profile_.on("transfer-recall", true)) schedule(timer_seconds("transfer-recall"), kTransferRecall, x, token);
      return;
    }
    // The consultation is in no state to take the call (a tone): it ends, the call comes back.
    release_leg(cl, "transfer");
    emit(p, c1, Ev::recall, tracing() ? "reason=transfer" : std::string());
    e_.recall_ring(held, "recall");
  }

  void drop_consultation(PartyId p) {
    int32_t cl = xs_[p].consult;
    xs_[p].consult = kNone;
    if (!leg_alive(cl, xs_[p].consult_gen)) return;
    release_leg(cl, "transfer");  // ringing: the target stops ringing; connected: both released
  }

  void transfer_return(PartyId p, const char* reason) {
    drop_consultation(p);
    emit(p, legs_[xs_[p].held].call, Ev::transfer_return,
         tracing() ? std::string("reason=") + reason : std::string());
    back_with_held(p);
  }

  void back_with_held(PartyId p) {
    Device& d = devices_[p];
    int32_t held = xs_[p].held;
    xs_[p].phase = kPhaseNone;
    xs_[p].held = xs_[p].consult = kNone;
    xs_[p].digits.clear();
    ++d.digit_gen;
    Leg& h = legs_[held];
    h.held = false;
    d.active = held;
    d.offhook = true;
    emit(p, h.call, Ev::retrieved);
  }

  bool transfer_onhook(PartyId p) {
    Device& d = devices_[p];
    if (xfer_check(p)) {
      if (xs_[p].phase == kPhaseConsult && (xs_[p].recall_pending || xs_[p].from_hold)) {
        // A one-line set's consultation from hold: the held call recalls now, as HR-1's would.
        if (!xs_[p].recall_pending)
          emit(p, legs_[xs_[p].held].call, Ev::recall, tracing() ? "reason=hold" : std::string());
        ring_pending_recall(p);
        return true;
      }
      if (xs_[p].phase == kPhaseConsult) {
        complete_consultation(p);
        return true;
      }
      // Keying the target: a valid number transfers blind; anything else returns the call at once.
      std::string number = xs_[p].digits;
      auto it = numbers_.find(number);
      if (!number.empty() && it != numbers_.end() && it->second.party != p) {
        blind_transfer(p, it->second.party, it->second.line, number);
      } else {
        int32_t held = xs_[p].held;
        xs_[p].phase = kPhaseNone;
        xs_[p].held = kNone;
        xs_[p].digits.clear();
        emit(p, legs_[held].call, Ev::recall, tracing() ? "reason=transfer" : std::string());
        e_.recall_ring(held, "recall");
      }
      return true;
    }
    // A consultation target hanging up sends the transferor back to the held party (HR-2).
    int32_t leg = d.active;
    if (leg == kNone || legs_[leg].state != LegState::connected || legs_[leg].peer == kNone) return false;
    int32_t cl = legs_[leg].peer;
    PartyId q = legs_[cl].party;
    if (q == kNone || devices_[q].kind != PartyKind::station || !xfer_check(q)) return false;
    if (xs_[q].phase != kPhaseConsult || xs_[q].consult != cl) return false;
    release_leg(leg, "hangup");
    xs_[q].consult = kNone;
    transfer_return(q, "hangup");
    return true;
  }

  bool transfer_unreachable(int32_t a_leg, bool trunk_full) {
    Leg& a = legs_[a_leg];
    const char* why = trunk_full ? "blocked" : "busy";
    // A box refused the target (OCS, TCS, TL: SPEC 7): the return says why (screened, pin).
    if (!trunk_full && e_.last_ring_failure_ == Engine::RingFailure::screened && e_.screen_reason_)
      why = e_.screen_reason_;
    PartyId p = a.party;
    if (p != kNone && devices_[p].kind == PartyKind::station && xs_[p].phase == kPhaseConsult &&
        xs_[p].consult == a_leg) {
      // The consultation target is busy (or the trunk is full): back to the held party (HR-2).
      xs_[p].consult = kNone;
      calls_[a.call].end_reason = why;  // trust: every call ends with a reason
      free_leg(a_leg);
      transfer_return(p, why);
      return true;
    }
    if (recall_.find(a_leg, a.gen) && profile_.on("transfer-recall", true)) {
      transfer_recall(a_leg);  // a blind transfer to a busy target returns (TR-8)
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- recalls

  void transfer_recall(int32_t x) {
    Leg& xl = legs_[x];
    PartyId p = recall_.find(x, xl.gen)->to;
    int32_t c = xl.call;
    recall_.erase(x);
    stop_ringing_all(c, kNone, "recall");
    emit(p, c, Ev::recall, tracing() ? "reason=transfer" : std::string());
    RingInfo info;
    info.reason = "recall";
    if (ring(x, p, info) == kNone) tone(x, Ev::busy);  // the transferor cannot ring: busy, as BC-2
  }

};
}  // namespace

std::unique_ptr<Box> make_transfer(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Transfer>(e, index, name);
}

}  // namespace telsim
