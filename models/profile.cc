#include "models/profile.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "models/features/registry.h"

namespace telsim {

const std::map<std::string, double>& default_timers() {
  static const std::map<std::string, double> timers = {
      {"no-answer", 15}, {"hold-recall", 60}, {"transfer-recall", 30},
      {"handoff", 30},   {"digit", 3},        {"settle", 300},
      {"camp-on", 0},  // SPEC 6: 0 = a camped call waits until its caller hangs up
      {"attendant-recall", 30},  // SPEC 6
      {"ring-back", 1800}};  // SPEC 7, RBWF: a request not served in 30 minutes is dropped (0: never)
  return timers;
}

double Profile::timer(const std::string& n, double fallback) const {
  auto it = timers.find(n);
  return it == timers.end() ? fallback : it->second;
}

std::string Profile::text(const std::string& n, const std::string& fallback) const {
  auto it = texts.find(n);
  return it == texts.end() ? fallback : it->second;
}

bool Profile::on(const std::string& sw, bool fallback) const {
  auto it = switches.find(sw);
  if (it == switches.end()) return fallback;
  const std::string& v = it->second;
  return v == "yes" || v == "on" || v == "true" || v == "1";
}

long Profile::number(const std::string& sw, long fallback) const {
  auto it = switches.find(sw);
  if (it == switches.end()) return fallback;
  return std::strtol(it->second.c_str(), nullptr, 10);
}

namespace {
std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool parse_seconds(const std::string& v, double* out) {
  if (v.empty()) return false;
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (*end != '\0' || !(d >= 0) || d > 1e9) return false;
  *out = d;
  return true;
}
}  // namespace

Profile parse_profile(const std::string& text) {
  Profile p;
  p.timers = default_timers();
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) throw ProfileError(line_no, "expected 'key = value', got '" + line + "'");
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (key == "name") {
      p.name = value;
    } else if (key.rfind("timer.", 0) == 0) {
      std::string name = key.substr(6);
      if (!default_timers().count(name)) throw ProfileError(line_no, "unknown timer '" + name + "'");
      double secs;
      if (!parse_seconds(value, &secs))
        throw ProfileError(line_no, "timer " + name + " needs seconds >= 0, got '" + value + "'");
      p.timers[name] = secs;
    } else if (key.rfind("code.", 0) == 0) {
      if (value.empty() || value.find_first_not_of("0123456789*#") != std::string::npos)
        throw ProfileError(line_no, "feature code must be digits 0-9 * #, got '" + value + "'");
      p.codes[key.substr(5)] = value;
    } else if (key.rfind("text.", 0) == 0) {
      p.texts[key.substr(5)] = value;
    } else if (key.rfind("switch.", 0) == 0) {
      p.switches[key.substr(7)] = value;
    } else if (key == "features") {
      std::istringstream words(value);
      p.features.clear();
      for (std::string w; words >> w;) {
        const auto& known = feature_names();
        if (std::find(known.begin(), known.end(), w) == known.end()) {
          std::string list;
          for (const auto& k : known) list += (list.empty() ? "" : " ") + k;
          throw ProfileError(line_no, "unknown feature '" + w + "' (features: " + list + ")");
        }
        if (std::find(p.features.begin(), p.features.end(), w) != p.features.end())
          throw ProfileError(line_no, "feature '" + w + "' listed twice");
        p.features.push_back(w);
      }
    } else {
      throw ProfileError(line_no, "unknown profile key '" + key + "'");
    }
  }
  return p;
}

}  // namespace telsim
