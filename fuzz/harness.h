// The fuzz targets' bodies, kept apart from libFuzzer so the unit tests can replay what fuzzing
// found (tests/fuzz_regressions/). Each returns "" when the input was handled properly, else what
// went wrong (the fuzz targets abort on it).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/action.h"
#include "sim/scenario.h"

namespace telsim::fuzz {

// Scenario loader: the bytes are a scenario file (it may include "site.csv", a sample site).
// Bad input must be an InputError with FILE:LINE, nothing else; a file that loads is then run on
// the engine (no SimGrid, ideal network) with every invariant checked, and its expectations are
// matched against the trace.
std::string loader_one(const uint8_t* data, size_t size);

// Engine input: byte 0 picks a sample site (scenarios/sites/, one per profile); then every 4
// bytes are one step: a gap before it, who acts, the action, its argument (from a table of the
// site's numbers, the profile's codes, keys and forward settings). Every invariant is checked
// after every event, and at the end after everyone has hung up.
std::string engine_one(const uint8_t* data, size_t size);
// The steps engine input stands for (tear-down included), and the profile of its sample site: to
// turn a finding into a scenario file (fuzz_seeds --decode).
std::vector<Step> engine_steps(const uint8_t* data, size_t size, std::string* profile);

// For the seed corpus: the engine input bytes for steps given as text (profile name, then
// (gap seconds, party, action, argument) per step), mapped onto the sample site's tables.
struct TextStep {
  double gap;
  std::string party;
  Action action;
  std::string argument;
};
std::vector<uint8_t> engine_encode(const std::string& profile, const std::vector<TextStep>& steps);

}  // namespace telsim::fuzz
