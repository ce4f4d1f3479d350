// Which teletraffic formula (reports/erlang.h) describes a traffic run's offered number, read off
// the site and the callers' options (SPEC TQ-4): Erlang B for a hunt group without queue, Erlang C
// with an unlimited queue and patient callers, Erlang A with exponential patience, Engset with
// finite sources. When an assumption fails, no formula is printed and `why_not` says which one, so
// a figure is never compared with a formula that does not apply.
#pragma once
#include <string>
#include <vector>

#include "reports/erlang.h"
#include "sim/scenario.h"
#include "sim/traffic.h"

namespace telsim {

struct FormulaFit {
  std::string formula;  // "Erlang B", "Erlang C", "Erlang A", "M/M/n/n+K", "Engset"; "" when none fits
  std::string why_not;  // when none fits: every assumption that fails, "; " between them
  int lines = 0;        // servers: the group's members (or the trunk's channels, when fewer)
  double erlangs = 0;   // offered load: arrival rate x holding time (ring time + mean talk)
  double hold = 0;      // seconds a call holds a server: the members' ring time + mean talk
  double ring = 0;      // the members' (mean) ring time before they answer
  // lines, erlangs, hold and ring are filled in for a hunt group even when no formula fits: the
  // naive model a calculator would use.
  QueueFigures figures; // what the formula predicts (blocking = Engset's call congestion)
  std::vector<std::string> notes;  // how the model was read (ring time in the holding time, trunk)
};

// The fit for offer `stream` of `opt` (BHCA `opt.offers[stream].second`), with `service_level`
// the target wait in seconds for the service-level figure.
FormulaFit fit_formula(const Scenario& site, const TrafficOptions& opt, size_t stream, double service_level);
// Every offer's fit, in order: the site is indexed once for all of them.
std::vector<FormulaFit> fit_every_formula(const Scenario& site, const TrafficOptions& opt, double service_level);

// The report's lines for one offered number: the formula's figure beside the measured one, with
// the z-score, how the model was read, or why no formula applies.
std::string formula_report(const std::string& number, const FormulaFit& fit, double blocking, double half_width, int dof);

// Erlang C and A's further figures (p_wait, wait_mean, service level, abandoned) beside the
// measured ones with their z-scores; "" for a formula that has none (Erlang B, Engset).
std::string queue_formula_report(const FormulaFit& fit, const QueueKpis& kpis, int dof);

// z = (measured - formula) / standard error, the standard error taken from a 95% half-width with
// `dof` degrees of freedom; NaN when the half-width is unknown or 0.
double z_score(double measured, double formula, double half_width, int dof);

}  // namespace telsim
