// The traffic CSV's columns and rows. SPEC 3's columns come first (as every earlier version printed
// them), then SPEC 8's, then what identifies the run; scripts read the columns by name.
#include "tools/traffic_table.h"

#include <cmath>
#include <iomanip>
#include <sstream>

#include "sim/scenario.h"

namespace telsim {

const std::vector<TrafficColumn>& traffic_columns() {
  using C = TrafficColumn;
  static const std::vector<TrafficColumn> columns = {
      {"number", C::key, 0},
      {"offered", C::sum, 0},
      {"answered", C::sum, 0},
      {"blocked", C::sum, 0},
      {"abandoned", C::sum, 0},
      {"forwarded", C::sum, 0},
      {"overflowed", C::sum, 0},
      {"blocking", C::mean, 6},
      {"blocking_ci95", C::ci, 6, "blocking"},
      {"carried_erlangs", C::mean, 4},
      {"offered_erlangs", C::mean, 4},
      {"p_wait", C::mean, 6},
      {"wait_mean", C::mean, 3},
      {"service_level", C::mean, 6},
      {"trunk_blocked", C::sum, 0},
      {"trunk_erlangs", C::mean, 4},
      {"retries", C::sum, 0},
      {"p_wait_ci95", C::ci, 6, "p_wait"},
      {"wait_mean_ci95", C::ci, 3, "wait_mean"},
      {"service_level_ci95", C::ci, 6, "service_level"},
      {"abandoned_share", C::mean, 6},
      {"abandoned_share_ci95", C::ci, 6, "abandoned_share"},
      {"formula", C::key, 0},
      {"formula_blocking", C::key, 6},
      {"blocking_z", C::z, 2, "blocking", "formula_blocking"},
      {"formula_p_wait", C::key, 6},
      {"p_wait_z", C::z, 2, "p_wait", "formula_p_wait"},
      {"formula_wait_mean", C::key, 3},
      {"wait_mean_z", C::z, 2, "wait_mean", "formula_wait_mean"},
      {"formula_service_level", C::key, 6},
      {"service_level_z", C::z, 2, "service_level", "formula_service_level"},
      {"formula_abandoned", C::key, 6},
      {"abandoned_z", C::z, 2, "abandoned_share", "formula_abandoned"},
      {"point", C::key, 0},
      {"points", C::same, 0},
      {"bhca", C::key, 0},
      {"replications", C::replications, 0},
      {"replication", C::replication, 0},
      {"seed", C::same, 0},
      {"calls", C::same, 0},
  };
  return columns;
}

int traffic_column(const std::string& name) {
  const auto& cols = traffic_columns();
  for (size_t i = 0; i < cols.size(); ++i)
    if (name == cols[i].name) return static_cast<int>(i);
  return -1;
}

std::string traffic_csv_header() {
  std::string h;
  for (const TrafficColumn& c : traffic_columns()) h += (h.empty() ? "" : ",") + std::string(c.name);
  return h;
}

std::string fixed_decimals(double v, int decimals) {
  if (std::isnan(v)) return "";
  std::ostringstream s;
  s << std::fixed << std::setprecision(decimals) << v;
  return s.str();
}

int interval_dof(int replications) { return replications > 1 ? replications - 1 : TrafficStats::kBatches - 1; }

std::vector<FormulaFit> fit_formulas(const Scenario& site, const TrafficOptions& opt, double service_level) {
  return fit_every_formula(site, opt, service_level);
}

std::vector<std::string> traffic_share_rows(const TrafficResult& r, const ShareKey& key,
                                            const std::vector<FormulaFit>& fits) {
  const auto& cols = traffic_columns();
  const double period = r.period > 0 ? r.period : 1;
  std::vector<std::string> lines;
  for (size_t i = 0; i < r.numbers.size(); ++i) {
    const TrafficStats& s = r.stats[i];
    auto [blocking, blocking_ci] = blocking_ci95(s);
    const FormulaFit* fit = i < fits.size() && !fits[i].formula.empty() ? &fits[i] : nullptr;
    const QueueKpis q = queue_kpis(s);
    // Erlang B and Engset predict blocking only; the queueing formulas the rest as well.
    const bool queueing = fit && fit->formula != "Erlang B" && fit->formula != "Engset";
    auto z_of = [&](const Figure& f, double formula, int decimals) {
      return queueing ? fixed_decimals(z_score(f.value, formula, f.ci95, interval_dof(1)), decimals) : std::string();
    };
    std::vector<std::string> cells;
    for (const TrafficColumn& c : cols) {
      const std::string n = c.name;
      auto figure = [&](double v) { return fixed_decimals(v, c.decimals); };
      if (n == "number") cells.push_back(r.numbers[i]);
      else if (n == "offered") cells.push_back(std::to_string(s.offered));
      else if (n == "answered") cells.push_back(std::to_string(s.answered));
      else if (n == "blocked") cells.push_back(std::to_string(s.blocked));
      else if (n == "abandoned") cells.push_back(std::to_string(s.abandoned));
      else if (n == "forwarded") cells.push_back(std::to_string(s.forwarded));
      else if (n == "overflowed") cells.push_back(std::to_string(s.overflowed));
      else if (n == "blocking") cells.push_back(figure(blocking));
      else if (n == "blocking_ci95") cells.push_back(figure(blocking_ci));
      else if (n == "carried_erlangs") cells.push_back(figure(s.talk_seconds / period));
      else if (n == "offered_erlangs") cells.push_back(figure(s.offered_talk_seconds / period));
      else if (n == "p_wait") cells.push_back(figure(q.p_wait.value));
      else if (n == "wait_mean") cells.push_back(figure(q.wait_mean.value));
      else if (n == "service_level") cells.push_back(figure(q.service_level.value));
      else if (n == "retries") cells.push_back(std::to_string(s.retries));
      else if (n == "p_wait_ci95") cells.push_back(figure(q.p_wait.ci95));
      else if (n == "wait_mean_ci95") cells.push_back(figure(q.wait_mean.ci95));
      else if (n == "service_level_ci95") cells.push_back(figure(q.service_level.ci95));
      else if (n == "abandoned_share") cells.push_back(figure(q.abandoned.value));
      else if (n == "abandoned_share_ci95") cells.push_back(figure(q.abandoned.ci95));
      else if (n == "formula_p_wait") cells.push_back(queueing ? figure(fit->figures.p_wait) : "");
      else if (n == "formula_wait_mean") cells.push_back(queueing ? figure(fit->figures.wait_mean) : "");
      else if (n == "formula_service_level") cells.push_back(queueing ? figure(fit->figures.service_level) : "");
      else if (n == "formula_abandoned") cells.push_back(queueing ? figure(fit->figures.abandoned) : "");
      else if (n == "p_wait_z") cells.push_back(z_of(q.p_wait, fit ? fit->figures.p_wait : 0, c.decimals));
      else if (n == "wait_mean_z") cells.push_back(z_of(q.wait_mean, fit ? fit->figures.wait_mean : 0, c.decimals));
      else if (n == "service_level_z") cells.push_back(z_of(q.service_level, fit ? fit->figures.service_level : 0, c.decimals));
      else if (n == "abandoned_z") cells.push_back(z_of(q.abandoned, fit ? fit->figures.abandoned : 0, c.decimals));
      else if (n == "trunk_blocked") cells.push_back(std::to_string(s.trunk_blocked));
      else if (n == "trunk_erlangs") cells.push_back(figure(r.trunk_busy_seconds / period));
      else if (n == "formula") cells.push_back(fit ? fit->formula : "");
      else if (n == "formula_blocking") cells.push_back(fit ? figure(fit->figures.blocking) : "");
      else if (n == "blocking_z")
        cells.push_back(fit ? figure(z_score(blocking, fit->figures.blocking, blocking_ci, interval_dof(1))) : "");
      else if (n == "point") cells.push_back(std::to_string(key.point));
      else if (n == "points") cells.push_back(std::to_string(key.points));
      else if (n == "bhca") cells.push_back(i < key.bhca.size() ? key.bhca[i] : "");
      else if (n == "replications") cells.push_back(std::to_string(key.replications));
      else if (n == "replication") cells.push_back(std::to_string(key.replication));
      else if (n == "seed") cells.push_back(std::to_string(key.seed));
      else if (n == "calls") cells.push_back(std::to_string(key.calls));
      else cells.push_back("");
    }
    std::string line;
    for (size_t k = 0; k < cells.size(); ++k) line += (k ? "," : "") + cells[k];
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<TrafficCsvRow> read_traffic_csv(const std::string& file, const std::string& text) {
  std::vector<TrafficCsvRow> rows;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  const size_t width = traffic_columns().size();
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1) {
      if (line != traffic_csv_header())
        throw InputError(file, 1, "not a `telsim traffic --csv` output of this version: the header should be " +
                                      traffic_csv_header());
      continue;
    }
    if (line.empty()) continue;
    TrafficCsvRow row;
    row.line = number;
    size_t start = 0;
    for (;;) {
      size_t comma = line.find(',', start);
      row.cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (row.cells.size() != width)
      throw InputError(file, number, std::to_string(row.cells.size()) + " fields, the header has " +
                                         std::to_string(width));
    rows.push_back(std::move(row));
  }
  if (number == 0) throw InputError(file, 1, "empty: not a `telsim traffic --csv` output");
  return rows;
}

}  // namespace telsim
