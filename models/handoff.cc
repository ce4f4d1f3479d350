// Dynamic Extension Express and Handoff (SPEC DE-1..DE-8; seed 000, Mitel 8560/8660 Phone User
// Guide p. 37).
//
// A main extension (a station with mobile=, home= or associated= destinations) rings all of them
// for an ordinary call (DE-1); voice mail takes the call only when nobody answers within the
// no-answer time. Calls of other types (hunt, overflow, recalls: DE-2) ring the prime desk phone.
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

#include "models/engine.h"

namespace telsim {

bool dee_applies(CallType why) { return why == CallType::ordinary; }

namespace {
bool is_outside(PartyKind k) { return k == PartyKind::external || k == PartyKind::mobile; }
// DE-4: these can neither push nor be pulled to.
bool no_handoff_model(const PartyDef& d) { return d.model == "5610" || d.model == "uc-softphone"; }
bool has_associates(const PartyDef& d) {
  return d.kind == PartyKind::station && (!d.mobile.empty() || !d.home.empty() || !d.associated.empty());
}
}  // namespace

void Engine::init_dee() {
  main_of_.assign(devices_.size(), kNone);
  handoffs_.assign(devices_.size(), Handoff{});
  dee_ = profile_.on("dynamic-extension-express", false);
  if (!dee_) return;
  auto code = profile_.codes.find("handoff");
  if (code != profile_.codes.end()) {
    handoff_code_ = code->second;
    if (!numbers_.count(handoff_code_)) dial_plan_.push_back(handoff_code_);
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

std::vector<PartyId> Engine::ring_set(PartyId main, CallType why) const {
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

bool Engine::can_handoff(PartyId p) const {
  return devices_[p].kind == PartyKind::station && main_of(p) != kNone && !no_handoff_model(*devices_[p].def);
}

// ---------------------------------------------------------------- DE-1, DE-2: ringing

bool Engine::dee_deliver(int32_t a_leg, PartyId target, int line) {
  if (line > 0) return false;  // another line appearance of the station: that line only
  if (ring_set(target, calls_[legs_[a_leg].call].offered_as).size() <= 1) return false;
  RingInfo info;
  if (ring(a_leg, target, info) == kNone) return false;  // the extension is busy: offer() gives busy (BC-2)
  dee_ring_associates(a_leg, target, 0, true);
  return true;
}

void Engine::dee_ring_associates(int32_t a_leg, PartyId main, int line, bool voicemail_timer) {
  if (line > 0) return;
  int32_t c = legs_[a_leg].call;
  std::vector<PartyId> set = ring_set(main, calls_[c].offered_as);
  if (set.size() <= 1) return;
  int32_t desk = kNone;
  for (int32_t l : calls_[c].ringing)  // the desk phone, rung already
    if (legs_[l].party == main) desk = l;
  if (desk == kNone) return;
  legs_[desk].for_main = main;
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
    legs_[b].for_main = main;
    if (legs_[b].outside) legs_[b].billed_to = main;  // placed for the main extension
  }
  calls_[c].dee_main = main;
  // The timer belongs to the desk phone's ringing leg: answered anywhere, or moved on by another
  // feature, that leg is gone and the timer is stale.
  if (voicemail && voicemail_timer)
    schedule(timer("no-answer"), TimerKind::feature, desk, legs_[desk].gen, kTimerDeeVoicemail);
}

void Engine::dee_voicemail(int32_t desk) {
  const Leg& l = legs_[desk];
  if (l.state != LegState::alerting || l.for_main == kNone || l.peer == kNone) return;
  int32_t c = l.call;
  int32_t a = l.peer;
  if (calls_[c].dee_main != l.for_main || legs_[a].state != LegState::ringback) return;
  auto vm = party_id(devices_[l.for_main].def->voicemail);
  if (!vm) return;
  calls_[c].dee_main = kNone;
  stop_ringing_all(c, kNone, "no-answer");
  ring(a, *vm, RingInfo{});  // the pilot answers at once
}

bool Engine::feature_timer_dee(const Timer& t) {
  if (t.arg == kTimerDeeVoicemail) {
    if (legs_[t.slot].gen == t.gen) dee_voicemail(t.slot);
    return true;
  }
  if (t.arg == kTimerHandoff) {
    if (handoffs_[t.slot].active && handoffs_[t.slot].gen == t.gen) handoff_end(t.slot, HandoffEnd::timed_out);
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- the code: Special 388, 388

void Engine::press_special(PartyId p) {
  Device& d = devices_[p];
  d.special_digits.clear();
  d.special_leg = d.active;  // idle: no effect (digits then go to the dial plan, where 388 is)
  d.special_gen = d.active == kNone ? 0 : legs_[d.active].gen;
}

bool Engine::handoff_digits(PartyId p, std::string_view digits) {
  Device& d = devices_[p];
  int32_t l = d.active;
  if (l == kNone) return false;
  if (legs_[l].lifted) {  // a mobile or home phone lifted for a handoff: # accepts (DE-3)
    if (digits.find('#') != std::string_view::npos) handoff_accept(l);
    return true;
  }
  if (d.special_leg != l || d.special_gen != legs_[l].gen || handoff_code_.empty()) return false;
  d.special_digits += digits;
  const std::string& code = handoff_code_;
  if (d.special_digits == code) {
    d.special_leg = kNone;
    d.special_digits.clear();
    handoff_push_or_cancel(p);
    return true;
  }
  if (d.special_digits.size() < code.size() && code.compare(0, d.special_digits.size(), d.special_digits) == 0)
    return true;  // more digits to come
  d.special_leg = kNone;  // no feature: the digits were only digits
  d.special_digits.clear();
  return false;
}

bool Engine::handoff_dialled(PartyId p, const std::string& digits) {
  if (handoff_code_.empty() || digits != handoff_code_) return false;
  devices_[p].special_leg = kNone;
  handoff_pull(p);
  return true;
}

void Engine::no_call_to_handoff(PartyId p) {
  int32_t l = devices_[p].active;
  emit(p, l == kNone ? kNone : legs_[l].call, Ev::display,
       tracing() ? profile_.text("no-call-to-handoff", "NO CALL TO HANDOFF") : std::string());
}

// ---------------------------------------------------------------- DE-3, DE-4, DE-6: push and cancel

void Engine::handoff_push_or_cancel(PartyId p) {
  if (!can_handoff(p)) {  // DE-4, or no associated destinations at all
    no_call_to_handoff(p);
    return;
  }
  PartyId main = main_of(p);
  int32_t l = devices_[p].active;
  if (handoffs_[main].active) {
    Handoff& h = handoffs_[main];
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
  int channels = site_.trunk_channels < 0 ? INT_MAX : site_.trunk_channels - trunk_in_use_;
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
  int32_t ch = new_call(calls_[c].outside);
  calls_[ch].offered_as = CallType::handoff;
  int32_t anchor = new_leg(ch, legs_[far].party, LegState::ringback);  // no ringback: the audio goes on
  calls_[ch].a_leg = anchor;
  Handoff& h = handoffs_[main];
  h.active = true;
  ++h.gen;
  h.call = ch;
  h.from = l;
  h.far = far;
  h.by = p;
  legs_[l].handoff_main = main;
  legs_[far].handoff_main = main;
  emit(p, c, Ev::display, tracing() ? profile_.text("handoff-in-progress", "HANDOFF IN PROGRESS") : std::string());
  emit(p, ch, Ev::handoff, tracing() ? "kind=push" : std::string());
  RingInfo info;
  info.reason = "handoff";
  for (PartyId x : targets) {
    int32_t b = ring(anchor, x, info);
    if (b == kNone) continue;
    legs_[b].for_main = main;
    if (legs_[b].outside) legs_[b].billed_to = main;
  }
  schedule(timer("handoff"), TimerKind::feature, main, h.gen, kTimerHandoff);
}

bool Engine::handoff_answer(int32_t b) {
  if (calls_[legs_[b].call].offered_as != CallType::handoff) return false;
  Leg& leg = legs_[b];
  Device& d = devices_[leg.party];
  if (!is_outside(d.kind)) {
    handoff_accept(b);
    return true;
  }
  // A mobile or home phone: answering only lifts it; # accepts (DE-3). Until then the others
  // keep ringing: whatever answered may be the mobile's own voice mail.
  if (leg.lifted) return true;
  leg.lifted = true;
  auto it = std::find(d.alerting.begin(), d.alerting.end(), b);
  if (it != d.alerting.end()) d.alerting.erase(it);
  d.active = b;
  d.offhook = true;
  emit(leg.party, leg.call, Ev::prompt,
       tracing() ? profile_.text("handoff-accept", "Press # to accept the call") : std::string());
  return true;
}

void Engine::handoff_accept(int32_t b) {
  PartyId main = legs_[b].for_main;
  if (main == kNone || !handoffs_[main].active || handoffs_[main].call != legs_[b].call) return;
  Handoff& h = handoffs_[main];
  int32_t ch = h.call, from = h.from, far = h.far;
  h.active = false;
  ++h.gen;
  legs_[from].handoff_main = kNone;
  legs_[far].handoff_main = kNone;
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
  bl.lifted = false;
  bl.state = LegState::connected;
  bl.peer = far;
  bl.connected_at = now_;
  calls_[ch].b_leg = b;
  legs_[far].peer = b;
  emit(x, ch, Ev::connected, tracing() ? "to=" + party_name(legs_[far].party) : std::string());
  // The pushing phone drops out; the far party's audio never broke.
  emit(legs_[from].party, legs_[from].call, Ev::released, tracing() ? "reason=handoff" : std::string());
  legs_[from].peer = kNone;
  calls_[legs_[from].call].end_reason = "handoff";  // trust: every call ends with a reason
  calls_[ch].end_reason = "handoff";
  free_leg(from);
  int32_t anchor = calls_[ch].a_leg;
  if (anchor != kNone) free_leg(anchor);
}

void Engine::handoff_end(PartyId main, HandoffEnd how) {
  Handoff& h = handoffs_[main];
  if (!h.active) return;
  h.active = false;
  ++h.gen;
  int32_t ch = h.call;
  legs_[h.from].handoff_main = kNone;
  legs_[h.far].handoff_main = kNone;
  if (how != HandoffEnd::abandoned) {  // DE-6, DE-8: the call stays where it was
    if (how == HandoffEnd::timed_out) emit(h.by, ch, Ev::handoff, tracing() ? "kind=cancel" : std::string());
    emit(main, legs_[h.from].call, Ev::display,
         tracing() ? profile_.text("handoff-cancelled", "HANDOFF CANCELLED") : std::string());
  }
  int32_t anchor = calls_[ch].a_leg;
  if (anchor != kNone) release_leg(anchor, "handoff");  // every destination stops ringing
}

void Engine::handoff_leg_gone(int32_t leg) {
  // A talking party hung up while the handoff rang: nothing is left to hand off.
  handoff_end(legs_[leg].handoff_main, HandoffEnd::abandoned);
}

// ---------------------------------------------------------------- DE-5: pull

void Engine::handoff_pull(PartyId p) {
  int32_t lp = devices_[p].active;
  PartyId main = can_handoff(p) ? main_of(p) : kNone;
  int32_t on_outside = kNone;
  if (main != kNone && !handoffs_[main].active) {
    const PartyDef& d = *devices_[main].def;
    for (const std::string* n : {&d.mobile, &d.home}) {
      auto x = n->empty() ? std::nullopt : party_id(*n);
      if (!x) continue;
      for (int32_t l : devices_[*x].line_leg)
        if (l != kNone && legs_[l].state == LegState::connected && legs_[l].for_main == main && legs_[l].peer != kNone)
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
  l.connected_at = now_;
  l.for_main = main;
  legs_[far].peer = lp;
  emit(p, cp, Ev::connected, tracing() ? "to=" + party_name(legs_[far].party) : std::string());
  emit(legs_[on_outside].party, legs_[on_outside].call, Ev::released, tracing() ? "reason=handoff" : std::string());
  legs_[on_outside].peer = kNone;
  calls_[legs_[on_outside].call].end_reason = "handoff";  // trust: every call ends with a reason
  free_leg(on_outside);
}

}  // namespace telsim
