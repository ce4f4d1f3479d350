// Hold and recall (SPEC HR-1..HR-2; Mitel, seed 000, and every profile): `hold` / `press hold`
// hold the current call (the handset is free, the call keeps its line); hanging up does not drop
// it; `retrieve` / `press hold` take it back (swapping with the current call when there is one).
// A call on hold past the hold-recall timer rings the holder's own (desk) phone (`recall
// reason=hold`, `ringing reason=recall`, DE-2), the held party keeps its music.
//
// Holding itself is the core's (Engine::put_on_hold: a held conversation talks no more); this box
// adds the keys and the recall. Decision points: `action` (hold, retrieve, press hold), `held`
// (every hold, a transfer's too, starts the hold-recall timer) and `held_too_long`, where it is
// the last word: a box before it (transfer: a hold that is a transfer in progress) may take the
// expiry instead. Its state: per leg, the token of the hold its timer belongs to.
#include "models/box.h"

namespace telsim {

namespace {
class Hold : public Box {
 public:
  Hold(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    join(Point::action);
    join(Point::held);
    join(Point::held_too_long);
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::held_too_long) {
      const Leg& l = legs_[ask.leg];
      emit(l.party, l.call, Ev::recall, tracing() ? "reason=hold" : std::string());
      e_.recall_ring(ask.leg, "recall");
      return true;
    }
    if (p != Point::action || !wants(p, ask)) return false;
    PartyId who = ask.party;
    if (ask.action == Action::hold) {
      hold_call(who);
    } else if (ask.action == Action::retrieve) {
      retrieve_call(who);
    } else {  // press hold: hold a talking call, else take one back
      const Device& d = devices_[who];
      if (d.active != kNone && legs_[d.active].state == LegState::connected && !legs_[d.active].held)
        hold_call(who);
      else
        retrieve_call(who);
    }
    return true;
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::held_too_long) return true;
    if (p != Point::action || devices_[ask.party].kind != PartyKind::station) return false;
    return ask.action == Action::hold || ask.action == Action::retrieve ||
           (ask.action == Action::press && ask.text == "hold");
  }

  void notice(Point p, Ask& ask) override {
    if (p != Point::held) return;
    uint32_t token = next_token_++;
    token_.at(ask.leg, legs_[ask.leg].gen) = token;
    schedule(timer_seconds("hold-recall"), 0, ask.leg, token);
  }

  void timer(const Timer& t) override {
    const Leg& l = legs_[t.slot];
    if (!current(t)) return;  // stale
    if (!l.held || l.state != LegState::connected) return;
    Ask ask;
    ask.leg = t.slot;
    ask.party = l.party;
    e_.decide(Point::held_too_long, ask);  // a transfer in progress first, then this box's recall
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size() || !current(t)) return {};
    const Leg& l = legs_[t.slot];
    if (l.call == kNone || !calls_[l.call].live)
      return "stale-timer: recall timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t) const override { return "hold-recall"; }

 private:
  // Current: the leg is in use and still holds the hold the timer was set for.
  bool current(const Timer& t) const {
    const Leg& l = legs_[t.slot];
    const uint32_t* token = token_.find(t.slot, l.gen);
    return l.state != LegState::free && token && *token == t.gen;
  }

  void hold_call(PartyId p) {
    Device& d = devices_[p];
    if (d.kind != PartyKind::station || d.active == kNone) return;
    int32_t leg = d.active;
    Leg& l = legs_[leg];
    if (l.state != LegState::connected || l.held || l.peer == kNone || legs_[l.peer].held) return;
    e_.put_on_hold(leg);
    d.active = kNone;  // the handset is free; the call stays on its line appearance
    d.digits.clear();
    ++d.digit_gen;
  }

  void retrieve_call(PartyId p) {
    Device& d = devices_[p];
    if (d.kind != PartyKind::station) return;
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
        e_.put_on_hold(d.active);  // swap: the current call goes on hold
      else if (a.state == LegState::connected)
        return;  // a conversation that cannot be held (the other side holds it): stay
      else
        release_leg(d.active, "hangup");  // dial tone, ringback or a tone: give it up
    }
    Leg& h = legs_[held];
    h.held = false;
    token_.erase(held);
    d.active = held;
    d.offhook = true;
    emit(p, h.call, Ev::retrieved);
  }

  SlotTable<uint32_t> token_;  // per leg: the hold its recall timer belongs to
  uint32_t next_token_ = 1;
};
}  // namespace

std::unique_ptr<Box> make_hold(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Hold>(e, index, name);
}

}  // namespace telsim
