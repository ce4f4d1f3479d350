#include "sim/platform.h"

#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace sg4 = simgrid::s4u;

namespace telsim {

std::vector<std::string> simgrid_arguments() {
  std::vector<std::string> args = {"telsim", "--cfg=network/model:CM02", "--cfg=contexts/guard-size:0",
                                   "--log=root.thres:critical", "--log=no_loc"};
  if (const char* extra = std::getenv("TELSIM_SIMGRID_CFG")) {
    std::istringstream words(extra);
    std::string w;
    while (words >> w) args.push_back(w.rfind("--cfg=", 0) == 0 ? w : "--cfg=" + w);
  }
  return args;
}

std::string check_simgrid_settings() {
  const char* extra = std::getenv("TELSIM_SIMGRID_CFG");
  if (!extra) return "";
  std::istringstream words(extra);
  for (std::string w; words >> w;) {
    std::string setting = w.rfind("--cfg=", 0) == 0 ? w.substr(6) : w;
    size_t colon = setting.find(':');
    bool name_ok = colon != std::string::npos && colon > 0;
    for (size_t i = 0; name_ok && i < colon; ++i) {
      char c = setting[i];
      name_ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                c == '-' || c == '_' || c == '.';
    }
    if (!name_ok || colon + 1 == setting.size())
      return "TELSIM_SIMGRID_CFG: '" + w.substr(0, 60) + "' is not a SimGrid setting NAME:VALUE (e.g. contexts/factory:thread)";
  }
  // The words look right; whether SimGrid takes them only SimGrid knows, and it aborts when not.
  int fds[2];
  if (pipe(fds) != 0) return "";
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return "";
  }
  if (pid == 0) {
    dup2(fds[1], 2);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1);
    close(fds[0]);
    try {
      auto engine = start_simulation();
      build_platform(*engine, NetworkKind::lan);
      engine->run();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      _exit(3);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string said;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR);)
    if (n > 0 && said.size() < 65536) said.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  // SimGrid's first line, without its "[0.000000] [root/CRITICAL] " prefix.
  std::string line = said.substr(0, said.find('\n'));
  size_t prefix = line.rfind("] ");
  if (line.rfind("[", 0) == 0 && prefix != std::string::npos) line = line.substr(prefix + 2);
  if (line.size() > 200) line = line.substr(0, 200) + "...";
  if (line.empty()) line = "SimGrid stopped on it";
  return "TELSIM_SIMGRID_CFG='" + std::string(extra).substr(0, 100) + "' is refused by SimGrid: " + line;
}

std::unique_ptr<sg4::Engine> start_simulation() {
  // SimGrid may keep pointers into argv: the words live as long as the process.
  static std::vector<std::string> args = simgrid_arguments();
  static std::vector<char*> argv;
  argv.clear();
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  auto engine = std::make_unique<sg4::Engine>(&argc, argv.data());
  xbt_log_control_set("root.thres:critical");
  return engine;
}

namespace {
struct Latencies { double lan, trunk, mobile; };

// One-way latencies in seconds: a campus LAN, a hosted PBX reached over a WAN, the PSTN trunk and
// the mobile network's extra delay (typical figures: ITU-T G.114 budgets, operators' core delays).
Latencies latencies(NetworkKind n) {
  switch (n) {
    case NetworkKind::lan: return {0.002, 0.020, 0.100};
    case NetworkKind::wan: return {0.030, 0.050, 0.150};
    default: return {0, 0, 0};
  }
}

double route_latency(const sg4::Host* a, const sg4::Host* b) {
  std::vector<sg4::Link*> links;
  double latency = 0;
  a->route_to(b, links, &latency);
  return latency;
}
}  // namespace

Platform build_platform(sg4::Engine&, NetworkKind network) {
  Latencies lat = latencies(network);
  auto* zone = sg4::create_full_zone("site");
  Platform p;
  p.pbx = zone->create_host("pbx", 1e9);
  p.stations = zone->create_host("stations", 1e9);
  p.outside = zone->create_host("outside", 1e9);
  p.mobiles = zone->create_host("mobiles", 1e9);
  auto link = [&](const char* name, double latency) {
    return sg4::LinkInRoute(zone->create_link(name, 1.25e9)->set_latency(latency)->seal());
  };
  auto lan = link("lan", lat.lan);
  auto trunk = link("trunk", lat.trunk);
  auto radio = link("mobile-network", lat.mobile);
  zone->add_route(p.pbx->get_netpoint(), p.stations->get_netpoint(), nullptr, nullptr, {lan}, true);
  zone->add_route(p.pbx->get_netpoint(), p.outside->get_netpoint(), nullptr, nullptr, {trunk}, true);
  zone->add_route(p.pbx->get_netpoint(), p.mobiles->get_netpoint(), nullptr, nullptr, {trunk, radio}, true);
  zone->add_route(p.stations->get_netpoint(), p.outside->get_netpoint(), nullptr, nullptr, {lan, trunk}, true);
  zone->add_route(p.stations->get_netpoint(), p.mobiles->get_netpoint(), nullptr, nullptr, {lan, trunk, radio}, true);
  zone->add_route(p.outside->get_netpoint(), p.mobiles->get_netpoint(), nullptr, nullptr, {radio}, true);
  zone->seal();
  p.delays.station = route_latency(p.pbx, p.stations);
  p.delays.external = route_latency(p.pbx, p.outside);
  p.delays.mobile = route_latency(p.pbx, p.mobiles);
  return p;
}

}  // namespace telsim
