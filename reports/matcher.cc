#include "reports/matcher.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include <map>
#include <memory>
#include <unordered_map>

#include "models/pattern.h"
#include "reports/cdr.h"
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
  Matcher(const Scenario& s, const std::vector<TraceEvent>& trace, const std::vector<StateVerdict>& states)
      : file_(base_name(s.file)), trace_(trace), index_(trace), matched_by_(trace.size(), 0), states_(states) {
    for (const Expectation& x : s.expectations)
      if (x.cdr) {
        records_ = call_records(trace);
        break;
      }
    for (const CallRecord& c : records_) record_words_.push_back(record_detail(c));
    record_taken_.assign(records_.size(), 0);
  }

  ExpectationResult check(const Expectation& x, size_t index) {
    ExpectationResult r;
    try {
      if (x.kind == Expectation::Kind::state) r = check_state(x, index);
      else if (x.cdr) r = check_records(x);
      else if (x.kind == Expectation::Kind::count) r = check_count(x);
      else r = x.negate ? check_absent(x) : check_present(x);
    } catch (const PatternTooComplex& e) {
      // A pattern the regex engine refused to finish: a verdict with its reason, not a crash.
      r = ExpectationResult{};
      r.message = head(x) + e.what();
    }
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

  static std::string count_text(const Expectation& x) {
    const char* op = x.count_op == Expectation::CountOp::at_least ? "at least " :
                     x.count_op == Expectation::CountOp::at_most ? "at most " : "exactly ";
    return op + std::to_string(x.count);
  }
  static bool count_fits(const Expectation& x, size_t n) {
    switch (x.count_op) {
      case Expectation::CountOp::at_least: return n >= static_cast<size_t>(x.count);
      case Expectation::CountOp::at_most: return n <= static_cast<size_t>(x.count);
      case Expectation::CountOp::exactly: break;
    }
    return n == static_cast<size_t>(x.count);
  }

  // SPEC SC-1: every event in the window counts, whether an `expect` row took it or not; the
  // count neither takes events nor moves the order of later `expect` rows.
  ExpectationResult check_count(const Expectation& x) {
    size_t n = index_.count(index_.of(x.party, x.event), lowest(x), highest(x), static_cast<size_t>(x.count) + 1,
                            detail_fits(x));
    ExpectationResult r;
    r.passed = count_fits(x, n);
    if (r.passed) return r;
    bool more = n > static_cast<size_t>(x.count) + 1;  // counting stopped early
    r.message = head(x) + "expected " + count_text(x) + " " + describe(x.party, x.event, x.detail) + " " +
                window_text(x) + ", got " + (more ? "more than " + std::to_string(x.count + 1) : std::to_string(n));
    size_t first = index_.first(index_.of(x.party, x.event), lowest(x), highest(x), false, detail_fits(x));
    if (first != kNone) r.message += " (the first: " + event_text(trace_[first]) + ")";
    return r;
  }

  // SPEC SC-2: decided during the run; the message shows what the party was doing instead.
  ExpectationResult check_state(const Expectation& x, size_t index) {
    ExpectationResult r;
    std::string wanted = x.state.name;
    if (!x.state.value.empty())
      wanted += std::string(x.state.name == "talking" ? " to=" : x.state.name == "held" ? " by=" : " size=") + x.state.value;
    const StateVerdict* v = index < states_.size() ? &states_[index] : nullptr;
    if (!v || !v->checked) {
      r.message = head(x) + "expected " + x.party + " " + wanted + " " + window_text(x) +
                  ", got no reading: the run ended before it";
      return r;
    }
    r.passed = v->passed;
    if (!r.passed)
      r.message = head(x) + "expected " + x.party + " " + wanted + " " + window_text(x) + ", got " + v->party +
                  " " + v->actual + " at " + compact_time(v->at);
    return r;
  }

  // SPEC SC-5: the party `cdr`. A window selects records by their start; `expect` takes a record
  // (two alike rows need two records), `expect-not` and `expect-count` look at all of them.
  ExpectationResult check_records(const Expectation& x) {
    Ms lo = lowest(x), hi = highest(x);
    auto fits = [&](size_t i) {
      Ms t = to_ms(records_[i].start);
      return t >= lo && t <= hi && words_match(x.detail, record_words_[i]);
    };
    ExpectationResult r;
    std::string what = "call record " + x.detail;
    if (x.kind == Expectation::Kind::count) {
      size_t n = 0;
      for (size_t i = 0; i < records_.size(); ++i) n += fits(i);
      r.passed = count_fits(x, n);
      if (!r.passed)
        r.message = head(x) + "expected " + count_text(x) + " " + what + " " + window_text(x) + ", got " + std::to_string(n);
      return r;
    }
    for (size_t i = 0; i < records_.size(); ++i) {
      if (!fits(i) || (!x.negate && record_taken_[i])) continue;
      if (x.negate) {
        r.message = head(x) + "expected no " + what + " " + window_text(x) + ", got " + record_words_[i];
        return r;
      }
      record_taken_[i] = 1;
      r.passed = true;
      return r;
    }
    if (x.negate) {
      r.passed = true;
      return r;
    }
    r.message = head(x) + "expected " + what + " " + window_text(x) + ", got " +
                (records_.empty() ? std::string("no call records") : nearest_record(x));
    return r;
  }
  // The record sharing most of the wanted words (ties to the earliest), as the failure shows it.
  std::string nearest_record(const Expectation& x) const {
    size_t best = 0, best_score = 0;
    std::vector<std::string> want = words(x.detail);
    for (size_t i = 0; i < records_.size(); ++i) {
      size_t score = 0;
      for (const std::string& w : want) score += words_match(w, record_words_[i]);
      if (score > best_score) best = i, best_score = score;
    }
    return record_words_[best];
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
  const std::vector<StateVerdict>& states_;
  std::vector<CallRecord> records_;  // built only when a `cdr` row asks
  std::vector<std::string> record_words_;
  std::vector<char> record_taken_;
};

}  // namespace

namespace {

// Compiled once per expression: an expectation is matched against many events.
const Pattern& pattern(const std::string& expression) {
  static std::unordered_map<std::string, std::unique_ptr<Pattern>> cache;
  auto& slot = cache[expression];
  if (!slot) slot = std::make_unique<Pattern>(expression);
  return *slot;
}

// One wanted `key=value` (or `key=~REGEX`) among the actual words.
bool word_present(const std::string& w, const std::vector<std::string>& have) {
  size_t eq = w.find('=');
  if (eq == std::string::npos || eq + 1 >= w.size() || w[eq + 1] != '~')
    return std::find(have.begin(), have.end(), w) != have.end();
  const Pattern& p = pattern(w.substr(eq + 2));
  for (const std::string& h : have)
    if (h.compare(0, eq + 1, w, 0, eq + 1) == 0 && p.matches(h.substr(eq + 1))) return true;
  return false;
}

}  // namespace

bool words_match(const std::string& wanted, const std::string& actual) {
  const std::vector<std::string> have = words(actual);
  for (const std::string& w : words(wanted))
    if (!word_present(w, have)) return false;
  return true;
}

bool detail_matches(Ev ev, const std::string& wanted, const std::string& actual) {
  if (ev_detail_is_text(ev)) {
    std::string w = trim(wanted);
    if (is_pattern(w)) return pattern(w.substr(1)).matches(trim(actual));
    return w.empty() || w == trim(actual);
  }
  return words_match(wanted, actual);
}

std::vector<std::string> MatchReport::failures() const {
  std::vector<std::string> out;
  for (const ExpectationResult& r : results)
    if (!r.passed) out.push_back(r.message);
  return out;
}

MatchReport match_expectations(const Scenario& s, const std::vector<TraceEvent>& trace) {
  return match_expectations(s, trace, {});
}

MatchReport match_expectations(const Scenario& s, const std::vector<TraceEvent>& trace,
                               const std::vector<StateVerdict>& states) {
  Matcher matcher(s, trace, states);
  MatchReport report;
  for (size_t i = 0; i < s.expectations.size(); ++i) {
    report.results.push_back(matcher.check(s.expectations[i], i));
    if (!report.results.back().passed) report.passed = false;
  }
  return report;
}

}  // namespace telsim
