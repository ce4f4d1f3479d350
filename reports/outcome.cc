#include "reports/outcome.h"

#include <cstdlib>
#include <sstream>

#include "reports/matcher.h"
#include "reports/trace_csv.h"

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
  size_t count = 0;
  try {
    count = std::stoul(n);
  } catch (...) {
    return false;
  }
  v->clear();
  for (size_t i = 0; i < count; ++i) {
    std::string s;
    if (!get(in, pos, &s)) return false;
    v->push_back(std::move(s));
  }
  return true;
}
// Doubles exactly (17 digits); "inf"/"-inf" read back through strtod.
std::string num(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}
double to_num(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

void put_failed(std::string& out, const std::vector<FailedExpectation>& v) {
  put(out, std::to_string(v.size()));
  for (const FailedExpectation& f : v) {
    put(out, f.file);
    put(out, std::to_string(f.line));
    put(out, f.negate ? "1" : "0");
    put(out, f.text);
    put(out, f.expected);
    put(out, f.window);
    put(out, num(f.from));
    put(out, num(f.to));
    put(out, f.message);
    put(out, f.has_nearest ? "1" : "0");
    put(out, num(f.nearest.time));
    put(out, std::to_string(f.nearest.call));
    put(out, f.nearest.party);
    put(out, std::string(ev_name(f.nearest.event)));
    put(out, f.nearest.detail);
  }
}

bool get_failed(const std::string& in, size_t& pos, std::vector<FailedExpectation>* v) {
  std::string n;
  if (!get(in, pos, &n)) return false;
  size_t count = 0;
  try {
    count = std::stoul(n);
  } catch (...) {
    return false;
  }
  v->clear();
  for (size_t i = 0; i < count; ++i) {
    FailedExpectation f;
    std::string line, negate, from, to, has, time, call, ev;
    if (!get(in, pos, &f.file) || !get(in, pos, &line) || !get(in, pos, &negate) || !get(in, pos, &f.text) ||
        !get(in, pos, &f.expected) || !get(in, pos, &f.window) || !get(in, pos, &from) || !get(in, pos, &to) ||
        !get(in, pos, &f.message) || !get(in, pos, &has) || !get(in, pos, &time) || !get(in, pos, &call) ||
        !get(in, pos, &f.nearest.party) || !get(in, pos, &ev) || !get(in, pos, &f.nearest.detail))
      return false;
    auto e = ev_from_name(ev);
    if (!e) return false;
    f.line = std::atoi(line.c_str());
    f.negate = negate == "1";
    f.from = to_num(from);
    f.to = to_num(to);
    f.has_nearest = has == "1";
    f.nearest.time = to_num(time);
    f.nearest.call = static_cast<uint32_t>(std::strtoul(call.c_str(), nullptr, 10));
    f.nearest.event = *e;
    v->push_back(std::move(f));
  }
  return true;
}
}  // namespace

FailedExpectation failed_expectation(const std::string& file, const ExpectationResult& r) {
  FailedExpectation f;
  f.file = file;
  f.message = r.message;
  if (const Expectation* x = r.expectation) {
    f.line = x->line;
    f.negate = x->negate;
    f.text = x->party + (x->negate ? " expect-not " : " expect ") + x->text;
    f.expected = x->party + " " + std::string(ev_name(x->event)) + (x->detail.empty() ? "" : " " + x->detail);
    f.window = window_text(*x);
    f.from = x->from;
    f.to = x->to;
  }
  const std::optional<TraceEvent>& e = f.negate ? r.matched : r.nearest;
  if (e) {
    f.has_nearest = true;
    f.nearest = *e;
  }
  return f;
}

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
  put_failed(out, o.failed_expectations);
  std::vector<std::string> steps;
  for (double t : o.step_times) steps.push_back(num(t));
  put_list(out, steps);
  put(out, o.error_kind);
  put_list(out, o.warnings);
  put(out, o.golden_diff);
  return out;
}

bool deserialize(const std::string& in, ScenarioOutcome* o) {
  size_t pos = 0;
  std::string passed, times;
  if (!get(in, pos, &o->path) || !get(in, pos, &o->title) || !get_list(in, pos, &o->rules) ||
      !get_list(in, pos, &o->tags) || !get(in, pos, &passed) || !get(in, pos, &times) ||
      !get_list(in, pos, &o->failures) || !get(in, pos, &o->trace_csv) || !get_failed(in, pos, &o->failed_expectations))
    return false;
  std::vector<std::string> steps;
  if (!get_list(in, pos, &steps) || !get(in, pos, &o->error_kind) || !get_list(in, pos, &o->warnings) ||
      !get(in, pos, &o->golden_diff) || pos != in.size())
    return false;
  o->step_times.clear();
  for (const std::string& t : steps) o->step_times.push_back(to_num(t));
  o->passed = passed == "1";
  std::istringstream t(times);
  t >> o->seconds >> o->virtual_end;
  return true;
}

}  // namespace telsim
