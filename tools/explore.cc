// `telsim explore` (see explore.h). Each run is a scenario file's text: the site included, random
// steps, then tear-down steps (everyone hangs up, lifts and hangs up again, so calls that cannot
// end show). It is loaded by the same loader `telsim run` uses and run by the same run loop, in a
// forked child (SimGrid keeps one clock per process; a crash or a hang must not take the explorer
// down). A finding is shrunk by delta debugging over the steps: the smallest set of steps that
// still shows the same kind of failure (its signature) is written out.
#include "tools/explore.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/scenario_loader.h"
#include "sim/scenario_run.h"
#include "tools/child_pool.h"
#include "reports/diagram.h"
#include "tools/suite.h"

namespace fs = std::filesystem;

namespace telsim {

namespace {

// splitmix64: a small, well-mixed generator whose output is the same on every platform (the
// standard distributions are not), so a seed names the same runs everywhere.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
  template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

std::string fmt_time(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", t);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// What a site offers the generator.
struct Palette {
  std::vector<std::string> persons;   // who can act: stations, externals, mobiles, attendants
  std::vector<std::string> stations;
  std::vector<std::string> numbers;   // what can be called: every number and line, plus nonsense
  std::vector<std::string> codes;     // the profile's feature codes
  std::vector<std::string> whole;     // whole codes the site's options make useful (a teen's PIN)
  std::string ring_back;              // the profile's ring-back code (RBWF), keyed on busy
  std::vector<std::pair<std::string, std::string>> mailboxes;  // (station, its voice mail pilot) (VM)
};

Palette palette(const Scenario& site) {
  Palette p;
  for (const PartyDef& d : site.site.parties) {
    if (d.kind == PartyKind::station || d.kind == PartyKind::external || d.kind == PartyKind::mobile ||
        d.kind == PartyKind::attendant)
      p.persons.push_back(d.number);
    if (d.kind == PartyKind::station) p.stations.push_back(d.number);
    for (const std::string& l : d.lines) p.numbers.push_back(l);
    if (d.lines.empty()) p.numbers.push_back(d.number);
  }
  std::sort(p.numbers.begin(), p.numbers.end());
  p.numbers.erase(std::unique(p.numbers.begin(), p.numbers.end()), p.numbers.end());
  for (const auto& kv : site.profile.codes) p.codes.push_back(kv.second);
  // Weighted toward what the site has: a teen-line station's PIN after the teen-line code.
  auto tl = site.profile.codes.find("teen-line");
  for (const PartyDef& d : site.site.parties)
    if (!d.teen_pin.empty() && tl != site.profile.codes.end()) p.whole.push_back(tl->second + d.teen_pin + "#");
  // A ring-back code to key on busy, and the stations whose voicemail= gives them a mailbox: they
  // forward to their pilot and call it to listen.
  auto rb = site.profile.codes.find("ring-back");
  if (rb != site.profile.codes.end()) p.ring_back = rb->second;
  for (const PartyDef& d : site.site.parties)
    if (d.kind == PartyKind::station && !d.voicemail.empty()) p.mailboxes.emplace_back(d.number, d.voicemail);
  return p;
}

// Numbers the run has touched lately (called, forwarded, forwarded to): features interact where
// people act on the same phones, so the generator comes back to them often.
thread_local std::vector<std::string> recent;

void remember(const std::string& n) {
  if (n.empty()) return;
  recent.push_back(n);
  if (recent.size() > 4) recent.erase(recent.begin());
}

std::string random_number(Rng& r, const Palette& p) {
  if (!recent.empty() && r.chance(45)) return r.pick(recent);
  if (r.chance(5)) return "99";  // nobody's number: reorder
  if (r.chance(5) && !p.numbers.empty()) return r.pick(p.numbers).substr(0, 2);  // incomplete
  return r.pick(p.numbers);
}

std::string random_digits(Rng& r, const Palette& p) {
  int kind = static_cast<int>(r.below(10));
  if (kind == 0 && !p.whole.empty()) return r.pick(p.whole);
  if (kind < 5 && !p.codes.empty()) {  // a feature code, mostly with a number after it
    std::string code = r.pick(p.codes);
    if (r.chance(70)) code += random_number(r, p);
    if (r.chance(30)) code += "#";
    return code;
  }
  if (kind < 7) return random_number(r, p);
  static const std::vector<std::string> bits = {"#", "*", "1", "0", "*#", "##", "**", "5"};
  return r.pick(bits);
}

}  // namespace

std::vector<ExploreStep> generate_steps(const Scenario& site, uint64_t seed, int run, int steps) {
  Rng r{seed * 0x2545f4914f6cdd1dULL + static_cast<uint64_t>(run) * 0x9e3779b97f4a7c15ULL + 1};
  r.next();
  Palette p = palette(site);
  std::vector<ExploreStep> out;
  if (p.persons.empty()) return out;
  // Gaps chosen to land on both sides of the timers (digit 3, no-answer ~15, transfer-recall 30,
  // hold-recall 60, handoff 30) and at the same instant (0).
  static const std::vector<double> gaps = {0, 0, 0.5, 1, 1, 1, 2, 2, 3, 4, 5, 7, 12, 16, 31, 61};
  static const std::vector<std::string> keys = {"special", "hold", "transfer", "conference", "release", "flash",
                                                "camp-on", "ring-back"};
  static const std::vector<std::string> forward_types = {"all", "busy", "no-answer", "busy-no-answer"};
  double t = 0;
  recent.clear();
  auto person = [&] {  // often someone the run has involved already (to answer, to act in a call)
    if (!recent.empty() && r.chance(50)) {
      const std::string& n = r.pick(recent);
      if (std::find(p.persons.begin(), p.persons.end(), n) != p.persons.end()) return n;
    }
    return r.pick(p.persons);
  };
  for (int i = 0; i < steps; ++i) {
    t += r.pick(gaps);
    if (r.chance(15) && !p.stations.empty()) {
      // A motif: a call is made and answered, then one side uses a feature in it (a code with a
      // number, a key, hold): features act on calls in progress, which random steps rarely build.
      std::string a = r.chance(70) ? r.pick(p.stations) : person();
      std::string b = r.pick(p.persons);
      out.push_back(ExploreStep{t, a, "hangup", ""});
      out.push_back(ExploreStep{t, a, "call", b});
      t += 1 + static_cast<double>(r.below(4));
      if (r.chance(30) && !p.codes.empty()) {  // someone else acts on the ringing phone (pickup, ...)
        std::string c = r.pick(p.stations);
        out.push_back(ExploreStep{t, c, "hangup", ""});
        out.push_back(ExploreStep{t, c, "dial", r.pick(p.codes) + b});
        remember(a);
        remember(b);
        i += 2;
        continue;
      }
      out.push_back(ExploreStep{t, b, "answer", ""});
      t += 1 + static_cast<double>(r.below(6));
      if (r.chance(25)) {  // a third party finds them busy: call waiting (flash) or camp-on (key or code)
        std::string c = r.pick(p.persons);
        std::string busy = r.chance(50) ? a : b;
        out.push_back(ExploreStep{t, c, "hangup", ""});
        out.push_back(ExploreStep{t, c, "call", busy});
        t += static_cast<double>(r.below(3));
        int what = static_cast<int>(r.below(p.ring_back.empty() ? 3 : 4));
        if (what == 0) out.push_back(ExploreStep{t, busy, "press", "flash"});
        else if (what == 1) out.push_back(ExploreStep{t, c, "press", "camp-on"});
        else if (what == 2) out.push_back(ExploreStep{t, c, "dial", p.codes.empty() ? "6" : r.pick(p.codes)});
        else {  // ring back when free: the code on busy, then the caller hangs up and waits for it
          out.push_back(ExploreStep{t, c, "dial", p.ring_back});
          t += 1;
          out.push_back(ExploreStep{t, c, "hangup", ""});
        }
        remember(c);
      }
      std::string who = r.chance(60) ? a : b;
      if (r.chance(30)) {
        // A consultation, then a conference or a release (CN-*, AT-*), sometimes before the
        // consulted party answers, sometimes growing the conference by one more; by flash, a
        // three-way call (TWC) and flash again.
        for (int more = r.chance(30) ? 2 : 1; more > 0; --more) {
          std::string c = random_number(r, p);
          bool flash = r.chance(40);  // three-way calling's flash key (TWC), else the transfer key
          out.push_back(ExploreStep{t, who, "press", flash ? "flash" : "transfer"});
          out.push_back(ExploreStep{t + 1, who, "dial", c});
          t += 2;
          bool person = std::find(p.persons.begin(), p.persons.end(), c) != p.persons.end();
          if (r.chance(75) && person) out.push_back(ExploreStep{t + r.below(3), c, "answer", ""});
          t += 3;
          static const std::vector<std::string> joins = {"conference", "conference", "release", "hold", "transfer"};
          out.push_back(ExploreStep{t, who, "press", flash && r.chance(80) ? "flash" : r.pick(joins)});
          remember(c);
        }
        remember(a);
        remember(b);
        i += 2;
        continue;
      }
      if (r.chance(25) && !p.codes.empty()) {  // a feature key, then a code (handoff: special 388)
        out.push_back(ExploreStep{t, who, "press", "special"});
        out.push_back(ExploreStep{t + r.below(2), who, "dial", r.pick(p.codes)});
        t += 1;
      } else if (r.chance(60)) out.push_back(ExploreStep{t, who, "dial", random_digits(r, p)});
      else if (r.chance(50)) out.push_back(ExploreStep{t, who, "press", r.pick(keys)});
      else out.push_back(ExploreStep{t, who, "hold", ""});
      remember(a);
      remember(b);
      i += 2;
      continue;
    }
    ExploreStep s;
    s.at = t;
    s.party = person();
    int a = static_cast<int>(r.below(100));
    if (a < 20) {
      if (r.chance(40)) out.push_back(ExploreStep{t, s.party, "hangup", ""});  // hang up, then call
      s.action = "call";
      s.argument = random_number(r, p);
      remember(s.argument);
      remember(s.party);
    } else if (a < 34) {
      s.action = "answer";
    } else if (a < 48) {
      s.action = "hangup";
    } else if (a < 60) {
      s.action = "dial";
      s.argument = random_digits(r, p);
    } else if (a < 67) {
      s.action = "press";
      s.argument = r.pick(keys);
    } else if (a < 74) {
      s.action = "hold";
    } else if (a < 80) {
      s.action = "retrieve";
    } else if (a < 90) {
      s.action = "forward";
      s.argument = r.chance(20) ? "off" : r.pick(forward_types) + " " + random_number(r, p);
      if (!p.stations.empty() && r.chance(70)) s.party = r.pick(p.stations);
      if (!p.mailboxes.empty() && r.chance(25)) {  // a station forwards to its own voice mail
        const auto& m = r.pick(p.mailboxes);
        s.party = m.first;
        s.argument = r.pick(forward_types) + " " + m.second;
      }
      remember(s.party);
      if (s.argument != "off") remember(s.argument.substr(s.argument.find(' ') + 1));
    } else if (a < 95) {
      s.action = "voice-call";
      s.argument = random_number(r, p);
      if (!p.stations.empty()) s.party = r.pick(p.stations);
    } else if (a < 97 || p.mailboxes.empty()) {
      s.action = "offhook";
    } else {  // a mailbox's owner calls its pilot and listens a while (VM)
      const auto& m = r.pick(p.mailboxes);
      out.push_back(ExploreStep{t, m.first, "hangup", ""});
      out.push_back(ExploreStep{t, m.first, "call", m.second});
      t += 1 + static_cast<double>(r.below(8));
      s.at = t;
      s.party = m.first;
      s.action = "hangup";
      remember(m.first);
    }
    out.push_back(std::move(s));
  }
  // Tear-down: everyone hangs up; then everyone lifts (answering what rings, recalls included)
  // and hangs up again, twice. After that no call should be left that nobody can end.
  for (int round = 0; round < 3; ++round) {
    t += round == 0 ? 1 : 70;  // past the recall timers
    if (round > 0)
      for (const std::string& who : p.persons) out.push_back(ExploreStep{t, who, "answer", ""});
    if (round > 0) t += 1;
    for (const std::string& who : p.persons) out.push_back(ExploreStep{t, who, "hangup", ""});
  }
  return out;
}

std::string scenario_text(const std::string& include_path, const std::vector<ExploreStep>& steps,
                          const std::string& network, const std::string& title, const std::string& comment) {
  std::ostringstream o;
  o << "# title: " << title << "\n# tags: explore\n";
  std::istringstream lines(comment);
  for (std::string line; std::getline(lines, line);) o << "# " << line << "\n";
  o << "at,party,action,argument\n";
  o << ",site,include," << csv_field(include_path) << "\n";
  if (!network.empty()) o << ",site,network," << network << "\n";
  for (const ExploreStep& s : steps)
    o << fmt_time(s.at) << "," << s.party << "," << s.action << "," << csv_field(s.argument) << "\n";
  return o.str();
}

namespace {
// SPEC 7's abbreviations, in the benchmark's order (a pair is named in this order), and the
// feature boxes' names as the profile's `features` line spells them.
const std::vector<std::string>& feature_order() {
  static const std::vector<std::string> order = {"OCS", "TCS", "CNDB", "RBWF", "TWC", "TL", "VM", "RC", "SB", "CF",
                                                 "CW",  "CO",  "CT",   "PU",   "HG",  "CN", "DEE", "HO", "AT", "HR",
                                                 "VC",  "BC"};
  return order;
}

size_t feature_rank(const std::string& a) {
  const auto& o = feature_order();
  auto it = std::find(o.begin(), o.end(), a);
  return static_cast<size_t>(it - o.begin());
}
}  // namespace

std::string feature_abbreviation(const std::string& box) {
  static const std::map<std::string, std::string> kAbbr = {
      {"screen-out", "OCS"},    {"screen-in", "TCS"},       {"teen-line", "TL"},      {"caller-id", "CNDB"},
      {"split-billing", "SB"},  {"reverse-charge", "RC"},   {"forward", "CF"},        {"transfer", "CT"},
      {"pickup", "PU"},         {"hunt-groups", "HG"},      {"handoff", "DEE"},       {"hold", "HR"},
      {"voice-call", "VC"},     {"call-waiting", "CW"},     {"camp-on", "CO"},        {"conference", "CN"},
      {"attendant", "AT"},      {"three-way-calling", "TWC"}, {"ring-back", "RBWF"},  {"voicemail", "VM"}};
  auto it = kAbbr.find(box);
  return it == kAbbr.end() ? box : it->second;
}

std::string interaction_pair(const std::string& failure) {
  std::string a, b;
  if (failure.rfind("property ", 0) == 0) {
    size_t f = failure.rfind("(features ");
    if (f == std::string::npos) return {};
    size_t end = failure.find(';', f);
    std::string list = failure.substr(f + 10, end == std::string::npos ? std::string::npos : end - f - 10);
    size_t x = list.find(" x ");
    if (x == std::string::npos) {
      size_t alone = list.find(" alone");
      a = list.substr(0, alone);
      return a + " alone";
    }
    a = list.substr(0, x);
    b = list.substr(x + 3);
  } else if (failure.rfind("contest ", 0) == 0) {
    // "contest at T s, cN: FIRST over SECOND at POINT"
    size_t colon = failure.find(": ");
    size_t over = failure.find(" over ", colon);
    size_t at = failure.find(" at ", over == std::string::npos ? 0 : over + 6);
    if (colon == std::string::npos || over == std::string::npos || at == std::string::npos) return {};
    a = feature_abbreviation(failure.substr(colon + 2, over - colon - 2));
    b = feature_abbreviation(failure.substr(over + 6, at - over - 6));
  } else {
    return {};
  }
  if (feature_rank(b) < feature_rank(a)) std::swap(a, b);
  return a + " x " + b;
}

std::string interaction_line(const std::string& failure) {
  std::string pair = interaction_pair(failure);
  if (pair.empty()) return {};
  std::string what = failure;
  if (what.rfind("property ", 0) == 0) {
    what = what.substr(9);
    size_t f = what.rfind(" (features ");
    if (f != std::string::npos) what.resize(f);
  }
  return "interaction " + pair + ": " + what;
}

std::string interaction_expect_not(const std::string& failure) {
  size_t e = failure.rfind("; event: ");
  if (e == std::string::npos) return {};
  std::string ev = failure.substr(e + 9);
  if (!ev.empty() && ev.back() == ')') ev.pop_back();
  size_t sp = ev.find(' ');
  if (sp == std::string::npos) return {};
  std::string party = ev.substr(0, sp), rest = ev.substr(sp + 1);
  return "," + party + ",expect-not," + csv_field(rest) + "\n";
}

std::string failure_signature(const std::string& failure) {
  if (failure.empty()) return {};
  if (std::string pair = interaction_pair(failure); !pair.empty()) return "interaction " + pair;
  if (failure.rfind("invariant ", 0) == 0) {
    size_t e = failure.find(' ', 10);
    return failure.substr(0, e);
  }
  if (failure.rfind("crash", 0) == 0 || failure.rfind("hang", 0) == 0 || failure.rfind("runaway", 0) == 0 ||
      failure.rfind("deadlock", 0) == 0 || failure.rfind("bad input", 0) == 0 || failure.rfind("exception", 0) == 0) {
    size_t e = failure.find(':');
    return failure.substr(0, e);
  }
  return failure.substr(0, std::min<size_t>(failure.size(), 40));
}

namespace {

// The candidate file lives in the output directory (so the include path is right) but only in
// memory; everything else comes from the disk.
class Overlay : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path) const override { return read(path, nullptr); }
  std::optional<std::string> read(const std::string& path, std::string* why) const override {
    auto it = files.find(path);
    if (it != files.end()) return it->second;
    return disk.read(path, why);
  }
  std::map<std::string, std::string> files;
  DiskFiles disk;
};

bool planted(const Scenario& s) {
  const char* number = std::getenv("TELSIM_EXPLORE_PLANTED");
  if (!number || !*number) return false;
  std::set<std::string> called;
  for (const Step& st : s.steps) {
    if (st.action == Action::call && st.argument == number) called.insert(st.party);
    if (st.action == Action::onhook && called.count(st.party)) return true;
  }
  return false;
}

struct Runner {
  const ExploreOptions& options;
  std::string include_path;  // the site, relative to out_dir
  std::string candidate;     // the in-memory path of the scenario under test
  LoadOptions load;          // the user's, with the site file trusted wherever it is

  std::string text(const std::vector<ExploreStep>& steps) const {
    return scenario_text(include_path, steps, options.network, "explore candidate", "");
  }

  // One run in the child: load the candidate, run it, and say what broke ("" when healthy).
  std::string failure_of(const std::vector<ExploreStep>& steps) const {
    Overlay files;
    files.files[candidate] = text(steps);
    Scenario s;
    try {
      s = load_scenario(candidate, files, load);
    } catch (const InputError& e) {
      return std::string("bad input: the explorer wrote a file the loader refuses: ") + e.what();
    }
    if (planted(s)) {
      // The self-test of the explorer's own machinery (tests/explore_test.cc): a failure
      // planted where a party calls TELSIM_EXPLORE_PLANTED and later hangs up.
      if (std::getenv("TELSIM_EXPLORE_PLANTED_CRASH")) std::abort();
      return "invariant planted broken: a call to the planted number was hung up";
    }
    try {
      RunResult run = run_scenario(s);
      // A contest between two boxes is a finding too (SPEC FI-2, FI-3).
      if (run.failure.empty() && !run.contests.empty()) return "contest " + run.contests.front();
      return run.failure;
    } catch (const std::exception& e) {
      return std::string("exception: ") + e.what();
    }
  }

  // Runs the programs, `options.jobs` at once; the failure text of each ("" when healthy).
  std::vector<std::string> run_all(const std::vector<std::vector<ExploreStep>>& programs) {
    std::vector<std::string> failures(programs.size());
    run_in_children(
        programs.size(), options.jobs, options.timeout, [&](size_t i) { return failure_of(programs[i]); },
        [&](ChildResult&& r) {
          if (r.timed_out)
            failures[r.index] =
                "hang: no end within " + std::to_string(static_cast<int>(options.timeout)) + " s of wall time";
          else if (r.signal)
            failures[r.index] = "crash: signal " + std::to_string(r.signal);
          else if (r.exit_status)
            failures[r.index] = "crash: exit status " + std::to_string(r.exit_status);
          else
            failures[r.index] = std::move(r.output);
        });
    return failures;
  }

  std::string run_one(const std::vector<ExploreStep>& steps) { return run_all({steps}).front(); }
};

// Delta debugging (Zeller's ddmin, complements only) over the steps, then single-step removal to
// a 1-minimal list: every step left is needed for the failure to show.
std::vector<ExploreStep> shrink(Runner& runner, std::vector<ExploreStep> steps, const std::string& signature,
                                int budget, int* spent, std::string* message) {
  auto fails = [&](const std::vector<ExploreStep>& cand) {
    if (*spent >= budget) return false;
    ++*spent;
    std::string f = runner.run_one(cand);
    if (failure_signature(f) != signature) return false;
    *message = f;
    return true;
  };
  size_t n = 2;
  while (steps.size() >= 2 && *spent < budget) {
    size_t chunk = (steps.size() + n - 1) / n;
    bool reduced = false;
    for (size_t start = 0; start < steps.size(); start += chunk) {
      std::vector<ExploreStep> cand(steps.begin(), steps.begin() + static_cast<long>(start));
      cand.insert(cand.end(), steps.begin() + static_cast<long>(std::min(steps.size(), start + chunk)), steps.end());
      if (fails(cand)) {
        steps = std::move(cand);
        n = std::max<size_t>(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= steps.size()) break;
      n = std::min(n * 2, steps.size());
    }
  }
  for (size_t i = 0; i < steps.size() && steps.size() > 1 && *spent < budget;) {
    std::vector<ExploreStep> cand = steps;
    cand.erase(cand.begin() + static_cast<long>(i));
    if (fails(cand)) steps = std::move(cand);
    else ++i;
  }
  return steps;
}

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// The shrunk scenario's call-flow diagram beside it (FILE.svg), drawn in a child like every run.
void write_finding_diagram(Runner& runner, const std::string& file, const LoadOptions& load) {
  run_in_children(
      1, 1, runner.options.timeout,
      [&](size_t) -> std::string {
        DiskFiles disk;
        LoadOptions l = load;
        l.trusted.push_back(file);
        try {
          Scenario s = load_scenario(file, disk, l);
          ScenarioOutcome o = evaluate(s, SuiteOptions{}, false);
          DiagramInput in = diagram_input(o, &s);
          std::string out = fs::path(file).replace_extension(".svg").string();
          try {
            write_diagram(in, out);
          } catch (const std::exception&) {
            write_diagram(in, fs::path(file).replace_extension(".mmd").string());  // no Graphviz: Mermaid text
          }
        } catch (const std::exception& e) {
          return e.what();
        }
        return {};
      },
      [](ChildResult&&) {});
}

}  // namespace

ExploreSummary explore(const ExploreOptions& options, const std::function<void(const std::string&)>& progress) {
  DiskFiles disk;
  LoadOptions load = options.load;
  if (load.profile_dir.empty()) load.profile_dir = default_profile_dir();
  Scenario site = load_scenario(options.site, disk, load);  // bad input: InputError
  // Every generated scenario includes the site: steps or expectations there would make each run
  // bad input, blamed on the explorer's own file.
  if (!site.steps.empty())
    throw InputError(site.file, site.steps.front().line,
                     "explore needs a site file of setup rows only, and this row is a step (the file is a scenario: "
                     "run it with telsim run, or keep its setup rows in a site file of their own)");
  if (!site.expectations.empty())
    throw InputError(site.file, site.expectations.front().line,
                     "explore needs a site file of setup rows only, and this row is an expectation");
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  auto write = [](const std::string& path, const std::string& text) {
    std::string why;
    if (!write_whole_file(path, text, &why)) throw std::runtime_error("cannot write " + path + ": it " + why);
  };
  Runner runner{options, {}, {}, load};
  runner.load.trusted.push_back(options.site);
  runner.include_path =
      fs::absolute(options.site).lexically_normal().lexically_relative(fs::absolute(options.out_dir).lexically_normal()).string();
  runner.candidate = (fs::path(options.out_dir) / "explore-candidate.csv").string();

  ExploreSummary summary;
  std::map<std::string, size_t> by_signature;
  const int batch = std::max(1, options.jobs) * 8;
  for (int first = 0; first < options.runs; first += batch) {
    int last = std::min(options.runs, first + batch);
    std::vector<std::vector<ExploreStep>> programs;
    for (int r = first; r < last; ++r) programs.push_back(generate_steps(site, options.seed, r, options.steps));
    std::vector<std::string> failures = runner.run_all(programs);
    if (options.keep_all)
      for (int r = first; r < last; ++r)
        write((fs::path(options.out_dir) / ("run_" + std::to_string(r) + ".csv")).string(),
              scenario_text(runner.include_path, programs[static_cast<size_t>(r - first)], options.network,
                            "explore run " + std::to_string(r) + " seed " + std::to_string(options.seed), ""));
    for (int r = first; r < last; ++r) {
      const auto& steps = programs[static_cast<size_t>(r - first)];
      ++summary.runs;
      summary.steps_run += steps.size();
      std::string sig = failure_signature(failures[static_cast<size_t>(r - first)]);
      if (sig.empty()) continue;
      ++summary.failed_runs;
      auto it = by_signature.find(sig);
      if (it != by_signature.end()) {
        ++summary.findings[it->second].count;
        continue;
      }
      ExploreFinding f;
      f.signature = sig;
      f.message = failures[static_cast<size_t>(r - first)];
      f.run = r;
      f.count = 1;
      f.original_steps = steps.size();
      int spent = 0;
      f.steps = shrink(runner, steps, sig, options.shrink_budget, &spent, &f.message);
      summary.shrink_runs += spent;
      std::string name = "explore_" + slug(sig.substr(sig.find(' ') == std::string::npos ? 0 : sig.find(' ') + 1)) +
                         "_seed" + std::to_string(options.seed) + "_run" + std::to_string(r) + ".csv";
      f.file = (fs::path(options.out_dir) / name).string();
      std::string comment = "found by: telsim explore " + options.site + " --seed " + std::to_string(options.seed) +
                            " (run " + std::to_string(r) + ", shrunk from " + std::to_string(steps.size()) +
                            " steps to " + std::to_string(f.steps.size()) + ")\nexpect: the run fails with\n  " +
                            f.message + "\nuntil the engine is fixed; then it passes and is a regression.";
      std::string text = scenario_text(runner.include_path, f.steps, options.network, "explore: " + sig, comment);
      // An interaction's scenario fails by an expectation of its own: the event that showed it must not happen.
      if (std::string no = interaction_expect_not(f.message); !no.empty()) text += no;
      write(f.file, text);
      if (std::string line = interaction_line(f.message); !line.empty()) {
        f.message = line;
        write_finding_diagram(runner, f.file, load);
      }
      progress("finding: " + sig + " (run " + std::to_string(r) + ", " + std::to_string(steps.size()) + " -> " +
               std::to_string(f.steps.size()) + " steps): " + f.file + "\n  " + f.message);
      by_signature[sig] = summary.findings.size();
      summary.findings.push_back(std::move(f));
    }
    if (last / 100 != first / 100 || last == options.runs)
      progress("runs " + std::to_string(last) + "/" + std::to_string(options.runs) + ", failed " +
               std::to_string(summary.failed_runs));
  }
  return summary;
}

}  // namespace telsim
