#include "reports/matcher.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "reports/trace_index.h"

namespace telsim {

namespace {

// "5", "12.5", "3.25": the shortest exact ms value, as people write times in scenario files.
std::string compact_time(double seconds) {
  Ms ms = to_ms(seconds);
  std::string text = (ms < 0 ? "-" : "") + std::to_string(std::llabs(ms) / 1000);
  Ms frac = std::llabs(ms) % 1000;
  if (frac == 0) return text;
  std::string digits = std::to_string(frac);
  digits.insert(0, 3 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return text + "." + digits;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "P EVENT DETAIL", without a double blank when DETAIL is empty.
std::string describe(const std::string& party, Ev ev, const std::string& detail) {
  std::string text = party + " " + std::string(ev_name(ev));
  if (!detail.empty()) text += " " + detail;
  return text;
}

std::string event_text(const TraceEvent& e) {
  return describe(e.party, e.event, e.detail) + " at " + compact_time(e.time);
}

bool bounded_below(const Expectation& x) { return std::isfinite(x.from); }
bool bounded_above(const Expectation& x) { return std::isfinite(x.to); }

}  // namespace

std::string window_text(const Expectation& x) {
  if (!bounded_below(x) && !bounded_above(x)) return "at any time";
  std::string from = bounded_below(x) ? compact_time(x.from) : "";
  std::string to = bounded_above(x) ? compact_time(x.to) : "";
  if (from == to) return "at " + from;
  return "at " + from + ".." + to;
}

namespace {

// Walks the expectations in file order, remembering which events `expect` rows have taken and
// the time of the last match, which later `expect` rows may not precede. Every lookup goes through
// the trace index (party x event, event, party; each sorted by time), so one expectation costs a
// binary search plus the events of its party and event inside its window.
class Matcher {
 public:
  Matcher(const Scenario& s, const std::vector<TraceEvent>& trace)
      : file_(base_name(s.file)), trace_(trace), index_(trace), matched_by_(trace.size(), 0) {}

  ExpectationResult check(const Expectation& x) {
    ExpectationResult r = x.negate ? check_absent(x) : check_present(x);
    r.expectation = &x;
    return r;
  }

 private:
  static constexpr size_t kNone = TraceIndex::kNone;

  static Ms lowest(const Expectation& x) { return bounded_below(x) ? to_ms(x.from) : kMsMin; }
  static Ms highest(const Expectation& x) { return bounded_above(x) ? to_ms(x.to) : kMsMax; }
  auto detail_fits(const Expectation& x) const {
    return [this, &x](size_t e) { return detail_matches(x.event, x.detail, trace_[e].detail); };
  }

  ExpectationResult check_present(const Expectation& x) {
    // The earliest free event that fits, not earlier than the previous match.
    Ms lo = prev_ms_ ? std::max(lowest(x), *prev_ms_) : lowest(x);
    size_t hit = index_.first(index_.of(x.party, x.event), lo, highest(x), true, detail_fits(x));
    ExpectationResult r;
    if (hit != kNone) {
      matched_by_[hit] = x.line > 0 ? x.line : -1;
      index_.take(hit);
      prev_ms_ = index_.ms(hit);
      r.passed = true;
      r.matched = trace_[hit];
      return r;
    }
    r.message = head(x) + "expected " + describe(x.party, x.event, x.detail) + " " +
                window_text(x) + ", got " + got_text(x, r.nearest);
    return r;
  }

  ExpectationResult check_absent(const Expectation& x) {
    size_t hit = index_.first(index_.of(x.party, x.event), lowest(x), highest(x), false, detail_fits(x));
    ExpectationResult r;
    r.passed = hit == kNone;
    if (hit == kNone) return r;
    r.matched = trace_[hit];
    r.message = head(x) + "expected no " + describe(x.party, x.event, x.detail) + " " +
                window_text(x) + ", got " + event_text(trace_[hit]);
    return r;
  }

  std::string head(const Expectation& x) const { return file_ + ":" + std::to_string(x.line) + ": "; }

  // What to show after ", got " for an `expect` that matched nothing.
  std::string got_text(const Expectation& x, std::optional<TraceEvent>& nearest_out) const {
    // A fitting event that only failed the ordering rule is the most useful thing to show.
    size_t early = latest_fitting_before_previous(x);
    if (early != kNone) {
      nearest_out = trace_[early];
      return event_text(trace_[early]) + " (before the previous expectation's match at " +
             compact_time(static_cast<double>(*prev_ms_) / 1000.0) + ")";
    }
    size_t near = nearest(x);
    if (near == kNone) return "nothing at " + x.party;
    nearest_out = trace_[near];
    std::string text = event_text(trace_[near]);
    if (matched_by_[near] > 0)
      text += " (already matched by line " + std::to_string(matched_by_[near]) + ")";
    return text;
  }

  // The latest free event (in time, then trace order) that fits but lies before the previous match.
  size_t latest_fitting_before_previous(const Expectation& x) const {
    if (!prev_ms_ || *prev_ms_ == kMsMin) return kNone;
    Ms hi = std::min(highest(x), *prev_ms_ - 1);
    return index_.last(index_.of(x.party, x.event), lowest(x), hi, true, detail_fits(x));
  }

  // The nearest actual event: same party and event, else same event elsewhere, else anything at
  // the party. Within a tier: unmatched first, then nearest the window, then earliest.
  size_t nearest(const Expectation& x) const {
    for (const TraceIndex::List& tier : {index_.of(x.party, x.event), index_.of(x.event), index_.of(x.party)}) {
      if (tier.empty()) continue;
      size_t best = index_.nearest(tier, lowest(x), highest(x), true);
      if (best == kNone) best = index_.nearest(tier, lowest(x), highest(x), false);
      return best;
    }
    return kNone;
  }

  std::string file_;
  const std::vector<TraceEvent>& trace_;
  TraceIndex index_;
  std::vector<int> matched_by_;  // line of the `expect` that took each event; 0 = free
  std::optional<Ms> prev_ms_;    // time of the last `expect` match
};

}  // namespace

bool detail_matches(Ev ev, const std::string& wanted, const std::string& actual) {
  if (ev_detail_is_text(ev)) {
    std::string w = trim(wanted);
    return w.empty() || w == trim(actual);
  }
  const std::vector<std::string> have = words(actual);
  for (const std::string& w : words(wanted))
    if (std::find(have.begin(), have.end(), w) == have.end()) return false;
  return true;
}

std::vector<std::string> MatchReport::failures() const {
  std::vector<std::string> out;
  for (const ExpectationResult& r : results)
    if (!r.passed) out.push_back(r.message);
  return out;
}

MatchReport match_expectations(const Scenario& s, const std::vector<TraceEvent>& trace) {
  Matcher matcher(s, trace);
  MatchReport report;
  for (const Expectation& x : s.expectations) {
    report.results.push_back(matcher.check(x));
    if (!report.results.back().passed) report.passed = false;
  }
  return report;
}

}  // namespace telsim
