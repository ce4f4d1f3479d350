// Hunt groups (models/features/hunt_groups.cc): what traffic studies and tests read of them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/engine.h"
#include "models/idle_members.h"

namespace telsim {

// One hunt group (SPEC HG-1..HG-4), built from the site's hunt rows.
struct HuntGroup {
  enum Algorithm : uint8_t { linear, circular, ring_all, longest_idle };
  PartyId pilot = kNone;
  Algorithm algorithm = linear;
  double no_answer = 0;           // 0: a member rings until the caller hangs up
  PartyId overflow = kNone;
  std::string announcement;
  std::vector<PartyId> members;
  IdleMembers idle;                 // which members are idle, and how many (models/idle_members.h)
  std::vector<int32_t> membership;  // member i's record in the box (its busy seconds, other groups)
  IdleQueue longest;                // longest-idle: the idle members, longest idle first
  int32_t last = -1;              // circular: the member chosen last
  uint64_t calls = 0, overflowed = 0, blocked = 0;
};

// The site's hunt groups, in setup order (empty when the profile has no hunt-groups box).
const std::vector<HuntGroup>& hunt_groups(const Engine& e);
// Busy seconds of a member up to now (occupancy).
double member_busy_seconds(const Engine& e, int group, int member);
// The groups' queues (TQ-1, models/features/hunt_queue.h), or null without a hunt-groups box.
class HuntQueues;
const HuntQueues* hunt_queues(const Engine& e);
// The group for tests that break its state on purpose (tests/invariants_test.cc).
HuntGroup* hunt_group_for_test(Engine& e, size_t group);

}  // namespace telsim
