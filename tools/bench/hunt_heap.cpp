// A peer for the traffic benchmark: the linear hunt group of README.md as the plainest possible
// discrete-event loop, a binary heap of timed events and nothing else. Three events per call:
// arrival (find the first idle member, else blocked), answer after the ring time, release after
// an exponential talk time. No features, no trace: the floor to compare telsim with.
// usage: hunt_heap MEMBERS ERLANGS CALLS SEED [RING] [TALK]   prints: offered blocked blocking
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <queue>
#include <random>
#include <vector>

namespace {
enum class What { arrival, answer, release };
struct Event {
  double at;
  What what;
  int member;
};
struct Later {
  bool operator()(const Event& a, const Event& b) const { return a.at > b.at; }
};
}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: hunt_heap MEMBERS ERLANGS CALLS SEED [RING] [TALK]\n");
    return 2;
  }
  const int members = std::atoi(argv[1]);
  const double erlangs = std::atof(argv[2]);
  const long calls = std::atol(argv[3]);
  const double ring = argc > 5 ? std::atof(argv[5]) : 4.0;
  const double talk_mean = argc > 6 ? std::atof(argv[6]) : 176.0;
  std::mt19937_64 rng(std::strtoull(argv[4], nullptr, 10));
  std::exponential_distribution<double> gap(erlangs / (ring + talk_mean)), talk(1.0 / talk_mean);

  std::vector<char> idle(members, 1);
  std::priority_queue<Event, std::vector<Event>, Later> heap;
  long offered = 0, blocked = 0;
  heap.push({0.0, What::arrival, -1});
  while (!heap.empty()) {
    const Event e = heap.top();
    heap.pop();
    if (e.what == What::arrival) {
      ++offered;
      int m = 0;
      while (m < members && !idle[m]) ++m;
      if (m == members) {
        ++blocked;
      } else {
        idle[m] = 0;
        heap.push({e.at + ring, What::answer, m});
      }
      if (offered < calls) heap.push({e.at + gap(rng), What::arrival, -1});
    } else if (e.what == What::answer) {
      heap.push({e.at + talk(rng), What::release, e.member});
    } else {
      idle[e.member] = 1;
    }
  }
  std::printf("%ld %ld %.6f\n", offered, blocked, static_cast<double>(blocked) / static_cast<double>(offered));
  return 0;
}
