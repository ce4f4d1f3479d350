#include "reports/outcome.h"

#include <sstream>

namespace telsim {

namespace {
// Length-prefixed fields: "<len>:<bytes>" so any byte may appear in a field.
void put(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}
void put_list(std::string& out, const std::vector<std::string>& v) {
  put(out, std::to_string(v.size()));
  for (const auto& s : v) put(out, s);
}
bool get(const std::string& in, size_t& pos, std::string* s) {
  size_t colon = in.find(':', pos);
  if (colon == std::string::npos) return false;
  size_t len = 0;
  try {
    len = std::stoul(in.substr(pos, colon - pos));
  } catch (...) {
    return false;
  }
  if (colon + 1 + len > in.size()) return false;
  *s = in.substr(colon + 1, len);
  pos = colon + 1 + len;
  return true;
}
bool get_list(const std::string& in, size_t& pos, std::vector<std::string>* v) {
  std::string n;
  if (!get(in, pos, &n)) return false;
  size_t count = std::stoul(n);
  v->clear();
  for (size_t i = 0; i < count; ++i) {
    std::string s;
    if (!get(in, pos, &s)) return false;
    v->push_back(std::move(s));
  }
  return true;
}
}  // namespace

std::string serialize(const ScenarioOutcome& o) {
  std::string out;
  put(out, o.path);
  put(out, o.title);
  put_list(out, o.rules);
  put_list(out, o.tags);
  put(out, o.passed ? "1" : "0");
  std::ostringstream times;
  times.precision(17);
  times << o.seconds << ' ' << o.virtual_end;
  put(out, times.str());
  put_list(out, o.failures);
  put(out, o.trace_csv);
  return out;
}

bool deserialize(const std::string& in, ScenarioOutcome* o) {
  size_t pos = 0;
  std::string passed, times;
  if (!get(in, pos, &o->path) || !get(in, pos, &o->title) || !get_list(in, pos, &o->rules) ||
      !get_list(in, pos, &o->tags) || !get(in, pos, &passed) || !get(in, pos, &times) ||
      !get_list(in, pos, &o->failures) || !get(in, pos, &o->trace_csv))
    return false;
  o->passed = passed == "1";
  std::istringstream t(times);
  t >> o->seconds >> o->virtual_end;
  return true;
}

}  // namespace telsim
