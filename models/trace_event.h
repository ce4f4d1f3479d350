// The trace vocabulary (SPEC 2): what happens at a party, when, in which call.
// Events are plain data; their detail text is built only when a sink wants it, so traffic runs
// that keep no trace pay nothing for formatting.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telsim {

enum class Ev : uint8_t {
  offhook, onhook, dialtone, digits, ringing, ringback, stop_ringing, connected, released, busy,
  reorder, confirmation, forwarded, hold, music_on_hold, retrieved, recall, transfer,
  transfer_complete, transfer_return, pickup, handoff, display, prompt, hunt, overflow, voicemail,
  blocked, billed,
  call_waiting, camp_on,  // SPEC 6: the waiting tone at a busy phone; a caller camps on
  conference,  // size=: at every member when a conference forms or its size changes (SPEC 6, CN-*)
  queued, dequeued,  // hunt group queues (TQ-1)
  ring_back,        // RBWF (SPEC 7): to= at the caller when its ring-back request is registered
  message_waiting,  // VM (SPEC 7): count= (and from=, the last message's caller) at a mailbox's owner
  count_  // keep last
};

// The event's name as the trace and the scenario files spell it ("stop-ringing").
std::string_view ev_name(Ev e);
std::optional<Ev> ev_from_name(std::string_view name);
// Events whose detail is free text (compared whole), not key=value words.
inline bool ev_detail_is_text(Ev e) { return e == Ev::display || e == Ev::prompt; }
// The detail keys an event may carry, in the order the trace writes them (SPEC 2, extended).
const std::vector<std::string_view>& ev_keys(Ev e);

struct TraceEvent {
  double time = 0;      // seconds of virtual time
  uint32_t call = 0;    // 1-based call id (c1, c2, ...); 0 = no call
  std::string party;    // the number of the party it happens at
  Ev event = Ev::offhook;
  std::string detail;   // "key=value ..." in vocabulary order, or free text for display/prompt
};

// Where the engine sends its events. `wants_detail` lets the engine skip building detail text.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual bool wants_events() const { return true; }
  virtual void record(TraceEvent&& e) = 0;
};

class VectorSink : public TraceSink {
 public:
  void record(TraceEvent&& e) override { events.push_back(std::move(e)); }
  std::vector<TraceEvent> events;
};

// Counts events by kind without keeping them: what traffic runs use.
class CountingSink : public TraceSink {
 public:
  bool wants_events() const override { return false; }
  void record(TraceEvent&&) override {}
};

}  // namespace telsim
