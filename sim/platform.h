// The simulated site on SimGrid: a switch host, the stations' LAN, the trunk to the outside world
// and the mobile network behind it, with link latencies chosen by `site,network`.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "models/site.h"

namespace simgrid::s4u {
class Engine;
class Host;
}  // namespace simgrid::s4u

namespace telsim {

// SimGrid's own settings for one simulation: exact latencies (CM02), no stack guard pages, quiet
// logs; extra `--cfg=...` words come from $TELSIM_SIMGRID_CFG (e.g. contexts/factory:thread for
// sanitizer runs).
std::vector<std::string> simgrid_arguments();

// "" when SimGrid accepts the words of $TELSIM_SIMGRID_CFG (or it is unset); else why not, in
// SimGrid's own words. SimGrid aborts the process on a setting it refuses, so the check runs in a
// child process: call it once, before any simulation, and refuse to go on when it says no.
std::string check_simgrid_settings();

// Creates this process's one SimGrid engine with those settings, logs silenced.
std::unique_ptr<simgrid::s4u::Engine> start_simulation();

struct Platform {
  simgrid::s4u::Host* pbx = nullptr;       // the switch
  simgrid::s4u::Host* stations = nullptr;  // desk phones, softphones, voice mail
  simgrid::s4u::Host* outside = nullptr;   // the public network beyond the trunk
  simgrid::s4u::Host* mobiles = nullptr;   // the mobile network
  AccessDelays delays;                     // read back from the routes
};

// Builds the platform in the engine (call once per process) and measures its routes.
Platform build_platform(simgrid::s4u::Engine& engine, NetworkKind network);

}  // namespace telsim
