// telsim_soak: a long run of the engine alone (no SimGrid, no trace kept: a CountingSink, as
// traffic runs use), for tools/leakcheck.sh. Random people on a sample site call each other and
// outside, answer, talk and hang up for CALLS calls; with steady load the engine's memory must
// not grow with the number of calls (slabs and free lists, generation-checked timers).
//   usage: telsim_soak SITE.csv CALLS [SEED]
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "models/engine.h"
#include "sim/file_source.h"
#include "sim/scenario_loader.h"

using namespace telsim;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: telsim_soak SITE.csv CALLS [SEED]\n";
    return 2;
  }
  DiskFiles disk;
  Scenario s = load_scenario(argv[1], disk, default_profile_dir());
  long calls = std::atol(argv[2]);
  uint64_t state = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  auto rnd = [&](size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((state >> 33) % n);
  };
  std::vector<PartyId> people;
  std::vector<std::string> numbers;
  CountingSink sink;
  Engine engine(s.site, s.profile, sink);
  engine.set_checks(Engine::Checks::cheap);  // as traffic runs do
  for (const PartyDef& d : s.site.parties) {
    if (d.kind == PartyKind::station || d.kind == PartyKind::external || d.kind == PartyKind::mobile)
      people.push_back(*engine.party_id(d.number));
    numbers.push_back(d.number);
  }
  double t = 0;
  for (long i = 0; i < calls; ++i) {
    t += 0.5 + static_cast<double>(rnd(40)) / 10;
    PartyId who = people[rnd(people.size())];
    switch (rnd(6)) {
      case 0:
      case 1: engine.act(t, who, Action::call, numbers[rnd(numbers.size())]); break;
      case 2:
      case 3: engine.act(t, who, Action::offhook, ""); break;
      default: engine.act(t, who, Action::onhook, ""); break;
    }
    if (!engine.failure().empty()) {
      std::cerr << "telsim_soak: " << engine.failure() << "\n";
      return 1;
    }
  }
  for (PartyId p : people) engine.act(t + 1, p, Action::onhook, "");
  engine.run_until(t + 1000);
  for (PartyId p : people) engine.act(t + 1001, p, Action::onhook, "");
  engine.check_end_of_run();
  std::printf("steps %ld, calls offered %llu, connected %llu, live at end %zu, trunk at end %d%s%s\n", calls,
              static_cast<unsigned long long>(engine.count(Ev::ringback)),
              static_cast<unsigned long long>(engine.count(Ev::connected) / 2), engine.live_calls(),
              engine.trunk_in_use(), engine.failure().empty() ? "" : ", FAILED: ", engine.failure().c_str());
  return engine.failure().empty() ? 0 : 1;
}
