// Traffic (telsim traffic, SPEC 3): anonymous callers from outside, offered by sim/traffic.cc. They
// enter through the same route as any call from the trunk (trunk channel, hunt groups, the
// station's own features), talk for their drawn time after answer and hang up; one that hears a
// tone (busy, blocked, reorder) hangs up at once; one that waits longer than its patience abandons.
// Its state is the core's side table traffic_calls_ (per call slot), not fields of Call.
#include "models/engine.h"

namespace telsim {

namespace {
constexpr uint8_t kHangUp = 0;   // talk_end arg: the talk time is over, or a tone was heard
constexpr uint8_t kAbandon = 1;  // talk_end arg: patience ran out while waiting for an answer
}  // namespace

void Engine::offer_outside_call(double now, int stream, PartyId target, int line, double talk, double patience,
                                int batch) {
  run_until(now);
  int32_t c = new_call(true);
  TrafficCall& tc = traffic_calls_[c];
  tc.stream = static_cast<int16_t>(stream);
  tc.batch = static_cast<uint8_t>(batch);
  tc.talk = talk;
  TrafficStats& st = traffic_[stream];
  if (retrying_) {
    ++st.retries;
  } else {
    ++st.offered;
    st.offered_talk_seconds += talk;
  }
  ++st.batch[batch].offered;  // attempts: the batches' blocking and abandoned shares
  int32_t a = new_leg(c, kNone, LegState::dialing);
  legs_[a].originator = true;
  calls_[c].a_leg = a;
  uint32_t gen = legs_[a].gen;
  // The caller reaches the switch over the trunk and holds a channel from here on.
  if (!take_trunk(a)) {
    ++st.trunk_blocked;  // counted in `blocked` too, by the tone
    tone(a, Ev::blocked, "trunk");
    return;
  }
  route_to(a, target, line);
  if (patience > 0 && legs_[a].gen == gen && legs_[a].state == LegState::ringback)
    schedule(patience, TimerKind::talk_end, a, gen, 0, kAbandon);
}

void Engine::traffic_count(int32_t c, Ev ev) {
  const TrafficCall& call = traffic_calls_[c];
  if (call.stream < 0) return;
  if (ev == Ev::forwarded) ++traffic_[call.stream].forwarded;
  else ++traffic_[call.stream].overflowed;
}

void Engine::traffic_queue(int32_t c, bool entering) {
  TrafficCall& call = traffic_calls_[c];
  if (call.stream < 0) return;
  if (entering) {
    call.waited = true;
    call.queued_since = now_;
  } else if (call.queued_since >= 0) {
    call.wait += now_ - call.queued_since;
    call.queued_since = -1;
  }
}

// A call answered or abandoned (not blocked): p_wait, wait_mean and service_level count it. An
// abandoned call's wait runs to its hang-up; a call answered after waiting counts its queue time.
void Engine::traffic_served(TrafficCall& call, bool answered) {
  if (call.queued_since >= 0) {  // still in a queue: it is hanging up there
    call.wait += now_ - call.queued_since;
    call.queued_since = -1;
  }
  TrafficStats& st = traffic_[call.stream];
  const int b = call.batch;
  ++st.batch[b].served;
  st.wait_seconds += call.wait;
  st.batch[b].wait_seconds += call.wait;
  if (call.waited) {
    ++st.waited;
    ++st.batch[b].waited;
  }
  if (answered && call.wait <= service_level_ + 1e-9) {
    ++st.in_service_level;
    ++st.batch[b].in_service_level;
  }
  if (!answered) ++st.batch[b].abandoned;
}

void Engine::traffic_connected(int32_t a_leg) {
  TrafficCall& call = traffic_calls_[legs_[a_leg].call];
  if (call.stream < 0) return;
  ++traffic_[call.stream].answered;
  traffic_served(call, true);
  // The hang-up will settle the answering device too: a hint to fetch it ahead (models/engine.cc).
  const int32_t peer = prefetch_ahead_ ? legs_[a_leg].peer : kNone;
  const PartyId answerer = peer == kNone ? kNone : legs_[peer].party;
  schedule_drawn(call.talk, TimerKind::talk_end, a_leg, legs_[a_leg].gen, 0, kHangUp, answerer);
}

void Engine::traffic_tone(int32_t leg) {
  TrafficCall& call = traffic_calls_[legs_[leg].call];
  if (call.stream >= 0 && !call.blocked) {
    call.blocked = true;
    TrafficStats& st = traffic_[call.stream];
    ++st.blocked;
    ++st.batch[call.batch].blocked;
    if (log_retries_) retry_log_.push_back(RetryNote{now_, call.stream, call.talk});
  }
  schedule(0, TimerKind::talk_end, leg, legs_[leg].gen, 0, kHangUp);
}

void Engine::traffic_timer(const Timer& t) {
  Leg& l = legs_[t.slot];
  if (l.gen != t.gen || l.state == LegState::free) return;
  TrafficCall& call = traffic_calls_[l.call];
  if (t.what == kAbandon) {
    if (l.state == LegState::connected || l.state == LegState::tone) return;
    if (call.stream >= 0) {
      ++traffic_[call.stream].abandoned;
      traffic_served(call, false);
      if (log_retries_) retry_log_.push_back(RetryNote{now_, call.stream, call.talk});
    }
  } else if (l.state == LegState::connected) {
    if (call.stream >= 0) traffic_[call.stream].talk_seconds += now_ - l.connected_at;
  } else if (l.state != LegState::tone) {
    return;  // a stale talk timer of a leg that is no longer talking
  }
  release_leg(t.slot, "hangup");
}

}  // namespace telsim
