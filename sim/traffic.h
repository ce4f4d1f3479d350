// telsim traffic (SPEC 3): Poisson calls from outside against a site, through the feature engine,
// on SimGrid. Like scenario_run.cc, the only other SimGrid user: two long-lived actors, and SimGrid
// operations per batch of calls, not per call.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/engine.h"
#include "sim/scenario.h"

namespace telsim {

struct TrafficOptions {
  std::vector<std::pair<std::string, double>> offers;  // number, busy-hour call attempts
  uint64_t calls = 0;      // total over all offered numbers
  double talk = 0;         // mean talk time after answer, seconds (exponential)
  uint64_t seed = 1;
  double patience = 60;    // a caller hangs up after this much waiting without answer (0: never)
  bool patience_exp = false;  // --patience-dist exp: each caller's patience exponential of mean `patience`
  double retry = 0;        // --retry P: a blocked or abandoned caller tries again with probability P
  double retry_after = 0;  // --retry-after S: after an exponential time of mean S
  double service_level = 20;  // --service-level S: answered after waiting at most S seconds
  double interval = 0;     // --interval S: the stats so far every S seconds of virtual time (0: none)
  uint32_t sources = 0;    // finite sources per offered number (0: infinitely many, Poisson); with
                           // them, an offer's BHCA is the calling rate of one idle source
  bool progress = false;   // draw a progress bar on stderr once the run takes over a second
  bool trace = false;      // keep the per-call trace (memory grows with the calls)
  // SIGINT or SIGTERM ends the run early: no more calls are offered, the calls in progress end,
  // and the KPIs are those of the calls offered so far (a second signal ends the process).
  bool stop_on_signal = false;
};

struct HuntOccupancy {
  std::string pilot, algorithm;
  std::vector<std::string> members;
  std::vector<double> busy_seconds;  // per member, over the measured period
  uint64_t calls = 0, overflowed = 0, blocked = 0;
  // Its queue (TQ-1), when it has one: calls that waited, handed to a member, hung up waiting, sent
  // on at max-wait, refused for a full queue; the most waiting at once.
  bool has_queue = false;
  uint64_t queued = 0, served = 0, queue_abandoned = 0, max_wait = 0, queue_full = 0;
  size_t longest_queue = 0;
};

struct TrafficResult {
  std::vector<std::string> numbers;  // offered numbers, in --offer order
  std::vector<TrafficStats> stats;   // per offered number
  std::vector<HuntOccupancy> hunts;
  double period = 0;    // measured period: time 0 to the last arrival, seconds
  double end_time = 0;  // when the last call ended (or the run's horizon)
  uint64_t forwarded = 0, overflowed = 0;  // engine-wide event counts
  int trunk_channels = -1;                 // the site's (-1: unlimited)
  double trunk_busy_seconds = 0;           // channel-seconds in use over the measured period
  uint64_t trunk_refused = 0;              // seizures refused, every channel taken (both directions)
  std::vector<TraceEvent> trace;           // only with TrafficOptions::trace
  // --interval: the stats so far (cumulative, per offered number) at the end of every interval,
  // the last one at the end of the run; at most kMaxIntervals rows.
  struct IntervalMark { double end; std::vector<TrafficStats> stats; };
  std::vector<IntervalMark> intervals;
  std::string failure;
  int stopped_by = 0;       // the signal that ended the run early, or 0
  uint64_t offered = 0;     // calls offered (fewer than asked when stopped)
};

// The most --calls may ask for, and the most virtual time the offered calls may span: the
// loader's 10^9 s (sim/numbers.h), so the engine's clock stays in range.
constexpr uint64_t kMaxTrafficCalls = 1000000000;
constexpr size_t kMaxIntervals = 100000;

// Throws InputError (exit 2) for an offered number the site does not define or bad values.
TrafficResult run_traffic(const Scenario& site, const TrafficOptions& options);

// Blocking ratio and the half-width of its 95% confidence interval by batch means.
std::pair<double, double> blocking_ci95(const TrafficStats& s);

// The queue and patience figures of one offered number (TQ-3), each with its 95% half-width by
// batch means (NaN when fewer than 2 batches have calls): p_wait and wait_mean over the calls
// answered or abandoned, service_level the share of those answered within the service-level time,
// abandoned the share of offered calls.
struct Figure { double value = 0, ci95 = 0; };
struct QueueKpis { Figure p_wait, wait_mean, service_level, abandoned; };
QueueKpis queue_kpis(const TrafficStats& s);
// Fewer calls than this in a batch make its intervals a guess: the report warns.
constexpr uint64_t kFewCallsPerBatch = 30;
// "" when every batch has enough calls, else the warning's text.
std::string few_calls_warning(const TrafficStats& s, const std::string& number);

}  // namespace telsim
