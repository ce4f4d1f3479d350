// A feature box (models/features/*.cc): one feature, its state and its timers, taking part in a
// call only at the core's decision points (models/decision_point.h).
//
// A box joins the points it takes part in when it is built (in the profile's precedence order,
// so the core's table for each point is already in order), keeps its state in its own side tables
// (indexed by leg, call or device slot, checked against the slot's generation), and schedules its
// timers with `schedule`: the core hands each one back to `timer`, nothing else sees it. Boxes
// never call each other; where two meet (transfer and hold, forward and DEE) they meet at a
// decision point, and the profile's order says who goes first.
//
// The core asks a box through `decide` (claimed points: return true when this box took the
// decision) and `notice` (observed points). One virtual call per box that joined the point: a
// point with no box costs the core an empty loop.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/engine.h"

namespace telsim {

class Box {
 public:
  Box(Engine& core, uint8_t index, const char* name)
      : e_(core), index_(index), name_(name), legs_(core.legs_), calls_(core.calls_), devices_(core.devices_),
        numbers_(core.numbers_), profile_(core.profile()), site_(core.site_) {}
  virtual ~Box() = default;
  Box(const Box&) = delete;
  Box& operator=(const Box&) = delete;

  const char* name() const { return name_; }
  uint8_t index() const { return index_; }

  // A claimed point: true when this box took the decision (the core asks no one after it).
  virtual bool decide(Point, Ask&) { return false; }
  // Whether this box would take the decision (asked only under switch.resolutions = none, to
  // record contests, SPEC FI-2): the same test `decide` starts with, without acting.
  virtual bool wants(Point, const Ask&) const { return false; }
  // An observed point.
  virtual void notice(Point, Ask&) {}
  // Point::party_changed, for a device the box watches (on the traffic path: no Ask to fill).
  virtual void party_changed(PartyId) {}
  // One of this box's own timers (scheduled with `schedule`) is due.
  virtual void timer(const Timer&) {}
  // A dial-tone code this box registered with add_dial_code (`code` is the box's own id for it).
  virtual void dial_code(PartyId, uint8_t /*code*/, const std::string& /*number*/) {}
  // Invariants of the box's own state (Point::check, for calls and devices it watches): true when
  // they hold, else false with "NAME: what" in *why (built only then: these run after every event).
  virtual bool check_call(int32_t, std::string* /*why*/) const { return true; }
  virtual bool check_device(PartyId, std::string* /*why*/) const { return true; }
  // Before one of its timers fires: "" when healthy, else "NAME: what"; `*call` gets the call the
  // timer concerns when it is current (what the cheap checks look at).
  virtual std::string check_timer(const Timer&, int32_t* /*call*/) const { return {}; }
  // What the party is doing in this box's eyes, for expect-state (SPEC SC-2, models/party_state.h):
  // append words in its spelling ("conference size=3", "queued", "camped"); most boxes add none.
  virtual void describe_state(PartyId, std::vector<std::string>* /*states*/) const {}
  // How the failure message names one of its timers ("hold-recall").
  virtual const char* timer_name(uint8_t /*what*/) const { return name_; }

 protected:
  void join(Point p) { e_.join(p, index_); }
  void schedule(double after, uint8_t what, int32_t slot, uint32_t gen) {
    e_.schedule(after, TimerKind::box, slot, gen, index_, what);
  }
  void add_dial_code(const std::string& feature, bool takes_number, uint8_t code) {
    e_.add_dial_code(feature, takes_number, index_, code);
  }
  void watch_leg(int32_t l) { e_.watch_leg(l, index_); }
  void unwatch_leg(int32_t l) { e_.unwatch_leg(l, index_); }
  void watch_call(int32_t c) { e_.watch_call(c, index_); }
  void watch_device(PartyId p) { e_.watch_device(p, index_); }
  void unwatch_device(PartyId p) { e_.unwatch_device(p, index_); }
  // The core's operations, by their core names.
  bool tracing() const { return e_.tracing(); }
  double now() const { return e_.now(); }
  double timer_seconds(const std::string& n) const { return e_.timer(n); }
  void emit(PartyId p, int32_t call, Ev ev) { e_.emit(p, call, ev); }
  void emit(PartyId p, int32_t call, Ev ev, std::string detail, bool own = false) {
    e_.emit(p, call, ev, std::move(detail), own);
  }
  std::string party_name(PartyId p) const { return e_.party_name(p); }
  const std::string& number(PartyId p) const { return e_.number(p); }
  std::optional<PartyId> party_id(std::string_view n) const { return e_.party_id(n); }
  int32_t ring(int32_t a_leg, PartyId target, RingInfo info) { return e_.ring(a_leg, target, info); }
  void tone(int32_t leg, Ev which, const char* reason = nullptr) { e_.tone(leg, which, reason); }
  void stop_ringing_all(int32_t c, int32_t keep, const char* reason) { e_.stop_ringing_all(c, keep, reason); }
  void release_leg(int32_t leg, const char* reason) { e_.release_leg(leg, reason); }
  void free_leg(int32_t leg) { e_.free_leg(leg); }
  int free_line(PartyId p, int wanted) const { return e_.free_line(p, wanted); }
  bool leg_alive(int32_t leg, uint32_t gen) const { return e_.leg_alive(leg, gen); }
  void note_device(PartyId p) { e_.note_device(p); }
  // The legs a party has now: one per busy line appearance, and the handset's when it holds no
  // line of its own (a consultation on a one-line set). For describe_state.
  std::vector<int32_t> party_legs(PartyId p) const {
    const Device& d = devices_[p];
    std::vector<int32_t> out;
    for (int32_t l : d.line_leg)
      if (l != kNone) out.push_back(l);
    if (d.active != kNone && legs_[d.active].line < 0) out.push_back(d.active);
    return out;
  }

  Engine& e_;
  const uint8_t index_;
  const char* const name_;
  std::vector<Leg>& legs_;
  std::vector<Call>& calls_;
  std::vector<Device>& devices_;
  const std::unordered_map<std::string, Engine::Target>& numbers_;
  const Profile& profile_;
  const Site& site_;
};

// A side table a box keeps per leg, call or device slot: the entry for a slot counts only while
// the slot's generation is the one it was written for, so a box needs no hook to forget a leg or
// call that ended (the core moves the generation on when it frees the slot).
template <class T>
class SlotTable {
 public:
  // The entry for `slot` at generation `gen`, or null when there is none (or it is stale).
  T* find(int32_t slot, uint32_t gen) {
    if (slot < 0 || static_cast<size_t>(slot) >= rows_.size() || rows_[slot].gen != gen + 1) return nullptr;
    return &rows_[slot].value;
  }
  const T* find(int32_t slot, uint32_t gen) const {
    return const_cast<SlotTable*>(this)->find(slot, gen);
  }
  // The entry for `slot` at `gen`, a fresh one if there was none.
  T& at(int32_t slot, uint32_t gen) {
    if (static_cast<size_t>(slot) >= rows_.size()) rows_.resize(static_cast<size_t>(slot) + 1);
    Row& r = rows_[slot];
    if (r.gen != gen + 1) {
      r.gen = gen + 1;
      r.value = T{};
    }
    return r.value;
  }
  void erase(int32_t slot) {
    if (slot >= 0 && static_cast<size_t>(slot) < rows_.size()) rows_[slot].gen = 0;
  }

 private:
  struct Row { uint32_t gen = 0; T value{}; };  // gen + 1: 0 means empty
  std::vector<Row> rows_;
};

}  // namespace telsim
