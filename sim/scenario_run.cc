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
#include "sim/platform.h"

namespace sg4 = simgrid::s4u;

namespace telsim {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();

struct StepMessage {
  int step;          // index into the scenario's steps
  double next_time;  // when the people actor may send again (kNever after the last step)
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
  const double deadline = run_deadline(scenario);
  bool finished = false;

  sg4::Engine::on_deadlock_cb([&] {
    if (result.failure.empty()) result.failure = "deadlock: the simulation stopped with actors still waiting";
  });

  auto* mailbox = sg4::Mailbox::by_name("switch");
  // A daemon: when the switch is done, whatever the script still had to say no longer matters.
  // One message slot per step: the receiver may read a message after the sender has moved on.
  std::vector<StepMessage> messages(scenario.steps.size());
  sg4::Actor::create("people", platform.pbx, [&] {
    const auto& steps = scenario.steps;
    for (size_t i = 0; i < steps.size(); ++i) {
      sg4::this_actor::sleep_until(steps[i].at);
      messages[i] = StepMessage{static_cast<int>(i), i + 1 < steps.size() ? steps[i + 1].at : kNever};
      mailbox->put(&messages[i], 0);
    }
  })->daemonize();
  sg4::Actor::create("switch", platform.pbx, [&] {
    double next_message = scenario.steps.empty() ? kNever : scenario.steps.front().at;
    while (std::isfinite(next_message)) {
      // Everything the engine has before the next step is safe to run now.
      if (engine.next_event_time() < next_message) engine.run_until(std::min(next_message, deadline));
      if (!engine.failure().empty()) break;
      if (next_message > deadline) break;
      auto* msg = mailbox->get<StepMessage>();
      next_message = msg->next_time;
      const Step& step = scenario.steps[msg->step];
      auto party = engine.party_id(step.party);
      if (party) engine.act(sg4::Engine::get_clock(), *party, step.action, step.argument);
    }
    // The script is over: let the engine finish what is left, up to the deadline.
    double last = engine.next_event_time();
    engine.run_until(std::min(last, deadline));
    // A failed engine (broken invariant, runaway loop) runs nothing more: stop, or this would spin.
    while (engine.failure().empty() && std::isfinite(engine.next_event_time()) && engine.next_event_time() <= deadline)
      engine.run_until(std::min(engine.next_event_time(), deadline));
    double end = std::isfinite(last) ? std::min(std::max(engine.now(), sg4::Engine::get_clock()), deadline)
                                     : std::max(engine.now(), sg4::Engine::get_clock());
    if (end > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(end);
    result.end_time = sg4::Engine::get_clock();
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
