// The attendant and attendant recall (SPEC AT-1..AT-2, DE-2; Mitel, seed 000, and every profile).
//
// An attendant is a party of kind `attendant` (an operator's console): it answers calls like a
// station. Stations reach "the attendant" by `code.attendant` at dial tone; with
// `switch.unknown-to-attendant = yes` a call to a number the dial plan does not know goes there
// instead of reorder (an attendant's own wrong numbers still get reorder). With several
// attendants such a call rings the first idle one in setup order (idle: on hook, nothing on its
// lines, not ringing); with none idle the caller hears busy. A call to an attendant's own number
// rings that console, as any number does.
//
// Extending a call (AT-2): in a call, `press transfer` holds the caller (`hold by=`, music) and
// gives dial tone; the target number is keyed (as a transfer's: at once when the dial plan knows
// it whole, else `#` or the digit timer) and rings in a consultation call of its own (`transfer
// kind=attended to=`), through every feature an ordinary call meets (a DEE main extension rings
// its destinations). `press release` (or `press transfer` again, or hanging up) then hands the
// call over: answered, the caller and the target talk; still ringing, the caller's call rings
// the target (`transfer-complete`, `released reason=transfer` at the console) and, unanswered
// within the `attendant-recall` timer counted from the release, returns to the console that
// extended it (`recall reason=attendant`, `ringing reason=recall`; the target's phones stop; only
// the console rings, never a destination, DE-2). If that console cannot ring (it is busy), the
// recall rings the first other idle attendant; with none, the caller hears busy.
// Before the release, a target that is busy (or the trunk is full), unknown, the console's own
// number, or that hangs up returns the console to the caller (`transfer-return reason=`, then
// `retrieved`, HR-2); so do `retrieve` and `press hold`. Hanging up (or `press release`) before a
// number rings: the caller recalls the console at once.
//
// Decision points: its dial code, `unknown_number`, and for consoles `action`, `call_digits`,
// `call_digit_timeout`, `hangup`, `cannot_ring`, `held_too_long` (ahead of hold: its own holds),
// `leg_ending` of its consultation legs (watched), and its own attendant-recall timer.
#include <algorithm>

#include "models/box.h"

namespace telsim {

namespace {
enum : uint8_t { kIdle = 0, kNumber = 1, kConsult = 2 };
constexpr uint8_t kCode = 0;
constexpr uint8_t kRecallTimer = 0;

class Attendant : public Box {
 public:
  Attendant(Engine& e, uint8_t index, const char* name) : Box(e, index, name), xs_(devices_.size()) {
    for (PartyId p = 0; p < static_cast<PartyId>(devices_.size()); ++p)
      if (devices_[p].kind == PartyKind::attendant) consoles_.push_back(p);
    if (consoles_.empty()) return;  // no console: `code.attendant` is no code, unknown numbers reorder
    add_dial_code("attendant", false, kCode);
    join(Point::unknown_number);
    join(Point::action);
    join(Point::call_digits);
    join(Point::call_digit_timeout);
    join(Point::hangup);
    join(Point::cannot_ring);
    join(Point::held_too_long);
    join(Point::leg_ending);
    join(Point::leg_gone);
  }

  void dial_code(PartyId p, uint8_t, const std::string&) override {
    int32_t leg = devices_[p].active;
    if (leg == kNone) return;
    to_attendant(leg);
  }

  bool decide(Point pt, Ask& ask) override {
    switch (pt) {
      case Point::unknown_number: {
        if (!wants(pt, ask)) return false;
        to_attendant(ask.leg);
        return true;
      }
      case Point::action: return console(ask.party) && action(ask.party, ask.action, ask.text);
      case Point::call_digits: {
        if (!console(ask.party)) return false;
        Xfer& x = xs_[ask.party];
        if (x.phase == kConsult) return true;  // digits to the target are just digits
        if (x.phase != kNumber) return false;
        for (char c : ask.text) key(ask.party, c);
        return true;
      }
      case Point::call_digit_timeout:
        if (!console(ask.party) || xs_[ask.party].phase != kNumber) return false;
        finish_number(ask.party);
        return true;
      case Point::hangup:
        if (!console(ask.party) || !extending(ask.party)) return false;
        hand_over(ask.party);
        return true;
      case Point::cannot_ring: {
        const Leg& l = legs_[ask.leg];
        if (!console(l.party)) return false;
        Xfer& x = xs_[l.party];
        if (x.phase != kConsult || x.consult != ask.leg) return false;
        x.reason = ask.trunk_full ? "blocked" : "busy";
        calls_[l.call].end_reason = x.reason;
        free_leg(ask.leg);  // leg_ending returns the console to the caller
        return true;
      }
      case Point::held_too_long: {
        const Leg& l = legs_[ask.leg];
        if (!console(l.party) || !extending(l.party) || xs_[l.party].held != ask.leg) return false;
        if (xs_[l.party].phase == kNumber) transfer_return(l.party, "timeout");  // no number in time
        return true;  // consulting: the console is busy with it
      }
      default: return false;
    }
  }

  bool wants(Point pt, const Ask& ask) const override {
    if (pt == Point::unknown_number) {
      if (consoles_.empty() || !profile_.on("unknown-to-attendant", false)) return false;
      const Leg& l = legs_[ask.leg];
      return l.state == LegState::dialing && !console(l.party);
    }
    if (pt == Point::action) return console(ask.party);
    return false;
  }

  void notice(Point pt, Ask& ask) override {
    if (pt == Point::leg_gone) {
      // The caller hung up while the console consulted: the consultation takes the line the
      // caller's call had, at once, before another call rings on it and takes the handset (found
      // by telsim explore: scenarios/regressions/attendant_consultation_keeps_the_line.csv).
      PartyId p = ask.party;
      Xfer& x = xs_[p];
      if (x.phase == kConsult && !extending(p)) take_line(p, x.consult, x.consult_gen);
      if (xs_[p].phase == kIdle) unwatch_device(p);
      return;
    }
    if (pt != Point::leg_ending) return;
    const Leg& l = legs_[ask.leg];
    // A caller who hung up ended the extension: the consultation was an ordinary call (found by
    // telsim explore: scenarios/regressions/attendant_caller_gone_then_target_hangs_up.csv).
    if (!console(l.party) || !extending(l.party)) return;
    Xfer& x = xs_[l.party];
    if (x.phase == kConsult && x.consult == ask.leg && l.gen == x.consult_gen) {
      x.consult = kNone;  // the target was busy or hung up: back to the caller (HR-2)
      transfer_return(l.party, x.reason ? x.reason : "hangup");
    }
  }

  void timer(const Timer& t) override {
    const Leg& l = legs_[t.slot];
    const Recall* r = recall_.find(t.slot, l.gen);
    if (l.state != LegState::ringback || !r || r->token != t.gen) return;
    recall(t.slot);
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size()) return {};
    const Leg& l = legs_[t.slot];
    const Recall* r = recall_.find(t.slot, l.gen);
    if (l.state == LegState::free || !r || r->token != t.gen) return {};
    if (l.call == kNone || !calls_[l.call].live)
      return "stale-timer: attendant-recall timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t) const override { return "attendant-recall"; }

 private:
  struct Xfer {
    uint8_t phase = kIdle;
    int32_t held = kNone;  // the console's leg of the caller's call (held)
    uint32_t held_gen = 0;
    int32_t consult = kNone;
    uint32_t consult_gen = 0;
    std::string digits;
    const char* reason = nullptr;  // why the consultation is ending, for transfer-return
  };
  struct Recall {
    PartyId to = kNone;
    uint32_t token = 0;
  };
  std::vector<PartyId> consoles_;  // in setup order
  std::vector<Xfer> xs_;           // per device
  SlotTable<Recall> recall_;       // per leg: an extended call's caller
  uint32_t next_token_ = 1;

  bool console(PartyId p) const { return p != kNone && devices_[p].kind == PartyKind::attendant; }
  bool idle(PartyId p) const {
    const Device& d = devices_[p];
    if (d.active != kNone || d.offhook || !d.alerting.empty()) return false;
    for (int32_t l : d.line_leg)
      if (l != kNone) return false;
    return true;
  }
  // An extension in progress whose caller is still there.
  bool extending(PartyId p) {
    Xfer& x = xs_[p];
    if (x.phase == kIdle) return false;
    if (leg_alive(x.held, x.held_gen) && legs_[x.held].peer != kNone) return true;
    if (x.phase == kConsult && (!leg_alive(x.held, x.held_gen) || legs_[x.held].line < 0 ||
                                devices_[p].line_leg[legs_[x.held].line] != x.held))
      take_line(p, x.consult, x.consult_gen);
    x = Xfer{};  // the caller hung up: what is left (a consultation) is an ordinary call
    return false;
  }

  void to_attendant(int32_t leg) {
    PartyId caller = legs_[leg].party;
    for (PartyId a : consoles_)
      if (a != caller && idle(a)) {
        e_.route_to(leg, a, 0);
        return;
      }
    tone(leg, Ev::busy);  // no attendant free (AT-1)
  }

  bool action(PartyId p, Action a, std::string_view key) {
    Device& d = devices_[p];
    bool press = a == Action::press;
    if (extending(p)) {
      Xfer& x = xs_[p];
      if (press && (key == "release" || key == "transfer")) {
        if (x.phase == kConsult) hand_over(p);
        else emit(p, legs_[x.held].call, Ev::reorder);  // no number yet: nothing to hand over
      } else if (a == Action::retrieve || (press && key == "hold")) {
        drop_consultation(p);
        back_with_held(p);
      }
      return true;
    }
    if (press && key == "transfer" && d.active != kNone) {
      Leg& l = legs_[d.active];
      if (l.state == LegState::connected && !l.held && l.peer != kNone && !legs_[l.peer].held) start(p);
      return true;
    }
    return press && key == "release";  // nothing to release
  }

  void take_line(PartyId p, int32_t cl, uint32_t gen) {
    if (!leg_alive(cl, gen) || legs_[cl].line >= 0) return;
    int line = free_line(p, -1);
    if (line < 0) return;
    legs_[cl].line = static_cast<int16_t>(line);
    devices_[p].line_leg[line] = cl;
    note_device(p);
  }

  void start(PartyId p) {
    Device& d = devices_[p];
    watch_device(p);  // the caller's leg ending gives the consultation its line (Point::leg_gone)
    int32_t leg = d.active;
    e_.put_on_hold(leg);
    Xfer& x = xs_[p];
    x = Xfer{};
    x.phase = kNumber;
    x.held = leg;
    x.held_gen = legs_[leg].gen;
    d.digits.clear();
    ++d.digit_gen;
    emit(p, legs_[leg].call, Ev::dialtone);
  }

  void key(PartyId p, char c) {
    Device& d = devices_[p];
    Xfer& x = xs_[p];
    ++d.digit_gen;
    if (c == '#') {
      finish_number(p);
      return;
    }
    x.digits += c;
    switch (e_.match_dialled(x.digits)) {
      case Engine::Match::complete:
      case Engine::Match::none:
        finish_number(p);
        break;
      default:
        e_.schedule(timer_seconds("digit"), TimerKind::digit_timeout, p, d.digit_gen);
        break;
    }
  }

  void finish_number(PartyId p) {
    Device& d = devices_[p];
    Xfer& x = xs_[p];
    if (!extending(p)) return;
    std::string number = x.digits;
    x.digits.clear();
    ++d.digit_gen;
    auto it = numbers_.find(number);
    if (it == numbers_.end()) return transfer_return(p, "unknown");
    if (it->second.party == p) return transfer_return(p, "self");
    emit(p, legs_[x.held].call, Ev::transfer, tracing() ? "kind=attended to=" + number : std::string());
    int32_t c2 = e_.new_call(false);  // the consultation is a call of its own (SPEC 2)
    int32_t cl = e_.new_leg(c2, p, LegState::dialing);
    legs_[cl].originator = true;
    calls_[c2].a_leg = cl;
    d.active = cl;
    x.phase = kConsult;
    x.consult = cl;
    x.consult_gen = legs_[cl].gen;
    x.reason = nullptr;
    watch_leg(cl);
    e_.deliver(cl, it->second.party, it->second.line);
    // Another feature may have refused it with a tone (a hunt group with nobody free).
    if (x.phase == kConsult && leg_alive(cl, x.consult_gen) && legs_[cl].state == LegState::tone) {
      x.reason = "busy";
      release_leg(cl, "busy");
    }
  }

  void drop_consultation(PartyId p) {
    Xfer& x = xs_[p];
    int32_t cl = x.consult;
    x.consult = kNone;
    if (leg_alive(cl, x.consult_gen)) release_leg(cl, "transfer");
  }

  void transfer_return(PartyId p, const char* reason) {
    Xfer& x = xs_[p];
    drop_consultation(p);
    emit(p, legs_[x.held].call, Ev::transfer_return, tracing() ? std::string("reason=") + reason : std::string());
    back_with_held(p);
  }

  void back_with_held(PartyId p) {
    Device& d = devices_[p];
    Xfer& x = xs_[p];
    int32_t held = x.held;
    x = Xfer{};
    ++d.digit_gen;
    Leg& h = legs_[held];
    h.held = false;
    d.active = held;
    d.offhook = true;
    note_device(p);
    emit(p, h.call, Ev::retrieved);
  }

  // `press release` or hanging up while extending: the call goes to the target (AT-2).
  void hand_over(PartyId p) {
    Xfer& x = xs_[p];
    int32_t held = x.held;
    int32_t caller = legs_[held].peer;
    int32_t c1 = legs_[held].call;
    int32_t cl = x.consult;
    bool consulting = x.phase == kConsult && leg_alive(cl, x.consult_gen);
    x = Xfer{};
    if (!consulting) {  // no target rings: the caller comes back at once
      emit(p, c1, Ev::recall, tracing() ? "reason=attendant" : std::string());
      e_.recall_ring(held, "recall");
      return;
    }
    int32_t c2 = legs_[cl].call;
    Leg& cleg = legs_[cl];
    if (cleg.state == LegState::connected && cleg.peer != kNone) {
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
      k2.end_reason = "transfer";
      free_leg(cl);
      legs_[caller].peer = kNone;
      free_leg(held);
      calls_[c1].a_leg = caller;
      calls_[c1].b_leg = t;
      legs_[caller].peer = t;
      legs_[t].peer = caller;
      legs_[caller].state = LegState::connected;
      // Voice mail extended to voice mail: nobody is left who wants the call (found by telsim
      // explore: scenarios/regressions/attendant_extends_voicemail_to_voicemail_ends.csv).
      auto machine = [&](PartyId q) { return q != kNone && devices_[q].kind == PartyKind::voicemail; };
      if (machine(tp) && machine(legs_[caller].party)) {
        release_leg(caller, "transfer");
        return;
      }
      // Shown as CNDB allows: the extended call is a transferred one (SPEC 7).
      emit(tp, c1, Ev::connected, tracing() ? "to=" + e_.shown_name(legs_[caller].party, tp, c1) : std::string());
      emit(legs_[caller].party, c1, Ev::connected, tracing() ? "to=" + e_.shown_name(tp, legs_[caller].party, c1) : std::string());
      return;
    }
    if (cleg.state == LegState::ringback && !calls_[c2].ringing.empty()) {
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
      calls_[c2].end_reason = "transfer";
      free_leg(cl);
      legs_[caller].peer = kNone;
      free_leg(held);
      Call& k1 = calls_[c1];
      k1.a_leg = caller;
      k1.b_leg = kNone;
      for (int32_t r : ringing) {
        legs_[r].call = c1;
        legs_[r].peer = caller;
        k1.ringing.push_back(r);
      }
      Leg& xl = legs_[caller];
      xl.state = LegState::ringback;
      uint32_t token = next_token_++;
      recall_.at(caller, xl.gen) = Recall{p, token};
      schedule(timer_seconds("attendant-recall"), kRecallTimer, caller, token);
      return;
    }
    release_leg(cl, "transfer");  // a consultation in no state to take the call: it comes back
    emit(p, c1, Ev::recall, tracing() ? "reason=attendant" : std::string());
    e_.recall_ring(held, "recall");
  }

  // The extended call was not answered in time: back to the console (AT-2), and only there (DE-2).
  void recall(int32_t x) {
    Leg& xl = legs_[x];
    PartyId to = recall_.find(x, xl.gen)->to;
    int32_t c = xl.call;
    recall_.erase(x);
    stop_ringing_all(c, kNone, "recall");
    RingInfo info;
    info.reason = "recall";
    std::vector<PartyId> order{to};
    for (PartyId a : consoles_)
      if (a != to && idle(a)) order.push_back(a);
    for (PartyId a : order) {
      if (a != to && !idle(a)) continue;
      if (free_line(a, -1) < 0) continue;
      emit(a, c, Ev::recall, tracing() ? "reason=attendant" : std::string());
      if (ring(x, a, info) != kNone) return;
    }
    tone(x, Ev::busy);  // no console can take it back
  }
};
}  // namespace

std::unique_ptr<Box> make_attendant(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Attendant>(e, index, name);
}

}  // namespace telsim
