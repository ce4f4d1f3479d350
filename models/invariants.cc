// Trust: invariants the engine checks about itself after every event it handles (a person's input
// or one of its own timers). A broken invariant sets failure() with the invariant's name, the
// virtual time and the event after which it broke, and stops the run (run_until checks failure()).
//
// Three levels (Engine::Checks; `--checks` of telsim run, trace, diagram and traffic):
//  - cheap (the default): O(1) per event: the counters, the calls and devices the event touched
//    (emit() records them), the timer that fired, the end of each call; and the walk of every
//    call, leg and device at intervals (set_full_walk_every: O(1) per event amortised, so a small
//    site is still walked after every event) and at the end of the run;
//  - full: after every event also walks every call, leg and device (explore, fuzz, unit tests);
//  - off: none (a broken state goes unnoticed).
//
// The invariants, by name (the name is the first thing in the failure message):
//  call-end-reason   every call ends with a reason (hangup, busy, reorder, blocked, ...)
//  call-legs         a live call's legs are in use and belong to it; a live call has a leg;
//                    a leg in use belongs to a live call and something (call or device) holds it
//  device-slots      a device's active leg, line appearances and ringing list point at its own legs
//  peers             two connected legs that talk to each other point at each other
//  two-talking       no party talks in two calls at once (held calls do not talk)
//  stale-timer       a timer whose owner is still current belongs to a live call
//  trunk             channels in use are within [0, trunk channels] and equal the outside legs;
//                    an idle switch holds none
//  counts            live_calls equals the live calls; an idle switch has no leg in use
//  stuck-call        at the end of a run, every live call has a party that can still end it
//  balance           traffic: offered calls are all accounted for at the end
// Feature boxes check their own state on the calls and devices they watch (Box::check_call,
// check_device; e.g. forward-hops, hunt-idle) and their own timers (Box::check_timer).
// A call waiting at a busy station or camped on one is a caller's leg hearing ringback with
// nothing ringing for it: the core's checks accept it (the caller has it in hand), and the
// call-waiting and camp-on boxes check that each one they keep is exactly that (call-waiting,
// camp-on) and that a call waits only at a station that is still in a call.
#include <algorithm>
#include <cstdio>

#include "models/box.h"
#include "models/engine.h"

namespace telsim {

namespace {
const char* action_label(Action a) {
  switch (a) {
    case Action::call: return "call";
    case Action::offhook: return "offhook";
    case Action::onhook: return "onhook";
    case Action::dial: return "dial";
    case Action::press: return "press";
    case Action::hold: return "hold";
    case Action::retrieve: return "retrieve";
    case Action::forward: return "forward";
    case Action::voice_call: return "voice-call";
  }
  return "?";
}

const char* timer_label(TimerKind k) {
  switch (k) {
    case TimerKind::deferred_input: return "deferred input";
    case TimerKind::auto_answer: return "auto-answer";
    case TimerKind::digit_timeout: return "digit";
    case TimerKind::talk_end: return "talk-end";
    case TimerKind::box: return "feature";
  }
  return "?";
}

const char* state_label(LegState s) {
  switch (s) {
    case LegState::free: return "free";
    case LegState::dialing: return "dialing";
    case LegState::ringback: return "ringback";
    case LegState::alerting: return "alerting";
    case LegState::connected: return "connected";
    case LegState::tone: return "tone";
  }
  return "other";
}

bool is_person(PartyKind k) {
  return k == PartyKind::station || k == PartyKind::external || k == PartyKind::mobile || k == PartyKind::attendant;
}

std::string seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}
}  // namespace

namespace {
struct Quiet {  // the sound path's `fail`: the message is never built
  template <class Text> bool operator()(Text&&) const { return false; }
};
struct Say {  // keeps the message of the first broken invariant
  std::string* what;
  template <class Text> bool operator()(Text&& text) const {
    *what = text();
    return false;
  }
};
}  // namespace

// ---------------------------------------------------------------- hooks from the core

void Engine::note_input(PartyId p, Action action, std::string_view argument) {
  if (checks_ == Checks::off) return;
  event_.timer = false;
  event_.party = p;
  event_.action = action;
  event_.argument.assign(argument.data(), argument.size());
  event_.at = now_;
  touched_calls_.clear();
  touched_parties_.clear();
  if (p != kNone) touched_parties_.add(p);
}

void Engine::note_timer(const Timer& t) {
  if (checks_ == Checks::off) return;
  touched_calls_.clear();
  touched_parties_.clear();
  if (t.kind == TimerKind::deferred_input) {  // a person's input, late by the access delay
    const PendingInput& in = pending_[t.slot];
    note_input(in.party, in.action, in.argument);
    return;
  }
  event_.timer = true;
  event_.kind = t.kind;
  event_.owner = t.owner;
  event_.what = t.what;
  event_.slot = t.slot;
  event_.at = t.at;
  // A timer whose owner is still the one it was set for must belong to something alive: the
  // generation check is what makes stale timers harmless, so a current one on a dead call means
  // some path ended a call or a leg without moving the generation on.
  switch (t.kind) {
    case TimerKind::auto_answer:
    case TimerKind::talk_end: {
      if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size()) {
        broken("stale-timer", std::string(timer_label(t.kind)) + " timer for leg " + std::to_string(t.slot) +
                                  ", which does not exist");
        return;
      }
      const Leg& l = legs_[t.slot];
      if (l.gen != t.gen) return;  // stale: a no-op, as it should be
      if (l.state == LegState::free || l.call == kNone || !calls_[l.call].live)
        broken("stale-timer", std::string(timer_label(t.kind)) + " timer fires for " + describe_leg(t.slot) +
                                  ", whose call has ended");
      else
        touched_calls_.add(l.call);
      break;
    }
    case TimerKind::box: {  // the box that owns it knows whether it is current, and for what
      int32_t call = kNone;
      std::string what = boxes_[t.owner]->check_timer(t, &call);
      if (!what.empty()) {
        size_t colon = what.find(": ");
        broken(what.substr(0, colon).c_str(), colon == std::string::npos ? what : what.substr(colon + 2));
      } else if (call != kNone) {
        touched_calls_.add(call);
      }
      break;
    }
    case TimerKind::digit_timeout: {
      const Device& d = devices_[t.slot];
      if (d.digit_gen != t.gen) return;
      if (d.active != kNone && (legs_[d.active].state == LegState::free || !calls_[legs_[d.active].call].live))
        broken("stale-timer", "digit timer fires at " + number(t.slot) + " for a call that has ended");
      touched_parties_.add(t.slot);
      break;
    }
    default:
      break;
  }
}

void Engine::after_event() {
  if (checks_ == Checks::off || !failure_.empty()) return;
  // The sound path builds no string; the first broken check is walked again for its message.
  std::string what;
  if (!counters_sound(Quiet{})) what = check_counters();
  if (what.empty()) {
    for (int32_t c : touched_calls_) {
      if (call_sound(c, Quiet{})) continue;
      what = check_call(c);
      break;
    }
  }
  if (what.empty()) {
    for (PartyId p : touched_parties_) {
      if (device_sound(p, Quiet{})) continue;
      what = check_device(p);
      break;
    }
  }
  if (what.empty() && checks_ == Checks::full) what = check_state();
  if (what.empty() && benchmark_site_)  // the feature properties (SPEC FI-1, models/properties.cc)
    for (int32_t c : touched_calls_)
      if (failure_.empty()) check_properties(c);
  if (what.empty() && checks_ == Checks::cheap && ++events_since_walk_ >= walk_min_events_ &&
      events_since_walk_ * 16 >= devices_.size() + legs_.size() + calls_.size()) {
    events_since_walk_ = 0;
    ++full_walks_;
    what = check_state();  // the whole state at intervals: O(1) per event amortised
  }
  touched_calls_.clear();
  touched_parties_.clear();
  if (!what.empty()) {
    // The check's text is "NAME: details".
    size_t colon = what.find(": ");
    std::string name = what.substr(0, colon);
    broken(name.c_str(), colon == std::string::npos ? what : what.substr(colon + 2));
  }
}

void Engine::broken(const char* name, const std::string& what) {
  if (!failure_.empty()) return;  // the first broken invariant is the one to report
  failure_ = std::string("invariant ") + name + " broken at " + seconds(now_) + " s after " + event_label() +
             ": " + what;
}

std::string Engine::event_label() const {
  if (!event_.timer) {
    std::string s = event_.party == kNone ? "trunk" : number(event_.party);
    s += " ";
    s += action_label(event_.action);
    if (!event_.argument.empty()) s += " " + event_.argument;
    return s;
  }
  if (event_.kind == TimerKind::box) return std::string("the ") + boxes_[event_.owner]->timer_name(event_.what) + " timer";
  std::string s = std::string("the ") + timer_label(event_.kind) + " timer";
  if (event_.kind == TimerKind::digit_timeout && event_.slot >= 0) s += " of " + number(event_.slot);
  else if (event_.slot >= 0 && static_cast<size_t>(event_.slot) < legs_.size() &&
           legs_[event_.slot].party != kNone)
    s += " of " + party_name(legs_[event_.slot].party);
  return s;
}

std::string Engine::describe_leg(int32_t l) const {
  if (l < 0 || static_cast<size_t>(l) >= legs_.size()) return "leg " + std::to_string(l) + " (no such leg)";
  const Leg& leg = legs_[l];
  std::string s = "leg " + std::to_string(l) + " (" + party_name(leg.party) + ", " + state_label(leg.state);
  if (leg.call != kNone) s += ", c" + std::to_string(calls_[leg.call].id);
  return s + ")";
}

// ---------------------------------------------------------------- the checks

// Each check is written once, as a walk that calls `fail` with a lambda building the message: the
// walk after every event (cheap) passes a `fail` that never builds it, so a sound state costs no
// strings; check_counters, check_call and check_device build the message of what is broken.

template <class Fail>
bool Engine::counters_sound(Fail&& fail) const {
  if (trunk_in_use_ < 0) return fail([&] { return "trunk: " + std::to_string(trunk_in_use_) + " channels in use"; });
  if (site_.trunk_channels >= 0 && trunk_in_use_ > site_.trunk_channels)
    return fail([&] {
      return "trunk: " + std::to_string(trunk_in_use_) + " channels in use, the trunk has " +
             std::to_string(site_.trunk_channels);
    });
  if (live_calls_ > calls_.size()) return fail([&] { return std::string("counts: more live calls than call slots"); });
  if (live_calls_ == 0) {
    if (trunk_in_use_ != 0)
      return fail([&] {
        return "trunk: no call is live but " + std::to_string(trunk_in_use_) + " trunk channels are in use";
      });
    if (legs_.size() != free_legs_.size())
      return fail([&] {
        return "counts: no call is live but " + std::to_string(legs_.size() - free_legs_.size()) + " legs are in use";
      });
  }
  return true;
}

std::string Engine::check_counters() const {
  std::string what;
  counters_sound(Say{&what});
  return what;
}

template <class Fail>
bool Engine::call_sound(int32_t c, Fail&& fail) const {
  if (c < 0 || static_cast<size_t>(c) >= calls_.size())
    return fail([&] { return "call-legs: call slot " + std::to_string(c) + " does not exist"; });
  const Call& call = calls_[c];
  if (!call.live) return true;
  // Messages are built only when something is broken: these checks run after every event.
  auto id = [&] { return "c" + std::to_string(call.id); };
  auto mine = [&](int32_t l, const char* role) -> bool {
    if (l < 0 || static_cast<size_t>(l) >= legs_.size())
      return fail([&] { return "call-legs: " + id() + "'s " + role + " leg " + std::to_string(l) + " does not exist"; });
    const Leg& leg = legs_[l];
    if (leg.state == LegState::free)
      return fail([&] { return "call-legs: " + id() + "'s " + role + " leg " + std::to_string(l) + " is free"; });
    if (leg.call != c)
      return fail([&] { return "call-legs: " + id() + "'s " + role + " " + describe_leg(l) + " belongs to another call"; });
    return true;
  };
  if (call.a_leg != kNone && !mine(call.a_leg, "calling")) return false;
  if (call.b_leg != kNone && !mine(call.b_leg, "called")) return false;
  for (int32_t l : call.ringing) {
    if (!mine(l, "ringing")) return false;
    if (legs_[l].state != LegState::alerting)
      return fail([&] { return "call-legs: " + id() + " lists " + describe_leg(l) + " as ringing"; });
    PartyId p = legs_[l].party;
    // A phone lifted but not yet put through (a mobile answering a handoff) is off hook on the
    // ringing leg, not ringing.
    if (p != kNone && devices_[p].kind != PartyKind::voicemail && devices_[p].active != l) {
      const auto& al = devices_[p].alerting;
      if (std::find(al.begin(), al.end(), l) == al.end())
        return fail([&] {
          return "device-slots: " + describe_leg(l) + " rings for " + id() + " but " + number(p) +
                 " does not ring for it";
        });
    }
  }
  for (int32_t l : {call.a_leg, call.b_leg}) {
    if (l == kNone) continue;
    const Leg& leg = legs_[l];
    if (leg.state == LegState::connected && leg.peer != kNone) {
      if (leg.peer < 0 || static_cast<size_t>(leg.peer) >= legs_.size() || legs_[leg.peer].state == LegState::free)
        return fail([&] { return "peers: " + describe_leg(l) + " talks to a leg that is gone"; });
      const Leg& peer = legs_[leg.peer];
      if (peer.state == LegState::connected && peer.peer != l)
        return fail([&] {
          return "peers: " + describe_leg(l) + " talks to " + describe_leg(leg.peer) + ", which talks to " +
                 describe_leg(peer.peer);
        });
    }
  }
  // A conference (SPEC CN-*): its members are its own legs, none twice, each in the conference
  // (connected, or ringing back at its controller for a recall) and talking to no single peer; two
  // or more of them, or it would be a plain call.
  if (!call.members.empty()) {
    if (call.members.size() < 2)
      return fail([&] {
        return "conference: " + id() + " has " + std::to_string(call.members.size()) +
               " member (two make a plain call)";
      });
    for (size_t i = 0; i < call.members.size(); ++i) {
      int32_t l = call.members[i];
      if (!mine(l, "member")) return false;
      for (size_t j = 0; j < i; ++j)
        if (call.members[j] == l) return fail([&] { return "conference: " + id() + " lists " + describe_leg(l) + " twice"; });
      const Leg& leg = legs_[l];
      if (leg.state != LegState::connected && leg.state != LegState::alerting)
        return fail([&] {
          return "conference: " + id() + "'s member " + describe_leg(l) + " is neither talking nor recalled";
        });
      if (leg.peer != kNone)
        return fail([&] { return "conference: " + id() + "'s member " + describe_leg(l) + " talks to a single peer"; });
    }
  }
  for (uint32_t w = call.watchers & joined_[static_cast<size_t>(Point::check)]; w; w &= w - 1)
    if (std::string why; !boxes_[__builtin_ctz(w)]->check_call(c, &why)) return fail([&] { return why; });
  return true;
}

std::string Engine::check_call(int32_t c) const {
  std::string what;
  call_sound(c, Say{&what});
  return what;
}

template <class Fail>
bool Engine::device_sound(PartyId p, Fail&& fail) const {
  if (p < 0 || static_cast<size_t>(p) >= devices_.size()) return true;
  const Device& d = devices_[p];
  const std::string& n = number(p);
  auto own = [&](int32_t l, const char* what, int index = -1) -> bool {
    auto role = [&] { return index < 0 ? std::string(what) : std::string(what) + " " + std::to_string(index); };
    if (l < 0 || static_cast<size_t>(l) >= legs_.size())
      return fail([&] { return "device-slots: " + n + "'s " + role() + " leg " + std::to_string(l) + " does not exist"; });
    const Leg& leg = legs_[l];
    if (leg.state == LegState::free)
      return fail([&] { return "device-slots: " + n + "'s " + role() + " leg " + std::to_string(l) + " is free"; });
    if (leg.party != p)
      return fail([&] { return "device-slots: " + n + "'s " + role() + " " + describe_leg(l) + " is another party's"; });
    if (leg.call == kNone || !calls_[leg.call].live)
      return fail([&] {
        return "call-legs: " + n + "'s " + role() + " " + describe_leg(l) + " belongs to no live call";
      });
    return true;
  };
  if (d.active != kNone && !own(d.active, "active")) return false;
  int talking = 0;
  int32_t first_talking = kNone;
  for (size_t i = 0; i < d.line_leg.size(); ++i) {
    int32_t l = d.line_leg[i];
    if (l == kNone) continue;
    if (!own(l, "line", static_cast<int>(i))) return false;
    if (legs_[l].line != static_cast<int>(i))
      return fail([&] {
        return "device-slots: " + n + "'s line " + std::to_string(i) + " holds " + describe_leg(l) +
               ", which is on line " + std::to_string(legs_[l].line);
      });
    const Leg& leg = legs_[l];
    // Talking: connected, the far end connected back to this leg, and neither side holding.
    if (leg.state == LegState::connected && !leg.held && leg.peer != kNone &&
        legs_[leg.peer].state == LegState::connected && legs_[leg.peer].peer == l && !legs_[leg.peer].held) {
      if (++talking > 1 && is_person(d.kind))
        return fail([&] {
          return "two-talking: " + n + " talks in two calls at once: " + describe_leg(first_talking) + " and " +
                 describe_leg(l);
        });
      first_talking = l;
    }
  }
  // A person's conversation that nobody holds is the one the handset is on: otherwise the person
  // could never hang it up.
  if (is_person(d.kind) && d.active != kNone)
    for (int32_t l : d.line_leg)
      if (l != kNone && l != d.active && legs_[l].state == LegState::connected && !legs_[l].held &&
          (legs_[l].peer == kNone || !legs_[legs_[l].peer].held))
        return fail([&] {
          return "device-slots: " + n + " talks on " + describe_leg(l) + " but its handset is on " +
                 describe_leg(d.active);
        });
  for (uint32_t w = d.watchers & joined_[static_cast<size_t>(Point::check)]; w; w &= w - 1)
    if (std::string why; !boxes_[__builtin_ctz(w)]->check_device(p, &why)) return fail([&] { return why; });
  for (int32_t l : d.alerting) {
    if (!own(l, "ringing")) return false;
    if (legs_[l].state != LegState::alerting)
      return fail([&] { return "device-slots: " + n + " rings for " + describe_leg(l) + ", which is not ringing"; });
  }
  return true;
}

std::string Engine::check_device(PartyId p) const {
  std::string what;
  device_sound(p, Say{&what});
  return what;
}

std::string Engine::check_state() const {
  size_t live = 0;
  for (size_t c = 0; c < calls_.size(); ++c) {
    if (!calls_[c].live) continue;
    ++live;
    if (!call_sound(static_cast<int32_t>(c), Quiet{})) return check_call(static_cast<int32_t>(c));
  }
  if (live != live_calls_)
    return "counts: " + std::to_string(live_calls_) + " calls counted live, " + std::to_string(live) + " are";
  std::vector<uint32_t> legs_of_call(calls_.size(), 0);
  std::vector<char> held(legs_.size(), 0);  // referenced by a call or a device
  for (const Call& call : calls_) {
    if (!call.live) continue;
    if (call.a_leg != kNone) held[call.a_leg] = 1;
    if (call.b_leg != kNone) held[call.b_leg] = 1;
    for (int32_t l : call.ringing) held[l] = 1;
    for (int32_t l : call.members) held[l] = 1;
  }
  for (PartyId p = 0; p < static_cast<PartyId>(devices_.size()); ++p) {
    if (!device_sound(p, Quiet{})) return check_device(p);
    const Device& d = devices_[p];
    if (d.active != kNone) held[d.active] = 1;
    for (int32_t l : d.line_leg)
      if (l != kNone) held[l] = 1;
    for (int32_t l : d.alerting) held[l] = 1;
  }
  int outside = 0;
  for (size_t l = 0; l < legs_.size(); ++l) {
    const Leg& leg = legs_[l];
    if (leg.state == LegState::free) {
      if (leg.outside) return "trunk: free " + describe_leg(static_cast<int32_t>(l)) + " still holds a channel";
      continue;
    }
    if (leg.outside) ++outside;
    if (leg.call == kNone || !calls_[leg.call].live)
      return "call-legs: " + describe_leg(static_cast<int32_t>(l)) + " is in use but its call has ended";
    ++legs_of_call[leg.call];
    if (!held[l])
      return "call-legs: " + describe_leg(static_cast<int32_t>(l)) +
             " is in use but neither its call nor a device holds it (it can never end)";
  }
  if (outside != trunk_in_use_)
    return "trunk: " + std::to_string(trunk_in_use_) + " channels counted in use, " + std::to_string(outside) +
           " outside legs hold one";
  for (size_t c = 0; c < calls_.size(); ++c)
    if (calls_[c].live && legs_of_call[c] == 0)
      return "call-legs: c" + std::to_string(calls_[c].id) + " is live but has no leg (it never ended)";
  return {};
}

void Engine::check_end_of_run() {
  if (checks_ == Checks::off || !failure_.empty()) return;
  event_.timer = false;
  event_.party = kNone;
  auto fail = [&](const std::string& what) {
    size_t colon = what.find(": ");
    failure_ = "invariant " + what.substr(0, colon) + " broken at the end of the run (" + seconds(now_) +
               " s): " + (colon == std::string::npos ? what : what.substr(colon + 2));
  };
  if (auto w = check_counters(); !w.empty()) return fail(w);
  if (auto w = check_state(); !w.empty()) return fail(w);
  if (!queue_.empty()) return;  // something may still happen: a call waiting for it is not stuck
  // A live call must have a party that can still end it: a person whose phone has the call in
  // hand (the active leg, or a call it holds) or rings with it, or an anonymous trunk caller
  // (traffic hangs it up).
  for (const Call& call : calls_) {
    if (!call.live) continue;
    bool can_end = false;
    for (size_t l = 0; l < legs_.size() && !can_end; ++l) {
      const Leg& leg = legs_[l];
      if (leg.state == LegState::free || leg.call != static_cast<int32_t>(&call - calls_.data())) continue;
      if (leg.party == kNone) {
        can_end = true;
        continue;
      }
      const Device& d = devices_[leg.party];
      if (!is_person(d.kind)) continue;
      // A call its party holds is in hand too: the holder can retrieve it or hang up on it.
      if (d.active == static_cast<int32_t>(l) || leg.held ||
          std::find(d.alerting.begin(), d.alerting.end(), static_cast<int32_t>(l)) != d.alerting.end())
        can_end = true;
    }
    if (!can_end) {
      std::string legs;
      for (size_t l = 0; l < legs_.size(); ++l)
        if (legs_[l].state != LegState::free && legs_[l].call == static_cast<int32_t>(&call - calls_.data()))
          legs += (legs.empty() ? "" : ", ") + describe_leg(static_cast<int32_t>(l));
      return fail("stuck-call: c" + std::to_string(call.id) +
                  " is live but no party has it in hand or ringing, and nothing is left to happen: " + legs);
    }
  }
}

void Engine::check_balance(uint64_t offered, uint64_t accounted, const std::string& what) {
  if (checks_ == Checks::off || !failure_.empty() || offered == accounted) return;
  failure_ = "invariant balance broken at the end of the run (" + seconds(now_) + " s): offered " +
             std::to_string(offered) + " calls but " + what + " add up to " + std::to_string(accounted);
}

}  // namespace telsim
