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
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/action.h"
#include "models/event_queue.h"
#include "models/profile.h"
#include "models/site.h"
#include "models/trace_event.h"

namespace telsim {

using PartyId = int32_t;
constexpr int32_t kNone = -1;

enum class LegState : uint8_t {
  free,       // slot not in use
  dialing,    // off hook at dial tone, collecting digits
  ringback,   // the caller's leg while the far end rings
  alerting,   // the called phone rings
  connected,  // talking
  tone,       // busy, reorder or blocked tone until the person hangs up
};

// Call forward types (CF-1); `none` when nothing is registered.
enum class ForwardType : uint8_t { none, all, busy, no_answer, busy_no_answer };
// Why a call is offered to a station: Dynamic Extension Express follows only ordinary calls
// (DE-2; seed 000: hunt group calls, hunt announcement/overflow calls and transfer, hold, conference
// and attendant recalls ring the prime desk phone only). Features that offer such a call set
// Call::offered_as before deliver(); ring() on a station always rings that one phone.
enum class CallType : uint8_t {
  ordinary, hunt, overflow, recall_transfer, recall_hold, recall_conference, recall_attendant,
  handoff,  // the leg a Handoff push rings (its own call id, SPEC 2)
};
// True when DEE rings a main extension's associated destinations for a call of this type.
bool dee_applies(CallType why);

// A party's part in one call.
struct Leg {
  uint32_t gen = 0;
  int32_t call = kNone;
  PartyId party = kNone;  // kNone: an anonymous caller on the trunk (traffic)
  int16_t line = -1;      // which line appearance of a station it occupies
  LegState state = LegState::free;
  bool outside = false;     // holds a trunk channel
  bool originator = false;  // the leg that placed the call
  PartyId billed_to = kNone;  // an outside leg the PBX placed: who pays for it
  double connected_at = 0;
  int32_t peer = kNone;  // the other leg of the conversation (or of the ringing)
  // --- transfer, hold, recall (models/transfer.cc)
  bool held = false;          // this leg's party holds the conversation (the peer is the held party)
  uint32_t recall_token = 0;  // matches the pending hold-recall / transfer-recall timer (0: none)
  PartyId recall_to = kNone;  // a blind-transferred caller's leg: the transferor it returns to (TR-8)
  // Dynamic Extension Express / Handoff (models/handoff.cc)
  PartyId for_main = kNone;      // rung or pulled as an associated destination of this main
  PartyId handoff_main = kNone;  // one of the two talking legs of this main's pending handoff
  bool lifted = false;           // a mobile/home handoff leg answered but not yet accepted (#)
};

// One call, from its first digits to its end.
struct Call {
  uint32_t gen = 0;
  uint32_t id = 0;        // trace id (c1, c2, ...)
  bool live = false;
  bool outside = false;   // started by an external or mobile party (else intercom)
  uint8_t hops = 0;       // forward hops so far
  int32_t a_leg = kNone;  // the caller
  int32_t b_leg = kNone;  // the called side once answered (or the one leg ringing)
  std::vector<int32_t> ringing;  // called-side legs ringing for the caller now (several at once
                                 // for ring-all hunting or associated destinations)
  // --- call forward (forwarding.cc)
  bool voice = false;  // a voice call (`voice-call`): announced on the speaker, never forwarded
  // --- hunt groups and traffic (models/hunt.cc, models/traffic.cc)
  int32_t hunt = kNone;     // a hunt call: the group hunting for it now (rings prime desk phones only,
                            // members' forwarding and associated destinations do not apply)
  int32_t hunt_pos = -1;    // the member tried last for this call (linear/circular cursor)
  int32_t hunt_first = -1;  // the member tried first (circular: once round)
  uint16_t hunt_tries = 0;  // members tried for this call in this group
  uint8_t hunt_overflows = 0;  // overflow hops so far (bounds chains of groups overflowing)
  int16_t stream = -1;      // traffic: the offered number's index (else -1)
  uint8_t batch = 0;        // traffic: the batch for the blocking confidence interval
  bool traffic_blocked = false;
  double talk = 0;          // traffic: seconds the outside caller talks after answer
  CallType offered_as = CallType::ordinary;  // why it is offered (DE-2)
  PartyId dee_main = kNone;  // rings a main extension's associated destinations (DE-1)

  // --- trust (models/invariants.cc)
  const char* end_reason = nullptr;  // why its last leg went (hangup, busy, ...): every call ends with one
};

// What a ringing phone is told besides the caller: the line rung and why it rings.
struct RingInfo {
  int line = 0;                // line appearance index at the station
  const char* reason = nullptr;  // ringing reason= (voice, recall, handoff, ...), or none
};

// A device at a number: a phone, an outside party, a voice mail pilot, a hunt pilot.
struct Device {
  const PartyDef* def = nullptr;
  PartyKind kind = PartyKind::station;
  double delay = 0;                // one-way signalling delay to the switch
  std::vector<int32_t> line_leg;   // per line appearance: the leg on it, or kNone
  int32_t active = kNone;          // the leg the handset is on
  bool offhook = false;
  std::string digits;              // keyed at dial tone (or in a call, for feature codes)
  uint32_t digit_gen = 0;          // invalidates a pending digit timer
  std::vector<int32_t> alerting;   // legs ringing here, oldest first
  // --- call forward (forwarding.cc)
  ForwardType forward = ForwardType::none;  // the registered forward (one at a time, CF-3)
  std::string forward_to;                   // its destination number
  // Calls ringing here when the forward was registered (leg, generation): until each is answered
  // or gone, the forward is not yet in effect (CF-2).
  std::vector<std::pair<int32_t, uint32_t>> forward_waiting;
  // --- hunt groups (hunt.cc)
  int32_t hunt_member = kNone;     // hunt groups: first of this device's memberships (else kNone)
  // --- transfer (models/transfer.cc): this station's transfer in progress, if any
  uint8_t xfer_phase = 0;          // 0 none, 1 keying the target number, 2 consultation
  bool xfer_attended = false;
  int32_t xfer_held = kNone;       // the station's own leg of the call being transferred (held)
  uint32_t xfer_held_gen = 0;
  int32_t xfer_consult = kNone;    // the station's leg of the consultation call
  uint32_t xfer_consult_gen = 0;
  std::string xfer_digits;         // the target number keyed so far
  int32_t special_leg = kNone;     // Special pressed in the call on this leg: digits go to it (Mitel)
  uint32_t special_gen = 0;
  std::string special_digits;
};

// Hunt groups (SPEC HG-1..HG-4), built from the site's hunt rows.
struct HuntGroup {
  enum Algorithm : uint8_t { linear, circular, ring_all, longest_idle };
  PartyId pilot = kNone;
  Algorithm algorithm = linear;
  double no_answer = 0;           // 0: a member rings until the caller hangs up
  PartyId overflow = kNone;
  std::string announcement;
  std::vector<PartyId> members;
  std::vector<uint64_t> idle_bits;  // bit i set: member i is idle (find-first in O(M/64))
  std::vector<double> idle_since;   // when member i last became idle
  std::vector<double> busy_total;   // seconds member i was busy, up to busy_since
  std::vector<double> busy_since;
  // longest-idle: idle members in a heap keyed (idle_since, index), with positions for removal
  std::vector<int32_t> heap, heap_pos;
  int32_t last = -1;              // circular: the member chosen last
  uint64_t calls = 0, overflowed = 0, blocked = 0;
};

// Traffic KPIs per offered number (telsim traffic).
struct TrafficStats {
  static constexpr int kBatches = 20;  // batch means for the blocking confidence interval
  uint64_t offered = 0, answered = 0, blocked = 0, abandoned = 0, forwarded = 0, overflowed = 0;
  double talk_seconds = 0;          // answered talk: carried erlangs = talk_seconds / period
  double offered_talk_seconds = 0;  // the talk every first attempt brought: offered erlangs
  uint64_t trunk_blocked = 0;       // of `blocked`: refused a trunk channel on arrival
  std::array<uint64_t, kBatches> batch_offered{}, batch_blocked{};
};

class Engine {
 public:
  Engine(const Site& site, const Profile& profile, TraceSink& sink, AccessDelays delays = {});

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
  // --- hunt groups and traffic (models/hunt.cc, models/traffic.cc)
  const std::vector<HuntGroup>& hunt_groups() const { return hunt_groups_; }
  // Traffic: an anonymous caller on the trunk calls `number` at `now`, talks `talk` seconds after
  // answer and hangs up after `patience` seconds without answer (0: never). `stream` indexes the
  // stats, `batch` (< TrafficStats::kBatches) the batch-means interval.
  void add_traffic_streams(size_t n) { traffic_.assign(n, TrafficStats{}); }
  void offer_outside_call(double now, int stream, PartyId target, int line, double talk, double patience,
                          int batch);
  const std::vector<TrafficStats>& traffic() const { return traffic_; }
  // Finite sources (--sources): when on, every traffic call that ends is logged (time, stream), so
  // the run loop can make its source idle again; the loop takes and clears the log.
  void log_traffic_ends(bool on) { log_traffic_ends_ = on; }
  std::vector<std::pair<double, int>>& traffic_ends() { return traffic_ends_; }
  // Busy seconds of a member up to now (occupancy).
  double member_busy_seconds(int group, int member) const;
  // Why the engine stopped early (a broken invariant, a runaway feature loop); "" when healthy.
  const std::string& failure() const { return failure_; }

  // --- Dynamic Extension Express and Handoff (models/handoff.cc; SPEC DE-1..DE-8)
  // The devices a call of type `why` to `main` rings: the main's own (prime desk) phone first,
  // then its associated stations, mobile, home and voice mail (voice mail answers only on no
  // answer). Just {main} when DEE is off, the station has no associated destination besides
  // voice mail, or the call type does not follow DEE (DE-2).
  std::vector<PartyId> ring_set(PartyId main, CallType why) const;
  // The main extension a device is an associated destination of (itself for a main), or kNone.
  PartyId main_of(PartyId p) const { return p >= 0 && p < (PartyId)main_of_.size() ? main_of_[p] : kNone; }
  bool handoff_pending(PartyId main) const {
    return main >= 0 && main < (PartyId)handoffs_.size() && handoffs_[main].active;
  }

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

 private:
  // --- actions (engine.cc)
  void handle(PartyId p, Action action, std::string_view argument);
  void offhook(PartyId p);
  void onhook(PartyId p);
  void dial(PartyId p, std::string_view digits);
  void call(PartyId p, std::string_view number);
  void answer(int32_t leg);
  // --- dial plan
  enum class Match { none, partial, complete, complete_or_longer };
  Match match_dialled(const std::string& digits) const;
  void match_numbers(const std::string& digits, bool* exact, bool* longer) const;
  // Feature codes keyed at dial tone. A code that takes a number is followed by it, ended by `#`,
  // by the digit timer, or at once when it is a whole number of the dial plan nothing extends.
  using CodeHandler = void (Engine::*)(PartyId p, const std::string& feature, const std::string& number);
  struct DialCode {
    std::string code;
    std::string feature;  // the profile's name for it (code.FEATURE)
    bool takes_number;
    CodeHandler run;
  };
  std::vector<DialCode> dial_codes_;  // longest code first
  void add_dial_code(const std::string& feature, bool takes_number, CodeHandler run);  // if the profile has it
  bool run_dial_code(PartyId p, const std::string& digits);  // false: the digits are no code
  void dialled(PartyId p, const std::string& digits);  // a complete number at dial tone
  void digit_timeout(PartyId p);
  // --- call set-up and tear-down
  int32_t new_call(bool outside);
  int32_t new_leg(int32_t call, PartyId party, LegState state);
  void free_leg(int32_t leg);
  void end_call_if_done(int32_t call);
  void route(int32_t a_leg, const std::string& number);
  // A call arrives at a station's number: where forwarding, multi-line hunting and associated
  // destinations decide where it rings. Without those, it is `offer`.
  void deliver(int32_t a_leg, PartyId target, int line);
  // Rings the target for the caller, or gives the caller busy when the line is taken.
  void offer(int32_t a_leg, PartyId target, int line);
  // Adds a ringing leg at the target for the call; kNone when the line is taken or the trunk is
  // full (the caller is told nothing: the caller decides what that means).
  int32_t ring(int32_t a_leg, PartyId target, RingInfo info);
  enum class RingFailure { none, busy, trunk };
  RingFailure last_ring_failure_ = RingFailure::none;
  void connect(int32_t a_leg, int32_t b_leg);
  // Stops every leg still ringing for the call, except `keep`.
  void stop_ringing_all(int32_t call, int32_t keep, const char* reason);
  void release_leg(int32_t leg, const char* reason);  // ends a leg and what hangs on it
  void tone(int32_t leg, Ev which, const char* reason = nullptr);
  bool take_trunk(int32_t leg);
  void give_trunk(int32_t leg);
  int free_line(PartyId p, int wanted) const;
  void stop_alerting(int32_t leg);
  void settle_device(PartyId p, int32_t leg);  // the leg left the device: clear its slots
  // --- call forward and multi-line hunting (forwarding.cc)
  void init_forwarding();
  void forward_step(PartyId p, std::string_view argument);  // the `forward` step
  void forward_code(PartyId p, const std::string& feature, const std::string& number);
  // Registers (or with `none` cancels) a forward; false when the destination is refused.
  bool register_forward(PartyId p, ForwardType type, const std::string& to);
  // deliver's hook: true when forwarding, multi-line hunting or a voice call decided the call.
  bool forward_at_delivery(int32_t a_leg, PartyId target, int line);
  // The forward that applies to a call reaching the station's line now, or `none`.
  ForwardType forward_applies(int32_t a_leg, PartyId target, int line);
  bool forward_in_effect(PartyId p);  // registered, and no call from before it still rings (CF-2)
  void forward_call(int32_t a_leg, PartyId from, ForwardType type, bool stop_ringing);
  void forward_no_answer(int32_t leg, uint32_t gen);  // the no-answer timer of a ringing leg
  int hunt_line(PartyId p, int wanted) const;  // MLH: the called line if free, else the next free
  void voice_call(PartyId p, std::string_view number);
  // --- transfer, hold, recall and pickup (models/transfer.cc; SPEC TR-*, PU-*, HR-*)
  void incall_digits(PartyId p, std::string_view digits);  // digits keyed in a call
  void incall_key(PartyId p, char c);
  void incall_digit_timeout(PartyId p);
  bool transfer_onhook(PartyId p);                 // true: hanging up was a transfer's business
  bool transfer_unreachable(int32_t a_leg);        // offer() could not ring: true if handled here
  void init_transfer();                            // registers the pickup dial code
  void pickup_code(PartyId p, const std::string& feature, const std::string& ext);  // *8<ext> (PU-*)
  void press_key(PartyId p, std::string_view key);
  void hold_call(PartyId p);
  void retrieve_call(PartyId p);
  void transfer_timer(const Timer& t);
  bool leg_alive(int32_t leg, uint32_t gen) const;
  bool xfer_check(PartyId p);                      // drops a transfer whose call has gone
  void put_on_hold(int32_t leg);
  void start_transfer(PartyId p, bool attended, bool by_code);
  void finish_number(PartyId p);
  void blind_transfer(PartyId p, PartyId target, int line, const std::string& number);
  bool send_transferred(int32_t x_leg, PartyId by, PartyId target, int line);
  void complete_consultation(PartyId p);
  void drop_consultation(PartyId p);
  void transfer_return(PartyId p, const char* reason);
  void back_with_held(PartyId p);
  void recall_ring(int32_t held_leg, const char* reason);
  void transfer_recall(int32_t x_leg);
  void hold_recall(int32_t leg);
  std::string profile_code(const char* feature) const;
  uint32_t next_recall_token_ = 1;
  // --- timers
  void fire(const Timer& t);
  void schedule(double after, TimerKind kind, int32_t slot, uint32_t gen, uint8_t arg = 0);
  // --- trace
  bool tracing() const { return tracing_; }
  void emit(PartyId p, int32_t call, Ev ev, std::string detail = {}, bool own = false);
  uint32_t call_id(int32_t call) const { return call == kNone ? 0 : calls_[call].id; }
  std::string party_name(PartyId p) const;
  // --- trust: invariant hooks (models/invariants.cc)
  void note_input(PartyId p, Action action, std::string_view argument);  // before an input is handled
  void note_timer(const Timer& t);                                       // before a timer fires
  void after_event();                                                    // after either
  void touch(PartyId p, int32_t call);                                   // emit(): what the event touched
  void broken(const char* name, const std::string& what);
  std::string check_call(int32_t c) const;
  std::string check_device(PartyId p) const;
  std::string check_counters() const;
  std::string event_label() const;
  std::string describe_leg(int32_t l) const;
  friend class EngineTamper;  // tests/invariants_test.cc breaks the state on purpose
  static constexpr long kUnknownHops = -1000;
  mutable long max_hops_ = kUnknownHops;  // switch.forward-max-hops, read once
  Checks checks_ = Checks::full;
  struct EventNote { bool timer = false; TimerKind kind{}; PartyId party = kNone; Action action{};
                     std::string argument; int32_t slot = kNone; double at = 0; };
  EventNote event_;
  std::vector<int32_t> touched_calls_;
  std::vector<PartyId> touched_parties_;

  // --- hunt groups and traffic (models/hunt.cc, models/traffic.cc)
  void build_hunt_groups();
  void route_to(int32_t a_leg, PartyId target, int line);  // route() after the number lookup
  void hunt(int32_t a_leg, PartyId pilot);       // a call reaches a hunt pilot
  void hunt_next(int32_t a_leg);                 // ring the next member(s) or overflow
  void hunt_exhausted(int32_t a_leg);            // no member free or none answered
  int hunt_pick(HuntGroup& g, int32_t call);     // the next member index by the algorithm, or -1
  void hunt_no_answer(const Timer& t);
  bool member_idle(PartyId p) const;
  void note_device(PartyId p) {  // a device's lines changed: hunt groups track idle members
    if (devices_[p].hunt_member != kNone) hunt_member_changed(p);
  }
  void hunt_member_changed(PartyId p);
  void set_member_idle(HuntGroup& g, int i, bool idle);
  void heap_up(HuntGroup& g, int32_t pos);
  void heap_down(HuntGroup& g, int32_t pos);
  void heap_remove(HuntGroup& g, int i);
  void heap_insert(HuntGroup& g, int i);
  void traffic_timer(const Timer& t);   // talk_end: an outside traffic caller hangs up
  void traffic_connected(int32_t a_leg);
  void traffic_tone(int32_t leg);
  std::vector<HuntGroup> hunt_groups_;
  std::vector<int32_t> hunt_of_pilot_;  // per device: its hunt group index, or kNone
  struct Membership { int32_t group, index, next; };
  std::vector<Membership> memberships_;  // linked per device through Device::hunt_member
  std::vector<TrafficStats> traffic_;
  bool log_traffic_ends_ = false;
  std::vector<std::pair<double, int>> traffic_ends_;
  // --- Dynamic Extension Express and Handoff (models/handoff.cc)
  struct Handoff {
    bool active = false;  // a push rings the associated destinations now
    uint32_t gen = 0;     // invalidates the handoff timer
    int32_t call = kNone;  // the handoff's own call; its a_leg is an anchor standing for the far party
    int32_t from = kNone;  // the pushing phone's leg (keeps the audio until one accepts)
    int32_t far = kNone;   // the far party's leg
    PartyId by = kNone;    // the pushing phone
  };
  enum class HandoffEnd { cancelled, timed_out, abandoned };
  static constexpr uint8_t kTimerHandoff = 0x50;        // TimerKind::feature arg
  static constexpr uint8_t kTimerDeeVoicemail = 0x51;   // TimerKind::feature arg
  std::vector<Handoff> handoffs_;  // per main extension
  std::vector<PartyId> main_of_;   // per device
  bool dee_ = false;               // profile switch dynamic-extension-express
  std::string handoff_code_;       // "" when DEE is off or the profile has no code.handoff
  void init_dee();
  bool dee_deliver(int32_t a_leg, PartyId target, int line);
  // Rings the main's associated destinations (but voice mail) beside its desk phone, already rung
  // for the call; voice mail takes the call at the no-answer time when `voicemail_timer`.
  void dee_ring_associates(int32_t a_leg, PartyId main, int line, bool voicemail_timer);
  void dee_voicemail(int32_t desk_leg);
  void press_special(PartyId p);
  bool handoff_digits(PartyId p, std::string_view digits);  // in-call digits; true when taken
  bool handoff_dialled(PartyId p, const std::string& digits);  // at dial tone; true when taken
  void handoff_push_or_cancel(PartyId p);
  void handoff_pull(PartyId p);
  bool handoff_answer(int32_t leg);  // answer() of a handoff leg; true when handled
  void handoff_accept(int32_t leg);
  void handoff_end(PartyId main, HandoffEnd how);
  void handoff_leg_gone(int32_t leg);  // free_leg of a talking leg of a pending handoff
  bool feature_timer_dee(const Timer& t);
  void no_call_to_handoff(PartyId p);
  bool can_handoff(PartyId p) const;  // an internal destination that may push and be pulled to

  const Site& site_;
  const Profile& profile_;
  TraceSink& sink_;
  bool tracing_;
  AccessDelays delays_;
  double now_ = 0;
  EventQueue queue_;
  std::string failure_;
  uint64_t events_this_instant_ = 0;

  std::vector<Device> devices_;
  // number -> (device, line index; -1 for the device's own number)
  struct Target { PartyId party; int line; };
  std::unordered_map<std::string, Target> numbers_;
  std::vector<std::string> dial_plan_;  // sorted: every number and feature code

  std::vector<Call> calls_;
  std::vector<int32_t> free_calls_;
  std::vector<Leg> legs_;
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
