// The traffic run loop on SimGrid. Two long-lived actors on the switch host:
//  - `source` pre-generates the Poisson arrivals (and each caller's talk time) in batches, sleeps to
//    the first arrival of a batch and hands the whole batch to the switch, with its lookahead
//    promise: the time of the next batch's first arrival;
//  - `switch` feeds the batch's calls to the feature engine at their times, lets the engine run its
//    own event list up to the promise, and only then waits for the next batch.
// So SimGrid's clock is synced once per batch (thousands of calls), per-call state is the engine's
// recycled plain data, and a run's memory does not grow with the number of calls.
#include "sim/traffic.h"

#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <chrono>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <queue>
#include <random>

#include "models/features/hunt_groups.h"
#include "models/timer_heap.h"
#include "sim/checks.h"
#include "models/features/hunt_queue.h"
#include "reports/interval.h"
#include "sim/platform.h"

namespace sg4 = simgrid::s4u;

namespace telsim {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();

volatile std::sig_atomic_t g_stop_signal = 0;
void note_stop(int signo) {
  g_stop_signal = signo;
  std::signal(signo, SIG_DFL);  // a second one ends the process
}
constexpr size_t kBatchSize = 4096;

struct Arrival {
  double at;
  double talk;
  double patience;
  int32_t stream;
};

struct Batch {
  std::vector<Arrival> arrivals;
  double next_time = kNever;  // the source's promise: nothing more comes before this
};

void draw_progress(uint64_t done, uint64_t total) {
  constexpr int kWidth = 40;
  int filled = static_cast<int>(kWidth * done / total);
  std::fprintf(stderr, "\r[%.*s%*s] %3d%% %llu/%llu calls", filled, "########################################",
               kWidth - filled, "", static_cast<int>(100 * done / total), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total));
  std::fflush(stderr);
}
}  // namespace

std::pair<double, double> blocking_ci95(const TrafficStats& s) {
  // Over attempts: with --retry a caller's later attempts are counted (and blocked) too.
  const uint64_t attempts = s.offered + s.retries;
  double p = attempts ? static_cast<double>(s.blocked) / static_cast<double>(attempts) : 0;
  // Batch means: consecutive calls' outcomes are correlated, so the spread between batches of
  // calls (not the binomial formula) gives an honest standard error.
  double sum = 0, sum2 = 0;
  int k = 0;
  for (int b = 0; b < TrafficStats::kBatches; ++b) {
    if (s.batch[b].offered == 0) continue;
    double pb = static_cast<double>(s.batch[b].blocked) / static_cast<double>(s.batch[b].offered);
    sum += pb;
    sum2 += pb * pb;
    ++k;
  }
  if (k < 2) return {p, std::numeric_limits<double>::quiet_NaN()};
  double mean = sum / k;
  double var = std::max(0.0, (sum2 - k * mean * mean) / (k - 1));
  // Student's t, 97.5% quantile, for k-1 degrees of freedom (k <= 20 batches).
  static const double t975[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093};
  return {p, t975[k - 1] * std::sqrt(var / k)};
}

namespace {
// The ratio sum(num) / sum(den) with a batch-means interval: the spread of the batches' own ratios.
template <class N, class D>
Figure batch_ratio(double value, const TrafficStats& s, N TrafficStats::Batch::*num, D TrafficStats::Batch::*den) {
  std::vector<double> samples;
  for (const TrafficStats::Batch& b : s.batch)
    if (b.*den > 0) samples.push_back(static_cast<double>(b.*num) / static_cast<double>(b.*den));
  Figure f;
  f.value = value;
  f.ci95 = samples.size() < 2 ? std::numeric_limits<double>::quiet_NaN() : mean_ci95(samples).half_width;
  return f;
}
double share(double num, double den) { return den > 0 ? num / den : 0; }
}  // namespace

QueueKpis queue_kpis(const TrafficStats& s) {
  QueueKpis k;
  const double served = static_cast<double>(s.answered + s.abandoned);
  using B = TrafficStats::Batch;
  k.p_wait = batch_ratio(share(static_cast<double>(s.waited), served), s, &B::waited, &B::served);
  k.wait_mean = batch_ratio(share(s.wait_seconds, served), s, &B::wait_seconds, &B::served);
  k.service_level = batch_ratio(share(static_cast<double>(s.in_service_level), served), s, &B::in_service_level, &B::served);
  k.abandoned = batch_ratio(share(static_cast<double>(s.abandoned), static_cast<double>(s.offered)), s, &B::abandoned,
                            &B::offered);
  return k;
}

std::string few_calls_warning(const TrafficStats& s, const std::string& number) {
  uint64_t fewest = UINT64_MAX;
  for (const TrafficStats::Batch& b : s.batch) fewest = std::min(fewest, b.offered);
  if (fewest >= kFewCallsPerBatch) return {};
  return "warning: " + number + ": only " + std::to_string(s.offered) + " calls offered (" + std::to_string(fewest) +
         " in the smallest of " + std::to_string(TrafficStats::kBatches) +
         " batches): the confidence intervals mean little; offer at least " +
         std::to_string(kFewCallsPerBatch * TrafficStats::kBatches) + " calls";
}

TrafficResult run_traffic(const Scenario& site, const TrafficOptions& opt) {
  auto engine_owner = start_simulation();
  sg4::Engine& simulation = *engine_owner;
  Platform platform = build_platform(simulation, site.site.network);
  // After the engine: SimGrid installs a SIGINT handler of its own that exits at once.
  g_stop_signal = 0;
  if (opt.stop_on_signal) {
    std::signal(SIGINT, note_stop);
    std::signal(SIGTERM, note_stop);
  }

  TrafficResult result;
  VectorSink trace_sink;
  CountingSink counting_sink;
  TraceSink& sink = opt.trace ? static_cast<TraceSink&>(trace_sink) : counting_sink;
  Engine engine(site.site, site.profile, sink, platform.delays);
  engine.set_checks(checks_level());  // --checks: cheap by default, O(1) per event (models/invariants.cc)
  engine.set_full_walk_every(1 << 16);  // and the whole state every 65,536 events or more
  engine.set_service_level(opt.service_level);

  struct Target { PartyId party; double rate; };
  std::vector<Target> targets;
  for (const auto& [number, bhca] : opt.offers) {
    auto id = engine.party_id(number);
    if (!id) throw InputError(site.file, 0, "--offer " + number + ": the site defines no such number");
    targets.push_back(Target{*id, bhca / 3600.0});
    result.numbers.push_back(number);
  }
  engine.add_traffic_streams(targets.size());
  const size_t streams = targets.size();

  sg4::Engine::on_deadlock_cb([&] {
    if (result.failure.empty()) result.failure = "deadlock: the simulation stopped with actors still waiting";
  });
  auto* mailbox = sg4::Mailbox::by_name("switch");
  // Two batch buffers: the source fills one while the switch works through the other.
  auto batches = std::make_unique<Batch[]>(2);
  for (int i = 0; i < 2; ++i) batches[i].arrivals.reserve(kBatchSize);

  // Finite sources (Engset) are fed by the switch itself (below): their calls depend on when
  // earlier calls end, so they cannot be drawn ahead in batches.
  if (opt.sources == 0) sg4::Actor::create("source", platform.pbx, [&] {
    std::mt19937_64 rng(opt.seed);
    std::exponential_distribution<double> talk(1.0 / opt.talk);
    std::exponential_distribution<double> patience(opt.patience > 0 ? 1.0 / opt.patience : 1.0);
    std::vector<std::exponential_distribution<double>> gap;
    std::vector<double> next(streams);
    for (size_t s = 0; s < streams; ++s) {
      gap.emplace_back(targets[s].rate);
      next[s] = gap[s](rng);
    }
    using Due = std::pair<double, size_t>;  // (next arrival, stream): a total order, so ties go to the lowest stream
    struct DueBefore {
      bool operator()(const Due& a, const Due& b) const { return a < b; }
    };
    QuadHeap<Due, DueBefore> soonest_stream;  // models/timer_heap.h
    for (size_t s = 0; s < streams; ++s) soonest_stream.push({next[s], s});
    uint64_t made = 0;
    for (int k = 0; made < opt.calls; k ^= 1) {
      Batch& b = batches[k];
      b.arrivals.clear();
      while (b.arrivals.size() < kBatchSize && made < opt.calls) {
        // The stream whose next arrival comes first (ties: the lowest stream), in O(log streams);
        // a single stream needs no heap.
        const size_t s = streams == 1 ? 0 : soonest_stream.top().second;
        double t = talk(rng);  // drawn first: runs without --patience-dist exp keep their seeds' results
        b.arrivals.push_back(Arrival{next[s], t, opt.patience_exp && opt.patience > 0 ? patience(rng) : opt.patience,
                                     static_cast<int32_t>(s)});
        next[s] += gap[s](rng);
        if (streams != 1) soonest_stream.replace_top({next[s], s});  // the served stream's next arrival
        ++made;
      }
      double soonest = kNever;
      if (made < opt.calls)
        for (double t : next) soonest = std::min(soonest, t);
      b.next_time = soonest;
      sg4::this_actor::sleep_until(b.arrivals.front().at);
      mailbox->put(&b, 0);
    }
  })->daemonize();

  // Retries (TQ-2): a blocked or abandoned attempt comes back with probability P after an
  // exponential time, from a random stream of its own (a run without --retry draws nothing from it).
  std::mt19937_64 retry_rng(opt.seed ^ 0x9e3779b97f4a7c15ULL);
  std::uniform_real_distribution<double> coin(0, 1);
  std::exponential_distribution<double> retry_gap(opt.retry_after > 0 ? 1.0 / opt.retry_after : 1.0);
  std::exponential_distribution<double> retry_patience(opt.patience > 0 ? 1.0 / opt.patience : 1.0);
  struct Retry { double at; int stream; double talk; bool operator>(const Retry& o) const { return at > o.at; } };
  std::priority_queue<Retry, std::vector<Retry>, std::greater<Retry>> retries;
  auto harvest = [&] {
    for (const Engine::RetryNote& n : engine.traffic_retries())
      if (coin(retry_rng) < opt.retry) retries.push(Retry{n.at + retry_gap(retry_rng), n.stream, n.talk});
    engine.traffic_retries().clear();
  };
  // Offers every retry due up to `until` (engine events before each run first, as they must).
  auto offer_retries_before = [&](double until, uint64_t index) {
    harvest();
    while (!retries.empty() && retries.top().at <= until && engine.failure().empty()) {
      Retry r = retries.top();
      retries.pop();
      int batch = static_cast<int>(std::min<uint64_t>(index * TrafficStats::kBatches / std::max<uint64_t>(opt.calls, 1),
                                                      TrafficStats::kBatches - 1));
      double p = opt.patience_exp && opt.patience > 0 ? retry_patience(retry_rng) : opt.patience;
      engine.offer_outside_retry(r.at, r.stream, targets[static_cast<size_t>(r.stream)].party, r.talk, p, batch);
      harvest();
    }
  };
  engine.log_traffic_retries(opt.retry > 0);
  // --interval: the engine is run up to each mark before the stats are read there.
  double next_mark = opt.interval > 0 ? opt.interval : kNever;
  auto marks_before = [&](double t) {
    while (next_mark <= t && result.intervals.size() < kMaxIntervals) {
      engine.run_until(next_mark);
      result.intervals.push_back(TrafficResult::IntervalMark{next_mark, engine.traffic()});
      next_mark += opt.interval;
    }
  };

  sg4::Actor::create("switch", platform.pbx, [&] {
    uint64_t index = 0;
    int shown = -1;
    bool drawn = false;
    const auto started = std::chrono::steady_clock::now();
    if (opt.sources > 0) {
      // Each idle source calls after an exponential time of rate BHCA/3600; a source is busy from
      // its call until the call ends (at once when blocked), then idle again. Engine events run
      // first whenever they come before the next call, since an ending call frees a source.
      engine.log_traffic_ends(true);
      std::mt19937_64 rng(opt.seed);
      std::exponential_distribution<double> talk(1.0 / opt.talk);
      std::exponential_distribution<double> patience(opt.patience > 0 ? 1.0 / opt.patience : 1.0);
      std::vector<std::exponential_distribution<double>> idle;
      using Due = std::pair<double, int>;
      std::priority_queue<Due, std::vector<Due>, std::greater<Due>> due;
      for (size_t s = 0; s < streams; ++s) {
        idle.emplace_back(targets[s].rate);
        for (uint32_t k = 0; k < opt.sources; ++k) due.push({idle[s](rng), static_cast<int>(s)});
      }
      auto free_sources = [&] {
        for (const auto& [at, s] : engine.traffic_ends()) due.push({at + idle[static_cast<size_t>(s)](rng), s});
        engine.traffic_ends().clear();
      };
      while (index < opt.calls && engine.failure().empty()) {
        if (due.empty() || engine.next_event_time() <= due.top().first) {
          if (!std::isfinite(engine.next_event_time())) break;  // every source busy and nothing to end them
          engine.run_until(engine.next_event_time());
          free_sources();
          continue;
        }
        auto [at, s] = due.top();
        due.pop();
        marks_before(at);
        int batch = static_cast<int>(index * TrafficStats::kBatches / opt.calls);
        double t = talk(rng);
        double p = opt.patience_exp && opt.patience > 0 ? patience(rng) : opt.patience;
        engine.offer_outside_call(at, s, targets[static_cast<size_t>(s)].party, 0, t, p, batch);
        ++index;
        free_sources();
      }
      engine.log_traffic_ends(false);
    } else for (;;) {
      if (opt.calls == 0) break;
      Batch* b = mailbox->get<Batch>();
      for (const Arrival& a : b->arrivals) {
        if (opt.retry > 0) offer_retries_before(a.at, index);
        if (a.at >= next_mark) marks_before(a.at);
        int batch = static_cast<int>(index * TrafficStats::kBatches / opt.calls);
        engine.offer_outside_call(a.at, a.stream, targets[a.stream].party, 0, a.talk, a.patience, batch);
        ++index;
      }
      if (opt.retry > 0) offer_retries_before(b->next_time, index);
      if (!engine.failure().empty()) break;
      if (g_stop_signal) {
        result.stopped_by = g_stop_signal;
        break;
      }
      // The bar appears once the run has taken a second: short runs stay quiet.
      if (opt.progress && static_cast<int>(100 * index / opt.calls) != shown &&
          (drawn || std::chrono::steady_clock::now() - started > std::chrono::seconds(1))) {
        shown = static_cast<int>(100 * index / opt.calls);
        draw_progress(index, opt.calls);
        drawn = true;
      }
      if (!std::isfinite(b->next_time)) break;
      // Everything the engine has before the next batch is safe to run now (the lookahead).
      if (engine.next_event_time() < b->next_time) engine.run_until(b->next_time);
    }
    if (drawn) std::fprintf(stderr, "\n");
    // The measured period ends with the last arrival: occupancy is read there.
    result.period = engine.now();
    result.trunk_channels = site.site.trunk_channels;
    result.trunk_busy_seconds = engine.trunk_channel_seconds();
    for (size_t g = 0; g < hunt_groups(engine).size(); ++g) {
      const HuntGroup& hg = hunt_groups(engine)[g];
      HuntOccupancy h;
      h.pilot = engine.number(hg.pilot);
      h.algorithm = engine.device(hg.pilot).def->algorithm;
      for (size_t i = 0; i < hg.members.size(); ++i) {
        h.members.push_back(engine.number(hg.members[i]));
        h.busy_seconds.push_back(member_busy_seconds(engine, static_cast<int>(g), static_cast<int>(i)));
      }
      result.hunts.push_back(std::move(h));
    }
    // Let the calls in progress end (their talk times are already drawn), up to a horizon far
    // beyond any of them, so every answered call's conversation is counted.
    double horizon = result.period + opt.patience + 50 * opt.talk + 3600;
    if (opt.retry > 0) horizon += 50 * opt.retry_after;
    for (;;) {
      if (!engine.failure().empty()) break;
      if (opt.retry > 0) harvest();
      double next = engine.next_event_time();
      if (!retries.empty() && retries.top().at <= next) {
        if (retries.top().at > horizon) break;
        offer_retries_before(retries.top().at, index);
        continue;
      }
      if (next > horizon) break;
      engine.run_until(next);
    }
    result.offered = index;
    result.end_time = engine.now();
    if (opt.interval > 0) result.intervals.push_back(TrafficResult::IntervalMark{result.end_time, engine.traffic()});
    if (result.end_time > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(result.end_time);
    for (size_t g = 0; g < hunt_groups(engine).size(); ++g) {
      const HuntGroup& hg = hunt_groups(engine)[g];
      result.hunts[g].calls = hg.calls;
      result.hunts[g].overflowed = hg.overflowed;
      result.hunts[g].blocked = hg.blocked;
      if (const HuntQueues* q = hunt_queues(engine); q && q->has_queue(static_cast<int32_t>(g))) {
        const HuntQueues::Counts& c = q->counts(static_cast<int32_t>(g));
        HuntOccupancy& h = result.hunts[g];
        h.has_queue = true;
        h.queued = c.queued;
        h.served = c.served;
        h.queue_abandoned = c.abandoned;
        h.max_wait = c.max_wait;
        h.queue_full = c.full;
        h.longest_queue = c.longest;
      }
    }
    // Trust (models/invariants.cc): every offered call is accounted for, and none is stuck.
    uint64_t offered = 0, accounted = engine.live_calls();
    for (const TrafficStats& st : engine.traffic()) {
      offered += st.offered + st.retries;
      accounted += st.answered + st.blocked + st.abandoned;
    }
    engine.check_balance(offered, accounted, "answered + blocked + abandoned + still up");
    engine.check_end_of_run();
    if (!engine.failure().empty() && result.failure.empty()) result.failure = engine.failure();
  });

  simulation.run();
  if (opt.stop_on_signal) {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }
  result.stats = engine.traffic();
  result.forwarded = engine.count(Ev::forwarded);
  result.trunk_refused = engine.trunk_refused();
  result.overflowed = engine.count(Ev::overflow);
  if (opt.trace) {
    std::stable_sort(trace_sink.events.begin(), trace_sink.events.end(),
                     [](const TraceEvent& a, const TraceEvent& b) { return a.time < b.time; });
    result.trace = std::move(trace_sink.events);
  }
  return result;
}

}  // namespace telsim
