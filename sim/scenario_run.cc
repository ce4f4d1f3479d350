// The scenario run loop on SimGrid. Two long-lived actors:
//  - `people` plays the scenario's steps: it sleeps to each step's time and hands the step to the
//    switch, telling it when its next step will come (its lookahead promise);
//  - `switch` runs the feature engine: it lets the engine work through its own event list up to
//    the earliest moment the people actor could reach it, then waits for that message. SimGrid's
//    clock is synced once per step, not once per engine event.
#include "sim/scenario_run.h"

#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/engine.h"
#include "sim/checks.h"
#include "models/state_watch.h"
#include "models/step_triggers.h"
#include "sim/platform.h"

namespace sg4 = simgrid::s4u;

namespace telsim {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();

// The next step waits for an event (SPEC SC-3): the switch finds when it comes.
const double kAwait = std::numeric_limits<double>::quiet_NaN();

struct StepMessage {
  int step;          // index into the scenario's steps
  double next_time;  // when the people actor may send again (kNever after the last step, kAwait
                     // when the next step waits for an event)
};
}  // namespace

double run_deadline(const Scenario& s) {
  double last = 0;
  for (const Step& st : s.steps) last = std::max(last, st.at);
  for (const Expectation& e : s.expectations) {
    if (std::isfinite(e.to)) last = std::max(last, e.to);
    else if (std::isfinite(e.from)) last = std::max(last, e.from);
  }
  auto it = s.site.timers.find("settle");
  double settle = it != s.site.timers.end() ? it->second : s.profile.timer("settle", 300);
  return last + settle;
}

RunResult run_scenario(const Scenario& scenario) {
  auto engine_owner = start_simulation();
  sg4::Engine& simulation = *engine_owner;
  Platform platform = build_platform(simulation, scenario.site.network);

  RunResult result;
  VectorSink sink;
  Engine engine(scenario.site, scenario.profile, sink, platform.delays);
  engine.set_checks(checks_level());  // --checks: cheap by default (models/invariants.cc)
  const double planned_deadline = run_deadline(scenario);
  double deadline = planned_deadline;
  bool finished = false;
  StateWatch watch(scenario, engine);
  StepTriggers triggers(scenario, sink.events);
  const size_t n_steps = scenario.steps.size();
  result.step_times.assign(n_steps, std::numeric_limits<double>::quiet_NaN());

  sg4::Engine::on_deadlock_cb([&] {
    if (result.failure.empty()) result.failure = "deadlock: the simulation stopped with actors still waiting";
  });

  auto* mailbox = sg4::Mailbox::by_name("switch");
  auto* resolved = sg4::Mailbox::by_name("people");  // the switch tells when a triggered step comes
  // When step i comes, given when the one before it came (SPEC SC-3; without triggers: its `at`).
  auto planned_time = [&](size_t i, double previous) {
    const Step& st = scenario.steps[i];
    if (i == 0) return st.at;
    return st.relative ? previous + st.offset : std::max(st.at, previous);
  };
  // A daemon: when the switch is done, whatever the script still had to say no longer matters.
  // One message slot per step: the receiver may read a message after the sender has moved on.
  std::vector<StepMessage> messages(n_steps);
  std::vector<double> resolved_times(n_steps);
  sg4::Actor::create("people", platform.pbx, [&] {
    const auto& steps = scenario.steps;
    double previous = 0;
    for (size_t i = 0; i < steps.size(); ++i) {
      double at = steps[i].trigger ? *resolved->get<double>() : planned_time(i, previous);
      previous = at;
      sg4::this_actor::sleep_until(at);
      double next = kNever;
      if (i + 1 < steps.size()) next = steps[i + 1].trigger ? kAwait : planned_time(i + 1, at);
      messages[i] = StepMessage{static_cast<int>(i), next};
      mailbox->put(&messages[i], 0);
    }
  })->daemonize();
  sg4::Actor::create("switch", platform.pbx, [&] {
    // Runs the engine's own events up to `limit`; with readings to take or a step waiting for an
    // event, one instant at a time (SPEC SC-2, SC-3).
    auto advance = [&](double limit) {
      if (!watch.active() && !triggers.waiting()) return engine.run_until(limit);
      while (engine.failure().empty() && !triggers.resolved()) {
        double t = std::min(engine.next_event_time(), watch.next_instant());
        if (t > limit || !std::isfinite(t)) break;
        watch.before(t);
        engine.run_until(t);
        watch.touched(t);
        triggers.look(engine.now());
      }
      if (!triggers.resolved()) engine.run_until(limit);
    };
    // The first step waits for its event from the start.
    if (n_steps > 0 && scenario.steps[0].trigger) triggers.wait_for(0, 0);
    double next_message = n_steps == 0 ? kNever : scenario.steps[0].trigger ? kAwait : scenario.steps[0].at;
    while (!std::isnan(next_message) ? std::isfinite(next_message) : true) {
      if (std::isnan(next_message)) {
        // The next step comes when its event does: run until it has, or nothing is left to run.
        triggers.look(engine.now());
        if (!triggers.resolved()) advance(deadline);
        if (!engine.failure().empty()) break;
        if (!triggers.resolved()) {
          result.failure = triggers.never_came_text(scenario.file);
          break;
        }
        double at = triggers.take();
        deadline = std::max(deadline, planned_deadline + (at - scenario.steps[triggers.step()].at));
        resolved_times[triggers.step()] = at;
        resolved->put(&resolved_times[triggers.step()], 0);
        next_message = at;
        continue;
      }
      // Everything the engine has before the next step is safe to run now.
      if (engine.next_event_time() < next_message || watch.next_instant() < next_message)
        advance(std::min(next_message, deadline));
      if (!engine.failure().empty()) break;
      if (next_message > deadline) break;
      auto* msg = mailbox->get<StepMessage>();
      next_message = msg->next_time;
      const Step& step = scenario.steps[msg->step];
      double now = sg4::Engine::get_clock();
      result.step_times[msg->step] = now;
      deadline = std::max(deadline, planned_deadline + (now - step.at));
      auto party = engine.party_id(step.party);
      watch.before(now);
      if (party) engine.act(now, *party, step.action, step.argument);
      watch.touched(now);
      if (std::isnan(next_message)) triggers.wait_for(static_cast<size_t>(msg->step) + 1, now);
    }
    // The script is over: let the engine finish what is left, up to the deadline.
    double last = engine.next_event_time();
    advance(std::min(last, deadline));
    // A failed engine (broken invariant, runaway loop) runs nothing more: stop, or this would spin.
    while (engine.failure().empty() && std::isfinite(engine.next_event_time()) && engine.next_event_time() <= deadline)
      advance(std::min(engine.next_event_time(), deadline));
    double end = std::isfinite(last) ? std::min(std::max(engine.now(), sg4::Engine::get_clock()), deadline)
                                     : std::max(engine.now(), sg4::Engine::get_clock());
    if (end > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(end);
    result.end_time = sg4::Engine::get_clock();
    watch.finish(std::max(result.end_time, deadline));
    result.states = watch.verdicts();
    engine.check_end_of_run();  // trust: no call left stuck (models/invariants.cc)
    for (const Contest& c : engine.contests()) result.contests.push_back(contest_text(c));
    if (!engine.failure().empty() && result.failure.empty()) result.failure = engine.failure();
    finished = true;
  });

  simulation.run();
  if (!finished && result.failure.empty()) result.failure = "the simulation ended before the switch finished";
  // Events reach devices after their signalling delay: order the trace by time, keeping the
  // engine's order at equal times.
  std::stable_sort(sink.events.begin(), sink.events.end(),
                   [](const TraceEvent& a, const TraceEvent& b) { return a.time < b.time; });
  result.trace = std::move(sink.events);
  return result;
}

}  // namespace telsim
