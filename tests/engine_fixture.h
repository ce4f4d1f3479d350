// A hand-driven engine for unit tests: build a site in code, act at chosen times, read the trace.
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "models/engine.h"

namespace telsim {

class EngineTest : public ::testing::Test {
 protected:
  PartyDef& add(const std::string& number, PartyKind kind) {
    PartyDef d;
    d.number = number;
    d.kind = kind;
    site.parties.push_back(d);
    return site.parties.back();
  }
  Engine& start(AccessDelays delays = {}) {
    engine = std::make_unique<Engine>(site, profile, sink, delays);
    return *engine;
  }
  void act(double t, const std::string& who, Action a, const std::string& arg = "") {
    engine->act(t, *engine->party_id(who), a, arg);
  }
  // "party event detail" lines of everything traced, in order.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const auto& e : sink.events) {
      std::string s = e.party + " " + std::string(ev_name(e.event));
      if (!e.detail.empty()) s += " " + e.detail;
      out.push_back(s);
    }
    return out;
  }
  bool has(const std::string& line) const {
    auto l = lines();
    return std::find(l.begin(), l.end(), line) != l.end();
  }
  // How many times the line was traced; the engine is healthy (no invariant or property broke).
  size_t count(const std::string& line) const {
    auto l = lines();
    return static_cast<size_t>(std::count(l.begin(), l.end(), line));
  }
  void healthy() { EXPECT_EQ(engine->failure(), ""); }
  const TraceEvent* find(const std::string& party, Ev ev) const {
    for (const auto& e : sink.events)
      if (e.party == party && e.event == ev) return &e;
    return nullptr;
  }

  Site site;
  Profile profile;
  VectorSink sink;
  std::unique_ptr<Engine> engine;
};

}  // namespace telsim
