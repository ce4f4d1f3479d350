// Camp-on (SPEC CO-1..CO-3; seed 001 note 4: calls "ringing or camped-on"), in every profile:
//   - a caller hearing busy from a station (Point::found_busy remembered which) camps on with
//     `press camp-on` or the profile's `code.camp-on` keyed while hearing busy: it gets `camp-on
//     to=STATION` and ringback, and the busy station hears `call-waiting from=CALLER` once.
//   - camping is refused with reorder where the busy tone came from no station: a hunt pilot whose
//     members are all busy, an outside number, a blocked trunk (nothing would ever free it for this
//     caller) and a caller hearing anything but busy.
//   - the camped calls of a station queue in the order they camped; when the station goes free (no
//     call on any line, on hook, not ringing: Point::party_changed), the first rings it at once
//     (`ringing reason=camp-on`); the next waits until the station is free again.
//   - a camped caller who hangs up leaves the queue; with `timer.camp-on` above 0, a call camped that
//     long gets busy tone again and leaves the queue (0, the default: it waits until its caller
//     hangs up).
//   - a forward registered while a call is camped does not move it: the call is reported at
//     Point::offered, and the forward waits for it to be answered or gone (CO-3, CF-2).
// A camped call is its caller's leg hearing ringback with nothing ringing for it. Decision points:
// action (press camp-on), call_digits (the code), found_busy, party_changed, leg_ending, offered,
// check, and its own timers (the camp-on time; the ring when the station goes free, at once but
// after the event that freed it is complete).
#include <algorithm>

#include "models/box.h"
#include "models/features/busy_code.h"
#include "models/station_queues.h"

namespace telsim {

namespace {
struct Ref {
  int32_t leg = kNone;
  uint32_t gen = 0;
};

constexpr uint8_t kExpire = 0;  // slot: the camped caller's leg
constexpr uint8_t kFree = 1;    // slot: the station that went free

class CampOn : public Box {
 public:
  CampOn(Engine& e, uint8_t index, const char* name)
      : Box(e, index, name), busy_code_(legs_, calls_, devices_, e.profile_code("camp-on")) {
    join(Point::action);
    if (!busy_code_.code().empty()) join(Point::call_digits);
    join(Point::found_busy);
    join(Point::party_changed);
    join(Point::leg_ending);
    join(Point::offered);
    join(Point::check);
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::action) {
      if (!wants(p, ask)) return false;
      camp(ask.party);
      return true;
    }
    if (p == Point::call_digits) {
      int32_t leg = devices_[ask.party].active;
      if (leg == kNone || busy_code_.station(leg) == kNone) return false;
      // Keyed while hearing busy: the camp-on code, digit by digit (no code: the caller goes on
      // hearing busy).
      if (busy_code_.key(leg, ask.text) == BusyCode::Keyed::complete) camp(ask.party);
      return true;
    }
    return false;
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::action) return ask.action == Action::press && ask.text == "camp-on";
    if (p == Point::call_digits) {
      int32_t leg = devices_[ask.party].active;
      return leg != kNone && busy_code_.station(leg) != kNone;
    }
    return false;
  }

  void notice(Point p, Ask& ask) override {
    if (p == Point::found_busy) {
      busy_code_.found_busy(ask.leg, ask.party);
    } else if (p == Point::leg_ending) {
      leave(ask.leg);  // a camped caller hung up
    } else if (p == Point::offered) {
      for (const Ref& r : queues_.of(ask.party))
        if (camped(r)) ask.offered->emplace_back(r.leg, r.gen);
    }
  }

  void party_changed(PartyId p) override {
    if (!queues_.empty(p) && station_free(p)) schedule(0, kFree, p, 0);
  }

  void timer(const Timer& t) override {
    if (t.what == kFree) {
      ring_next(t.slot);
      return;
    }
    const Leg& l = legs_[t.slot];
    if (l.gen != t.gen || l.state != LegState::ringback || !queued(t.slot, t.gen)) return;
    leave(t.slot);
    tone(t.slot, Ev::busy);  // camped too long (timer.camp-on): busy again
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.what == kFree) return {};
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size()) return "stale-timer: camp-on timer for no leg";
    const Leg& l = legs_[t.slot];
    if (l.gen != t.gen || l.state == LegState::free) return {};
    if (l.call == kNone || !calls_[l.call].live)
      return "stale-timer: camp-on timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t what) const override { return what == kFree ? "camp-on ring" : "camp-on"; }

  // A camped call is in one queue once: it rings one station, once (CO-2).
  bool check_call(int32_t c, std::string* why) const override {
    int found = 0;
    for (const auto& [station, q] : queues_)
      for (const Ref& r : q)
        if (camped(r) && legs_[r.leg].call == c) ++found;
    if (found <= 1) return true;
    *why = "camp-on: c" + std::to_string(calls_[c].id) + " is camped " + std::to_string(found) + " times";
    return false;
  }

 private:
  // Still camped: hearing ringback with nothing ringing for its call (another feature may have
  // taken the call away meanwhile, a transfer's recall say; then it is camped here no more).
  // SPEC SC-2: a caller whose call waits in a station's camp-on queue is `camped`.
  void describe_state(PartyId p, std::vector<std::string>* states) const override {
    for (const auto& [station, q] : queues_)
      for (const Ref& r : q)
        if (camped(r) && legs_[r.leg].party == p) {
          states->push_back("camped");
          return;
        }
  }

  bool camped(const Ref& r) const {
    if (!leg_alive(r.leg, r.gen) || legs_[r.leg].state != LegState::ringback) return false;
    const Call& c = calls_[legs_[r.leg].call];
    return c.ringing.empty() && c.b_leg == kNone;
  }

  bool queued(int32_t leg, uint32_t gen) const {
    for (const auto& [station, q] : queues_)
      for (const Ref& r : q)
        if (r.leg == leg && r.gen == gen) return true;
    return false;
  }

  void leave(int32_t leg) {
    queues_.remove_if_anywhere([&](const Ref& r) { return r.leg == leg; });
  }

  bool station_free(PartyId p) const {
    const Device& d = devices_[p];
    if (d.active != kNone || d.offhook || !d.alerting.empty()) return false;
    return std::all_of(d.line_leg.begin(), d.line_leg.end(), [](int32_t l) { return l == kNone; });
  }

  void camp(PartyId p) {
    int32_t leg = devices_[p].active;
    if (leg == kNone) return;
    PartyId station = busy_code_.station(leg);
    Leg& l = legs_[leg];
    if (station == kNone) {  // no station's busy tone to camp on: a pilot, an outside number, ...
      if (l.state == LegState::tone)
        tone(leg, Ev::reorder);
      else
        emit(p, l.call, Ev::reorder);  // in a call or ringing: the key does nothing else
      return;
    }
    int32_t c = l.call;
    l.state = LegState::ringback;
    queues_.push_back(station, Ref{leg, l.gen});
    watch_leg(leg);
    watch_device(station);
    watch_call(c);
    emit(p, c, Ev::camp_on, tracing() ? "to=" + number(station) : std::string());
    emit(p, c, Ev::ringback);
    emit(station, c, Ev::call_waiting, tracing() ? "from=" + e_.shown_name(p, station, c) : std::string());
    double limit = timer_seconds("camp-on");
    if (limit > 0) schedule(limit, kExpire, leg, l.gen);
    if (station_free(station)) schedule(0, kFree, station, 0);  // freed at this instant already
  }

  void ring_next(PartyId station) {
    while (!queues_.empty(station) && station_free(station)) {
      Ref r = queues_.pop_front(station);
      if (!camped(r)) continue;
      RingInfo info;
      info.reason = "camp-on";
      if (ring(r.leg, station, info) == kNone) tone(r.leg, e_.last_ring_failure_ == Engine::RingFailure::trunk ? Ev::blocked : Ev::busy);
      return;  // one at a time: the next rings when the station is free again
    }
  }

  StationQueues<Ref> queues_;  // per station: camped callers, in the order they camped (models/station_queues.h)
  BusyCode busy_code_;         // the station a caller hears busy from, the code keyed
};
}  // namespace

std::unique_ptr<Box> make_camp_on(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<CampOn>(e, index, name);
}

}  // namespace telsim
