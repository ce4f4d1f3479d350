#include "fuzz/harness.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>

#include "models/engine.h"
#include "reports/matcher.h"
#include "reports/trace_csv.h"
#include "sim/file_source.h"
#include "sim/scenario_loader.h"

#ifndef TELSIM_SOURCE_DIR
#define TELSIM_SOURCE_DIR "."
#endif

namespace telsim::fuzz {

namespace {

const std::array<const char*, 5> kProfiles = {"generic", "perception", "voipnow", "telecube", "mitel"};
const std::array<double, 16> kGaps = {0, 0, 0.5, 1, 1, 2, 3, 4, 7, 12, 16, 25, 31, 45, 61, 0.001};
const std::array<const char*, 9> kActionNames = {"call", "answer", "hangup", "dial", "press", "hold",
                                                  "retrieve", "forward", "voice-call"};
const std::array<Action, 9> kActions = {Action::call,  Action::offhook, Action::onhook,
                                        Action::dial,  Action::press,   Action::hold,
                                        Action::retrieve, Action::forward, Action::voice_call};

std::string site_path(const std::string& profile) {
  return std::string(TELSIM_SOURCE_DIR) + "/scenarios/sites/" + profile + ".csv";
}

// Files: the fuzzed scenario in memory, a sample site beside it, profiles from the disk.
class Files : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path) const override { return read(path, nullptr); }
  std::optional<std::string> read(const std::string& path, std::string* why) const override {
    auto it = mem.find(path);
    if (it != mem.end()) return it->second;
    if (path.find("/profiles/") != std::string::npos) return disk.read(path, why);
    if (why) *why = "does not exist";
    return std::nullopt;
  }
  std::map<std::string, std::string> mem;
  DiskFiles disk;
};

// Everything a step of engine input can point at, for one sample site.
struct Table {
  Scenario site;
  std::vector<std::string> persons;
  std::vector<std::string> args;  // numbers, codes, codes+numbers, keys, forward settings
};

const Table& table(size_t i) {
  static std::array<std::unique_ptr<Table>, 5> tables;
  if (!tables[i]) {
    auto t = std::make_unique<Table>();
    DiskFiles disk;
    t->site = load_scenario(site_path(kProfiles[i]), disk, default_profile_dir());
    std::vector<std::string> numbers;
    for (const PartyDef& d : t->site.site.parties) {
      if (d.kind == PartyKind::station || d.kind == PartyKind::external || d.kind == PartyKind::mobile)
        t->persons.push_back(d.number);
      for (const std::string& l : d.lines) numbers.push_back(l);
    }
    numbers.push_back("99");
    auto& a = t->args;
    a = {"", "#", "*", "0", "1", "special", "hold", "transfer", "conference", "release", "off"};
    for (const std::string& n : numbers) {
      a.push_back(n);
      for (const char* type : {"all ", "busy ", "no-answer ", "busy-no-answer "}) a.push_back(type + n);
    }
    for (const auto& kv : t->site.profile.codes) {
      a.push_back(kv.second);
      a.push_back(kv.second + "#");
      for (const std::string& n : numbers) a.push_back(kv.second + n);
    }
    tables[i] = std::move(t);
  }
  return *tables[i];
}

// Whether the argument suits the action the way the loader would check it; unsuitable ones are
// given as the loader would never pass them through, so the engine sees only valid steps.
bool suits(Action a, const std::string& arg) {
  auto digits = [&](const char* set) { return !arg.empty() && arg.find_first_not_of(set) == std::string::npos; };
  switch (a) {
    case Action::call:
    case Action::voice_call: return digits("0123456789");
    case Action::dial: return digits("0123456789*#");
    case Action::press:
      return arg == "special" || arg == "hold" || arg == "transfer" || arg == "conference" || arg == "release";
    case Action::forward: return arg == "off" || arg.find(' ') != std::string::npos;
    default: return arg.empty();
  }
}

std::string drive_run(const Scenario& s, const std::vector<Step>& steps, double tail);

// A scenario that shows a broken feature property on purpose (`,site,expect-broken,`, SPEC 7)
// is healthy when it breaks that one.
std::string drive(const Scenario& s, const std::vector<Step>& steps, double tail) {
  std::string f = drive_run(s, steps, tail);
  if (!s.expect_broken.empty() && f.rfind("property " + s.expect_broken + " broken", 0) == 0) return {};
  return f;
}

std::string drive_run(const Scenario& s, const std::vector<Step>& steps, double tail) {
  VectorSink sink;
  Engine engine(s.site, s.profile, sink);
  engine.set_checks(Engine::Checks::full);
  double t = 0;
  for (const Step& st : steps) {
    t = std::max(t, st.at);
    auto p = engine.party_id(st.party);
    if (p) engine.act(t, *p, st.action, st.argument);
    if (!engine.failure().empty()) return engine.failure();
  }
  // Let the engine finish, but not for ever: a bounded number of event rounds.
  for (int i = 0; i < 100000 && engine.failure().empty() && std::isfinite(engine.next_event_time()) &&
                  engine.next_event_time() <= t + tail;
       ++i)
    engine.run_until(engine.next_event_time());
  if (engine.failure().empty() && engine.next_event_time() > t + tail) engine.run_until(t + tail);
  engine.check_end_of_run();
  if (!engine.failure().empty()) return engine.failure();
  // The reporters must take any trace: expectations matched, CSV written.
  std::stable_sort(sink.events.begin(), sink.events.end(),
                   [](const TraceEvent& a, const TraceEvent& b) { return a.time < b.time; });
  match_expectations(s, sink.events);
  (void)trace_csv(sink.events);
  return {};
}

}  // namespace

std::string loader_one(const uint8_t* data, size_t size) {
  Files files;
  files.mem["fuzz/s.csv"] = std::string(reinterpret_cast<const char*>(data), size);
  static const std::optional<std::string> site = DiskFiles().read(site_path("generic"));
  if (site) files.mem["fuzz/site.csv"] = *site;
  Scenario s;
  try {
    s = load_scenario("fuzz/s.csv", files, default_profile_dir());
  } catch (const InputError& e) {
    std::string what = e.what();
    if (e.file.empty() || e.line < 0 || what.find(':') == std::string::npos)
      return "bad input reported without FILE:LINE: " + what;
    return {};
  } catch (const std::exception& e) {
    return std::string("the loader threw something other than InputError: ") + e.what();
  }
  // Keep runs short: a fuzzed file may ask for a settle time of years; the engine is event-driven,
  // so long quiet times cost nothing, but cap the tail anyway.
  return drive(s, s.steps, 400);
}

std::string engine_one(const uint8_t* data, size_t size) {
  std::string profile;
  std::vector<Step> steps = engine_steps(data, size, &profile);
  if (steps.empty()) return {};
  return drive(table(data[0] % kProfiles.size()).site, steps, 400);
}

std::vector<Step> engine_steps(const uint8_t* data, size_t size, std::string* profile) {
  std::vector<Step> steps;
  if (size < 1) return steps;
  const Table& t = table(data[0] % kProfiles.size());
  *profile = kProfiles[data[0] % kProfiles.size()];
  if (t.persons.empty()) return steps;
  double at = 0;
  for (size_t i = 1; i + 4 <= size && steps.size() < 400; i += 4) {
    Step s;
    at += kGaps[data[i] % kGaps.size()];
    s.at = at;
    s.party = t.persons[data[i + 1] % t.persons.size()];
    s.action = kActions[data[i + 2] % kActions.size()];
    s.action_name = kActionNames[data[i + 2] % kActions.size()];
    s.argument = t.args[data[i + 3] % t.args.size()];
    if (!suits(s.action, s.argument)) {
      // The loader would refuse it; keep the step, with an argument it would take.
      switch (s.action) {
        case Action::call:
        case Action::voice_call:
        case Action::dial: s.argument = t.persons[data[i + 3] % t.persons.size()]; break;
        case Action::press: s.argument = "special"; break;
        case Action::forward: s.argument = "off"; break;
        default: s.argument.clear(); break;
      }
    }
    steps.push_back(std::move(s));
  }
  // Tear-down: everyone hangs up; lifts and hangs up again after the recall timers.
  for (int round = 0; round < 3; ++round) {
    at += round == 0 ? 1 : 70;
    if (round > 0)
      for (const std::string& p : t.persons) steps.push_back(Step{at, p, Action::offhook, "answer", "", 0, {}});
    at += round > 0 ? 1 : 0;
    for (const std::string& p : t.persons) steps.push_back(Step{at, p, Action::onhook, "hangup", "", 0, {}});
  }
  return steps;
}

std::vector<uint8_t> engine_encode(const std::string& profile, const std::vector<TextStep>& steps) {
  size_t pi = 0;
  for (size_t i = 0; i < kProfiles.size(); ++i)
    if (profile == kProfiles[i]) pi = i;
  const Table& t = table(pi);
  std::vector<uint8_t> out{static_cast<uint8_t>(pi)};
  auto index_of = [](const std::vector<std::string>& v, const std::string& x) -> uint8_t {
    auto it = std::find(v.begin(), v.end(), x);
    if (it != v.end()) return static_cast<uint8_t>((it - v.begin()) % 256);
    return static_cast<uint8_t>(std::hash<std::string>()(x) % 256);
  };
  for (const TextStep& s : steps) {
    size_t g = 0;
    for (size_t i = 0; i < kGaps.size(); ++i)
      if (std::fabs(kGaps[i] - s.gap) < std::fabs(kGaps[g] - s.gap)) g = i;
    out.push_back(static_cast<uint8_t>(g));
    out.push_back(index_of(t.persons, s.party));
    out.push_back(static_cast<uint8_t>(std::find(kActions.begin(), kActions.end(), s.action) - kActions.begin()));
    out.push_back(index_of(t.args, s.argument));
  }
  return out;
}

}  // namespace telsim::fuzz
