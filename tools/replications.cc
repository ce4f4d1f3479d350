// Traffic studies: sweep points x replications in forked children, the rows they print, and a
// progress bar that says how fast the runs go and when the last will end.
#include "tools/replications.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "models/engine.h"
#include "tools/child_pool.h"
#include "tools/merge.h"
#include "tools/traffic_table.h"

namespace telsim {

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

uint64_t splitmix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string clock_text(double seconds) {
  if (!std::isfinite(seconds)) return "--:--";
  long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

void draw_progress(size_t done, size_t total, double elapsed) {
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * done / total);
  double rate = elapsed > 0 ? done / elapsed : 0;  // runs per second
  double eta = rate > 0 ? (total - done) / rate : std::numeric_limits<double>::infinity();
  std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu runs, %.2f runs/min, elapsed %s, ETA %s ", filled,
               "##############################", kWidth - filled, "", done, total, rate * 60,
               clock_text(elapsed).c_str(), clock_text(eta).c_str());
  std::fflush(stderr);
}

}  // namespace

OfferSweep parse_offer_sweep(const std::vector<std::string>& offers) {
  OfferSweep sweep;
  std::vector<std::vector<std::string>> lists;
  size_t points = 1;
  for (const std::string& o : offers) {
    auto eq = o.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument("--offer wants NUMBER=BHCA[,BHCA...] with BHCA > 0, got '" + o + "'");
    std::vector<std::string> values = split(o.substr(eq + 1), ',');
    for (const std::string& v : values) {
      char* end = nullptr;
      double bhca = v.empty() ? 0 : std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(bhca > 0) || !std::isfinite(bhca))
        throw std::invalid_argument("--offer wants NUMBER=BHCA[,BHCA...] with BHCA > 0, got '" + o + "'");
    }
    if (values.size() > 1) {
      if (points > 1 && values.size() != points)
        throw std::invalid_argument("--offer " + o + ": " + std::to_string(values.size()) +
                                    " sweep points, another --offer has " + std::to_string(points));
      points = values.size();
    }
    sweep.numbers.push_back(o.substr(0, eq));
    lists.push_back(std::move(values));
  }
  for (size_t p = 0; p < points; ++p) {
    std::vector<std::string> texts;
    std::vector<double> values;
    for (const auto& l : lists) {
      texts.push_back(l.size() == 1 ? l[0] : l[p]);
      values.push_back(std::strtod(texts.back().c_str(), nullptr));
    }
    sweep.texts.push_back(std::move(texts));
    sweep.bhca.push_back(std::move(values));
  }
  return sweep;
}

uint64_t replication_seed(uint64_t seed, int replication) {
  if (replication <= 1) return seed;
  return splitmix64(splitmix64(seed) ^ static_cast<uint64_t>(replication));
}

void check_offered_numbers(const Scenario& site, const std::vector<std::string>& numbers) {
  CountingSink sink;
  Engine engine(site.site, site.profile, sink);  // the engine's own lookup: lines and pilots too
  for (const std::string& n : numbers)
    if (!engine.party_id(n)) throw InputError(site.file, 0, "--offer " + n + ": the site defines no such number");
}

StudyOutcome run_study(const Scenario& site, const TrafficOptions& base, const OfferSweep& sweep,
                       const StudyOptions& so) {
  check_offered_numbers(site, sweep.numbers);
  const size_t reps = static_cast<size_t>(so.replications), units = sweep.points() * reps;
  std::vector<size_t> mine;
  for (size_t u = 0; u < units; ++u)
    if (u % so.shards == so.shard - 1) mine.push_back(u);
  auto key_of = [&](size_t u) {
    ShareKey k;
    k.point = static_cast<int>(u / reps) + 1;
    k.points = static_cast<int>(sweep.points());
    k.bhca = sweep.texts[u / reps];
    k.replications = so.replications;
    k.replication = static_cast<int>(u % reps) + 1;
    k.seed = base.seed;
    k.calls = base.calls;
    return k;
  };
  std::vector<std::string> outputs(mine.size());
  StudyOutcome outcome;
  size_t done = 0;
  const auto started = std::chrono::steady_clock::now();
  bool drawn = false;
  run_in_children(
      mine.size(), so.jobs, std::numeric_limits<double>::infinity(),
      [&](size_t i) -> std::string {
        size_t u = mine[i];
        ShareKey key = key_of(u);
        TrafficOptions opt = base;
        opt.offers.clear();
        for (size_t n = 0; n < sweep.numbers.size(); ++n)
          opt.offers.emplace_back(sweep.numbers[n], sweep.bhca[u / reps][n]);
        opt.seed = replication_seed(base.seed, key.replication);
        opt.progress = false;
        opt.trace = false;
        try {
          TrafficResult r = run_traffic(site, opt);
          if (!r.failure.empty()) return "F" + r.failure;
          std::string text = "R";
          for (const std::string& line : traffic_share_rows(r, key, fit_formulas(site, opt, opt.service_level))) text += line + "\n";
          return text;
        } catch (const std::exception& e) {
          return "F" + std::string(e.what());
        }
      },
      [&](ChildResult&& c) {
        ShareKey key = key_of(mine[c.index]);
        std::string which = "point " + std::to_string(key.point) + " replication " + std::to_string(key.replication) +
                            " (seed " + std::to_string(replication_seed(base.seed, key.replication)) + ")";
        if (!c.ok) outcome.failures.push_back(which + ": " + c.why);
        else if (c.output.empty() || c.output[0] != 'R') outcome.failures.push_back(which + ": " + c.output.substr(c.output.empty() ? 0 : 1));
        else outputs[c.index] = c.output.substr(1);
        ++done;
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (so.progress && (drawn || elapsed > 1)) {
          draw_progress(done, mine.size(), elapsed);
          drawn = true;
        }
      });
  if (drawn) std::fprintf(stderr, "\n");
  for (const std::string& text : outputs) {  // in unit order: (point, replication), numbers inside
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) outcome.rows.push_back(line);
  }
  return outcome;
}

std::vector<std::string> single_run_rows(const Scenario& site, const TrafficResult& r, const TrafficOptions& opt,
                                         const OfferSweep& sweep) {
  ShareKey key;
  key.bhca = sweep.texts.empty() ? std::vector<std::string>{} : sweep.texts.front();
  key.seed = opt.seed;
  key.calls = opt.calls;
  return traffic_share_rows(r, key, fit_formulas(site, opt, opt.service_level));
}

std::string study_report(const std::string& merged_csv) {
  std::vector<TrafficCsvRow> rows = read_traffic_csv("result", merged_csv);
  auto col = [](const char* name) { return static_cast<size_t>(traffic_column(name)); };
  std::ostringstream out;
  std::string point;
  for (const TrafficCsvRow& r : rows) {
    const auto& c = r.cells;
    if (c[col("point")] != point) {
      point = c[col("point")];
      out << (point == "1" ? "" : "\n") << "point " << point << " of " << c[col("points")] << ": "
          << c[col("replications")] << " replication(s) of " << c[col("calls")] << " calls, seed " << c[col("seed")]
          << "\n";
      out << std::left << std::setw(12) << "number" << std::right << std::setw(12) << "BHCA" << std::setw(11)
          << "offered" << std::setw(10) << "blocked" << std::setw(10) << "abandoned" << std::setw(11) << "blocking"
          << std::setw(12) << "95% CI +-" << std::setw(11) << "offered E" << std::setw(11) << "carried E" << "\n";
    }
    out << std::left << std::setw(12) << c[col("number")] << std::right << std::setw(12) << c[col("bhca")]
        << std::setw(11) << c[col("offered")] << std::setw(10) << c[col("blocked")] << std::setw(10)
        << c[col("abandoned")] << std::setw(11) << c[col("blocking")] << std::setw(12)
        << (c[col("blocking_ci95")].empty() ? "-" : c[col("blocking_ci95")]) << std::setw(11)
        << c[col("offered_erlangs")] << std::setw(11) << c[col("carried_erlangs")] << "\n";
  }
  out << "\nWith several replications, figures are means over them and the interval is Student's t over\n"
         "the replications; with one, the batch-means interval of that run. Counts are totals.\n";
  return out.str();
}

std::string single_run_csv(const Scenario& site, const TrafficResult& r, const TrafficOptions& opt,
                           const OfferSweep& sweep) {
  std::string text = traffic_csv_header() + "\n";
  for (const std::string& line : single_run_rows(site, r, opt, sweep)) text += line + "\n";
  return merge_traffic_shares({CsvText{"run", text}});
}

int print_traffic_study(const Scenario& site, const TrafficOptions& base, const OfferSweep& sweep,
                        const StudyOptions& options, bool csv) {
  StudyOutcome out = run_study(site, base, sweep, options);
  std::string share = traffic_csv_header() + "\n";
  for (const std::string& line : out.rows) share += line + "\n";
  if (options.shards > 1) {
    std::cout << share;  // a share: `telsim merge` combines them
  } else if (out.failures.empty()) {
    std::string merged = merge_traffic_shares({CsvText{"run", share}});
    std::cout << (csv ? merged : study_report(merged));
  }
  for (const std::string& f : out.failures) std::cerr << site.file << ": run failed: " << f << "\n";
  return out.failures.empty() ? 0 : 1;
}

}  // namespace telsim
