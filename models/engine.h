// The feature engine: what a PBX switch does, as plain C++ driven by events and a clock.
//
// Callers (sim/ and the unit tests) feed it people's actions with `act`, ask when its next own
// event is due with `next_event_time`, and let it run its own event list with `run_until`. It
// writes what happens to a TraceSink. It knows no SimGrid and does no I/O, so every rule can be
// tested in microseconds with a hand-made clock.
//
// State is plain data in slab vectors (calls, legs) recycled through free lists, so a traffic run's
// memory does not grow with the number of calls; timers live in the engine's own heap.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <tuple>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "models/action.h"
#include "models/decision_point.h"
#include "models/event_queue.h"
#include "models/features/delivery_path.h"
#include "models/profile.h"
#include "models/site.h"
#include "models/trace_event.h"
#include "models/touched_list.h"

namespace telsim {

using PartyId = int32_t;
constexpr int32_t kNone = -1;

// A few legs kept in place (a device's line appearances and ringing legs, a call's ringing legs):
// one or two almost always, so they live inside the device or call, not behind a pointer of their
// own; a large site's events then touch one cache line per device instead of three.
using LegList = boost::container::small_vector<int32_t, 2>;

enum class LegState : uint8_t {
  free,       // slot not in use
  dialing,    // off hook at dial tone, collecting digits
  ringback,   // the caller's leg while the far end rings
  alerting,   // the called phone rings
  connected,  // talking
  tone,       // busy, reorder or blocked tone until the person hangs up
};

// A party's part in one call.
struct Leg {
  uint32_t gen = 0;
  int32_t call = kNone;
  PartyId party = kNone;  // kNone: an anonymous caller on the trunk (traffic)
  int16_t line = -1;      // which line appearance of a station it occupies
  LegState state = LegState::free;
  bool outside = false;     // holds a trunk channel
  bool originator = false;  // the leg that placed the call
  bool held = false;        // this leg's party holds the conversation (the peer is the held party)
  PartyId billed_to = kNone;  // an outside leg the PBX placed: who pays for it
  uint32_t watchers = 0;    // boxes (bit = box index) with a stake in this leg (Point::answer, leg_ending)
  double connected_at = 0;
  int32_t peer = kNone;  // the other leg of the conversation (or of the ringing)
  PartyId rung_by = kNone;  // a leg rung by the leg that placed its call: that party (OCS, FI-1)
};

// One call, from its first digits to its end.
struct Call {
  uint32_t gen = 0;
  uint32_t id = 0;        // trace id (c1, c2, ...)
  bool live = false;
  bool outside = false;   // started by an external or mobile party (else intercom)
  bool quiet = false;     // the caller hears no ringback (it is speaking: an announcement)
  int32_t a_leg = kNone;  // the caller
  int32_t b_leg = kNone;  // the called side once answered (or the one leg ringing)
  uint32_t watchers = 0;  // boxes with state about this call (Point::check)
  LegList ringing;  // called-side legs ringing for the caller now (several at once for
                    // ring-all hunting or associated destinations)
  const char* end_reason = nullptr;  // why its last leg went (hangup, busy, ...): every call ends with one
  // A multi-party call (a conference, SPEC CN-*): the legs bridged together, each connected with
  // no peer; empty for a two-party call. A call with members lives while any is left.
  std::vector<int32_t> members;
};

// What a ringing phone is told besides the caller: the line rung and why it rings.
struct RingInfo {
  int line = 0;                // line appearance index at the station
  const char* reason = nullptr;  // ringing reason= (voice, recall, handoff, ...), or none
};

// A device at a number: a phone, an outside party, a voice mail pilot, a hunt pilot.
struct Device {
  // What every call at the device reads, first and together (a large site's events miss the
  // cache on devices): its kind, handset, lines and ringing legs, then the rest.
  PartyKind kind = PartyKind::station;
  bool offhook = false;
  int32_t active = kNone;          // the leg the handset is on
  uint32_t watchers = 0;           // boxes with a stake in this device (party_changed, leg_gone, check)
  uint32_t digit_gen = 0;          // invalidates a pending digit timer
  LegList line_leg;                // per line appearance: the leg on it, or kNone
  LegList alerting;                // legs ringing here, oldest first
  double answer_after = -1;        // answers by itself this long after ringing reaches it; < 0: a person answers
  double delay = 0;                // one-way signalling delay to the switch
  const PartyDef* def = nullptr;
  std::string digits;              // keyed at dial tone (or in a call, for feature codes)
};

class Box;
struct Contest;

// Traffic KPIs per offered number (telsim traffic).
struct TrafficStats {
  static constexpr int kBatches = 20;  // batch means for the blocking confidence interval
  uint64_t offered = 0, answered = 0, blocked = 0, abandoned = 0, forwarded = 0, overflowed = 0;
  double talk_seconds = 0;          // answered talk: carried erlangs = talk_seconds / period
  double offered_talk_seconds = 0;  // the talk every first attempt brought: offered erlangs
  uint64_t trunk_blocked = 0;       // of `blocked`: refused a trunk channel on arrival
  // Queues and patience (TQ-3), over the calls not blocked (answered or abandoned): how many
  // waited in a queue at all, their seconds in queues, how many were answered within the
  // service-level time, per batch too for the intervals.
  uint64_t waited = 0, in_service_level = 0;
  double wait_seconds = 0;
  uint64_t retries = 0;  // attempts after the first (TQ-2 --retry): not in `offered`
  // Per batch, what the batch means need, together: a call's outcome touches one cache line of
  // them (a site offering many numbers keeps dozens of these).
  struct Batch {
    uint64_t offered = 0, blocked = 0;  // attempts, and of them blocked
    uint64_t served = 0, waited = 0, in_service_level = 0, abandoned = 0;
    double wait_seconds = 0;
  };
  std::array<Batch, kBatches> batch{};
};

// A contest (SPEC FI-2): under `switch.resolutions = none`, two boxes claimed one decision point
// for one call; the first in the profile's list acted.
struct Contest {
  double at = 0;
  uint32_t call = 0;  // trace id, 0 when no call
  Point point{};
  std::string first, second;  // the boxes' names, the one that acted first
};
// "at 12.000 s, c3: voice-call over forward at arrive"
std::string contest_text(const Contest& c);

class Engine {
 public:
  Engine(const Site& site, const Profile& profile, TraceSink& sink, AccessDelays delays = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // A person acts at a device at time `now` (>= the engine's clock). The action reaches the
  // switch after the device's access delay; with zero delay its consequences at this instant are
  // complete when act returns.
  void act(double now, PartyId party, Action action, std::string_view argument);
  std::optional<PartyId> party_id(std::string_view number) const;

  double now() const { return now_; }
  double next_event_time() const { return queue_.next_time(); }
  // Runs every queued event with time <= t, in order, and sets the clock to t.
  void run_until(double t);

  // Observations for tests, invariants and traffic KPIs.
  size_t live_calls() const { return live_calls_; }
  int trunk_in_use() const { return trunk_in_use_; }
  // Trunk KPIs: channel-seconds in use up to now (occupancy), and seizures refused because every
  // channel was taken (calls blocked at the trunk, either direction).
  double trunk_channel_seconds() const { return trunk_area_ + trunk_in_use_ * (now_ - trunk_since_); }
  uint64_t trunk_refused() const { return trunk_refused_; }
  uint64_t count(Ev e) const { return counts_[static_cast<size_t>(e)]; }
  const Device& device(PartyId p) const { return devices_[p]; }
  const std::string& number(PartyId p) const { return devices_[p].def->number; }
  double timer(const std::string& name) const;
  // The switches in force: the profile's, with the site's `switch` rows over them.
  const Profile& profile() const { return profile_; }
  // The feature boxes this PBX has, in the profile's order; a box by its registry name, or null.
  const std::vector<std::unique_ptr<Box>>& boxes() const { return boxes_; }
  Box* box(std::string_view name) const;
  // Contests recorded under switch.resolutions = none (SPEC FI-2), in the order they happened.
  const std::vector<Contest>& contests() const { return contests_; }

  // Traffic (models/traffic.cc): an anonymous caller on the trunk calls `number` at `now`, talks
  // `talk` seconds after answer and hangs up after `patience` seconds without answer (0: never).
  // `stream` indexes the stats, `batch` (< TrafficStats::kBatches) the batch-means interval.
  void add_traffic_streams(size_t n) { traffic_.assign(n, TrafficStats{}); }
  void offer_outside_call(double now, int stream, PartyId target, int line, double talk, double patience,
                          int batch);
  const std::vector<TrafficStats>& traffic() const { return traffic_; }
  // --retry (TQ-2): a retry attempt of a caller blocked or abandoned before; counted in `retries`,
  // not `offered`. With logging on, every blocked or abandoned traffic attempt is logged (time,
  // stream, talk), for the run loop to draw its retry; the loop takes and clears the log.
  void offer_outside_retry(double now, int stream, PartyId target, double talk, double patience, int batch) {
    retrying_ = true;
    offer_outside_call(now, stream, target, 0, talk, patience, batch);
    retrying_ = false;
  }
  struct RetryNote { double at; int stream; double talk; };
  void log_traffic_retries(bool on) { log_retries_ = on; }
  std::vector<RetryNote>& traffic_retries() { return retry_log_; }
  // A call enters (true) or leaves (false) a hunt group's queue: its wait, for the KPIs (TQ-3).
  void traffic_queue(int32_t call, bool entering);
  // The service-level time (--service-level): a call answered after waiting at most this long.
  void set_service_level(double seconds) { service_level_ = seconds; }
  // Finite sources (--sources): when on, every traffic call that ends is logged (time, stream), so
  // the run loop can make its source idle again; the loop takes and clears the log.
  void log_traffic_ends(bool on) { log_traffic_ends_ = on; }
  std::vector<std::pair<double, int>>& traffic_ends() { return traffic_ends_; }
  // Why the engine stopped early (a broken invariant, a runaway feature loop); "" when healthy.
  const std::string& failure() const { return failure_; }

  // --- trust: invariants checked after every event (models/invariants.cc)
  // `cheap` checks only what the event touched (O(1) per event: for traffic); `full` also walks
  // every call, leg and device after each event (scenario runs, explore, fuzzing). A broken
  // invariant sets failure() to "invariant NAME broken at T s after EVENT: what" and stops the run.
  enum class Checks : uint8_t { off, cheap, full };
  void set_checks(Checks c) { checks_ = c; }
  Checks checks() const { return checks_; }
  // Walks the whole state; "" when every structural invariant holds, else what is broken.
  std::string check_state() const;
  // At the end of a run, when nothing is left to happen: no call is stuck (live with no party that
  // could still end it), and an idle switch holds no trunk channel. Sets failure() when broken.
  void check_end_of_run();
  // Traffic: counts balance at the end (offered = answered + blocked + abandoned + others).
  // `what` lists the terms for the message. Sets failure() when they do not.
  void check_balance(uint64_t offered, uint64_t accounted, const std::string& what);
  // Under `cheap`, the whole-state walk (check_state) still runs every so many events: at least
  // `min_events` apart and at least (devices + legs + calls) / 16 apart, so it costs O(1) per event
  // amortised whatever the site's size (a small site is walked after every event, as under full).
  void set_full_walk_every(uint64_t min_events) { walk_min_events_ = min_events ? min_events : 1; }
  uint64_t full_walks() const { return full_walks_; }  // walks done so far under cheap (for tests)

  // ======================================================================================
  // The call core's operations, for feature boxes (models/box.h). Drivers (sim/, tests) use the
  // API above.
  // --- state
  std::vector<Device> devices_;
  std::vector<Call> calls_;
  std::vector<Leg> legs_;
  // number -> (device, line index; 0 for the device's own number)
  struct Target { PartyId party; int line; };
  std::unordered_map<std::string, Target> numbers_;
  const Site& site_;
  bool tracing() const { return tracing_; }
  // --- decision points (models/decision_point.h)
  void join(Point p, uint8_t box);  // a box takes part in p (boxes join in precedence order)
  // Asks the point's boxes in order; true when one took the decision. Under resolutions=none a
  // second box that wanted it too is recorded as a contest.
  bool decide(Point p, Ask& ask) {
    const auto& table = tables_[static_cast<size_t>(p)];
    if (table.empty()) return false;
    if (record_contests_) note_contest(p, ask);
    for (Box* b : table)
      if (box_decides(b, p, ask)) return true;
    return false;
  }
  void notice(Point p, Ask& ask) {
    for (Box* b : tables_[static_cast<size_t>(p)]) box_notices(b, p, ask);
  }
  bool joined(Point p, uint8_t box) const { return (joined_[static_cast<size_t>(p)] >> box) & 1; }
  // Watching: the core asks a box about a leg, call or device only if the box watches it.
  static uint32_t bit(uint8_t box) { return uint32_t{1} << box; }
  void watch_leg(int32_t leg, uint8_t box) { legs_[leg].watchers |= bit(box); }
  void unwatch_leg(int32_t leg, uint8_t box) { legs_[leg].watchers &= ~bit(box); }
  void watch_call(int32_t call, uint8_t box) { calls_[call].watchers |= bit(box); }
  void watch_device(PartyId p, uint8_t box) { devices_[p].watchers |= bit(box); }
  void unwatch_device(PartyId p, uint8_t box) { devices_[p].watchers &= ~bit(box); }
  // --- the dial plan: feature codes keyed at dial tone. A code that takes a number is followed
  // by it, ended by `#`, by the digit timer, or at once when it is a whole number nothing extends.
  void add_dial_code(const std::string& feature, bool takes_number, uint8_t box, uint8_t code);  // if the profile has it
  void add_to_dial_plan(const std::string& digits);  // a code that acts like a number (before sorting)
  enum class Match { none, partial, complete, complete_or_longer };
  Match match_dialled(const std::string& digits) const;
  std::string profile_code(const char* feature) const;
  // --- timers: a box's timer comes back to the same box (Box::timer)
  void schedule(double after, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner = 0, uint8_t what = 0);
  // A timer of a drawn (random) duration: the heap, not a lane (models/event_queue.h).
  void schedule_drawn(double after, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner = 0, uint8_t what = 0,
                      PartyId near = kNone);
  // --- calls and legs
  int32_t new_call(bool outside);
  int32_t new_leg(int32_t call, PartyId party, LegState state);
  void free_leg(int32_t leg);
  void end_call_if_done(int32_t call);
  bool leg_alive(int32_t leg, uint32_t gen) const {
    return leg != kNone && legs_[leg].gen == gen && legs_[leg].state != LegState::free;
  }
  void offhook(PartyId p);
  // Dial tone for p on a new call: its leg takes line appearance `line` (-1: none of its own, a
  // consultation borrowing a held call's line) and the handset; traces offhook and dialtone.
  int32_t start_dialing(PartyId p, int line);
  void route(int32_t a_leg, const std::string& number);
  void route_to(int32_t a_leg, PartyId target, int line);  // route() after the number lookup
  // A call arrives at a number: the pilot and arrive points decide where it rings; without a box
  // taking it, the called phone rings (and Point::rung is noticed) or the caller hears busy.
  void deliver(int32_t a_leg, PartyId target, int line, bool prime_only = false);
  // Rings the target for the caller, features aside (a hunt overflow, say), or gives the caller
  // busy (after Point::cannot_ring) when it cannot ring.
  void offer(int32_t a_leg, PartyId target, int line);
  // Adds a ringing leg at the target for the call; kNone when the line is taken or the trunk is
  // full (the caller is told nothing: the caller decides what that means).
  int32_t ring(int32_t a_leg, PartyId target, RingInfo info);
  enum class RingFailure { none, busy, trunk, screened };
  const char* screen_reason_ = nullptr;  // RingFailure::screened: the reorder reason
  RingFailure last_ring_failure_ = RingFailure::none;
  void cannot_ring(int32_t a_leg);      // Point::cannot_ring, else busy_or_blocked
  void busy_or_blocked(int32_t a_leg);  // the tone for the last ring() that failed
  void answer(int32_t leg);
  void connect(int32_t a_leg, int32_t b_leg);
  // Stops every leg still ringing for the call, except `keep`.
  void stop_ringing_all(int32_t call, int32_t keep, const char* reason);
  void release_leg(int32_t leg, const char* reason);  // ends a leg and what hangs on it
  void tone(int32_t leg, Ev which, const char* reason = nullptr);
  bool take_trunk(int32_t leg);
  int free_line(PartyId p, int wanted) const;
  // --- hold (core: a held conversation talks no more; the hold box adds the key and recall)
  void put_on_hold(int32_t leg);  // `leg`'s party holds; its peer hears hold (and music)
  // The held party's call rings the station that held it, on the held line, desk phone only.
  void recall_ring(int32_t held_leg, const char* reason);
  // --- multi-party calls (a conference box builds them; SPEC CN-*)
  // Moves `leg` (connected) into call `call`'s members: it talks to every member, has no peer, and
  // leaves its former call (which ends, with reason "conference", when nothing else holds it).
  void bridge(int32_t call, int32_t leg);
  void unbridge(int32_t call, int32_t leg);  // takes `leg` out of the members (free_leg does too)
  // Digits that are no number: Point::unknown_number (the attendant), else reorder (BC-4).
  void unknown_number(int32_t leg, const std::string& digits);
  // --- trace
  // Every event counts and notes what it touched, inline; the rest (a traffic call's forward and
  // overflow counts, the delivery paths of a benchmark site, the sink) only when one is wanted.
  // (Two bodies, not one shared helper: with a helper returning whether the rest is wanted, g++
  // inlined less and hunt10 took 0.8% more instructions.)
  void emit(PartyId p, int32_t call, Ev ev) {
    ++counts_[static_cast<size_t>(ev)];
    if (checks_ != Checks::off) touch(p, call);  // trust: what the event touched, for the checks
    if (tracing_ || benchmark_site_ || ((kTrafficCounts >> static_cast<int>(ev)) & 1)) emit_rest(p, call, ev, {}, false);
  }
  void emit(PartyId p, int32_t call, Ev ev, std::string detail, bool own = false) {
    ++counts_[static_cast<size_t>(ev)];
    if (checks_ != Checks::off) touch(p, call);
    if (tracing_ || benchmark_site_ || ((kTrafficCounts >> static_cast<int>(ev)) & 1))
      emit_rest(p, call, ev, std::move(detail), own);
  }
  uint32_t call_id(int32_t call) const { return call == kNone ? 0 : calls_[call].id; }
  std::string party_name(PartyId p) const;
  // No line free for the handset (held calls fill them): reorder, and keys traced, not lost.
  void no_line_tone(PartyId p);
  void lost_keys(PartyId p, std::string_view keys);
  // --- feature interactions (SPEC 7; models/properties.cc)
  // Who each call reaches on whose behalf (filled from the events emitted, on sites that use a
  // benchmark feature): screening, teen line and caller-id blocking read it.
  DeliveryPaths paths_;
  bool benchmark_site() const { return benchmark_site_; }
  const DeliveryPath* path_of(int32_t call) const { return call == kNone ? nullptr : paths_.find(call, calls_[call].gen); }
  // How party p's number shows at `viewer` in `call`: `withheld` for a CNDB station (SPEC 7).
  std::string shown_name(PartyId p, PartyId viewer, int32_t call) const;
  // Point::screen: whether a box refuses to let `target` ring (or be joined) for the caller's leg;
  // *reason gets the reorder reason (screened, pin).
  bool screen_refuses(int32_t a_leg, PartyId target, const char** reason);
  // A bill for an answered conversation: emitted at `payer` and checked by the billing property.
  void bill(PartyId payer, PartyId other, int32_t call, double seconds, int share);
  // `since`: when the billed conversation started; `by`: the feature billing it (BC, RC, SB).
  void note_bill(PartyId payer, PartyId other, int32_t call, int share, double since, const char* by);
  // A feature property (FI-1) is broken: failure() says "property NAME broken at T s after EVENT:
  // WHAT (features A x B; event: PARTY EVENT DETAIL)".
  void property_broken(const char* name, const std::string& what, std::vector<std::string> features,
                       const std::string& event);
  // --- ring back when free and voice mail (SPEC 7: RBWF, VM; models/properties.cc)
  // A station's forward or DEE sends the call on `a_leg` further (`by`: kPathCF, kPathDEE): the
  // path records it (the last one is the mailbox, VM) and Point::diverted is noticed.
  void diverted(int32_t a_leg, PartyId station, uint16_t by);
  // A feature carried `call` on to a party of `station`'s (DEE: an associated destination answered
  // for it); the path records it, so properties name the feature. `by`: a kPath* bit.
  void carried(int32_t call, PartyId station, uint16_t by) { paths_.carried(call, calls_[call].gen, station, by); }
  // A message was left in `owner`'s mailbox by `caller` in `call`, which makes `count`; the owner
  // heard them (count 0). Checked by the property `voicemail`.
  // `pilot` is the pilot's leg the message was left on (kNone: unknown).
  void note_message(PartyId owner, int32_t call, PartyId caller, int count, int32_t pilot = kNone);
  void note_messages_heard(PartyId owner);
  // The pilot answered leg `pilot` for `a_leg`: the checker notes who sent that call there, since
  // the mailbox is the one chosen then, wherever a transfer or conference moves the leg after.
  void note_pilot_answered(int32_t pilot, int32_t a_leg);
  struct PilotAnswer {
    uint32_t gen = 0, call_id = 0;
    PartyId diverter = kNone;
    uint16_t by = 0, features = 0;
  };
  std::map<int32_t, PilotAnswer> pilot_answers_;  // VM: per pilot leg, the call as the pilot answered it
  // A box whose promise is a property turned on (a ring-back request, a mailbox): the properties
  // are checked from now on, as on a site that uses a benchmark feature from the start.
  void note_benchmark_feature() { benchmark_site_ = true; }
  std::map<PartyId, int> messages_;         // VM: messages per owner since they last listened (the checker's count)
  std::map<uint32_t, int> message_calls_;  // VM: messages left per call id
  void note_device(PartyId p) {  // a device's lines changed: the boxes watching it hear
    if (devices_[p].watchers & joined_[static_cast<size_t>(Point::party_changed)]) party_changed(p);
  }

 private:
  // --- actions (engine.cc)
  void handle(PartyId p, Action action, std::string_view argument);
  void onhook(PartyId p);
  void dial(PartyId p, std::string_view digits);
  void call(PartyId p, std::string_view number);
  void match_numbers(const std::string& digits, bool* exact, bool* longer) const;
  struct DialCode {
    std::string code;
    bool takes_number;
    uint8_t box, id;
  };
  std::vector<DialCode> dial_codes_;  // longest code first
  bool run_dial_code(PartyId p, const std::string& digits);  // false: the digits are no code
  void dialled(PartyId p, const std::string& digits);  // a complete number at dial tone
  void digit_timeout(PartyId p);
  void give_trunk(int32_t leg);
  void stop_alerting(int32_t leg);
  void settle_device(PartyId p, int32_t leg);  // the leg left the device: clear its slots
  void party_changed(PartyId p);
  // --- boxes (models/features/registry.cc builds them)
  static bool box_decides(Box* b, Point p, Ask& ask);
  static void box_notices(Box* b, Point p, Ask& ask);
  bool ask_watchers(uint32_t watchers, Point p, Ask& ask);  // claimed watched points
  void tell_watchers(uint32_t watchers, Point p, Ask& ask);
  void note_contest(Point p, const Ask& ask);
  void build_tables();  // after every box has joined its points
  std::vector<std::unique_ptr<Box>> boxes_;
  std::array<std::vector<Box*>, static_cast<size_t>(Point::count_)> tables_;
  std::array<uint32_t, static_cast<size_t>(Point::count_)> joined_{};
  bool record_contests_ = false;
  std::vector<Contest> contests_;
  friend void install_boxes(Engine& e);
  // --- timers
  void fire(const Timer& t);
  void prefetch_next_timer(const Timer& now) const;
  static constexpr size_t kPrefetchFromLegs = 4096;  // 192 KB of legs: with their calls and devices, past the L2
  bool prefetch_ahead_ = false;
  // --- traffic (models/traffic.cc): the anonymous trunk caller's state, per call slot
  struct TrafficCall { int16_t stream = -1; uint8_t batch = 0; bool blocked = false; double talk = 0;
                       bool waited = false; double queued_since = -1, wait = 0; };
  void traffic_served(TrafficCall& call, bool answered);  // answered or abandoned: its wait counts
  double service_level_ = 20;
  bool retrying_ = false, log_retries_ = false;
  std::vector<RetryNote> retry_log_;
  std::vector<TrafficCall> traffic_calls_;
  void traffic_timer(const Timer& t);   // talk_end: an outside traffic caller hangs up
  void traffic_connected(int32_t a_leg);
  void traffic_tone(int32_t leg);
  void traffic_count(int32_t call, Ev ev);  // forwarded and overflow of a traffic call
  std::vector<TrafficStats> traffic_;
  // --- trust: invariant hooks (models/invariants.cc)
  void note_input(PartyId p, Action action, std::string_view argument);  // before an input is handled
  void note_timer(const Timer& t);                                       // before a timer fires
  void after_event();                                                    // after either
  static constexpr uint64_t kTrafficCounts =
      (uint64_t{1} << static_cast<int>(Ev::forwarded)) | (uint64_t{1} << static_cast<int>(Ev::overflow));
  void emit_rest(PartyId p, int32_t call, Ev ev, std::string detail, bool own);  // emit's slow part
  void touch(PartyId p, int32_t call) {  // emit(): what the event touched (inline: every event)
    // A long instant (a feature loop) must not grow these without bound; the full check covers all.
    if (call != kNone) touched_calls_.add(call);
    if (p != kNone) touched_parties_.add(p);
  }
 public:
  void broken(const char* name, const std::string& what);  // boxes report their own invariants too
  std::string describe_leg(int32_t l) const;
 private:
  std::string check_call(int32_t c) const;
  std::string check_device(PartyId p) const;
  std::string check_counters() const;
  // The checks above as walks that call fail(message-maker) on what is broken (models/invariants.cc).
  template <class Fail> bool counters_sound(Fail&& fail) const;
  template <class Fail> bool call_sound(int32_t c, Fail&& fail) const;
  template <class Fail> bool device_sound(PartyId p, Fail&& fail) const;
  std::string event_label() const;
  friend class EngineTamper;  // tests/invariants_test.cc breaks the state on purpose
  // --- feature properties (models/properties.cc)
  bool benchmark_site_ = false;  // a party uses OCS, TCS, CNDB, TL, RC or SB
  bool withheld_any_ = false;
  void note_path(PartyId p, int32_t call, Ev ev);
  void check_withheld(PartyId p, int32_t call, Ev ev, const std::string& detail);
  void check_properties(int32_t call);
  std::map<std::tuple<uint32_t, PartyId, PartyId, int64_t>, int> bill_shares_;
  Checks checks_ = Checks::full;
  struct EventNote { bool timer = false; TimerKind kind{}; uint8_t owner = 0; uint8_t what = 0; PartyId party = kNone;
                     Action action{}; std::string argument; int32_t slot = kNone; double at = 0; };
  EventNote event_;
  TouchedList touched_calls_;
  TouchedList touched_parties_;
  uint64_t walk_min_events_ = 1, events_since_walk_ = 0, full_walks_ = 0;  // cheap: the walk's interval

  Profile profile_;  // the profile with the site's switch rows applied
  bool log_traffic_ends_ = false;
  std::vector<std::pair<double, int>> traffic_ends_;
  TraceSink& sink_;
  bool tracing_;
  AccessDelays delays_;
  double now_ = 0;
  EventQueue queue_;
  std::string failure_;
  uint64_t events_this_instant_ = 0;

  std::vector<std::string> dial_plan_;  // sorted: every number and feature code
  std::vector<int32_t> free_calls_;
  std::vector<int32_t> free_legs_;
  uint32_t next_call_id_ = 1;
  size_t live_calls_ = 0;
  int trunk_in_use_ = 0;
  double trunk_area_ = 0, trunk_since_ = 0;  // channel-seconds up to trunk_since_
  uint64_t trunk_refused_ = 0;
  std::array<uint64_t, static_cast<size_t>(Ev::count_)> counts_{};

  // Actions that reach the switch later than they were made (non-zero access delay).
  struct PendingInput { PartyId party; Action action; std::string argument; };
  std::vector<PendingInput> pending_;
  std::vector<int32_t> free_pending_;
};

}  // namespace telsim
