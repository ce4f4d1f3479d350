// The engine's self-checks (models/invariants.cc): each invariant is broken on purpose through
// EngineTamper, and must be reported by name with the event after which it broke; healthy runs
// must report nothing.
#include "models/features/hunt_groups.h"
#include "tests/engine_fixture.h"

namespace telsim {

void tamper_forward_hops(Engine& e, int32_t call, uint8_t hops);  // models/features/forward.cc

// Reaches into the engine's private state, the way a buggy feature would.
class EngineTamper {
 public:
  explicit EngineTamper(Engine& e) : e_(e) {}
  int& trunk() { return e_.trunk_in_use_; }
  Call& call_of(const std::string& party) { return e_.calls_[leg_of(party).call]; }
  Leg& leg_of(const std::string& party) {
    const Device& d = e_.devices_[*e_.party_id(party)];
    return e_.legs_[d.active != kNone ? d.active : d.alerting.front()];
  }
  int32_t leg_index(const std::string& party) {
    const Device& d = e_.devices_[*e_.party_id(party)];
    return d.active != kNone ? d.active : d.alerting.front();
  }
  Device& device(const std::string& party) { return e_.devices_[*e_.party_id(party)]; }
  void schedule_auto_answer(int32_t leg, uint32_t gen, double after) {
    e_.schedule(after, TimerKind::auto_answer, leg, gen);
  }
  Leg& leg(int32_t l) { return e_.legs_[l]; }
  HuntGroup& hunt_group(size_t i) { return *hunt_group_for_test(e_, i); }
  // The forward box's hop count of a party's call (models/features/forward.cc).
  void set_hops(const std::string& party, uint8_t hops) { tamper_forward_hops(e_, leg_of(party).call, hops); }
  void free_leg(int32_t l) { e_.free_leg(l); }
  // Frees a leg the way a careless feature might: without telling its call.
  void free_quietly(int32_t leg) {
    e_.legs_[leg].state = LegState::free;
    e_.free_legs_.push_back(leg);
  }

 private:
  Engine& e_;
};

namespace {

class InvariantTest : public EngineTest {
 protected:
  void SetUp() override {
    add("2001", PartyKind::station);
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
    add("5550100", PartyKind::external);
    site.trunk_channels = 1;
  }
  bool broken(const std::string& name) const {
    return engine->failure().find("invariant " + name + " broken") != std::string::npos;
  }
};

TEST_F(InvariantTest, HealthyCallsBreakNothingAndEndWithAReason) {
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(2, "2003", Action::call, "2002");  // busy
  act(3, "2001", Action::call, "5550100");  // already in a call: nothing
  act(4, "2003", Action::onhook);
  act(5, "2002", Action::onhook);
  act(6, "2001", Action::onhook);
  act(7, "2003", Action::call, "5550100");
  act(8, "5550100", Action::offhook);
  act(9, "5550100", Action::onhook);
  act(10, "2003", Action::onhook);
  act(11, "2003", Action::dial, "9");  // reorder
  act(12, "2003", Action::onhook);
  engine->check_end_of_run();
  EXPECT_EQ(engine->failure(), "");
  EXPECT_EQ(engine->check_state(), "");
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(InvariantTest, TrunkCountOffByOneIsReportedWithTheEvent) {
  start();
  act(0, "2001", Action::call, "5550100");
  EngineTamper(*engine).trunk() += 1;  // two channels counted, the trunk has one
  act(1, "2002", Action::offhook);
  EXPECT_TRUE(broken("trunk")) << engine->failure();
  EXPECT_NE(engine->failure().find("after 2002 offhook"), std::string::npos) << engine->failure();
  EXPECT_NE(engine->failure().find("at 1.000 s"), std::string::npos) << engine->failure();
}

TEST_F(InvariantTest, ChannelsLeftInUseWhenIdleAreReported) {
  start();
  act(0, "2001", Action::call, "5550100");
  act(1, "2001", Action::onhook);
  ASSERT_EQ(engine->failure(), "");
  EngineTamper(*engine).trunk() = 1;
  act(2, "2002", Action::onhook);  // an event: the checks run
  EXPECT_TRUE(broken("trunk")) << engine->failure();
}

TEST_F(InvariantTest, APartyTalkingInTwoCallsIsReported) {
  site.parties[0].lines = {"2001", "2011"};
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "2003", Action::call, "2011");
  ASSERT_EQ(engine->failure(), "");
  // A feature bug: the second line is put through while the first still talks.
  EngineTamper t(*engine);
  Device& dev = t.device("2001");
  int32_t second = dev.alerting.front();
  dev.alerting.clear();
  int32_t caller = t.leg_index("2003");
  Call& c2 = t.call_of("2003");
  c2.ringing.clear();
  c2.b_leg = second;
  for (auto [a, b] : {std::pair{caller, second}, std::pair{second, caller}}) {
    t.leg(a).state = LegState::connected;
    t.leg(a).peer = b;
  }
  act(3, "2002", Action::dial, "5");  // any event
  EXPECT_TRUE(broken("two-talking")) << engine->failure();
  EXPECT_NE(engine->failure().find("2001 talks in two calls at once"), std::string::npos) << engine->failure();
}

TEST_F(InvariantTest, ForwardHopsPastTheLimitAreReported) {
  profile.switches["forward-max-hops"] = "2";
  start();
  act(0, "2001", Action::call, "2002");
  EngineTamper(*engine).set_hops("2001", 3);
  act(1, "2003", Action::offhook);
  // The touched-only check does not see c1; the full walk does.
  EXPECT_TRUE(broken("forward-hops")) << engine->failure();
  EXPECT_NE(engine->failure().find("forwarded 3 times, the profile allows 2"), std::string::npos);
}

TEST_F(InvariantTest, CheapChecksSeeTheCallTheEventTouched) {
  profile.switches["forward-max-hops"] = "2";
  start();
  engine->set_checks(Engine::Checks::cheap);
  engine->set_full_walk_every(1000);  // no whole-state walk during this test
  act(0, "2001", Action::call, "2002");
  EngineTamper(*engine).set_hops("2001", 3);
  act(1, "2003", Action::offhook);  // does not touch c1: cheap checks do not look
  EXPECT_EQ(engine->failure(), "");
  act(2, "2002", Action::offhook);  // touches c1
  EXPECT_TRUE(broken("forward-hops")) << engine->failure();
}

TEST_F(InvariantTest, CheapChecksWalkTheWholeStateAtIntervals) {
  profile.switches["forward-max-hops"] = "2";
  start();
  engine->set_checks(Engine::Checks::cheap);
  engine->set_full_walk_every(3);  // every third event at the earliest
  act(0, "2001", Action::call, "2002");  // one event
  uint64_t walks = engine->full_walks();
  EngineTamper(*engine).set_hops("2001", 3);
  act(1, "2003", Action::offhook);  // does not touch c1, but the walk comes round
  act(2, "2003", Action::onhook);
  act(3, "2003", Action::offhook);
  EXPECT_GT(engine->full_walks(), walks);
  EXPECT_TRUE(broken("forward-hops")) << engine->failure();
}

TEST_F(InvariantTest, CheapWalksGetRarerAsTheSiteGrows) {
  // 16 parties per event at the most: a site of 3,200 stations is walked once in 200 events.
  for (int i = 0; i < 3200; ++i) add(std::to_string(300000 + i), PartyKind::station);
  start();
  engine->set_checks(Engine::Checks::cheap);
  for (int i = 0; i < 100; ++i) {
    act(i, "2001", Action::offhook);
    act(i + 0.5, "2001", Action::onhook);
  }
  EXPECT_EQ(engine->failure(), "");
  EXPECT_EQ(engine->full_walks(), 0u);  // 200 events, each walk due after (3,200 + legs + calls) / 16
  for (int i = 100; i < 110; ++i) {
    act(i, "2001", Action::offhook);
    act(i + 0.5, "2001", Action::onhook);
  }
  EXPECT_EQ(engine->full_walks(), 1u);
}

TEST_F(InvariantTest, ALiveTimerOnAnEndedCallIsReported) {
  start();
  act(0, "2001", Action::call, "2002");
  EngineTamper t(*engine);
  int32_t ringing = t.leg_index("2002");
  Leg& leg = t.leg_of("2002");
  uint32_t gen = leg.gen;
  t.schedule_auto_answer(ringing, gen, 5);
  // The leg is freed without moving its generation on: the timer is "current" for a dead leg.
  leg.state = LegState::free;
  t.device("2002").alerting.clear();
  t.device("2002").line_leg[0] = kNone;
  t.call_of("2001").ringing.clear();
  engine->set_checks(Engine::Checks::cheap);  // only the timer check, not the full walk
  engine->run_until(10);
  EXPECT_TRUE(broken("stale-timer")) << engine->failure();
  EXPECT_NE(engine->failure().find("after the auto-answer timer"), std::string::npos) << engine->failure();
}

TEST_F(InvariantTest, ALegNothingHoldsIsReported) {
  start();
  act(0, "2001", Action::call, "2002");
  EngineTamper t(*engine);
  t.device("2002").alerting.clear();
  t.device("2002").line_leg[0] = kNone;
  t.call_of("2001").ringing.clear();  // the ringing leg is forgotten but still in use
  act(1, "2003", Action::offhook);
  EXPECT_TRUE(broken("call-legs")) << engine->failure();
}

TEST_F(InvariantTest, ADeviceSlotPointingAtAFreedLegIsReported) {
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  EngineTamper t(*engine);
  int32_t l = t.leg_index("2002");
  t.free_quietly(l);
  act(2, "2003", Action::offhook);
  EXPECT_TRUE(broken("call-legs") || broken("device-slots") || broken("peers")) << engine->failure();
}

TEST_F(InvariantTest, ACallThatEndsWithoutAReasonIsReported) {
  start();
  act(0, "2001", Action::call, "2002");
  EngineTamper t(*engine);
  // A feature that drops a call's legs without going through release_leg gives no reason.
  int32_t ringing = t.leg_index("2002");
  int32_t caller = t.leg_index("2001");
  t.call_of("2001").end_reason = nullptr;
  t.free_leg(ringing);
  t.free_leg(caller);
  EXPECT_TRUE(broken("call-end-reason")) << engine->failure();
  EXPECT_NE(engine->failure().find("c1 ended without a reason"), std::string::npos) << engine->failure();
}

TEST_F(InvariantTest, AStuckCallIsReportedAtTheEndOfTheRun) {
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  EngineTamper t(*engine);
  // Both phones forget the call, which stays connected: nobody can ever end it.
  t.device("2001").active = kNone;
  t.device("2002").active = kNone;
  engine->check_end_of_run();
  EXPECT_TRUE(broken("stuck-call")) << engine->failure();
  EXPECT_NE(engine->failure().find("at the end of the run"), std::string::npos);
}

TEST_F(InvariantTest, AStaleHuntIdleBitIsReported) {
  PartyDef& pilot = add("6000", PartyKind::hunt);
  pilot.members = {"2002", "2003"};
  start();
  act(0, "2001", Action::call, "6000");  // 2002 rings: busy for the group
  ASSERT_EQ(engine->failure(), "");
  EngineTamper(*engine).hunt_group(0).idle.words_for_test()[0] |= 1;  // member 0 (2002) marked idle again
  act(1, "2003", Action::offhook);
  EXPECT_TRUE(broken("hunt-idle")) << engine->failure();
  EXPECT_NE(engine->failure().find("counts member 2002 idle but it is busy"), std::string::npos) << engine->failure();
}

TEST_F(InvariantTest, UnbalancedTrafficCountsAreReported) {
  start();
  engine->check_balance(10, 10, "answered + blocked");
  EXPECT_EQ(engine->failure(), "");
  engine->check_balance(10, 9, "answered + blocked");
  EXPECT_TRUE(broken("balance")) << engine->failure();
  EXPECT_NE(engine->failure().find("offered 10 calls but answered + blocked add up to 9"), std::string::npos);
}

TEST_F(InvariantTest, ABrokenInvariantStopsTheRun) {
  start();
  act(0, "2001", Action::call, "2002");
  EngineTamper(*engine).trunk() = -1;
  act(1, "2003", Action::offhook);
  ASSERT_TRUE(broken("trunk"));
  std::string first = engine->failure();
  act(2, "2002", Action::offhook);
  EXPECT_EQ(engine->failure(), first);  // the first broken invariant is the one reported
}

}  // namespace
}  // namespace telsim
