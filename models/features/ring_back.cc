// Ring back when free (RBWF, SPEC 7), in every profile that has `code.ring-back`:
//   - a station's caller hearing busy from another station (Point::found_busy remembered which)
//     keys the code while hearing busy, or presses `ring-back`: it hears `ring-back to=STATION`
//     and confirmation tone, and hangs up when it likes; the request stays.
//   - refused with reorder where there is no station to watch for this caller: busy from a hunt
//     pilot, an outside number or a blocked trunk, a caller that is no station (an outside caller:
//     the switch rings back its own phones only), a caller hearing anything but busy.
//   - one request per caller: a new one replaces the old. Many callers may ask for one station;
//     they are served in the order they asked, one at a time (as camp-on's queue).
//   - when the station is free (nothing on any line, on hook, not ringing) the first waiting
//     caller that is free too rings: `ringing from=STATION reason=ring-back`; a caller busy then
//     keeps its place until it is free and the station still is. If the station is busy again
//     while the ring-back rings, the ringing stops and the request waits again. Unanswered for
//     timer.no-answer the ring-back stops and the request is over. It rings the caller's phone
//     only: it cannot be picked up (it is the caller's own request).
//   - answering it calls the station: the caller hears ringback and the station's desk phone rings
//     `from=CALLER reason=ring-back`. The call is the caller's (OCS, TCS, TL and CNDB see it as
//     placed by the caller, carried by RBWF). It rings the station itself, which has just gone
//     free, not its forward: with switch.ring-back-before-forward (FI-2) this box is before
//     forward at `arrive`; without it the forward may take the call, which breaks the property
//     ring-back (models/properties.cc).
//   - timer.ring-back: a request not served within that many seconds is dropped (0: never).
//   - a call camped or waiting at the station goes before the ring-back requests (its caller is on
//     the line now, a ring-back's caller has hung up): the ring-back waits for the station to be
//     free again after it.
// Decision points: action (press ring-back), call_digits (the code), found_busy, arrive (its own
// calls), answer of its ringing legs, leg_ending of them, party_changed of the stations and
// callers it waits for, and its timers (serve a station, expiry, no answer).
#include <algorithm>

#include "models/box.h"
#include "models/features/busy_code.h"
#include "models/station_queues.h"

namespace telsim {

namespace {
constexpr uint8_t kServe = 0;     // slot: a station that may be free
constexpr uint8_t kExpire = 1;    // slot: the caller; gen: its request's serial
constexpr uint8_t kNoAnswer = 2;  // slot: the ring-back's ringing leg

class RingBack : public Box {
 public:
  RingBack(Engine& e, uint8_t index, const char* name)
      : Box(e, index, name),
        requests_(devices_.size()),
        busy_code_(legs_, calls_, devices_, e.profile_code("ring-back")) {
    join(Point::action);
    if (!busy_code_.code().empty()) join(Point::call_digits);
    join(Point::found_busy);
    join(Point::arrive);
    join(Point::answer);
    join(Point::leg_ending);
    join(Point::party_changed);
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::action) {
      if (!wants(p, ask)) return false;
      request(ask.party);
      return true;
    }
    if (p == Point::call_digits) {
      if (!wants(p, ask)) return false;
      if (busy_code_.key(devices_[ask.party].active, ask.text) == BusyCode::Keyed::complete) request(ask.party);
      return true;
    }
    if (p == Point::arrive) {
      if (!wants(p, ask)) return false;
      RingInfo info;
      info.reason = "ring-back";
      if (ring(ask.leg, ask.party, info) != kNone) return true;
      Ask busy = ask;  // busy again already: the caller may ask again
      if (e_.last_ring_failure_ == Engine::RingFailure::busy) e_.notice(Point::found_busy, busy);
      e_.cannot_ring(ask.leg);
      return true;
    }
    if (p == Point::answer) return answer(ask.leg);
    return false;
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::action) return ask.action == Action::press && ask.text == "ring-back";
    if (p == Point::call_digits) {
      int32_t leg = devices_[ask.party].active;
      return leg != kNone && busy_code_.station(leg) != kNone && busy_code_.continues(leg, ask.text);
    }
    if (p == Point::arrive) {
      const PartyId* s = own_calls_.find(legs_[ask.leg].call, calls_[legs_[ask.leg].call].gen);
      return s && *s == ask.party && ask.line == 0;
    }
    return false;
  }

  void notice(Point p, Ask& ask) override {
    if (p == Point::found_busy) {
      busy_code_.found_busy(ask.leg, ask.party);
    } else if (p == Point::leg_ending) {
      // A ringing ring-back ends some other way (its call released): the request is over.
      PartyId c = legs_[ask.leg].party;
      if (c != kNone && requests_[c].leg == ask.leg && requests_[c].leg_gen == legs_[ask.leg].gen) drop(c);
    }
  }

  void party_changed(PartyId p) override {
    if (!queues_.empty(p)) schedule(0, kServe, p, 0);  // a station waited for
    if (requests_[p].station != kNone) schedule(0, kServe, requests_[p].station, 0);  // a caller waiting
  }

  void timer(const Timer& t) override {
    if (t.what == kServe) return serve(t.slot, t.gen == 1);
    if (t.what == kExpire) {
      Request& r = requests_[t.slot];
      if (r.station != kNone && r.serial == t.gen && r.leg == kNone) drop(t.slot);
      return;
    }
    // kNoAnswer: the ring-back rang its caller long enough.
    const Leg& l = legs_[t.slot];
    if (l.gen != t.gen || l.state != LegState::alerting) return;
    PartyId c = l.party;
    if (requests_[c].leg != t.slot) return;
    stop(c, "no-answer");
    drop(c);
  }

  const char* timer_name(uint8_t what) const override {
    return what == kServe ? "ring-back serve" : what == kExpire ? "ring-back" : "ring-back no-answer";
  }

  void describe_state(PartyId p, std::vector<std::string>* states) const override {
    if (requests_[p].station != kNone) states->push_back("ring-back to=" + number(requests_[p].station));
  }

 private:
  struct Request {
    PartyId station = kNone;  // kNone: no request
    uint32_t serial = 0;
    int32_t leg = kNone;      // the caller's ringing leg while the ring-back rings
    uint32_t leg_gen = 0;
  };

  bool free(PartyId p) const {
    const Device& d = devices_[p];
    if (d.active != kNone || d.offhook || !d.alerting.empty()) return false;
    return std::all_of(d.line_leg.begin(), d.line_leg.end(), [](int32_t l) { return l == kNone; });
  }

  void request(PartyId caller) {
    int32_t leg = devices_[caller].active;
    if (leg == kNone) return;
    PartyId station = busy_code_.station(leg);
    Leg& l = legs_[leg];
    if (station == kNone || devices_[caller].kind != PartyKind::station || station == caller) {
      if (l.state == LegState::tone) tone(leg, Ev::reorder);
      else emit(caller, l.call, Ev::reorder);  // in a call or ringing: the key does nothing else
      return;
    }
    if (requests_[caller].station != kNone) {
      if (requests_[caller].leg != kNone) stop(caller, "replaced");
      drop(caller);  // one request per caller: the new one replaces it
    }
    Request& r = requests_[caller];
    r.station = station;
    r.serial = ++serial_;
    r.leg = kNone;
    queues_.push_back(station, caller);
    watch_device(station);
    watch_device(caller);
    e_.note_benchmark_feature();  // its property is checked from now on
    emit(caller, l.call, Ev::ring_back, tracing() ? "to=" + number(station) : std::string());
    tone(leg, Ev::confirmation);
    double limit = timer_seconds("ring-back");
    if (limit > 0) schedule(limit, kExpire, caller, r.serial);
  }

  void drop(PartyId caller) {
    Request& r = requests_[caller];
    if (r.station == kNone) return;
    queues_.remove_if(r.station, [&](PartyId x) { return x == caller; });
    r = Request{};
    r.serial = serial_;
  }

  // Stops the ring-back ringing at the caller (its call ends); the request stays.
  void stop(PartyId caller, const char* reason) {
    Request& r = requests_[caller];
    int32_t b = r.leg;
    r.leg = kNone;
    if (b == kNone || legs_[b].gen != r.leg_gen || legs_[b].state != LegState::alerting) return;
    int32_t c = legs_[b].call;
    unwatch_leg(b);
    int32_t anchor = calls_[c].a_leg;
    if (anchor != kNone) release_leg(anchor, reason);  // every ringing leg of its call stops
  }

  void serve(PartyId station, bool deferred) {
    // Calls camped or waiting at the station (Point::offered: camp-on and call waiting report
    // them) go first: their callers are on the line now. Their boxes ring the station at this
    // instant, so the ring-back looks again after them, once.
    if (!deferred && free(station)) {
      std::vector<std::pair<int32_t, uint32_t>> offered;
      Ask ask;
      ask.party = station;
      ask.offered = &offered;
      e_.notice(Point::offered, ask);
      if (!offered.empty()) {
        schedule(0, kServe, station, 1);
        return;
      }
    }
    const auto& q = queues_.of(station);
    for (PartyId caller : std::vector<PartyId>(q.begin(), q.end())) {  // a copy: serving changes the queue
      Request& r = requests_[caller];
      if (r.station != station) continue;
      if (r.leg != kNone) {  // ringing already: stop it if the station is busy again
        if (!free(station)) stop(caller, "busy");
        return;
      }
      if (!free(station)) return;
      if (!free(caller)) continue;  // busy: keeps its place
      ring_caller(caller, station);
      return;  // one at a time
    }
  }

  void ring_caller(PartyId caller, PartyId station) {
    // The ring-back's own call: an anchor leg standing for the station (so `ringing from=` names
    // it, and no ringback goes to it) rings the caller, as a handoff's call does.
    int32_t c = e_.new_call(false);
    int32_t anchor = e_.new_leg(c, station, LegState::ringback);
    calls_[c].a_leg = anchor;
    DeliveryPath& path = e_.paths_.at(c, calls_[c].gen);
    path.caller = caller;
    path.ring_back_for = station;
    path.features |= kPathRBWF;
    RingInfo info;
    info.reason = "ring-back";
    int32_t b = ring(anchor, caller, info);
    if (b == kNone) {  // refused (a screening box): the request is over
      calls_[c].end_reason = "ring-back";
      free_leg(anchor);
      drop(caller);
      return;
    }
    legs_[b].peer = kNone;  // rings for its caller only: nothing can pick it up
    Request& r = requests_[caller];
    r.leg = b;
    r.leg_gen = legs_[b].gen;
    own_calls_.at(c, calls_[c].gen) = station;
    watch_leg(b);
    schedule(timer_seconds("no-answer"), kNoAnswer, b, legs_[b].gen);
  }

  // The caller answers its ring-back: its leg becomes the call's caller, and the station rings.
  bool answer(int32_t b) {
    Leg& bl = legs_[b];
    PartyId caller = bl.party;
    if (caller == kNone || requests_[caller].leg != b || requests_[caller].leg_gen != bl.gen) return false;
    PartyId station = requests_[caller].station;
    int32_t c = bl.call;
    unwatch_leg(b);
    drop(caller);
    Device& d = devices_[caller];
    auto it = std::find(d.alerting.begin(), d.alerting.end(), b);
    if (it != d.alerting.end()) d.alerting.erase(it);
    d.active = b;
    d.offhook = true;
    Call& call = calls_[c];
    call.ringing.erase(std::find(call.ringing.begin(), call.ringing.end(), b));
    int32_t anchor = call.a_leg;
    call.a_leg = b;
    bl.originator = true;
    bl.peer = kNone;
    bl.state = LegState::dialing;
    free_leg(anchor);
    e_.deliver(b, station, 0);
    return true;
  }

  std::vector<Request> requests_;           // per caller: its one request
  StationQueues<PartyId> queues_;  // per station: callers in the order they asked (models/station_queues.h)
  SlotTable<PartyId> own_calls_;             // per call: the station a ring-back's call is for
  BusyCode busy_code_;                       // the station a caller hears busy from, the code keyed
  uint32_t serial_ = 0;
};
}  // namespace

std::unique_ptr<Box> make_ring_back(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<RingBack>(e, index, name);
}

}  // namespace telsim
