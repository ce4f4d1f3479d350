#include "reports/diagram_rows.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "reports/trace_csv.h"

namespace telsim {

namespace {

long long ms(double t) { return std::llround(t * 1000.0); }

bool same_event(const TraceEvent& a, const TraceEvent& b) {
  return ms(a.time) == ms(b.time) && a.call == b.call && a.party == b.party && a.event == b.event &&
         a.detail == b.detail;
}

bool has_word(const std::string& detail, const std::string& word) {
  std::istringstream in(detail);
  for (std::string w; in >> w;)
    if (w == word) return true;
  return false;
}

// Steps whose own action the trace records at the acting party (offhook, digits, onhook); the
// others (a key press, a forward registration, hold, retrieve) are drawn as notes, so that what the
// switch answers them with does not come from nowhere.
bool traced_step(const std::string& action) {
  return action == "call" || action == "offhook" || action == "answer" || action == "onhook" ||
         action == "hangup" || action == "dial" || action == "voice-call";
}

std::string seconds(double v) {
  std::string t = format_time(v);
  while (t.size() > 1 && t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  return t;
}

// Which timer fired at an instant no step acted at. The trace does not name timers, so this is
// inferred: first from what the switch did at that instant (a no-answer forward, a recall with
// its reason, a handoff cancelled, a hunt group moving on), else from a timer whose length equals
// the time since the last step of a party the instant involves. "" when nothing fits.
std::string timer_name(const DiagramInput& in, size_t first, size_t last) {
  auto timer = [&](const std::string& name) {
    auto t = in.timers.find(name);
    return t == in.timers.end() ? name + " timer" : name + " timer (" + seconds(t->second) + " s)";
  };
  for (size_t i = first; i < last; ++i) {
    const TraceEvent& e = in.events[i];
    if (e.event == Ev::forwarded && (has_word(e.detail, "type=no-answer") || has_word(e.detail, "type=busy-no-answer")))
      return timer("no-answer");
    if (e.event == Ev::recall) {
      if (has_word(e.detail, "reason=hold") || has_word(e.detail, "reason=conference")) return timer("hold-recall");
      if (has_word(e.detail, "reason=transfer")) return timer("transfer-recall");
      if (has_word(e.detail, "reason=attendant")) return timer("attendant-recall");
      if (has_word(e.detail, "reason=handoff")) return timer("handoff");
    }
    if (e.event == Ev::handoff && has_word(e.detail, "kind=cancel")) return timer("handoff");
    if (e.event == Ev::hunt || e.event == Ev::overflow) {
      auto h = in.hunt_no_answer.find(e.party);
      if (h != in.hunt_no_answer.end() && h->second > 0)
        return "no-answer timer of hunt group " + e.party + " (" + seconds(h->second) + " s)";
    }
    if (e.event == Ev::voicemail) return timer("no-answer");
  }
  // By length: a timer equal to the time since the last step of a party at this instant.
  const double t = in.events[first].time;
  for (size_t i = first; i < last; ++i) {
    const DiagramStep* latest = nullptr;
    for (const DiagramStep& s : in.steps)
      if (s.party == in.events[i].party && ms(s.at) <= ms(t)) latest = &s;
    if (!latest) continue;
    for (const auto& [name, value] : in.timers)
      if (value > 0 && name != "settle" && ms(t - latest->at) == ms(value)) return timer(name);
  }
  return "";
}

// The timer note for the instant of events [first, last), or "" when a step acted within the
// second before it (steps' consequences arrive within a second even over the slowest network)
// or the step times are unknown.
std::string timer_text(const DiagramInput& in, size_t first, size_t last) {
  if (in.step_times.empty()) return "";
  const double t = in.events[first].time;
  double before = -1;
  for (double s : in.step_times) {
    if (ms(s) > ms(t)) continue;
    if (ms(s) > ms(t) - 1000) return "";
    before = std::max(before, s);
  }
  std::string name = timer_name(in, first, last);
  std::string text = name.empty() ? "timer expired" : name + " expired";
  if (before >= 0) text += ", " + format_time(t - before) + " s after the last step";
  return text;
}

std::string hex(int r, int g, int b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

// HSL to a hex colour (h in degrees, s and l in 0..1).
std::string hsl(double h, double s, double l) {
  double c = (1 - std::fabs(2 * l - 1)) * s, x = c * (1 - std::fabs(std::fmod(h / 60, 2) - 1)), m = l - c / 2;
  double r = 0, g = 0, b = 0;
  if (h < 60) r = c, g = x;
  else if (h < 120) r = x, g = c;
  else if (h < 180) g = c, b = x;
  else if (h < 240) g = x, b = c;
  else if (h < 300) r = x, b = c;
  else r = c, b = x;
  auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  return hex(byte(r + m), byte(g + m), byte(b + m));
}

}  // namespace

bool from_party(Ev e) { return e == Ev::offhook || e == Ev::onhook || e == Ev::digits; }

bool is_note_event(Ev e) {
  switch (e) {
    case Ev::dialtone: case Ev::ringback: case Ev::busy: case Ev::reorder: case Ev::confirmation:
    case Ev::music_on_hold: case Ev::display: case Ev::prompt:
      return true;
    default:
      return false;
  }
}

std::string event_label(const TraceEvent& e) {
  std::string text = call_label(e.call);
  if (!text.empty()) text += ": ";
  text += ev_name(e.event);
  if (!e.detail.empty()) text += ev_detail_is_text(e.event) ? " '" + e.detail + "'" : " " + e.detail;
  return text;
}

std::string step_text(const DiagramStep& s) {
  std::string arg = s.argument.empty() ? "" : " " + s.argument;
  if (s.action == "press") return s.party + " presses " + s.argument;
  if (s.action == "forward") return s.argument == "off" ? s.party + " cancels call forward"
                                                        : s.party + " registers forward" + arg;
  if (s.action == "hold") return s.party + " puts the call on hold";
  if (s.action == "retrieve") return s.party + " takes the held call back";
  return s.party + " " + s.action + arg;
}

double failure_time(const FailedExpectation& f, double end) {
  if (f.negate && f.has_nearest) return f.nearest.time;
  if (std::isfinite(f.from)) return f.from;
  if (std::isfinite(f.to)) return f.to;
  return end;
}

std::vector<uint32_t> diagram_calls(const DiagramInput& in) {
  std::vector<uint32_t> calls;
  for (const TraceEvent& e : in.events)
    if (e.call != 0) calls.push_back(e.call);
  std::sort(calls.begin(), calls.end());
  calls.erase(std::unique(calls.begin(), calls.end()), calls.end());
  return calls;
}

std::string call_colour(uint32_t call, const std::vector<uint32_t>& calls) {
  if (call == 0) return "#555555";
  // Eight well-told-apart colours first; beyond them, hues outside red at changing lightness, so
  // no two calls of a scenario share a colour.
  static const char* const kFirst[] = {"#1f5fbf", "#1a8a3a", "#d9700a", "#7b3fb5",
                                       "#8c564b", "#c2469e", "#138d9c", "#8a8a12"};
  auto at = std::lower_bound(calls.begin(), calls.end(), call);
  size_t i = at != calls.end() && *at == call ? static_cast<size_t>(at - calls.begin()) : call - 1;
  if (i < 8) return kFirst[i];
  // Twelve hues from orange round to purple (never red), then again darker or lighter.
  size_t k = i - 8, slot = k % 12, level = k / 12;
  double hue = 25 + 25 * static_cast<double>(slot) + static_cast<double>(level % 12);
  double light = 0.26 + 0.22 * std::fmod(0.5 + static_cast<double>(level) * 0.618034, 1.0);
  return hsl(hue, 0.75, light);
}

std::vector<std::string> diagram_parties(const DiagramInput& in) {
  std::vector<std::string> parties;
  auto add = [&](const std::string& p) {
    if (!p.empty() && std::find(parties.begin(), parties.end(), p) == parties.end()) parties.push_back(p);
  };
  // Steps and events by time, so a party that acts before anything happens to it keeps its place.
  size_t s = 0;
  for (const TraceEvent& e : in.events) {
    while (s < in.steps.size() && ms(in.steps[s].at) <= ms(e.time)) add(in.steps[s++].party);
    add(e.party);
  }
  while (s < in.steps.size()) add(in.steps[s++].party);
  for (const FailedExpectation& f : in.failed) {
    add(f.expected.substr(0, f.expected.find(' ')));
    if (f.has_nearest) add(f.nearest.party);
  }
  return parties;
}

std::string party_kind_text(const DiagramInput& in, const std::string& party) {
  auto k = in.party_kinds.find(party);
  return k == in.party_kinds.end() ? "" : k->second;
}

namespace {
// m[i], or nothing, without adding an entry for i.
template <class T>
const std::vector<T>& at(const std::map<size_t, std::vector<T>>& m, size_t i) {
  static const std::vector<T> none;
  auto f = m.find(i);
  return f == m.end() ? none : f->second;
}
}  // namespace

std::vector<DiagramRow> diagram_rows(const DiagramInput& in) {
  const double end = in.events.empty() ? 0 : in.events.back().time;
  // Failures: before event i (an expect: "here it should have happened"), after the event that
  // broke an expect-not, or after the last event.
  // By event index, sparse: most events have nothing before or after them, and a container per
  // event would be held beside the rows while they are built.
  std::map<size_t, std::vector<size_t>> before, after;
  for (size_t f = 0; f < in.failed.size(); ++f) {
    const FailedExpectation& x = in.failed[f];
    bool placed = false;
    if (x.negate && x.has_nearest)
      for (size_t i = 0; i < in.events.size() && !placed; ++i)
        if (same_event(in.events[i], x.nearest)) {
          after[i].push_back(f);
          placed = true;
        }
    if (placed) continue;
    long long t = ms(failure_time(x, end));
    size_t i = 0;
    while (i < in.events.size() && ms(in.events[i].time) < t) ++i;
    before[i].push_back(f);
  }
  // Step notes: before the first event at or after the step, past the events of the steps before
  // it at that instant whose own action the trace records.
  std::map<size_t, std::vector<size_t>> steps_before;
  size_t step_notes = 0;
  size_t cursor = 0;
  for (size_t s = 0; s < in.steps.size(); ++s) {
    const DiagramStep& st = in.steps[s];
    while (cursor < in.events.size() && ms(in.events[cursor].time) < ms(st.at)) ++cursor;
    if (!traced_step(st.action)) {
      steps_before[cursor].push_back(s);
      ++step_notes;
      continue;
    }
    for (size_t i = cursor; i < in.events.size() && ms(in.events[i].time) < ms(st.at) + 1000; ++i)
      if (in.events[i].party == st.party && from_party(in.events[i].event)) {
        cursor = i + 1;
        break;
      }
  }
  // Golden marks by actual row.
  std::map<size_t, std::vector<const GoldenMark*>> missing_before;
  std::map<size_t, const GoldenMark*> mark_of;
  for (const GoldenMark& m : in.golden) {
    if (m.kind == GoldenMark::missing) missing_before[m.actual_row].push_back(&m);
    else mark_of[m.actual_row] = &m;
  }
  // Nearest events of failed expectations (the first equal event in the trace).
  std::map<size_t, std::vector<int>> nearest_of;
  for (const FailedExpectation& f : in.failed) {
    if (!f.has_nearest) continue;
    for (size_t i = 0; i < in.events.size(); ++i)
      if (same_event(in.events[i], f.nearest)) {
        nearest_of[i].push_back(f.line);
        break;
      }
  }

  std::vector<DiagramRow> rows;
  rows.reserve(in.events.size() + in.failed.size() + step_notes + in.golden.size());  // timer notes may add more
  for (size_t i = 0; i <= in.events.size(); ++i) {
    for (size_t f : at(before, i)) {
      DiagramRow r;
      r.kind = DiagramRow::failure;
      r.failure_index = f;
      r.time = failure_time(in.failed[f], end);
      rows.push_back(r);
    }
    bool new_instant = i < in.events.size() && (i == 0 || ms(in.events[i].time) != ms(in.events[i - 1].time));
    if (new_instant && !steps_before.count(i)) {
      size_t last = i;
      while (last < in.events.size() && ms(in.events[last].time) == ms(in.events[i].time)) ++last;
      std::string timer = timer_text(in, i, last);
      if (!timer.empty()) {
        DiagramRow r;
        r.kind = DiagramRow::timer;
        r.text = timer;
        r.time = in.events[i].time;
        rows.push_back(r);
      }
    }
    for (size_t s : at(steps_before, i)) {
      DiagramRow r;
      r.kind = DiagramRow::step;
      r.party = in.steps[s].party;
      r.text = step_text(in.steps[s]);
      r.time = in.steps[s].at;
      rows.push_back(r);
    }
    for (const GoldenMark* m : at(missing_before, i)) {
      DiagramRow r;
      r.kind = DiagramRow::golden_missing;
      r.golden = m;
      r.time = i < in.events.size() ? in.events[i].time : end;
      rows.push_back(r);
    }
    if (i == in.events.size()) break;
    DiagramRow r;
    r.kind = DiagramRow::event;
    r.event_index = i;
    r.time = in.events[i].time;
    auto m = mark_of.find(i);
    if (m != mark_of.end()) r.golden = m->second;
    auto n = nearest_of.find(i);
    if (n != nearest_of.end()) r.nearest_for = n->second;
    rows.push_back(r);
    for (size_t f : at(after, i)) {
      DiagramRow fr;
      fr.kind = DiagramRow::failure;
      fr.failure_index = f;
      fr.time = failure_time(in.failed[f], end);
      rows.push_back(fr);
    }
  }
  return rows;
}

}  // namespace telsim
