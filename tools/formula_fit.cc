// Reading a site and the callers' options as a queueing model. Each assumption a formula makes is
// checked against what the features will really do; the first one that fails is the answer.
#include "tools/formula_fit.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "reports/interval.h"

namespace telsim {

namespace {
// The site's parties by number: one pass, so a group's members are found in O(members), not
// O(members x parties) (a 10,000-station site spent most of its run here).
using PartyIndex = std::unordered_map<std::string_view, const PartyDef*>;
PartyIndex index_parties(const Site& site) {
  PartyIndex index;
  index.reserve(site.parties.size());
  for (const PartyDef& p : site.parties) index.emplace(p.number, &p);  // the first definition wins
  return index;
}
const PartyDef* find_party(const PartyIndex& index, const std::string& number) {
  auto it = index.find(number);
  return it == index.end() ? nullptr : it->second;
}

std::string plain(double v) {  // 4, 0.5, 176.25: no trailing zeros
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
std::string seconds(double s) { return plain(s) + " s"; }
}  // namespace

namespace {
// What every offered number's fit reads from the whole site, built once for all of them (51
// offered numbers on a 10,000-station site rebuilt it 51 times: 40% of the run).
struct SiteIndex {
  PartyIndex parties;
  std::unordered_map<std::string_view, int> in_groups;  // member number -> the groups it is in
  std::unordered_set<std::string_view> offered;
  SiteIndex(const Site& site, const TrafficOptions& opt) : parties(index_parties(site)) {
    for (const PartyDef& p : site.parties)
      if (p.kind == PartyKind::hunt)
        for (const std::string& m : p.members) ++in_groups[m];
    for (const auto& o : opt.offers) offered.insert(o.first);
  }
};
FormulaFit fit_indexed(const Scenario& sc, const TrafficOptions& opt, size_t stream, double service_level,
                       const SiteIndex& index);
}  // namespace

FormulaFit fit_formula(const Scenario& sc, const TrafficOptions& opt, size_t stream, double service_level) {
  return fit_indexed(sc, opt, stream, service_level, SiteIndex(sc.site, opt));
}

std::vector<FormulaFit> fit_every_formula(const Scenario& sc, const TrafficOptions& opt, double service_level) {
  const SiteIndex index(sc.site, opt);
  std::vector<FormulaFit> fits;
  for (size_t i = 0; i < opt.offers.size(); ++i) fits.push_back(fit_indexed(sc, opt, i, service_level, index));
  return fits;
}

namespace {
FormulaFit fit_indexed(const Scenario& sc, const TrafficOptions& opt, size_t stream, double service_level,
                       const SiteIndex& index) {
  FormulaFit fit;
  const Site& site = sc.site;
  const std::string& number = opt.offers[stream].first;
  const double rate = opt.offers[stream].second / 3600;
  std::vector<std::string> reasons;  // every assumption that fails, in the order checked
  auto finish = [&] {
    fit.formula.clear();
    for (const std::string& r : reasons) fit.why_not += (fit.why_not.empty() ? "" : "; ") + r;
    return fit;
  };
  const PartyIndex& parties = index.parties;
  const PartyDef* group = find_party(parties, number);
  if (!group || group->kind != PartyKind::hunt) {
    reasons.push_back(number + " is not a hunt group");
    return finish();
  }
  // Members: stations answering by themselves after one common ring time, in no other group and
  // not offered calls of their own, so that the group's members are the servers and nothing else.
  const auto& in_groups = index.in_groups;
  const auto& offered = index.offered;
  double ring = -1, ring_sum = 0, ring_max = 0;
  int ringing = 0;
  bool mixed = false;
  for (const std::string& m : group->members) {
    const PartyDef* d = find_party(parties, m);
    if (!d || d->kind != PartyKind::station) {
      reasons.push_back("member " + m + " is not a station");
      continue;
    }
    if (d->answer.mode != AnswerPolicy::automatic) {
      reasons.push_back("member " + m + " does not answer by itself (answer=auto:S)");
      continue;
    }
    if (ring >= 0 && d->answer.delay != ring) mixed = true;
    ring = d->answer.delay;
    ring_sum += ring;
    ring_max = std::max(ring_max, ring);
    ++ringing;
    if (auto g = in_groups.find(m); g != in_groups.end() && g->second > 1) reasons.push_back("member " + m + " is in more than one group");
    if (offered.count(m)) reasons.push_back("member " + m + " is offered calls of its own");
  }
  if (mixed) reasons.push_back("members ring for different times before answering");
  fit.ring = ringing ? ring_sum / ringing : 0;
  fit.hold = fit.ring + opt.talk;
  fit.erlangs = rate * fit.hold;
  fit.lines = static_cast<int>(group->members.size());
  if (group->members.empty()) reasons.push_back("the group has no members");
  if (group->algorithm == "ring-all" && ring_max > 0)
    reasons.push_back("ring-all rings every free member: each call holds them all while it rings");
  if (group->hunt_no_answer > 0 && group->hunt_no_answer <= ring_max)
    reasons.push_back("members ringing " + seconds(ring_max) + " are skipped at the group's no-answer time of " +
                      seconds(group->hunt_no_answer) + ": a call may hold several members in turn");
  if (!group->overflow.empty())
    reasons.push_back("the group overflows to " + group->overflow + ": calls it cannot take are carried there");
  const bool queue = group->queue != 0;
  if (!queue && opt.patience > 0 && opt.patience <= ring_max)
    reasons.push_back("callers hang up after " + seconds(opt.patience) + ", before members answer at " +
                      seconds(ring_max));
  if (!queue && opt.patience_exp && opt.patience > 0 && ring_max > 0)
    reasons.push_back("callers with exponential patience may hang up while a member rings");
  if (opt.retry > 0) reasons.push_back("callers retry after blocking or abandoning: load the formulas do not see");
  if (queue) {
    // Erlang C and A (TQ-4): exponential service starting at once, waiting in one queue.
    if (ring_max > 0)
      reasons.push_back("members ring " + seconds(ring_max) + " before answering: the queueing formulas assume service starts at once (answer=auto:0)");
    if (group->max_wait > 0) reasons.push_back("max-wait takes waiting calls elsewhere");
    if (opt.patience > 0 && !opt.patience_exp)
      reasons.push_back("callers have a fixed patience of " + seconds(opt.patience) +
                        ": Erlang A assumes exponential patience (--patience-dist exp)");
    if (site.trunk_channels >= 0) reasons.push_back("the trunk holds a channel for every waiting caller");
    if (opt.sources > 0) reasons.push_back("finite sources with a queue");
  }
  if (site.trunk_channels >= 0 && opt.offers.size() > 1)
    reasons.push_back("a trunk of " + std::to_string(site.trunk_channels) + " channels shared by several offered numbers");
  if (!reasons.empty()) return finish();

  if (fit.ring > 0)
    fit.notes.push_back("each call holds a member " + seconds(fit.ring) + " ringing + " + seconds(opt.talk) +
                        " talk: A = " + plain(rate * 3600) + " BHCA x " + seconds(fit.hold) + " / 3600");
  if (site.trunk_channels >= 0 && site.trunk_channels < fit.lines) {
    fit.lines = site.trunk_channels;
    fit.notes.push_back("the trunk's " + std::to_string(site.trunk_channels) + " channels are fewer than the " +
                        std::to_string(group->members.size()) + " members: the trunk is the bottleneck");
  }
  if (opt.sources > 0) {
    // Engset: BHCA is one idle source's rate; a call sees the other N-1 sources (call congestion).
    fit.formula = "Engset";
    fit.figures.blocking = engset_call_congestion(fit.lines, static_cast<int>(opt.sources), fit.erlangs);
    fit.figures.service_level = 1;
    fit.notes.push_back(std::to_string(opt.sources) + " sources, each offering " + plain(fit.erlangs) +
                        " E while idle; blocking is the call congestion (time congestion " +
                        plain(engset_time_congestion(fit.lines, static_cast<int>(opt.sources), fit.erlangs)) + ")");
    return fit;
  }
  if (queue) {
    const long places = group->queue;
    if (opt.patience > 0) {
      fit.formula = "Erlang A";
      fit.figures = erlang_a_figures(fit.lines, fit.erlangs, fit.hold, opt.patience, places, service_level);
      fit.notes.push_back("exponential patience of mean " + seconds(opt.patience) + ", " +
                          (places < 0 ? std::string("unlimited queue") : std::to_string(places) + " waiting places"));
    } else if (places < 0) {
      fit.formula = "Erlang C";
      fit.figures = erlang_c_figures(fit.lines, fit.erlangs, fit.hold, service_level);
      if (!fit.figures.stable) fit.notes.push_back("the load is at or above the members: the queue grows without bound");
    } else {
      fit.formula = "M/M/n/n+K";
      fit.figures = erlang_a_figures(fit.lines, fit.erlangs, fit.hold, 0, places, service_level);
      fit.notes.push_back(std::to_string(places) + " waiting places, patient callers");
    }
    fit.notes.push_back("service level: answered within " + seconds(service_level) + " of waiting");
    return fit;
  }
  fit.formula = "Erlang B";
  fit.figures.blocking = erlang_b(fit.lines, fit.erlangs);
  fit.figures.service_level = 1;  // nobody waits: a call not blocked is answered at once
  (void)service_level;
  return fit;
}
}  // namespace

std::string formula_report(const std::string& number, const FormulaFit& fit, double blocking, double half_width,
                           int dof) {
  if (fit.formula.empty()) return "  " + number + ": no formula fits: " + fit.why_not + "\n";
  char line[256];
  double z = z_score(blocking, fit.figures.blocking, half_width, dof);
  std::snprintf(line, sizeof line, "  %s: %s for %d lines at %.3f E: blocking %.6f, measured %.6f (z = %s)\n",
                number.c_str(), fit.formula.c_str(), fit.lines, fit.erlangs, fit.figures.blocking, blocking,
                std::isnan(z) ? "-" : std::to_string(std::lround(z * 100) / 100.0).substr(0, 5).c_str());
  std::string out = line;
  for (const std::string& n : fit.notes) out += "    " + n + "\n";
  return out;
}

std::string queue_formula_report(const FormulaFit& fit, const QueueKpis& k, int dof) {
  if (fit.formula.empty() || fit.formula == "Erlang B" || fit.formula == "Engset") return {};
  std::string out;
  auto line = [&](const char* what, double formula, const Figure& f, int decimals) {
    double z = z_score(f.value, formula, f.ci95, dof);
    char buf[200];
    std::snprintf(buf, sizeof buf, "    %-14s %.*f, measured %.*f +- %s (z = %s)\n", what, decimals, formula, decimals, f.value,
                  std::isnan(f.ci95) ? "-" : std::to_string(f.ci95).substr(0, decimals + 2).c_str(),
                  std::isnan(z) ? "-" : std::to_string(std::lround(z * 100) / 100.0).substr(0, 5).c_str());
    out += buf;
  };
  line("p_wait", fit.figures.p_wait, k.p_wait, 4);
  line("wait_mean s", fit.figures.wait_mean, k.wait_mean, 3);
  line("service_level", fit.figures.service_level, k.service_level, 4);
  if (fit.formula == "Erlang A") line("abandoned", fit.figures.abandoned, k.abandoned, 4);
  return out;
}

double z_score(double measured, double formula, double half_width, int dof) {
  if (!(half_width > 0) || dof < 1) return std::numeric_limits<double>::quiet_NaN();
  double se = half_width / student_t_quantile(0.975, dof);
  return (measured - formula) / se;
}

}  // namespace telsim
