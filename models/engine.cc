// The call core: basic calls (SPEC BC-1..BC-5): dial tone, the dial plan, ringing, answer,
// release, busy, reorder, the trunk's channel limit and billing of outside legs; and the decision
// points where the feature boxes (models/features/) take part. No feature is named here.
#include "models/engine.h"

#include "models/box.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace telsim {

namespace {
bool is_outside_kind(PartyKind k) { return k == PartyKind::external || k == PartyKind::mobile; }
}  // namespace

Engine::Engine(const Site& site, const Profile& profile, TraceSink& sink, AccessDelays delays)
    : site_(site), profile_(profile), sink_(sink), tracing_(sink.wants_events()), delays_(delays) {
  for (const auto& [name, value] : site.switches) profile_.switches[name] = value;  // site rows win
  devices_.reserve(site.parties.size());
  for (const PartyDef& def : site.parties) {
    PartyId id = static_cast<PartyId>(devices_.size());
    Device d;
    d.def = &def;
    d.kind = def.kind;
    d.delay = def.kind == PartyKind::external ? delays.external
              : def.kind == PartyKind::mobile ? delays.mobile
                                              : delays.station;
    bool has_lines = def.kind == PartyKind::station || def.kind == PartyKind::attendant;
    size_t lines = has_lines && !def.lines.empty() ? def.lines.size() : 1;
    d.line_leg.assign(lines, kNone);
    if (def.answer.mode == AnswerPolicy::automatic) d.answer_after = 2 * d.delay + def.answer.delay;
    devices_.push_back(std::move(d));
    numbers_[def.number] = Target{id, 0};
    for (size_t i = 1; i < def.lines.size(); ++i) numbers_[def.lines[i]] = Target{id, static_cast<int>(i)};
  }
  for (const auto& n : numbers_) dial_plan_.push_back(n.first);
  for (const PartyDef& def : site.parties) {  // feature properties (models/properties.cc)
    if (!def.screen_out.empty() || !def.screen_in.empty() || def.caller_id_withheld || !def.teen_pin.empty() ||
        def.reverse_charge || def.split_billing)
      benchmark_site_ = true;
    if (def.caller_id_withheld) withheld_any_ = true;
  }
  install_boxes(*this);  // the profile's feature boxes, in its order (models/features/registry.cc)
  std::sort(dial_plan_.begin(), dial_plan_.end());
}

Engine::~Engine() = default;

std::string contest_text(const Contest& c) {
  char at[32];
  std::snprintf(at, sizeof at, "%.3f", c.at);
  return std::string("at ") + at + " s" + (c.call ? ", c" + std::to_string(c.call) : std::string()) + ": " + c.first +
         " over " + c.second + " at " + point_name(c.point);
}

Box* Engine::box(std::string_view name) const {
  for (const auto& b : boxes_)
    if (name == b->name()) return b.get();
  return nullptr;
}

// ---------------------------------------------------------------- decision points

void Engine::join(Point p, uint8_t box) { joined_[static_cast<size_t>(p)] |= bit(box); }

void Engine::build_tables() {
  for (size_t i = 0; i < tables_.size(); ++i) {
    tables_[i].clear();
    for (size_t b = 0; b < boxes_.size(); ++b)
      if ((joined_[i] >> b) & 1) tables_[i].push_back(boxes_[b].get());  // in precedence order
  }
  record_contests_ = profile_.switches.count("resolutions") && profile_.switches.at("resolutions") == "none";
}

bool Engine::box_decides(Box* b, Point p, Ask& ask) { return b->decide(p, ask); }
void Engine::box_notices(Box* b, Point p, Ask& ask) { b->notice(p, ask); }

bool Engine::ask_watchers(uint32_t watchers, Point p, Ask& ask) {
  // Precedence order is box order (boxes are built in the profile's order): lowest bit first.
  for (uint32_t w = watchers & joined_[static_cast<size_t>(p)]; w; w &= w - 1)
    if (boxes_[__builtin_ctz(w)]->decide(p, ask)) return true;
  return false;
}

void Engine::tell_watchers(uint32_t watchers, Point p, Ask& ask) {
  for (uint32_t w = watchers & joined_[static_cast<size_t>(p)]; w; w &= w - 1) boxes_[__builtin_ctz(w)]->notice(p, ask);
}

void Engine::party_changed(PartyId p) {
  for (uint32_t w = devices_[p].watchers & joined_[static_cast<size_t>(Point::party_changed)]; w; w &= w - 1)
    boxes_[__builtin_ctz(w)]->party_changed(p);
}

void Engine::note_contest(Point p, const Ask& ask) {
  const Box* first = nullptr;
  for (Box* b : tables_[static_cast<size_t>(p)]) {
    if (!b->wants(p, ask)) continue;
    if (!first) {
      first = b;
      continue;
    }
    int32_t call = ask.leg >= 0 && static_cast<size_t>(ask.leg) < legs_.size() ? legs_[ask.leg].call
                   : ask.party >= 0 && devices_[ask.party].active != kNone ? legs_[devices_[ask.party].active].call
                                                                          : kNone;
    contests_.push_back(Contest{now_, call_id(call), p, first->name(), b->name()});
    return;
  }
}

double Engine::timer(const std::string& name) const {
  auto it = site_.timers.find(name);
  if (it != site_.timers.end()) return it->second;
  auto d = default_timers().find(name);
  return profile_.timer(name, d == default_timers().end() ? 0 : d->second);
}

std::optional<PartyId> Engine::party_id(std::string_view number) const {
  auto it = numbers_.find(std::string(number));
  if (it == numbers_.end() || it->second.line != 0) return std::nullopt;
  return it->second.party;
}

// ---------------------------------------------------------------- clock and timers

void Engine::run_until(double t) {
  // No rule lets a switch do unbounded work at one instant; if it tries, a feature is looping.
  constexpr uint64_t kMaxEventsPerInstant = 1000000;
  while (failure_.empty() && !queue_.empty() && queue_.next_time() <= t) {
    Timer timer = queue_.pop();
    if (timer.at > now_) {
      now_ = timer.at;
      events_this_instant_ = 0;
    }
    if (++events_this_instant_ > kMaxEventsPerInstant) {
      failure_ = "runaway: more than a million switch events at one instant (a feature loop?)";
      return;
    }
    if (prefetch_ahead_) prefetch_next_timer(timer);
    note_timer(timer);  // trust: invariants (models/invariants.cc)
    fire(timer);
    after_event();
  }
  now_ = std::max(now_, t);
}

// A large site's timers each touch a leg, its call and its peer nobody touched for minutes (cache
// misses): the next timer's leg (and the device it hints at) is fetched while this one is handled,
// and this one's call, peer and device while its leg is read. Only once the site's working set
// outgrows the second-level cache (kPrefetchFromLegs): below that the lookups cost more than the
// misses they save (+5% instructions on hunt10; 2% more time on hunt1000, whose 1,900 legs, 1,000
// devices and their calls still fit).
void Engine::prefetch_next_timer(const Timer& now) const {
  if ((now.kind == TimerKind::talk_end || now.kind == TimerKind::auto_answer) && now.slot >= 0 &&
      static_cast<size_t>(now.slot) < legs_.size()) {
    const Leg& l = legs_[now.slot];  // fetched one timer ago
    if (l.gen == now.gen && l.call != kNone) {
      __builtin_prefetch(&calls_[l.call]);
      if (static_cast<size_t>(l.call) < traffic_calls_.size()) __builtin_prefetch(&traffic_calls_[l.call]);
      if (l.peer != kNone) __builtin_prefetch(&legs_[l.peer]);
      if (l.party != kNone) __builtin_prefetch(&devices_[l.party]);
    }
  }
  if (queue_.empty()) return;
  const Timer& n = queue_.peek();
  if (n.kind != TimerKind::talk_end && n.kind != TimerKind::auto_answer) return;
  if (n.slot < 0 || static_cast<size_t>(n.slot) >= legs_.size()) return;
  __builtin_prefetch(&legs_[n.slot]);
  if (n.near >= 0 && static_cast<size_t>(n.near) < devices_.size()) __builtin_prefetch(&devices_[n.near]);
}

void Engine::schedule(double after, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner, uint8_t what) {
  queue_.push_after(now_, after, kind, slot, gen, owner, what);  // the lane of its duration
}

void Engine::schedule_drawn(double after, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner, uint8_t what,
                            PartyId near) {
  queue_.push(now_ + after, kind, slot, gen, owner, what, near);
}

void Engine::fire(const Timer& t) {
  switch (t.kind) {
    case TimerKind::deferred_input: {
      PendingInput in = std::move(pending_[t.slot]);
      free_pending_.push_back(t.slot);
      handle(in.party, in.action, in.argument);
      break;
    }
    case TimerKind::auto_answer:
      if (legs_[t.slot].gen == t.gen && legs_[t.slot].state == LegState::alerting) {
        emit(legs_[t.slot].party, legs_[t.slot].call, Ev::offhook, {}, true);
        answer(t.slot);
      }
      break;
    case TimerKind::digit_timeout:
      if (devices_[t.slot].digit_gen == t.gen) digit_timeout(t.slot);
      break;
    case TimerKind::talk_end: traffic_timer(t); break;
    case TimerKind::box: boxes_[t.owner]->timer(t); break;  // back to the box that set it
  }
}

// ---------------------------------------------------------------- trace

std::string Engine::party_name(PartyId p) const { return p == kNone ? "trunk" : number(p); }

void Engine::emit_rest(PartyId p, int32_t call, Ev ev, std::string detail, bool own) {
  if (((kTrafficCounts >> static_cast<int>(ev)) & 1) && call != kNone) traffic_count(call, ev);
  if (benchmark_site_ && call != kNone) note_path(p, call, ev);  // who the call reaches (SPEC 7)
  if (withheld_any_ && tracing_ && p != kNone) check_withheld(p, call, ev, detail);  // FI-1 withheld
  if (!tracing_ || p == kNone) return;
  double d = devices_[p].delay;
  // A person's own action happened at the device before it reached the switch; what the switch
  // sends reaches the device one delay later.
  double at = own ? now_ - d : now_ + d;
  sink_.record(TraceEvent{at, call_id(call), number(p), ev, std::move(detail)});
}

// ---------------------------------------------------------------- actions

void Engine::act(double now, PartyId party, Action action, std::string_view argument) {
  run_until(now);
  if (!failure_.empty()) return;  // a failed engine takes no more input: its state is not to be trusted
  double d = devices_[party].delay;
  if (d <= 0) {
    note_input(party, action, argument);  // trust: invariants (models/invariants.cc)
    handle(party, action, argument);
    after_event();
    return;
  }
  int32_t slot;
  if (!free_pending_.empty()) {
    slot = free_pending_.back();
    free_pending_.pop_back();
  } else {
    slot = static_cast<int32_t>(pending_.size());
    pending_.emplace_back();
  }
  pending_[slot] = PendingInput{party, action, std::string(argument)};
  schedule(d, TimerKind::deferred_input, slot, 0);
}

void Engine::handle(PartyId p, Action action, std::string_view argument) {
  switch (action) {
    case Action::offhook: offhook(p); break;
    case Action::onhook: onhook(p); break;
    case Action::dial: dial(p, argument); break;
    case Action::call: call(p, argument); break;
    default: {  // forward, voice-call, hold, retrieve, press: the boxes' business
      Ask ask;
      ask.party = p;
      ask.action = action;
      ask.text = argument;
      // A key no box took, on a station whose lines are all held and whose handset has nothing:
      // reorder, not silence (see no_line_tone).
      if (!decide(Point::action, ask) && action == Action::press && devices_[p].active == kNone &&
          devices_[p].kind == PartyKind::station && free_line(p, -1) < 0)
        no_line_tone(p);
      break;
    }
  }
}

void Engine::offhook(PartyId p) {
  Device& d = devices_[p];
  if (d.kind == PartyKind::voicemail || d.kind == PartyKind::hunt) return;
  if (d.active != kNone) {
    emit(p, legs_[d.active].call, Ev::offhook, {}, true);
    return;  // already off hook: nothing changes
  }
  if (!d.alerting.empty()) {
    int32_t leg = d.alerting.front();
    emit(p, legs_[leg].call, Ev::offhook, {}, true);
    answer(leg);
    return;
  }
  int line = free_line(p, -1);
  if (line < 0) {  // every line is taken (e.g. by held calls): no dial tone
    Ask ask;
    ask.party = p;
    if (d.kind == PartyKind::station && decide(Point::no_line, ask)) return;  // a consultation
    emit(p, kNone, Ev::offhook, {}, true);
    no_line_tone(p);
    return;
  }
  start_dialing(p, line);
}

int32_t Engine::start_dialing(PartyId p, int line) {
  Device& d = devices_[p];
  int32_t c = new_call(is_outside_kind(d.kind));
  int32_t leg = new_leg(c, p, LegState::dialing);
  legs_[leg].originator = true;
  legs_[leg].line = static_cast<int16_t>(line);
  calls_[c].a_leg = leg;
  if (line >= 0) d.line_leg[line] = leg;
  d.active = leg;
  d.offhook = true;
  note_device(p);
  emit(p, c, Ev::offhook, {}, true);
  emit(p, c, Ev::dialtone);
  return leg;
}

void Engine::onhook(PartyId p) {
  Device& d = devices_[p];
  int32_t leg = d.active;
  emit(p, leg == kNone ? kNone : legs_[leg].call, Ev::onhook, {}, true);
  d.offhook = false;
  d.digits.clear();
  ++d.digit_gen;
  Ask ask;
  ask.party = p;
  ask.leg = leg;
  if (decide(Point::hangup, ask)) return;  // e.g. hanging up completes a transfer
  if (leg != kNone) release_leg(leg, "hangup");
}

void Engine::dial(PartyId p, std::string_view digits) {
  Device& d = devices_[p];
  if (d.active == kNone) offhook(p);  // keying digits on an idle phone dials hands-free
  if (d.active == kNone) return lost_keys(p, digits);
  Leg& leg = legs_[d.active];
  emit(p, leg.call, Ev::digits, tracing() ? "digits=" + std::string(digits) : std::string(), true);
  if (leg.state != LegState::dialing) {  // in-call digits: feature codes are the boxes' business
    Ask ask;
    ask.party = p;
    ask.leg = d.active;
    ask.text = digits;
    decide(Point::call_digits, ask);
    return;
  }
  d.digits += digits;
  ++d.digit_gen;
  switch (match_dialled(d.digits)) {
    case Match::complete:
      dialled(p, d.digits);
      break;
    case Match::partial:
    case Match::complete_or_longer:
      schedule(timer("digit"), TimerKind::digit_timeout, p, d.digit_gen);
      break;
    case Match::none: {
      std::string wrong;
      wrong.swap(d.digits);
      unknown_number(d.active, wrong);
      break;
    }
  }
}

void Engine::call(PartyId p, std::string_view number) {
  Device& d = devices_[p];
  if (d.active == kNone) offhook(p);
  if (d.active == kNone) return lost_keys(p, number);
  // Not at dial tone (already in a call): the number is keyed into the call, where a box may take
  // it as a code; it is traced, never lost without an event.
  if (legs_[d.active].state != LegState::dialing) return dial(p, number);
  emit(p, legs_[d.active].call, Ev::digits, tracing() ? "digits=" + std::string(number) : std::string(), true);
  // The whole number is keyed at once: it is complete or it is wrong.
  d.digits += number;
  Match m = match_dialled(d.digits);
  if (m == Match::complete || m == Match::complete_or_longer) {
    dialled(p, d.digits);
  } else {
    std::string wrong;
    wrong.swap(d.digits);
    unknown_number(d.active, wrong);
  }
}

void Engine::digit_timeout(PartyId p) {
  Device& d = devices_[p];
  if (d.active == kNone || legs_[d.active].state != LegState::dialing) {
    Ask ask;
    ask.party = p;
    ask.leg = d.active;
    decide(Point::call_digit_timeout, ask);
    return;
  }
  if (match_dialled(d.digits) == Match::complete_or_longer) {
    dialled(p, d.digits);
  } else {
    std::string wrong;
    wrong.swap(d.digits);
    unknown_number(d.active, wrong);
  }
}

Engine::Match Engine::match_dialled(const std::string& digits) const {
  bool exact = false, longer = false;
  match_numbers(digits, &exact, &longer);
  for (const DialCode& dc : dial_codes_) {
    if (digits.size() < dc.code.size()) {
      if (dc.code.compare(0, digits.size(), digits) == 0) longer = true;
      continue;
    }
    if (digits.compare(0, dc.code.size(), dc.code) != 0) continue;
    std::string rest = digits.substr(dc.code.size());
    if (!dc.takes_number) {
      if (rest.empty()) exact = true;
      continue;
    }
    if (rest.empty()) {
      longer = true;  // the number is still to come
      continue;
    }
    size_t hash = rest.find('#');
    if (hash != std::string::npos) {
      if (hash + 1 == rest.size() && hash > 0) exact = true;  // `#` ends the number
      continue;
    }
    if (rest.find('*') != std::string::npos) continue;
    bool number_exact = false, number_longer = false;
    match_numbers(rest, &number_exact, &number_longer);
    exact = true;  // the digit timer ends it; a whole number nothing extends acts at once
    if (!number_exact || number_longer) longer = true;
  }
  if (exact) return longer ? Match::complete_or_longer : Match::complete;
  return longer ? Match::partial : Match::none;
}

void Engine::match_numbers(const std::string& digits, bool* exact, bool* longer) const {
  auto it = std::lower_bound(dial_plan_.begin(), dial_plan_.end(), digits);
  if (it == dial_plan_.end()) return;
  bool is = *it == digits;
  auto next = is ? it + 1 : it;
  if (is) *exact = true;
  if (next != dial_plan_.end() && next->compare(0, digits.size(), digits) == 0) *longer = true;
}

void Engine::add_dial_code(const std::string& feature, bool takes_number, uint8_t box, uint8_t code) {
  auto it = profile_.codes.find(feature);
  if (it == profile_.codes.end()) return;
  dial_codes_.push_back(DialCode{it->second, takes_number, box, code});
  std::stable_sort(dial_codes_.begin(), dial_codes_.end(),
                   [](const DialCode& a, const DialCode& b) { return a.code.size() > b.code.size(); });
}

bool Engine::run_dial_code(PartyId p, const std::string& digits) {
  for (const DialCode& dc : dial_codes_) {
    if (digits.compare(0, dc.code.size(), dc.code) != 0) continue;
    std::string number = digits.substr(dc.code.size());
    if (!number.empty() && number.back() == '#') number.pop_back();
    if (dc.takes_number == number.empty()) continue;
    boxes_[dc.box]->dial_code(p, dc.id, number);
    return true;
  }
  return false;
}

void Engine::dialled(PartyId p, const std::string& digits) {
  Device& d = devices_[p];
  std::string number = digits;
  d.digits.clear();
  ++d.digit_gen;
  if (run_dial_code(p, number)) return;
  Ask ask;
  ask.party = p;
  ask.leg = d.active;
  ask.text = number;
  if (decide(Point::dialled, ask)) return;
  route(d.active, number);
}

void Engine::add_to_dial_plan(const std::string& digits) {
  if (!numbers_.count(digits)) dial_plan_.push_back(digits);
}

std::string Engine::profile_code(const char* feature) const {
  auto it = profile_.codes.find(feature);
  return it == profile_.codes.end() ? std::string() : it->second;
}

// ---------------------------------------------------------------- call set-up

int32_t Engine::new_call(bool outside) {
  int32_t c;
  if (!free_calls_.empty()) {
    c = free_calls_.back();
    free_calls_.pop_back();
  } else {
    c = static_cast<int32_t>(calls_.size());
    calls_.emplace_back();
  }
  Call& call = calls_[c];
  call.id = next_call_id_++;
  call.live = true;
  call.outside = outside;
  call.quiet = false;
  call.watchers = 0;
  call.end_reason = nullptr;
  call.a_leg = call.b_leg = kNone;
  call.ringing.clear();
  call.members.clear();
  if (static_cast<size_t>(c) >= traffic_calls_.size()) traffic_calls_.resize(calls_.size());
  traffic_calls_[c] = TrafficCall{};
  ++live_calls_;
  return c;
}

int32_t Engine::new_leg(int32_t call, PartyId party, LegState state) {
  int32_t l;
  if (!free_legs_.empty()) {
    l = free_legs_.back();
    free_legs_.pop_back();
  } else {
    l = static_cast<int32_t>(legs_.size());
    legs_.emplace_back();
    if (legs_.size() == kPrefetchFromLegs) prefetch_ahead_ = true;
  }
  Leg& leg = legs_[l];
  uint32_t gen = leg.gen;
  leg = Leg{};
  leg.gen = gen;
  leg.call = call;
  leg.party = party;
  leg.state = state;
  return l;
}

int Engine::free_line(PartyId p, int wanted) const {
  const Device& d = devices_[p];
  if (d.kind == PartyKind::voicemail) return 0;  // a pilot takes any number of calls
  if (wanted >= 0) return d.line_leg[wanted] == kNone ? wanted : -1;
  for (size_t i = 0; i < d.line_leg.size(); ++i)
    if (d.line_leg[i] == kNone) return static_cast<int>(i);
  return -1;
}

bool Engine::take_trunk(int32_t leg) {
  if (legs_[leg].outside) return true;
  if (site_.trunk_channels >= 0 && trunk_in_use_ >= site_.trunk_channels) {
    ++trunk_refused_;
    return false;
  }
  trunk_area_ += trunk_in_use_ * (now_ - trunk_since_);
  trunk_since_ = now_;
  ++trunk_in_use_;
  legs_[leg].outside = true;
  return true;
}

void Engine::give_trunk(int32_t leg) {
  if (!legs_[leg].outside) return;
  legs_[leg].outside = false;
  trunk_area_ += trunk_in_use_ * (now_ - trunk_since_);
  trunk_since_ = now_;
  --trunk_in_use_;
}

void Engine::route(int32_t a_leg, const std::string& number) {
  auto it = numbers_.find(number);
  if (it == numbers_.end()) {
    unknown_number(a_leg, number);
    return;
  }
  route_to(a_leg, it->second.party, it->second.line);
}

void Engine::route_to(int32_t a_leg, PartyId target, int line) {
  // A call from outside reaches the switch over the trunk and holds a channel from here on.
  PartyId caller = legs_[a_leg].party;
  if (caller != kNone && is_outside_kind(devices_[caller].kind) && !take_trunk(a_leg)) {
    tone(a_leg, Ev::blocked, "trunk");
    return;
  }
  deliver(a_leg, target, line);
}

void Engine::deliver(int32_t a_leg, PartyId target, int line, bool prime_only) {
  Ask ask;
  ask.leg = a_leg;
  ask.party = target;
  ask.line = line;
  ask.prime_only = prime_only;
  if (devices_[target].kind == PartyKind::hunt) {  // a pilot: no phone to ring
    if (!decide(Point::pilot, ask)) tone(a_leg, Ev::busy);
    return;
  }
  if (decide(Point::arrive, ask)) return;
  RingInfo info;
  info.line = line < 0 ? 0 : line;
  int32_t b = ring(a_leg, target, info);
  if (b == kNone) {
    if (last_ring_failure_ == RingFailure::busy) notice(Point::found_busy, ask);  // camp-on may follow
    return cannot_ring(a_leg);
  }
  ask.line = info.line;
  ask.rung_leg = b;
  notice(Point::rung, ask);  // e.g. DEE rings the associated destinations too
}

void Engine::offer(int32_t a_leg, PartyId target, int line) {
  RingInfo info;
  info.line = line < 0 ? 0 : line;
  if (ring(a_leg, target, info) == kNone) cannot_ring(a_leg);
}

void Engine::cannot_ring(int32_t a_leg) {
  Ask ask;
  ask.leg = a_leg;
  ask.trunk_full = last_ring_failure_ == RingFailure::trunk;
  if (decide(Point::cannot_ring, ask)) return;  // e.g. a transfer's target: recall or return (TR-8, HR-2)
  busy_or_blocked(a_leg);
}

void Engine::busy_or_blocked(int32_t a_leg) {
  if (last_ring_failure_ == RingFailure::trunk)
    tone(a_leg, Ev::blocked, "trunk");
  else if (last_ring_failure_ == RingFailure::screened)  // a box refused it (OCS, TCS, TL: SPEC 7)
    tone(a_leg, Ev::reorder, screen_reason_ ? screen_reason_ : "screened");
  else
    tone(a_leg, Ev::busy);
}

int32_t Engine::ring(int32_t a_leg, PartyId target, RingInfo info) {
  Device& d = devices_[target];
  // Voice mail takes messages from people: a call from voice mail (one transferred or forwarded
  // there) finds it busy, or two machines would talk for ever (found by telsim explore:
  // scenarios/regressions/voicemail_transferred_to_voicemail_recalls.csv).
  if (d.kind == PartyKind::voicemail && legs_[a_leg].party != kNone &&
      devices_[legs_[a_leg].party].kind == PartyKind::voicemail) {
    last_ring_failure_ = RingFailure::busy;
    return kNone;
  }
  if (!tables_[static_cast<size_t>(Point::screen)].empty() && screen_refuses(a_leg, target, &screen_reason_)) {
    last_ring_failure_ = RingFailure::screened;  // a box refused this path (SPEC 7, FI-2)
    return kNone;
  }
  int l = free_line(target, info.line);
  if (l < 0) {
    last_ring_failure_ = RingFailure::busy;
    return kNone;
  }
  int32_t c = legs_[a_leg].call;
  int32_t b = new_leg(c, target, LegState::alerting);
  if (is_outside_kind(d.kind) && !take_trunk(b)) {
    free_leg(b);
    last_ring_failure_ = RingFailure::trunk;
    return kNone;
  }
  Leg& bl = legs_[b];
  bl.line = static_cast<int16_t>(l);
  bl.peer = a_leg;
  PartyId caller = legs_[a_leg].party;
  if (legs_[a_leg].originator) bl.rung_by = caller;  // a conference may join it later: still that caller's call
  if (bl.outside && caller != kNone && devices_[caller].kind == PartyKind::station) bl.billed_to = caller;
  if (d.kind != PartyKind::voicemail) d.line_leg[l] = b;
  note_device(target);
  Call& call = calls_[c];
  call.ringing.push_back(b);
  bool first = legs_[a_leg].state != LegState::ringback;
  legs_[a_leg].state = LegState::ringback;

  if (d.kind == PartyKind::voicemail) {  // the pilot answers every call at once
    emit(target, c, Ev::voicemail, tracing() ? "from=" + party_name(caller) : std::string());
    answer(b);
    if (legs_[b].state == LegState::connected) note_pilot_answered(b, a_leg);
    if (!tables_[static_cast<size_t>(Point::mailbox)].empty() && legs_[b].state == LegState::connected) {
      Ask ask;  // e.g. the voice mail box watches the message being left (SPEC 7, VM)
      ask.leg = a_leg;
      ask.rung_leg = b;
      ask.party = target;
      notice(Point::mailbox, ask);
    }
    return b;
  }
  d.alerting.push_back(b);
  if (tracing()) {
    std::string detail = "from=" + shown_name(caller, target, c);
    if (l > 0) detail += " line=" + d.def->lines[l];
    Ask ask;
    ask.leg = b;
    ask.detail = &detail;
    notice(Point::ringing_detail, ask);  // e.g. forwarded=N
    if (info.reason) detail += std::string(" reason=") + info.reason;
    emit(target, c, Ev::ringing, std::move(detail));
  } else {
    emit(target, c, Ev::ringing);
  }
  if (first && !call.quiet) emit(caller, c, Ev::ringback);  // a voice call rings nothing
  if (d.answer_after >= 0)  // ringing reaches the phone, it answers, the answer comes back
    schedule(d.answer_after, TimerKind::auto_answer, b, legs_[b].gen);
  return b;
}

void Engine::answer(int32_t b) {
  Leg& leg = legs_[b];
  if (leg.state != LegState::alerting) return;
  if (leg.watchers) {  // a box has a stake in this leg (a handoff's ringing leg)
    Ask ask;
    ask.leg = b;
    ask.party = leg.party;
    if (ask_watchers(leg.watchers, Point::answer, ask)) return;
  }
  Device& d = devices_[leg.party];
  auto it = std::find(d.alerting.begin(), d.alerting.end(), b);
  if (it != d.alerting.end()) d.alerting.erase(it);
  d.active = b;
  d.offhook = true;
  Call& call = calls_[leg.call];
  call.ringing.erase(std::find(call.ringing.begin(), call.ringing.end(), b));
  call.b_leg = b;
  stop_ringing_all(leg.call, b, "answered");
  connect(leg.peer, b);
}

void Engine::stop_ringing_all(int32_t c, int32_t keep, const char*) {
  // A copy (in place: a few legs): freeing a leg edits the call's list.
  LegList ringing(calls_[c].ringing);
  calls_[c].ringing.clear();
  for (int32_t l : ringing) {
    if (l == keep) continue;
    stop_alerting(l);
    legs_[l].peer = kNone;
    free_leg(l);
  }
  calls_[c].ringing.clear();
}

void Engine::connect(int32_t a, int32_t b) {
  Leg& al = legs_[a];
  Leg& bl = legs_[b];
  al.state = bl.state = LegState::connected;
  al.peer = b;
  bl.peer = a;
  al.connected_at = bl.connected_at = now_;
  int32_t c = bl.call;
  emit(bl.party, c, Ev::connected, tracing() ? "to=" + shown_name(al.party, bl.party, c) : std::string());
  emit(al.party, c, Ev::connected, tracing() ? "to=" + shown_name(bl.party, al.party, c) : std::string());
  if (al.party == kNone) traffic_connected(a);
}

void Engine::tone(int32_t leg, Ev which, const char* reason) {
  legs_[leg].state = LegState::tone;
  calls_[legs_[leg].call].end_reason = reason ? reason : ev_name(which).data();
  emit(legs_[leg].party, legs_[leg].call, which,
       tracing() && reason ? std::string("reason=") + reason : std::string());
  // An outside traffic caller hangs up on a tone, and so does voice mail, which nobody would
  // ever hang up for (found by telsim explore: a transfer recall finding the transferor busy left
  // voice mail on busy tone for ever; scenarios/regressions/voicemail_hangs_up_on_busy_recall.csv).
  if (legs_[leg].party == kNone || devices_[legs_[leg].party].kind == PartyKind::voicemail) traffic_tone(leg);
}

// ---------------------------------------------------------------- hold

void Engine::put_on_hold(int32_t leg) {
  Leg& l = legs_[leg];
  l.held = true;
  PartyId held = legs_[l.peer].party;
  emit(held, l.call, Ev::hold, tracing() ? "by=" + shown_name(l.party, held, l.call) : std::string());
  if (profile_.on("music-on-hold", true)) emit(held, l.call, Ev::music_on_hold);
  Ask ask;
  ask.leg = leg;
  ask.party = l.party;
  notice(Point::held, ask);  // e.g. the hold box starts the hold-recall timer
}

void Engine::recall_ring(int32_t held, const char* reason) {
  // A box may ask for the recall of a leg the same event already ended or cut from its peer (a
  // conference that lost its last member while one was held: found by explore on voipnow.csv,
  // scenarios/regressions/recall_of_a_leg_with_no_peer_is_ignored.csv): nothing is left to ring.
  if (held < 0 || static_cast<size_t>(held) >= legs_.size()) return;
  Leg& h = legs_[held];
  PartyId p = h.party;
  int32_t x = h.peer;
  if (h.state == LegState::free || p == kNone || x == kNone || legs_[x].state == LegState::free) return;
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
  Ask ask;
  ask.leg = x;
  notice(Point::recalled, ask);  // e.g. a blind transfer's pending recall is over
  if (profile_.on("music-on-hold", true)) legs_[x].state = LegState::ringback;  // music goes on
  RingInfo info;
  info.line = line;
  info.reason = reason;
  if (ring(x, p, info) == kNone) tone(x, Ev::busy);  // the station cannot ring: the caller hears busy
}

// ---------------------------------------------------------------- release

void Engine::stop_alerting(int32_t leg) {
  Leg& l = legs_[leg];
  Device& d = devices_[l.party];
  auto it = std::find(d.alerting.begin(), d.alerting.end(), leg);
  if (it != d.alerting.end()) d.alerting.erase(it);
  emit(l.party, l.call, Ev::stop_ringing);
}

void Engine::release_leg(int32_t leg, const char* reason) {
  Leg& l = legs_[leg];
  int32_t c = l.call;
  int32_t peer = l.peer;
  calls_[c].end_reason = reason;
  switch (l.state) {
    case LegState::ringback:  // the caller gives up while the far end rings
      stop_ringing_all(c, kNone, "caller-hangup");
      break;
    case LegState::alerting: {
      stop_alerting(leg);
      auto& ringing = calls_[c].ringing;
      auto it = std::find(ringing.begin(), ringing.end(), leg);
      if (it != ringing.end()) ringing.erase(it);
      break;
    }
    case LegState::connected: {
      auto why = [&] { return tracing() ? std::string("reason=") + reason : std::string(); };
      emit(l.party, c, Ev::released, why());
      if (peer != kNone) {
        emit(legs_[peer].party, legs_[peer].call, Ev::released, why());
        // The far end's phone goes back to idle; its person needs no step to hang up.
        int32_t p = peer;
        calls_[legs_[p].call].end_reason = reason;  // its call may be another (handoff pull)
        free_leg(p);
      }
      break;
    }
    default:
      break;
  }
  free_leg(leg);
  end_call_if_done(c);
}

void Engine::settle_device(PartyId p, int32_t leg) {
  if (p == kNone) return;
  Device& d = devices_[p];
  for (int32_t& slot : d.line_leg)
    if (slot == leg) slot = kNone;
  auto it = std::find(d.alerting.begin(), d.alerting.end(), leg);
  if (it != d.alerting.end()) d.alerting.erase(it);
  if (d.active == leg) {
    d.active = kNone;
    d.offhook = false;
  }
  note_device(p);
}

void Engine::free_leg(int32_t leg) {
  Leg& l = legs_[leg];
  if (l.state == LegState::free) return;
  // A box may bill an answered conversation itself, at its called-side leg (RC, SB: SPEC 7).
  bool billed_by_box = false;
  if (l.state == LegState::connected && !l.originator && l.peer != kNone &&
      !tables_[static_cast<size_t>(Point::bill)].empty()) {
    Ask ask;
    ask.leg = leg;
    ask.party = l.party;
    billed_by_box = decide(Point::bill, ask);
  }
  // An answered outside leg the PBX placed is billed when it ends, whole seconds rounded up.
  if (!billed_by_box && l.outside && l.billed_to != kNone && l.state == LegState::connected) {
    double secs = std::ceil(now_ - l.connected_at - 1e-9);
    emit(l.billed_to, l.call, Ev::billed,
         tracing() ? "to=" + party_name(l.party) + " seconds=" + std::to_string(static_cast<long>(std::max(0.0, secs)))
                   : std::string());
    if (benchmark_site_) note_bill(l.billed_to, l.party, l.call, 100, l.connected_at, "BC");
  }
  if (l.watchers) {  // e.g. a talking leg of a pending handoff
    Ask ask;
    ask.leg = leg;
    ask.party = l.party;
    tell_watchers(l.watchers, Point::leg_ending, ask);
  }
  give_trunk(leg);
  settle_device(l.party, leg);
  Call& c = calls_[l.call];
  if (c.a_leg == leg) c.a_leg = kNone;
  if (c.b_leg == leg) c.b_leg = kNone;
  auto ringing = std::find(c.ringing.begin(), c.ringing.end(), leg);
  if (ringing != c.ringing.end()) c.ringing.erase(ringing);
  auto member = std::find(c.members.begin(), c.members.end(), leg);
  if (member != c.members.end()) c.members.erase(member);
  int32_t call = l.call;
  PartyId owner = l.party;
  l.state = LegState::free;
  ++l.gen;
  l.call = kNone;
  free_legs_.push_back(leg);
  end_call_if_done(call);
  // The boxes watching the device hear at once, before another call can ring on the freed line
  // (a transfer gives its consultation the line the held call had).
  if (owner != kNone && (devices_[owner].watchers & joined_[static_cast<size_t>(Point::leg_gone)])) {
    Ask ask;
    ask.leg = leg;
    ask.party = owner;
    tell_watchers(devices_[owner].watchers, Point::leg_gone, ask);
  }
}

void Engine::end_call_if_done(int32_t c) {
  if (c == kNone) return;
  Call& call = calls_[c];
  if (!call.live || call.a_leg != kNone || call.b_leg != kNone || !call.ringing.empty()) return;
  if (!call.members.empty()) return;  // a conference lives while a member is left
  if (checks_ != Checks::off && !call.end_reason)  // trust: every call ends with a reason
    broken("call-end-reason", "c" + std::to_string(call.id) + " ended without a reason");
  if (log_traffic_ends_ && traffic_calls_[c].stream >= 0) traffic_ends_.emplace_back(now_, traffic_calls_[c].stream);
  call.live = false;
  ++call.gen;
  --live_calls_;
  free_calls_.push_back(c);
}

// ---------------------------------------------------------------- multi-party calls

void Engine::bridge(int32_t c, int32_t leg) {
  Leg& l = legs_[leg];
  int32_t old = l.call;
  if (old != c && old != kNone) {
    Call& k = calls_[old];
    if (k.a_leg == leg) k.a_leg = kNone;
    if (k.b_leg == leg) k.b_leg = kNone;
    auto r = std::find(k.ringing.begin(), k.ringing.end(), leg);
    if (r != k.ringing.end()) k.ringing.erase(r);
    auto m = std::find(k.members.begin(), k.members.end(), leg);
    if (m != k.members.end()) k.members.erase(m);
    k.end_reason = "conference";
  }
  Call& call = calls_[c];
  if (call.a_leg == leg) call.a_leg = kNone;
  if (call.b_leg == leg) call.b_leg = kNone;
  l.call = c;
  l.peer = kNone;
  l.state = LegState::connected;
  if (std::find(call.members.begin(), call.members.end(), leg) == call.members.end()) call.members.push_back(leg);
  if (old != c) end_call_if_done(old);
}

void Engine::unbridge(int32_t c, int32_t leg) {
  auto& m = calls_[c].members;
  auto it = std::find(m.begin(), m.end(), leg);
  if (it != m.end()) m.erase(it);
}

void Engine::unknown_number(int32_t leg, const std::string& digits) {
  Ask ask;
  ask.leg = leg;
  ask.party = legs_[leg].party;
  ask.text = digits;
  if (decide(Point::unknown_number, ask)) return;  // e.g. the attendant takes it (AT-1)
  tone(leg, Ev::reorder);
}

// Every line of the station is taken (on a one-line station: by a call it holds) and the handset
// has nothing to take: the switch answers with reorder rather than silence, the profile's
// `one-line-consultation = no` (docs/profiles/; `yes`: the transfer box consults instead, at
// Point::no_line). Keys pressed then are traced with the reorder
// they get: a key is never lost without an event.
void Engine::no_line_tone(PartyId p) {
  emit(p, kNone, Ev::reorder, tracing() ? std::string("reason=no-line") : std::string());
}

void Engine::lost_keys(PartyId p, std::string_view keys) {
  // The reorder came with the offhook that found no line: the keys are traced after it.
  emit(p, kNone, Ev::digits, tracing() ? "digits=" + std::string(keys) : std::string(), true);
}

}  // namespace telsim
