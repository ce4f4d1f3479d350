// Call forward (SPEC CF-1..CF-12, seed 001: Perception 4000, notes 4-12), Multi-line Hunting and
// voice calls, in every profile with the profile's switches:
//   switch.forward-max-hops   forwards a call may take (CF-8); the engine's default is generic's 5
//   switch.forward-intercom   whether calls a station started are forwarded (CF-4; default yes)
//   timer.no-answer           how long a station rings before forward no answer (site timer wins)
//   code.forward-*            dial-tone codes, each followed by the destination (generic has them)
//
// Where a call arrives at a station's number, `deliver` asks `forward_at_delivery` first. The
// decisions, in order:
//   - a voice call is announced on the called station's speaker and never forwarded (CF-5);
//   - the station's forward applies only if it is in effect (no call from before the registration
//     still rings, CF-2), the call is outside or the profile forwards intercom calls (CF-4), the
//     call has been forwarded fewer than forward-max-hops times (CF-8), the called line is the
//     prime line or the station has Multi-line Hunting (CF-9), and the destination is not the
//     caller itself (then the station rings instead: forwarding a caller to itself helps nobody);
//   - forward all: at once, without ringing (CF-10 for MLH); busy: at once when the called line
//     (with MLH: every line) is busy; no answer: the line rings for the no-answer time, then the
//     call is forwarded (CF-5, CF-11); busy/no answer: both (CF-12);
//   - with MLH a busy called line hunts to the next free line of the station (CF-11).
// A forward destination that is a station is delivered to in turn, so its own forwarding applies
// (chains), until the hop limit; one outside goes over the trunk and is billed to the forwarding
// station. A forwarded call that finds its destination busy gives the caller busy, and one whose
// trunk is full gives `blocked`, as a direct call would.
#include <algorithm>

#include "models/engine.h"

namespace telsim {

namespace {
bool is_outside(PartyKind k) { return k == PartyKind::external || k == PartyKind::mobile; }

const char* type_name(ForwardType t) {
  switch (t) {
    case ForwardType::all: return "all";
    case ForwardType::busy: return "busy";
    case ForwardType::no_answer: return "no-answer";
    case ForwardType::busy_no_answer: return "busy-no-answer";
    case ForwardType::none: break;
  }
  return "none";
}

ForwardType type_from(std::string_view s) {
  if (s == "all") return ForwardType::all;
  if (s == "busy") return ForwardType::busy;
  if (s == "no-answer") return ForwardType::no_answer;
  if (s == "busy-no-answer") return ForwardType::busy_no_answer;
  return ForwardType::none;
}

bool forwards_on_no_answer(ForwardType t) {
  return t == ForwardType::no_answer || t == ForwardType::busy_no_answer;
}
}  // namespace

void Engine::init_forwarding() {
  add_dial_code("forward-all", true, &Engine::forward_code);
  add_dial_code("forward-busy", true, &Engine::forward_code);
  add_dial_code("forward-no-answer", true, &Engine::forward_code);
  add_dial_code("forward-busy-no-answer", true, &Engine::forward_code);
  add_dial_code("forward-off", false, &Engine::forward_code);
}

// ---------------------------------------------------------------- registration

bool Engine::register_forward(PartyId p, ForwardType type, const std::string& to) {
  Device& d = devices_[p];
  if (d.kind != PartyKind::station) return false;
  if (type != ForwardType::none) {
    // The switch checks the destination when it is registered, as PBXs do: a number it does not
    // know, or the station itself (or one of its own lines), is refused and the old forward stays.
    auto it = numbers_.find(to);
    if (it == numbers_.end() || it->second.party == p) return false;
  }
  // CF-3: any registration replaces the one before.
  d.forward = type;
  d.forward_to = type == ForwardType::none ? std::string() : to;
  // CF-2: calls ringing here now are not forwarded, and the forward takes effect only once they
  // are answered or gone (note 4: "only forward calls that occur after the ringing ... call is
  // picked up or disconnected").
  d.forward_waiting.clear();
  if (type != ForwardType::none)
    for (int32_t leg : d.alerting) d.forward_waiting.emplace_back(leg, legs_[leg].gen);
  return true;
}

void Engine::forward_step(PartyId p, std::string_view argument) {
  std::string arg(argument);
  size_t sp = arg.find(' ');
  ForwardType type = ForwardType::none;
  std::string to;
  bool ok = true;
  if (arg != "off") {
    type = type_from(std::string_view(arg).substr(0, sp));
    to = sp == std::string::npos ? std::string() : arg.substr(sp + 1);
    ok = type != ForwardType::none;
  }
  ok = ok && register_forward(p, type, to);
  int32_t call = devices_[p].active == kNone ? kNone : legs_[devices_[p].active].call;
  emit(p, call, ok ? Ev::confirmation : Ev::reorder);
}

void Engine::forward_code(PartyId p, const std::string& feature, const std::string& number) {
  ForwardType type = feature == "forward-off" ? ForwardType::none : type_from(feature.substr(8));
  bool ok = register_forward(p, type, number);
  if (devices_[p].active != kNone) tone(devices_[p].active, ok ? Ev::confirmation : Ev::reorder);
}

// ---------------------------------------------------------------- delivery

bool Engine::forward_in_effect(PartyId p) {
  Device& d = devices_[p];
  if (d.forward == ForwardType::none) return false;
  auto& w = d.forward_waiting;
  w.erase(std::remove_if(w.begin(), w.end(),
                         [&](const std::pair<int32_t, uint32_t>& x) {
                           const Leg& l = legs_[x.first];
                           return l.gen != x.second || l.state != LegState::alerting || l.party != p;
                         }),
          w.end());
  return w.empty();
}

ForwardType Engine::forward_applies(int32_t a_leg, PartyId target, int line) {
  Device& d = devices_[target];
  if (d.kind != PartyKind::station || !forward_in_effect(target)) return ForwardType::none;
  const Call& call = calls_[legs_[a_leg].call];
  if (call.voice) return ForwardType::none;                                                // CF-5
  if (!call.outside && !profile_.on("forward-intercom", true)) return ForwardType::none;  // CF-4
  long max_hops = std::min(profile_.number("forward-max-hops", 5), 255L);  // hops is 8 bits
  if (call.hops >= max_hops) return ForwardType::none;                                     // CF-8
  if (line > 0 && !d.def->mlh) return ForwardType::none;                                   // CF-9
  PartyId caller = legs_[a_leg].party;
  auto to = numbers_.find(d.forward_to);
  if (to == numbers_.end() || (caller != kNone && to->second.party == caller)) return ForwardType::none;
  return d.forward;
}

int Engine::hunt_line(PartyId p, int wanted) const {
  const Device& d = devices_[p];
  int n = static_cast<int>(d.line_leg.size());
  if (wanted < 0) wanted = 0;
  if (d.line_leg[wanted] == kNone) return wanted;
  if (d.kind != PartyKind::station || !d.def->mlh) return -1;
  // Multi-line Hunting: the next free line after the called one, round the station's lines.
  for (int i = 1; i < n; ++i) {
    int l = (wanted + i) % n;
    if (d.line_leg[l] == kNone) return l;
  }
  return -1;
}

bool Engine::forward_at_delivery(int32_t a_leg, PartyId target, int line) {
  Device& d = devices_[target];
  if (d.kind != PartyKind::station) return false;
  Call& call = calls_[legs_[a_leg].call];
  bool mlh = d.def->mlh && d.line_leg.size() > 1;
  if (!call.voice && !mlh && d.forward == ForwardType::none) return false;  // the common case: offer
  int wanted = line < 0 ? 0 : line;

  RingInfo info;
  ForwardType type = ForwardType::none;
  if (call.voice) {
    // A voice call goes to the called line only (its speaker announces the caller); busy is busy.
    info.line = d.line_leg[wanted] == kNone ? wanted : -1;
    info.reason = "voice";
  } else {
    type = forward_applies(a_leg, target, line);
    info.line = hunt_line(target, wanted);
  }
  bool busy = info.line < 0;
  if (type == ForwardType::all ||
      (busy && (type == ForwardType::busy || type == ForwardType::busy_no_answer))) {
    forward_call(a_leg, target, type, false);
    return true;
  }
  if (busy) {
    tone(a_leg, Ev::busy);
    return true;
  }
  int32_t b = ring(a_leg, target, info);
  if (b == kNone) {
    tone(a_leg, Ev::busy);
    return true;
  }
  if (forwards_on_no_answer(type)) schedule(timer("no-answer"), TimerKind::forward_no_answer, b, legs_[b].gen);
  // Dynamic Extension Express: the station's associated destinations ring with it (DE-1); a
  // no-answer forward then takes the place of DEE's voice mail (models/handoff.cc).
  if (!call.voice) dee_ring_associates(a_leg, target, info.line, !forwards_on_no_answer(type));
  return true;
}

void Engine::forward_call(int32_t a_leg, PartyId from, ForwardType type, bool stop_ringing) {
  int32_t c = legs_[a_leg].call;
  Call& call = calls_[c];
  ++call.hops;
  const std::string to = devices_[from].forward_to;
  if (tracing())
    emit(from, c, Ev::forwarded, "to=" + to + " hop=" + std::to_string(call.hops) + " type=" + type_name(type));
  else
    emit(from, c, Ev::forwarded);
  if (stop_ringing) stop_ringing_all(c, kNone, "forwarded");
  const Target dest = numbers_.at(to);  // forward_applies checked it is known
  if (!is_outside(devices_[dest.party].kind)) {
    deliver(a_leg, dest.party, dest.line);
    return;
  }
  // Outside: over the trunk, paid for by the station that forwarded the call.
  RingInfo info;
  int32_t b = ring(a_leg, dest.party, info);
  if (b == kNone) {
    if (last_ring_failure_ == RingFailure::trunk)
      tone(a_leg, Ev::blocked, "trunk");
    else
      tone(a_leg, Ev::busy);
    return;
  }
  legs_[b].billed_to = from;
}

void Engine::forward_no_answer(int32_t leg, uint32_t gen) {
  const Leg& l = legs_[leg];
  if (l.gen != gen || l.state != LegState::alerting || l.peer == kNone) return;
  int32_t a_leg = l.peer;
  PartyId station = l.party;
  // Asked again now: `forward off` or a new registration since the call began to ring keeps it
  // ringing here (CF-2, CF-3).
  ForwardType type = forward_applies(a_leg, station, l.line);
  if (!forwards_on_no_answer(type)) return;
  forward_call(a_leg, station, type, true);
}

// ---------------------------------------------------------------- voice calls

// A voice call (intercom, note 6) is announced at once on the called station's speaker: it gets
// `ringing reason=voice`, the caller hears no ringback (the caller is speaking), and the called
// person lifts the handset (`answer`) to talk, which connects both as a call does. Nobody
// answering leaves the announcement up until the caller hangs up: it is never forwarded (note 7).
// To anything but a station it is an ordinary call: only a station has a speaker to announce on.
void Engine::voice_call(PartyId p, std::string_view number) {
  Device& d = devices_[p];
  if (d.active == kNone) offhook(p);
  if (d.active == kNone || legs_[d.active].state != LegState::dialing) return;
  emit(p, legs_[d.active].call, Ev::digits, tracing() ? "digits=" + std::string(number) : std::string(), true);
  d.digits.clear();
  ++d.digit_gen;
  auto it = numbers_.find(std::string(number));
  calls_[legs_[d.active].call].voice = d.kind == PartyKind::station && it != numbers_.end() &&
                                       devices_[it->second.party].kind == PartyKind::station;
  route(d.active, std::string(number));
}

}  // namespace telsim
