// Sizing by simulation. The measured figure falls (blocking) or rises (service level) with the
// size in expectation, and every size runs the same seeds (common random numbers), so a bracket
// found by doubling and then bisection needs about 2 log2(size) studies.
#include "tools/size.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "reports/erlang.h"
#include "tools/formula_fit.h"
#include "tools/merge.h"
#include "tools/traffic_table.h"

namespace telsim {

namespace {
PartyDef* find_party(Site& site, const std::string& number) {
  for (PartyDef& p : site.parties)
    if (p.number == number) return &p;
  return nullptr;
}

std::string figure_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}
}  // namespace

SizeTarget parse_size_target(const std::string& text) {
  SizeTarget t;
  auto eq = text.find('=');
  std::string kind = text.substr(0, eq), value = eq == std::string::npos ? "" : text.substr(eq + 1);
  char* end = nullptr;
  t.value = value.empty() ? -1 : std::strtod(value.c_str(), &end);
  if (kind == "blocking") t.kind = SizeTarget::blocking;
  else if (kind == "service-level") t.kind = SizeTarget::service_level;
  else throw std::invalid_argument("--target wants blocking=P or service-level=P, got '" + text + "'");
  if (value.empty() || *end != '\0' || !(t.value > 0 && t.value < 1))
    throw std::invalid_argument("--target " + kind + " wants a share between 0 and 1, got '" + value + "'");
  return t;
}

Scenario resized_site(const Scenario& site, const std::string& vary, int size) {
  Scenario s = site;
  if (vary == "trunk") {
    s.site.trunk_channels = size;
    return s;
  }
  PartyDef* group = find_party(s.site, vary);
  if (!group || group->kind != PartyKind::hunt)
    throw InputError(site.file, 0, "--vary " + vary + ": neither `trunk` nor a hunt group of the site");
  std::vector<std::string> members = group->members;
  if (static_cast<int>(members.size()) >= size) {
    members.resize(static_cast<size_t>(std::max(0, size)));
  } else {
    // New members are copies of the last one (same answer behaviour, model, lines) at free numbers
    // after the largest numeric number of the site.
    PartyDef model;
    for (const PartyDef& p : s.site.parties)
      if (p.number == members.back()) model = p;
    std::set<std::string> used;
    unsigned long long next = 0;
    for (const PartyDef& p : s.site.parties) {
      used.insert(p.number);
      if (!p.number.empty() && p.number.size() < 19 && p.number.find_first_not_of("0123456789") == std::string::npos)
        next = std::max(next, std::stoull(p.number) + 1);
    }
    while (static_cast<int>(members.size()) < size) {
      std::string n = std::to_string(next++);
      if (used.count(n)) continue;
      PartyDef clone = model;
      clone.number = n;
      clone.lines = {n};
      s.site.parties.push_back(clone);
      members.push_back(n);
    }
    group = find_party(s.site, vary);
  }
  group->members = members;
  return s;
}

SizeAnswer find_size(const Scenario& site, const TrafficOptions& base, const OfferSweep& offer,
                     const StudyOptions& study, const SizeOptions& o) {
  SizeAnswer a;
  const std::string number = offer.numbers.front();
  int current = 1;
  if (o.vary == "trunk") {
    current = site.site.trunk_channels > 0 ? site.site.trunk_channels : 1;
  } else {
    Scenario probe = resized_site(site, o.vary, 1);  // checks that it is a group
    for (const PartyDef& p : site.site.parties)
      if (p.number == o.vary) current = static_cast<int>(p.members.size());
  }

  // The formula's answer: the smallest size whose model (read off the resized site) meets the
  // target. When a feature breaks the model, the answer a calculator would give (Erlang B with the
  // mean ring time in the holding time) says how much the features change.
  FormulaFit at_current = fit_formula(resized_site(site, o.vary, current), base, 0, base.service_level);
  a.formula = at_current.formula;
  bool naive = at_current.formula.empty();
  if (naive && at_current.hold > 0 && o.target.kind == SizeTarget::blocking) a.formula = "Erlang B";
  for (int n = 1; !a.formula.empty() && n <= o.max_size; ++n) {
    FormulaFit f = fit_formula(resized_site(site, o.vary, n), base, 0, base.service_level);
    if (naive) f.figures.blocking = erlang_b(n, at_current.erlangs);
    else if (f.formula.empty()) break;
    double figure = o.target.kind == SizeTarget::blocking ? f.figures.blocking : f.figures.service_level;
    if (o.target.met(figure)) {
      a.formula_size = n;
      if (!naive) a.differences = f.notes;
      break;
    }
    if (!naive && o.vary == "trunk" && f.lines < n) break;  // the group, not the trunk, limits now
  }
  if (naive) {
    std::string reasons = at_current.why_not;
    for (size_t at = 0; (at = reasons.find("; ", at)) != std::string::npos;) reasons.replace(at, 2, "\n    ");
    a.differences.push_back("no formula fits the site's features:\n    " + reasons);
    if (!a.formula.empty())
      a.differences.push_back("Erlang B, ignoring them (A = " + figure_text(at_current.erlangs).substr(0, 7) +
                              " E with the mean ring time), would say " +
                              (a.formula_size > 0 ? std::to_string(a.formula_size) : std::string("none")));
  }

  std::map<int, SizeTrial> done;
  auto measure = [&](int n) -> const SizeTrial& {
    auto it = done.find(n);
    if (it != done.end()) return it->second;
    StudyOutcome out = run_study(resized_site(site, o.vary, n), base, offer, study);
    if (!out.failures.empty()) {
      for (const std::string& f : out.failures) a.failures.push_back("size " + std::to_string(n) + ": " + f);
      throw std::runtime_error("a run failed");
    }
    std::string share = traffic_csv_header() + "\n";
    for (const std::string& line : out.rows) share += line + "\n";
    SizeTrial t;
    t.size = n;
    for (const TrafficCsvRow& r : read_traffic_csv("size", merge_traffic_shares({CsvText{"size", share}}))) {
      if (r.cells[static_cast<size_t>(traffic_column("number"))] != number) continue;
      t.figure = std::stod(r.cells[static_cast<size_t>(traffic_column(o.target.column()))]);
      const std::string& ci = r.cells[static_cast<size_t>(traffic_column(o.target.column() + "_ci95"))];
      t.half_width = ci.empty() ? std::nan("") : std::stod(ci);
      break;
    }
    t.met = o.target.met(t.figure);
    a.trials.push_back(t);
    return done[n] = t;
  };

  try {
    // Bracket around the formula's answer (or the site's size), by steps that double: 1, 2, 4, ...
    int hi = a.formula_size > 0 ? a.formula_size : std::max(1, current), lo = 0;
    if (measure(hi).met) {
      for (int step = 1;; step *= 2) {
        lo = std::max(0, hi - step);
        if (lo == 0 || !measure(lo).met) break;
        hi = lo;
      }
    } else {
      for (int step = 1;; step *= 2) {
        lo = hi;
        if (hi >= o.max_size) return a;
        hi = std::min(o.max_size, hi + step);
        if (measure(hi).met) break;
      }
    }
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      (measure(mid).met ? hi : lo) = mid;
    }
    a.size = hi;
  } catch (const std::runtime_error&) {
    a.size = -1;
    return a;
  }
  if (a.formula_size > 0 && a.size > 0 && a.size != a.formula_size) {
    const SizeTrial& t = measure(a.formula_size);
    a.differences.push_back("at the formula's size " + std::to_string(a.formula_size) + " the simulation measured " +
                            figure_text(t.figure) + (std::isnan(t.half_width) ? "" : " +- " + figure_text(t.half_width)) +
                            (std::isnan(t.half_width) || std::fabs(t.figure - o.target.value) > t.half_width
                                 ? ": further from the target than chance explains: the features change the answer"
                                 : ": within chance of the target: more calls or replications would decide"));
  }
  return a;
}

std::string size_report(const SizeAnswer& a, const SizeOptions& o) {
  std::ostringstream out;
  const std::string what = o.vary == "trunk" ? "trunk channels" : "members of " + o.vary;
  out << "target: " << o.target.column() << (o.target.kind == SizeTarget::blocking ? " <= " : " >= ") << o.target.value
      << ", varying the " << what << "\n\n";
  out << "  size  " << o.target.column() << "   95% CI +-  meets\n";
  std::map<int, SizeTrial> sorted;
  for (const SizeTrial& t : a.trials) sorted[t.size] = t;
  for (const auto& [n, t] : sorted) {
    char line[128];
    std::snprintf(line, sizeof line, "%6d  %8.6f  %10s  %s\n", n, t.figure,
                  std::isnan(t.half_width) ? "-" : figure_text(t.half_width).c_str(), t.met ? "yes" : "no");
    out << line;
  }
  out << "\n";
  if (a.size > 0) out << "smallest size meeting the target (simulation): " << a.size << " " << what << "\n";
  else out << "no size up to " << o.max_size << " meets the target\n";
  if (!a.formula.empty() && a.differences.empty() == false && a.differences.front().rfind("no formula", 0) == 0) {
    // the naive answer is in the differences
  } else if (!a.formula.empty()) {
    out << a.formula << "'s answer: " << (a.formula_size > 0 ? std::to_string(a.formula_size) : "none") << "\n";
  }
  for (const std::string& d : a.differences) out << "  " << d << "\n";
  return out.str();
}

}  // namespace telsim
