// Dynamic Extension Express and Handoff (SPEC DE-1..DE-8; seed 000, Mitel 8560/8660 Phone User
// Guide p. 37), on where the profile's switch.dynamic-extension-express is.
//
// A main extension (a station with mobile=, home= or associated= destinations) rings all of them
// for an ordinary call (DE-1); voice mail takes the call only when nobody answers within the
// no-answer time. Calls of other types (hunt, overflow, recalls: DE-2) ring the prime desk phone:
// they never arrive at the number (the core rings the desk phone for them directly).
//
// Decision points: `rung` (the desk phone rings for a call that arrived: the associated
// destinations ring too; voice mail waits for the no-answer time unless a box before it, call
// forward no answer, already owns it), `action` (press special), `call_digits` (Special 388,
// and # on a lifted mobile), `dialled` (388 at dial tone: pull), `answer` of the handoff's ringing
// legs and `leg_ending` of the two talking legs of a pending handoff (both watched), and its own
// timers: voice mail at no answer, and the handoff timer.
//
// Handoff state machine, one per main extension:
//   idle --push (Special 388 in a call at an internal destination)--> ringing
//   ringing --an internal destination answers, or a mobile/home answers and dials #--> idle (moved)
//   ringing --Special 388 at the pushing phone (DE-6), handoff timer (DE-8)--> idle (cancelled)
//   ringing --either talking party hangs up--> idle (abandoned: the ringing stops, no display)
//   idle --off hook 388 at an internal destination while the call is on the mobile/home--> idle (pulled)
// The pushed call keeps talking on the pushing phone while the handoff rings; the handoff's
// ringing legs belong to a call of their own (SPEC 2) whose a_leg is an "anchor" leg standing for
// the far party (so `ringing from=` names it), never on any device.
#include <algorithm>
#include <climits>

#include "models/box.h"
#include "models/features/handoff.h"

namespace telsim {

bool dee_applies(CallType why) { return why == CallType::ordinary; }

namespace {
bool is_outside(PartyKind k) { return k == PartyKind::external || k == PartyKind::mobile; }
// DE-4: these can neither push nor be pulled to.
bool no_handoff_model(const PartyDef& d) { return d.model == "5610" || d.model == "uc-softphone"; }
bool has_associates(const PartyDef& d) {
  // Voice mail is an associated destination too (DE-1): a station with only voicemail= gets it on no answer.
  return d.kind == PartyKind::station &&
         (!d.mobile.empty() || !d.home.empty() || !d.associated.empty() || !d.voicemail.empty());
}

constexpr uint8_t kVoicemail = 0;  // timer: nobody answered a DEE call, voice mail takes it
constexpr uint8_t kHandoff = 1;    // timer: nobody took the handoff (DE-8)

class Handoff : public Box {
 public:
  Handoff(Engine& e, uint8_t index, const char* name)
      : Box(e, index, name), main_of_(devices_.size(), kNone), handoffs_(devices_.size()), special_(devices_.size()) {
    dee_ = profile_.on("dynamic-extension-express", false);
    if (!dee_) return;  // takes part in nothing
    join(Point::rung);
    join(Point::action);
    join(Point::call_digits);
    join(Point::dialled);
    join(Point::answer);
    join(Point::leg_ending);
    auto code = profile_.codes.find("handoff");
    if (code != profile_.codes.end()) {
      handoff_code_ = code->second;
      e.add_to_dial_plan(handoff_code_);
    }
    for (size_t m = 0; m < devices_.size(); ++m) {
      const PartyDef& d = *devices_[m].def;
      if (!has_associates(d)) continue;
      PartyId main = static_cast<PartyId>(m);
      main_of_[m] = main;
      std::vector<const std::string*> numbers = {&d.mobile, &d.home};
      for (const std::string& n : d.associated) numbers.push_back(&n);
      for (const std::string* n : numbers) {
        auto x = n->empty() ? std::nullopt : party_id(*n);
        if (x && main_of_[*x] == kNone) main_of_[*x] = main;
      }
    }
  }

  bool decide(Point p, Ask& ask) override {
    switch (p) {
      case Point::action:
        if (ask.action != Action::press || ask.text != "special") return false;
        press_special(ask.party);
        return true;
      case Point::call_digits: return handoff_digits(ask.party, ask.text);
      case Point::dialled:
        if (handoff_code_.empty() || ask.text != handoff_code_) return false;
        special_[ask.party].leg = kNone;
        handoff_pull(ask.party);
        return true;
      case Point::answer: return handoff_answer(ask.leg);
      default: return false;
    }
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::action) return ask.action == Action::press && ask.text == "special";
    if (p == Point::dialled) return !handoff_code_.empty() && ask.text == handoff_code_;
    return false;
  }

  void notice(Point p, Ask& ask) override {
    if (p == Point::rung && !ask.prime_only) dee_ring_associates(ask.leg, ask.party, ask.line, !ask.no_answer_taken);
    else if (p == Point::leg_ending) handoff_leg_gone(ask.leg);
  }

  void timer(const Timer& t) override {
    if (t.what == kVoicemail) {
      if (legs_[t.slot].gen == t.gen) dee_voicemail(t.slot);
    } else if (handoffs_[t.slot].active && handoffs_[t.slot].gen == t.gen) {
      handoff_end(t.slot, HandoffEnd::timed_out);
    }
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.what == kVoicemail) {  // belongs to the desk phone's ringing leg (its generation)
      if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size()) return {};
      const Leg& l = legs_[t.slot];
      if (l.gen == t.gen && (l.state == LegState::free || l.call == kNone || !calls_[l.call].live))
        return "stale-timer: voice mail timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
      return {};
    }
    // The handoff timer belongs to a main extension's handoff, current while that handoff is.
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= handoffs_.size()) return {};
    const State& h = handoffs_[t.slot];
    if (h.active && h.gen == t.gen && (h.call == kNone || !calls_[h.call].live))
      return "stale-timer: handoff timer fires for " + number(t.slot) + ", whose handoff call has ended";
    if (h.active && h.gen == t.gen) *call = h.call;
    return {};
  }
  const char* timer_name(uint8_t what) const override { return what == kVoicemail ? "voice mail" : "handoff"; }

  // --- what tests read (models/features/handoff.h)
  std::vector<PartyId> ring_set(PartyId main, CallType why) const {
    std::vector<PartyId> out = {main};
    if (!dee_ || main_of(main) != main || !dee_applies(why)) return out;
    const PartyDef& d = *devices_[main].def;
    auto add = [&](const std::string& n) {
      if (n.empty()) return;
      auto x = party_id(n);
      if (x && std::find(out.begin(), out.end(), *x) == out.end()) out.push_back(*x);
    };
    for (const std::string& n : d.associated) add(n);
    add(d.mobile);
    add(d.home);
    add(d.voicemail);
    return out;
  }
  PartyId main_of(PartyId p) const { return p >= 0 && p < (PartyId)main_of_.size() ? main_of_[p] : kNone; }
  bool pending(PartyId main) const {
    return main >= 0 && main < (PartyId)handoffs_.size() && handoffs_[main].active;
  }

 private:
  struct State {
    bool active = false;  // a push rings the associated destinations now
    uint32_t gen = 0;     // invalidates the handoff timer
    int32_t call = kNone;  // the handoff's own call; its a_leg is an anchor standing for the far party
    int32_t from = kNone;  // the pushing phone's leg (keeps the audio until one accepts)
    int32_t far = kNone;   // the far party's leg
    PartyId by = kNone;    // the pushing phone
  };
  struct Special {  // Special pressed in the call on this leg: digits go to it (Mitel)
    int32_t leg = kNone;
    uint32_t gen = 0;
    std::string digits;
  };
  enum class HandoffEnd { cancelled, timed_out, abandoned };
  std::vector<PartyId> main_of_;   // per device
  std::vector<State> handoffs_;    // per main extension
  std::vector<Special> special_;   // per device
  SlotTable<PartyId> for_main_;    // per leg: rung or pulled as an associated destination of this main
  SlotTable<PartyId> handoff_main_;  // per leg: one of the two talking legs of this main's pending handoff
  SlotTable<bool> dee_leg_;        // per leg: rung by DEE beside the desk phone (DE-1)
  SlotTable<bool> lifted_;         // per leg: a mobile/home handoff leg answered but not yet accepted (#)
  SlotTable<PartyId> dee_main_;    // per call: rings this main's associated destinations (DE-1)
  bool dee_ = false;               // profile switch dynamic-extension-express
  std::string handoff_code_;       // "" when DEE is off or the profile has no code.handoff

  PartyId for_main(int32_t l) const {
    const PartyId* m = for_main_.find(l, legs_[l].gen);
    return m ? *m : kNone;
  }
  bool lifted(int32_t l) const { return lifted_.find(l, legs_[l].gen) != nullptr; }
  void talking(int32_t l, PartyId main) {  // marks (or with kNone clears) a talking leg of a handoff
    handoff_main_.at(l, legs_[l].gen) = main;
    if (main != kNone) watch_leg(l);
    else unwatch_leg(l);
  }

  bool can_handoff(PartyId p) const {
    return devices_[p].kind == PartyKind::station && main_of(p) != kNone && !no_handoff_model(*devices_[p].def);
  }

  // ---------------------------------------------------------------- DE-1, DE-2: ringing

  void dee_ring_associates(int32_t a_leg, PartyId main, int line, bool voicemail_timer) {
    if (line > 0) return;
    int32_t c = legs_[a_leg].call;
    std::vector<PartyId> set = ring_set(main, CallType::ordinary);  // what arrives at a number is ordinary
    if (set.size() <= 1) return;
    int32_t desk = kNone;
    for (int32_t l : calls_[c].ringing)  // the desk phone, rung already
      if (legs_[l].party == main) desk = l;
    if (desk == kNone) return;
    for_main_.at(desk, legs_[desk].gen) = main;
    RingInfo info;
    bool voicemail = false;
    for (size_t i = 1; i < set.size(); ++i) {
      PartyId x = set[i];
      if (devices_[x].kind == PartyKind::voicemail) {
        voicemail = true;  // answers only when nobody else does
        continue;
      }
      // A destination that is busy, or an outside one with no trunk channel left, just does not ring.
      int32_t b = ring(a_leg, x, info);
      if (b == kNone) continue;
      for_main_.at(b, legs_[b].gen) = main;
      dee_leg_.at(b, legs_[b].gen) = true;
      watch_leg(b);  // its answer carries the call by DEE (Point::answer)
      if (legs_[b].outside) legs_[b].billed_to = main;  // placed for the main extension
    }
    dee_main_.at(c, calls_[c].gen) = main;
    // The timer belongs to the desk phone's ringing leg: answered anywhere, or moved on by another
    // feature, that leg is gone and the timer is stale.
    if (voicemail && voicemail_timer)
      schedule(timer_seconds("no-answer"), kVoicemail, desk, legs_[desk].gen);
  }

  void dee_voicemail(int32_t desk) {
    const Leg& l = legs_[desk];
    PartyId main = for_main(desk);
    if (l.state != LegState::alerting || main == kNone || l.peer == kNone) return;
    int32_t c = l.call;
    int32_t a = l.peer;
    const PartyId* dm = dee_main_.find(c, calls_[c].gen);
    if (!dm || *dm != main || legs_[a].state != LegState::ringback) return;
    auto vm = party_id(devices_[main].def->voicemail);
    if (!vm) return;
    dee_main_.erase(c);
    stop_ringing_all(c, kNone, "no-answer");
    e_.diverted(a, main, kPathDEE);  // the main extension's mailbox takes the message (SPEC 7, VM)
    ring(a, *vm, RingInfo{});  // the pilot answers at once
  }

  // ---------------------------------------------------------------- the code: Special 388, 388

  void press_special(PartyId p) {
    Device& d = devices_[p];
    Special& s = special_[p];
    s.digits.clear();
    s.leg = d.active;  // idle: no effect (digits then go to the dial plan, where 388 is)
    s.gen = d.active == kNone ? 0 : legs_[d.active].gen;
  }

  bool handoff_digits(PartyId p, std::string_view digits) {
    Device& d = devices_[p];
    int32_t l = d.active;
    if (l == kNone) return false;
    if (lifted(l)) {  // a mobile or home phone lifted for a handoff: # accepts (DE-3)
      if (digits.find('#') != std::string_view::npos) handoff_accept(l);
      return true;
    }
    Special& s = special_[p];
    if (s.leg != l || s.gen != legs_[l].gen || handoff_code_.empty()) return false;
    s.digits += digits;
    const std::string& code = handoff_code_;
    if (s.digits == code) {
      s.leg = kNone;
      s.digits.clear();
      handoff_push_or_cancel(p);
      return true;
    }
    if (s.digits.size() < code.size() && code.compare(0, s.digits.size(), s.digits) == 0)
      return true;  // more digits to come
    s.leg = kNone;  // no feature: the digits were only digits
    s.digits.clear();
    return false;
  }

  void no_call_to_handoff(PartyId p) {
    int32_t l = devices_[p].active;
    emit(p, l == kNone ? kNone : legs_[l].call, Ev::display,
         tracing() ? profile_.text("no-call-to-handoff", "NO CALL TO HANDOFF") : std::string());
  }

  // ---------------------------------------------------------------- DE-3, DE-4, DE-6: push and cancel

  void handoff_push_or_cancel(PartyId p) {
    if (!can_handoff(p)) {  // DE-4, or no associated destinations at all
      no_call_to_handoff(p);
      return;
    }
    PartyId main = main_of(p);
    int32_t l = devices_[p].active;
    if (handoffs_[main].active) {
      State& h = handoffs_[main];
      if (h.from != l) {  // only the phone holding the call cancels its handoff
        no_call_to_handoff(p);
        return;
      }
      emit(p, h.call, Ev::handoff, tracing() ? "kind=cancel" : std::string());
      handoff_end(main, HandoffEnd::cancelled);
      return;
    }
    // A call on hold (either way) is not an active call: retrieve it first.
    if (l == kNone || legs_[l].state != LegState::connected || legs_[l].peer == kNone || legs_[l].held ||
        legs_[legs_[l].peer].held) {
      no_call_to_handoff(p);
      return;
    }
    // Where it can ring: every associated destination but voice mail and this phone, free, and
    // with a trunk channel for the outside ones.
    int channels = site_.trunk_channels < 0 ? INT_MAX : site_.trunk_channels - e_.trunk_in_use();
    std::vector<PartyId> targets;
    for (PartyId x : ring_set(main, CallType::ordinary)) {
      if (x == p || devices_[x].kind == PartyKind::voicemail || free_line(x, 0) < 0) continue;
      if (is_outside(devices_[x].kind)) {
        if (channels <= 0) continue;
        --channels;
      }
      targets.push_back(x);
    }
    if (targets.empty()) {  // nowhere to hand it to: the call cannot be handed off
      no_call_to_handoff(p);
      return;
    }
    int32_t far = legs_[l].peer;
    int32_t c = legs_[l].call;
    int32_t ch = e_.new_call(calls_[c].outside);
    int32_t anchor = e_.new_leg(ch, legs_[far].party, LegState::ringback);  // no ringback: the audio goes on
    calls_[ch].a_leg = anchor;
    State& h = handoffs_[main];
    h.active = true;
    ++h.gen;
    h.call = ch;
    h.from = l;
    h.far = far;
    h.by = p;
    talking(l, main);
    talking(far, main);
    emit(p, c, Ev::display, tracing() ? profile_.text("handoff-in-progress", "HANDOFF IN PROGRESS") : std::string());
    emit(p, ch, Ev::handoff, tracing() ? "kind=push" : std::string());
    RingInfo info;
    info.reason = "handoff";
    for (PartyId x : targets) {
      int32_t b = ring(anchor, x, info);
      if (b == kNone) continue;
      for_main_.at(b, legs_[b].gen) = main;
      watch_leg(b);  // its answer is a handoff's (Point::answer)
      if (legs_[b].outside) legs_[b].billed_to = main;
    }
    schedule(timer_seconds("handoff"), kHandoff, main, h.gen);
  }

  bool handoff_answer(int32_t b) {
    Leg& leg = legs_[b];
    if (dee_leg_.find(b, leg.gen)) {  // DEE rang it beside the desk phone: the core answers as usual
      e_.carried(leg.call, for_main(b), kPathDEE);
      return false;
    }
    Device& d = devices_[leg.party];
    if (!is_outside(d.kind)) {
      handoff_accept(b);
      return true;
    }
    // A mobile or home phone: answering only lifts it; # accepts (DE-3). Until then the others
    // keep ringing: whatever answered may be the mobile's own voice mail.
    if (lifted(b)) return true;
    lifted_.at(b, leg.gen) = true;
    auto it = std::find(d.alerting.begin(), d.alerting.end(), b);
    if (it != d.alerting.end()) d.alerting.erase(it);
    d.active = b;
    d.offhook = true;
    emit(leg.party, leg.call, Ev::prompt,
         tracing() ? profile_.text("handoff-accept", "Press # to accept the call") : std::string());
    return true;
  }

  void handoff_accept(int32_t b) {
    PartyId main = for_main(b);
    if (main == kNone || !handoffs_[main].active || handoffs_[main].call != legs_[b].call) return;
    State& h = handoffs_[main];
    int32_t ch = h.call, from = h.from, far = h.far;
    h.active = false;
    ++h.gen;
    talking(from, kNone);
    talking(far, kNone);
    // The other destinations stop ringing (a lifted mobile too).
    auto& ringing = calls_[ch].ringing;
    ringing.erase(std::find(ringing.begin(), ringing.end(), b));
    stop_ringing_all(ch, b, "handoff");
    PartyId x = legs_[b].party;
    Device& d = devices_[x];
    auto it = std::find(d.alerting.begin(), d.alerting.end(), b);
    if (it != d.alerting.end()) d.alerting.erase(it);
    d.active = b;
    d.offhook = true;
    Leg& bl = legs_[b];
    lifted_.erase(b);
    bl.state = LegState::connected;
    bl.peer = far;
    bl.connected_at = now();
    calls_[ch].b_leg = b;
    legs_[far].peer = b;
    emit(x, ch, Ev::connected, tracing() ? "to=" + e_.shown_name(legs_[far].party, x, ch) : std::string());
    // The pushing phone drops out; the far party's audio never broke.
    emit(legs_[from].party, legs_[from].call, Ev::released, tracing() ? "reason=handoff" : std::string());
    legs_[from].peer = kNone;
    calls_[legs_[from].call].end_reason = "handoff";  // trust: every call ends with a reason
    calls_[ch].end_reason = "handoff";
    free_leg(from);
    int32_t anchor = calls_[ch].a_leg;
    if (anchor != kNone) free_leg(anchor);
  }

  void handoff_end(PartyId main, HandoffEnd how) {
    State& h = handoffs_[main];
    if (!h.active) return;
    h.active = false;
    ++h.gen;
    int32_t ch = h.call;
    talking(h.from, kNone);
    talking(h.far, kNone);
    if (how != HandoffEnd::abandoned) {  // DE-6, DE-8: the call stays where it was
      if (how == HandoffEnd::timed_out) emit(h.by, ch, Ev::handoff, tracing() ? "kind=cancel" : std::string());
      emit(main, legs_[h.from].call, Ev::display,
           tracing() ? profile_.text("handoff-cancelled", "HANDOFF CANCELLED") : std::string());
    }
    int32_t anchor = calls_[ch].a_leg;
    if (anchor != kNone) release_leg(anchor, "handoff");  // every destination stops ringing
  }

  void handoff_leg_gone(int32_t leg) {
    // A talking party hung up while the handoff rang: nothing is left to hand off.
    const PartyId* main = handoff_main_.find(leg, legs_[leg].gen);
    if (main && *main != kNone) handoff_end(*main, HandoffEnd::abandoned);
  }

  // ---------------------------------------------------------------- DE-5: pull

  void handoff_pull(PartyId p) {
    int32_t lp = devices_[p].active;
    PartyId main = can_handoff(p) ? main_of(p) : kNone;
    int32_t on_outside = kNone;
    if (main != kNone && !handoffs_[main].active) {
      const PartyDef& d = *devices_[main].def;
      for (const std::string* n : {&d.mobile, &d.home}) {
        auto x = n->empty() ? std::nullopt : party_id(*n);
        if (!x) continue;
        for (int32_t l : devices_[*x].line_leg)
          if (l != kNone && legs_[l].state == LegState::connected && for_main(l) == main && legs_[l].peer != kNone)
            on_outside = l;
      }
    }
    if (on_outside == kNone) {
      no_call_to_handoff(p);
      tone(lp, Ev::reorder);
      return;
    }
    int32_t far = legs_[on_outside].peer;
    int32_t cp = legs_[lp].call;
    emit(p, cp, Ev::confirmation);
    emit(p, cp, Ev::handoff, tracing() ? "kind=pull" : std::string());
    Leg& l = legs_[lp];
    l.state = LegState::connected;
    l.peer = far;
    l.connected_at = now();
    for_main_.at(lp, l.gen) = main;
    legs_[far].peer = lp;
    emit(p, cp, Ev::connected, tracing() ? "to=" + e_.shown_name(legs_[far].party, p, cp) : std::string());
    emit(legs_[on_outside].party, legs_[on_outside].call, Ev::released, tracing() ? "reason=handoff" : std::string());
    legs_[on_outside].peer = kNone;
    calls_[legs_[on_outside].call].end_reason = "handoff";  // trust: every call ends with a reason
    free_leg(on_outside);
  }

};
}  // namespace

std::unique_ptr<Box> make_handoff(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Handoff>(e, index, name);
}

namespace {
const Handoff* find(const Engine& e) { return dynamic_cast<const Handoff*>(e.box("handoff")); }
}  // namespace

std::vector<PartyId> ring_set(const Engine& e, PartyId main, CallType why) {
  const Handoff* h = find(e);
  return h ? h->ring_set(main, why) : std::vector<PartyId>{main};
}
PartyId main_of(const Engine& e, PartyId p) {
  const Handoff* h = find(e);
  return h ? h->main_of(p) : kNone;
}
bool handoff_pending(const Engine& e, PartyId main) {
  const Handoff* h = find(e);
  return h && h->pending(main);
}

}  // namespace telsim
