// Call waiting (SPEC CW-1..CW-3; seed 001 note 4 speaks of calls offered to a busy station), in
// every profile for stations with `call-waiting=yes`:
//   - a call arriving at such a station while it is busy in a call (its handset on a conversation,
//     or off hook holding one; not while it dials, rings or hears a tone) waits: the caller hears
//     ringback, the station hears `call-waiting from=CALLER` in its handset and its phone does not
//     ring. One call waits at a time, and a station already juggling two calls by `flash` takes no
//     third: those callers get busy. Hunt calls never reach this box (they ring members directly,
//     so a busy member is busy to the group).
//   - `press flash` answers the waiting call and holds the first (`hold by=` at its far party);
//     `press flash` again swaps the two (`retrieved` at the station). With nothing waiting and no
//     pair, `press flash` is not this box's.
//   - when the station's handset comes free (it hangs up, or the far party of the call in hand
//     does) with a call held by flash or a call waiting, that call rings the station at once
//     (`ringing reason=recall`).
//   - a waiting call nobody takes within the no-answer time is offered at Point::unanswered (forward
//     no answer takes it when it applies, CW-3); else it waits on until its caller hangs up.
// Precedence with forward (CW-3) is the profile's: `switch.call-waiting-before-forward = yes` puts
// this box before forward at `arrive` (the waiting call wins over busy forward), `no` after it.
//
// A waiting call is the caller's leg in ringback with nothing ringing for it; the station's second
// conversation (the answered waiting call) has a leg off the station's line appearances when every
// line is taken (a single-line phone), and takes a line as soon as one comes free.
// A call held by flash is not recalled by the hold-recall time while the station juggles the two
// (Point::held_too_long, ahead of the hold box): the station has it in hand and it rings back when
// the station hangs up.
// Decision points: arrive, action (press flash), held_too_long, leg_ending (the waiting caller hangs up),
// leg_gone (the station's handset came free), offered (a forward registered meanwhile does not move
// the waiting call, as CF-2), check, and its own no-answer timer.
#include <algorithm>

#include "models/box.h"

namespace telsim {

namespace {
struct Ref {
  int32_t leg = kNone;
  uint32_t gen = 0;
};

constexpr uint8_t kNoAnswer = 0;

class CallWaiting : public Box {
 public:
  CallWaiting(Engine& e, uint8_t index, const char* name) : Box(e, index, name), stations_(devices_.size()) {
    join(Point::arrive);
    join(Point::action);
    join(Point::leg_ending);
    join(Point::leg_gone);
    join(Point::offered);
    join(Point::check);
    join(Point::held_too_long);  // ahead of hold: a call held by flash is not recalled while juggling
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::arrive) {
      if (!wants(p, ask)) return false;
      wait(ask.leg, ask.party);
      return true;
    }
    if (p == Point::action) {
      if (!wants(p, ask)) return false;
      flash(ask.party);
      return true;
    }
    // The station has the held call in hand by flash (and it rings back when the station hangs
    // up), so the hold-recall time does not apply to it.
    if (p == Point::held_too_long) return wants(p, ask);
    return false;
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::arrive) return can_wait(ask.leg, ask.party, ask.line);
    if (p == Point::action) {
      if (ask.action != Action::press || ask.text != "flash" || devices_[ask.party].kind != PartyKind::station)
        return false;
      return waiting(ask.party) != kNone || pair_other(ask.party) != kNone;
    }
    if (p == Point::held_too_long) {
      const Leg& l = legs_[ask.leg];
      return l.party != kNone && static_cast<size_t>(l.party) < stations_.size() && juggling(l.party) &&
             pair_other(l.party) == ask.leg;
    }
    return false;
  }

  void notice(Point p, Ask& ask) override {
    if (p == Point::leg_ending) {
      // A waiting caller hangs up: the call waits no more (the station hears nothing further).
      for (size_t s = 0; s < stations_.size(); ++s)
        if (stations_[s].waiting.leg == ask.leg) stations_[s].waiting = Ref{};
      unwatch_leg(ask.leg);
    } else if (p == Point::leg_gone) {
      handset_free(ask.party, ask.leg);
    } else if (p == Point::offered) {
      int32_t w = waiting(ask.party);
      if (w != kNone) ask.offered->emplace_back(w, legs_[w].gen);
    }
  }

  void timer(const Timer& t) override {
    // The waiting call's no-answer time (CW-3): forward no answer may take it; else it waits on.
    const Leg& a = legs_[t.slot];
    if (a.gen != t.gen || a.state != LegState::ringback) return;
    for (size_t s = 0; s < stations_.size(); ++s) {
      Station& st = stations_[s];
      if (st.waiting.leg != t.slot || st.waiting.gen != t.gen) continue;
      st.waiting = Ref{};
      Ask ask;
      ask.leg = t.slot;
      ask.party = static_cast<PartyId>(s);
      ask.line = 0;
      if (!e_.decide(Point::unanswered, ask)) st.waiting = Ref{t.slot, t.gen};  // nobody took it: it waits
      return;
    }
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size()) return "stale-timer: call-waiting timer for no leg";
    const Leg& l = legs_[t.slot];
    if (l.gen != t.gen || l.state == LegState::free) return {};
    if (l.call == kNone || !calls_[l.call].live)
      return "stale-timer: call-waiting no-answer timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t) const override { return "call-waiting no-answer"; }

  // One call waits at a time (CW-1): a call waiting at one station waits nowhere else.
  bool check_call(int32_t c, std::string* why) const override {
    int found = 0;
    for (size_t s = 0; s < stations_.size(); ++s) {
      int32_t w = waiting(static_cast<PartyId>(s));
      if (w != kNone && legs_[w].call == c) ++found;
    }
    if (found <= 1) return true;
    *why = "call-waiting: c" + std::to_string(calls_[c].id) + " waits at " + std::to_string(found) + " stations";
    return false;
  }
  // A call waits only at a station that is in a call (else it should ring there) and that is not
  // already juggling two calls by flash.
  bool check_device(PartyId p, std::string* why) const override {
    const Device& d = devices_[p];
    bool in_a_call = d.active != kNone || !d.alerting.empty() ||
                     std::any_of(d.line_leg.begin(), d.line_leg.end(), [](int32_t l) { return l != kNone; });
    if (waiting(p) != kNone && juggling(p)) {
      *why = "call-waiting: a call waits at " + number(p) + ", which already juggles two calls";
      return false;
    }
    if (waiting(p) == kNone || in_a_call) return true;
    *why = "call-waiting: a call waits at " + number(p) + ", which is in no call and does not ring";
    return false;
  }

 private:
  struct Station {
    Ref waiting;  // the caller's leg of the call waiting here
    Ref pair[2];  // the station's two legs while it juggles two calls by flash
  };

  // The waiting call, while it still waits: another feature may take it away meanwhile (a blind
  // transfer's recall rings the transferor with it), and then it waits here no more.
  int32_t waiting(PartyId p) const {
    const Ref& w = stations_[p].waiting;
    if (!leg_alive(w.leg, w.gen) || legs_[w.leg].state != LegState::ringback) return kNone;
    const Call& c = calls_[legs_[w.leg].call];
    return c.ringing.empty() && c.b_leg == kNone ? w.leg : kNone;
  }
  // While juggling: the pair's leg that is not the one in hand (held), when both still exist.
  int32_t pair_other(PartyId p) const {
    const Station& s = stations_[p];
    for (int i = 0; i < 2; ++i) {
      const Ref& r = s.pair[i];
      if (leg_alive(r.leg, r.gen) && legs_[r.leg].party == p && r.leg != devices_[p].active) return r.leg;
    }
    return kNone;
  }
  bool juggling(PartyId p) const {
    const Station& s = stations_[p];
    return leg_alive(s.pair[0].leg, s.pair[0].gen) && leg_alive(s.pair[1].leg, s.pair[1].gen);
  }

  // A conversation this station holds (its peer hears hold), on one of its lines.
  int32_t held_here(PartyId p) const {
    for (int32_t l : devices_[p].line_leg)
      if (l != kNone && legs_[l].state == LegState::connected && legs_[l].held) return l;
    for (const Ref& r : stations_[p].pair)
      if (leg_alive(r.leg, r.gen) && legs_[r.leg].held && legs_[r.leg].state == LegState::connected) return r.leg;
    return kNone;
  }

  // Busy in a call: the handset on a conversation, or free (off hook) with a conversation held.
  bool busy_in_call(PartyId p) const {
    const Device& d = devices_[p];
    if (d.active != kNone) return legs_[d.active].state == LegState::connected;
    return held_here(p) != kNone;
  }

  bool can_wait(int32_t a_leg, PartyId target, int line) const {
    const Device& d = devices_[target];
    if (d.kind != PartyKind::station || !d.def->call_waiting) return false;
    int32_t c = legs_[a_leg].call;
    if (calls_[c].quiet || legs_[a_leg].party == target) return false;
    int wanted = line < 0 ? 0 : line;
    bool line_busy = d.line_leg[wanted] != kNone && (!d.def->mlh || free_line(target, -1) < 0);
    if (!line_busy || !d.alerting.empty() || !busy_in_call(target)) return false;
    return waiting(target) == kNone && !juggling(target);  // one at a time (CW-1)
  }

  void wait(int32_t a_leg, PartyId target) {
    Leg& a = legs_[a_leg];
    int32_t c = a.call;
    Station& s = stations_[target];
    s.waiting = Ref{a_leg, a.gen};
    a.state = LegState::ringback;
    a.peer = kNone;
    watch_leg(a_leg);
    watch_device(target);
    watch_call(c);
    emit(target, c, Ev::call_waiting, tracing() ? "from=" + e_.shown_name(a.party, target, c) : std::string());  // as CNDB allows
    emit(a.party, c, Ev::ringback);
    schedule(timer_seconds("no-answer"), kNoAnswer, a_leg, a.gen);
  }

  // A new leg of the station in the waiting call, talking to its caller.
  void take_waiting(PartyId p, int32_t a_leg) {
    Device& d = devices_[p];
    int32_t c = legs_[a_leg].call;
    int32_t b = e_.new_leg(c, p, LegState::alerting);
    int line = free_line(p, -1);
    legs_[b].line = static_cast<int16_t>(line);  // -1: off the line appearances until one is free
    if (line >= 0) d.line_leg[line] = b;
    legs_[b].peer = a_leg;
    calls_[c].b_leg = b;
    d.active = b;
    d.offhook = true;
    e_.connect(a_leg, b);
    note_device(p);
  }

  void flash(PartyId p) {
    Device& d = devices_[p];
    Station& s = stations_[p];
    int32_t w = waiting(p);
    if (w != kNone) {  // answer the waiting call, holding the one in hand
      int32_t first = d.active;
      if (first != kNone) {
        const Leg& f = legs_[first];
        if (f.state != LegState::connected || f.held || f.peer == kNone || legs_[f.peer].held) {
          emit(p, f.call, Ev::reorder);  // a conversation this station cannot hold: the waiting call stays
          return;
        }
        e_.put_on_hold(first);
        d.active = kNone;
      } else {
        first = held_here(p);
      }
      s.waiting = Ref{};
      take_waiting(p, w);
      s.pair[0] = Ref{first, first == kNone ? 0 : legs_[first].gen};
      s.pair[1] = Ref{d.active, legs_[d.active].gen};
      return;
    }
    int32_t other = pair_other(p);  // swap: hold the one in hand, take the other back
    int32_t in_hand = d.active;
    if (in_hand != kNone) {
      const Leg& h = legs_[in_hand];
      if (h.state != LegState::connected || h.held || h.peer == kNone || legs_[h.peer].held) {
        emit(p, h.call, Ev::reorder);
        return;
      }
      e_.put_on_hold(in_hand);
    }
    Leg& o = legs_[other];
    o.held = false;
    d.active = other;
    d.offhook = true;
    emit(p, o.call, Ev::retrieved);
  }

  // A leg of a watched station ended. A conversation off the lines takes a line that came free.
  // When the leg was one of the two calls juggled by flash and the station is left with only the
  // other, held, that one rings it; when the station is left with no call at all, the waiting call
  // rings it. Anything else (a transfer's consultation ending, say) is another box's business: the
  // station still has a call in hand or held, and the call waits on.
  void handset_free(PartyId p, int32_t gone) {
    Device& d = devices_[p];
    Station& s = stations_[p];
    if (d.active != kNone) {
      const Leg& a = legs_[d.active];
      int line = a.line < 0 ? free_line(p, -1) : -1;
      if (line >= 0) {
        legs_[d.active].line = static_cast<int16_t>(line);
        d.line_leg[line] = d.active;
      }
      return;
    }
    for (int i = 0; i < 2; ++i) {
      const Ref& r = s.pair[i];
      const Ref& o = s.pair[1 - i];
      if (r.leg != gone || legs_[gone].gen != r.gen + 1 || !leg_alive(o.leg, o.gen)) continue;
      const Leg& other = legs_[o.leg];
      if (other.party != p || !other.held || other.state != LegState::connected) continue;
      bool only_other = std::all_of(d.line_leg.begin(), d.line_leg.end(),
                                    [&](int32_t l) { return l == kNone || l == o.leg; });
      if (!only_other || !d.alerting.empty()) return;
      int32_t held = o.leg;
      s.pair[0] = s.pair[1] = Ref{};
      e_.recall_ring(held, "recall");
      return;
    }
    int32_t w = waiting(p);
    if (w == kNone || !d.alerting.empty()) return;
    if (!std::all_of(d.line_leg.begin(), d.line_leg.end(), [](int32_t l) { return l == kNone; })) return;
    RingInfo info;
    info.line = 0;
    info.reason = "recall";
    s.waiting = Ref{};
    if (ring(w, p, info) == kNone) tone(w, Ev::busy);
  }

  std::vector<Station> stations_;  // per device
};
}  // namespace

std::unique_ptr<Box> make_call_waiting(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<CallWaiting>(e, index, name);
}

}  // namespace telsim
