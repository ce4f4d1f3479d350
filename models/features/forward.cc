// Call forward (SPEC CF-1..CF-12, seed 001: Perception 4000, notes 4-12) and Multi-line Hunting,
// in every profile with the profile's switches:
//   switch.forward-max-hops   forwards a call may take (CF-8); the engine's default is generic's 5
//   switch.forward-intercom   whether calls a station started are forwarded (CF-4; default yes)
//   timer.no-answer           how long a station rings before forward no answer (site timer wins)
//   code.forward-*            dial-tone codes, each followed by the destination (generic has them)
//
// Decision points: `arrive` (a call arrives at a station's number), `action` (the `forward` step),
// the forward-* dial codes, `ringing_detail` (forwarded=N), `redelivered` (a transfer starts the
// hop count again), `check` (forward-hops) and its own no-answer timer. At `arrive`:
//   - the station's forward applies only if it is in effect (no call from before the registration
//     still rings, CF-2), the call is outside or the profile forwards intercom calls (CF-4), the
//     call has been forwarded fewer than forward-max-hops times (CF-8), the called line is the
//     prime line or the station has Multi-line Hunting (CF-9), and the destination is not the
//     caller itself (then the station rings instead: forwarding a caller to itself helps nobody);
//   - forward all: at once, without ringing (CF-10 for MLH); busy: at once when the called line
//     (with MLH: every line) is busy; no answer: the line rings for the no-answer time, then the
//     call is forwarded (CF-5, CF-11); busy/no answer: both (CF-12);
//   - with MLH a busy called line hunts to the next free line of the station (CF-11).
// Voice calls are never forwarded (CF-5): the voice-call box precedes this one at `arrive`.
// When the station rings, `rung` is noticed with the no-answer taken when forward no answer
// applies, so DEE's voice mail does not also wait for it (models/features/handoff.cc).
// A forward destination that is a station is delivered to in turn, so its own forwarding applies
// (chains), until the hop limit; one outside goes over the trunk and is billed to the forwarding
// station. A forwarded call that finds its destination busy gives the caller busy, and one whose
// trunk is full gives `blocked`, as a direct call would.
#include <algorithm>

#include "models/box.h"

namespace telsim {

namespace {
bool is_outside(PartyKind k) { return k == PartyKind::external || k == PartyKind::mobile; }

// Call forward types (CF-1); `none` when nothing is registered.
enum class ForwardType : uint8_t { none, all, busy, no_answer, busy_no_answer };

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

constexpr uint8_t kNoAnswer = 0;  // timer: a station rang too long
enum : uint8_t { kCodeAll, kCodeBusy, kCodeNoAnswer, kCodeBusyNoAnswer, kCodeOff };

class Forward : public Box {
 public:
  Forward(Engine& e, uint8_t index, const char* name) : Box(e, index, name), stations_(devices_.size()) {
    join(Point::arrive);
    join(Point::action);
    join(Point::ringing_detail);
    join(Point::redelivered);
    join(Point::check);
    join(Point::unanswered);  // a waiting call nobody took goes on by forward no answer (CW-3)
    add_dial_code("forward-all", true, kCodeAll);
    add_dial_code("forward-busy", true, kCodeBusy);
    add_dial_code("forward-no-answer", true, kCodeNoAnswer);
    add_dial_code("forward-busy-no-answer", true, kCodeBusyNoAnswer);
    add_dial_code("forward-off", false, kCodeOff);
    max_hops_ = profile_.number("forward-max-hops", 5);
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::arrive) return arrive(ask.leg, ask.party, ask.line, ask.prime_only);
    if (p == Point::unanswered) {
      if (!forwards_on_no_answer(forward_applies(ask.leg, ask.party, 0))) return false;
      forward_call(ask.leg, ask.party, forward_applies(ask.leg, ask.party, 0), false);
      return true;
    }
    if (p == Point::action && ask.action == Action::forward) {
      forward_step(ask.party, ask.text);
      return true;
    }
    return false;
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p != Point::arrive || devices_[ask.party].kind != PartyKind::station) return false;
    return const_cast<Forward*>(this)->forward_applies(ask.leg, ask.party, ask.line) != ForwardType::none;
  }

  void notice(Point p, Ask& ask) override {
    if (p == Point::ringing_detail) {
      uint8_t h = hops(legs_[ask.leg].call);
      if (h > 0) *ask.detail += " forwarded=" + std::to_string(h);
    } else if (p == Point::redelivered) {
      hops_.erase(legs_[ask.leg].call);  // a transfer is a new delivery: forwards before it do not count
    }
  }

  void dial_code(PartyId p, uint8_t code, const std::string& number) override {
    static constexpr ForwardType kTypes[] = {ForwardType::all, ForwardType::busy, ForwardType::no_answer,
                                             ForwardType::busy_no_answer, ForwardType::none};
    bool ok = register_forward(p, kTypes[code], number);
    if (devices_[p].active != kNone) tone(devices_[p].active, ok ? Ev::confirmation : Ev::reorder);
  }

  void timer(const Timer& t) override { no_answer(t.slot, t.gen); }

  bool check_call(int32_t c, std::string* why) const override {
    uint8_t h = hops(c);
    if (max_hops_ < 0 || h <= max_hops_) return true;
    *why = "forward-hops: c" + std::to_string(calls_[c].id) + " was forwarded " + std::to_string(h) +
           " times, the profile allows " + std::to_string(max_hops_);
    return false;
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size())
      return "stale-timer: forward no-answer timer for leg " + std::to_string(t.slot) + ", which does not exist";
    const Leg& l = legs_[t.slot];
    if (l.gen != t.gen) return {};  // stale: a no-op, as it should be
    if (l.state == LegState::free || l.call == kNone || !calls_[l.call].live)
      return "stale-timer: forward no-answer timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t) const override { return "forward no-answer"; }

  void set_hops(int32_t c, uint8_t h) { hops_.at(c, calls_[c].gen) = h; watch_call(c); }

 private:
  struct Station {
    ForwardType forward = ForwardType::none;  // the registered forward (one at a time, CF-3)
    std::string to;                           // its destination number
    // Calls ringing here when the forward was registered (leg, generation): until each is
    // answered or gone, the forward is not yet in effect (CF-2).
    std::vector<std::pair<int32_t, uint32_t>> waiting;
    // Callers' legs of calls offered here without ringing when it was registered (a waiting or
    // camped-on call, told by those boxes at Point::offered): the same, until each is answered
    // or gone (CF-2's camped-on half, CO-3).
    std::vector<std::pair<int32_t, uint32_t>> offered;
  };

  uint8_t hops(int32_t c) const {
    const uint8_t* h = hops_.find(c, calls_[c].gen);
    return h ? *h : 0;
  }

  // Registers (or with `none` cancels) a forward; false when the destination is refused.
  bool register_forward(PartyId p, ForwardType type, const std::string& to) {
    if (devices_[p].kind != PartyKind::station) return false;
    if (type != ForwardType::none) {
      // The switch checks the destination when it is registered, as PBXs do: a number it does not
      // know, or the station itself (or one of its own lines), is refused and the old forward stays.
      auto it = numbers_.find(to);
      if (it == numbers_.end() || it->second.party == p) return false;
    }
    Station& s = stations_[p];
    // CF-3: any registration replaces the one before.
    s.forward = type;
    s.to = type == ForwardType::none ? std::string() : to;
    // CF-2: calls ringing here now are not forwarded, and the forward takes effect only once they
    // are answered or gone (note 4: "only forward calls that occur after the ringing ... call is
    // picked up or disconnected").
    s.waiting.clear();
    s.offered.clear();
    if (type != ForwardType::none) {
      for (int32_t leg : devices_[p].alerting) s.waiting.emplace_back(leg, legs_[leg].gen);
      Ask ask;
      ask.party = p;
      ask.offered = &s.offered;
      e_.notice(Point::offered, ask);
    }
    return true;
  }

  void forward_step(PartyId p, std::string_view argument) {
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

  bool in_effect(PartyId p) {  // registered, and no call from before it still rings (CF-2)
    Station& s = stations_[p];
    if (s.forward == ForwardType::none) return false;
    auto& w = s.waiting;
    w.erase(std::remove_if(w.begin(), w.end(),
                           [&](const std::pair<int32_t, uint32_t>& x) {
                             const Leg& l = legs_[x.first];
                             return l.gen != x.second || l.state != LegState::alerting || l.party != p;
                           }),
            w.end());
    auto& o = s.offered;  // a caller's leg still hearing ringback: its call is neither answered nor gone
    o.erase(std::remove_if(o.begin(), o.end(),
                           [&](const std::pair<int32_t, uint32_t>& x) {
                             const Leg& l = legs_[x.first];
                             return l.gen != x.second || l.state != LegState::ringback;
                           }),
            o.end());
    return w.empty() && o.empty();
  }

  // The forward that applies to a call reaching the station's line now, or `none`.
  ForwardType forward_applies(int32_t a_leg, PartyId target, int line) {
    const Device& d = devices_[target];
    if (d.kind != PartyKind::station || !in_effect(target)) return ForwardType::none;
    int32_t c = legs_[a_leg].call;
    if (!calls_[c].outside && !profile_.on("forward-intercom", true)) return ForwardType::none;  // CF-4
    long max_hops = std::min(profile_.number("forward-max-hops", 5), 255L);  // hops is 8 bits
    if (hops(c) >= max_hops) return ForwardType::none;                                          // CF-8
    if (line > 0 && !d.def->mlh) return ForwardType::none;                                      // CF-9
    PartyId caller = legs_[a_leg].party;
    auto to = numbers_.find(stations_[target].to);
    if (to == numbers_.end() || (caller != kNone && to->second.party == caller)) return ForwardType::none;
    return stations_[target].forward;
  }

  int hunt_line(PartyId p, int wanted) const {  // MLH: the called line if free, else the next free
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

  bool arrive(int32_t a_leg, PartyId target, int line, bool prime_only) {
    const Device& d = devices_[target];
    if (d.kind != PartyKind::station) return false;
    bool mlh = d.def->mlh && d.line_leg.size() > 1;
    if (!mlh && stations_[target].forward == ForwardType::none) return false;  // the common case: the core rings
    int wanted = line < 0 ? 0 : line;
    RingInfo info;
    ForwardType type = forward_applies(a_leg, target, line);
    info.line = hunt_line(target, wanted);
    bool busy = info.line < 0;
    if (type == ForwardType::all ||
        (busy && (type == ForwardType::busy || type == ForwardType::busy_no_answer))) {
      forward_call(a_leg, target, type, false);
      return true;
    }
    // Busy and not forwarded: the core's busy path, so boxes after this one (call waiting, when
    // the profile puts it after forward, CW-3) and camp-on (found_busy) still take part.
    if (busy) return false;
    int32_t b = ring(a_leg, target, info);
    if (b == kNone) {
      tone(a_leg, Ev::busy);
      return true;
    }
    bool on_no_answer = forwards_on_no_answer(type);
    if (on_no_answer) schedule(timer_seconds("no-answer"), kNoAnswer, b, legs_[b].gen);
    // The station rings: others may ring with it (DEE's associated destinations, DE-1); a
    // no-answer forward then owns what happens at the no-answer time.
    Ask rung;
    rung.leg = a_leg;
    rung.party = target;
    rung.line = info.line;
    rung.rung_leg = b;
    rung.no_answer_taken = on_no_answer;
    rung.prime_only = prime_only;
    e_.notice(Point::rung, rung);
    return true;
  }

  void forward_call(int32_t a_leg, PartyId from, ForwardType type, bool stop_ringing) {
    int32_t c = legs_[a_leg].call;
    uint8_t& h = hops_.at(c, calls_[c].gen);
    ++h;
    watch_call(c);  // forward-hops is checked on it from now on
    const std::string to = stations_[from].to;
    if (tracing())
      emit(from, c, Ev::forwarded, "to=" + to + " hop=" + std::to_string(h) + " type=" + type_name(type));
    else
      emit(from, c, Ev::forwarded);
    if (stop_ringing) stop_ringing_all(c, kNone, "forwarded");
    e_.diverted(a_leg, from, kPathCF);  // the voice mail box keeps who sent it on (SPEC 7, VM)
    const Engine::Target dest = numbers_.at(to);  // forward_applies checked it is known
    if (!is_outside(devices_[dest.party].kind)) {
      e_.deliver(a_leg, dest.party, dest.line);
      return;
    }
    // Outside: over the trunk, paid for by the station that forwarded the call.
    int32_t b = ring(a_leg, dest.party, RingInfo{});
    if (b == kNone) {
      e_.busy_or_blocked(a_leg);
      return;
    }
    legs_[b].billed_to = from;
  }

  void no_answer(int32_t leg, uint32_t gen) {  // the no-answer timer of a ringing leg
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

  std::vector<Station> stations_;  // per device
  SlotTable<uint8_t> hops_;        // per call: forward hops so far
  long max_hops_;                  // switch.forward-max-hops, for the invariant
};
}  // namespace

// Breaks the hop count on purpose, as a buggy feature would (tests/invariants_test.cc only).
void tamper_forward_hops(Engine& e, int32_t call, uint8_t hops) {
  if (auto* f = dynamic_cast<Forward*>(e.box("forward"))) f->set_hops(call, hops);
}

std::unique_ptr<Box> make_forward(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Forward>(e, index, name);
}

}  // namespace telsim
