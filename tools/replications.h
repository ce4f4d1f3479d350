// A traffic study (SPEC TQ-5): sweep points (`--offer NUMBER=BHCA,BHCA,...`) times independent
// replications (`--replications R`), each run in a forked child (`--jobs N`; SimGrid keeps one
// clock per process), or the K-th share of them for one machine of a batch system (`--shard K/N`).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/traffic.h"

namespace telsim {

// The --offer options: per offered number, one BHCA, or a list of them (a sweep point each). Numbers
// with a single value keep it at every point; lists must have one length.
struct OfferSweep {
  std::vector<std::string> numbers;               // in --offer order
  std::vector<std::vector<std::string>> texts;    // [point][number]: the BHCA as written
  std::vector<std::vector<double>> bhca;          // [point][number]
  size_t points() const { return bhca.size(); }
};
// Throws std::invalid_argument with the message for the user.
OfferSweep parse_offer_sweep(const std::vector<std::string>& offers);

// The seed of replication r (1..R) of a study with --seed S: S itself for r = 1 (a one-run study is
// the plain run), else a splitmix64 mix of (S, r), so runs are independent and any machine can
// compute any replication's seed. Every sweep point uses the same R seeds (common random numbers:
// the points of a curve differ by the load, not by the luck of the draw).
uint64_t replication_seed(uint64_t seed, int replication);

struct StudyOptions {
  int replications = 1;
  int jobs = 1;
  size_t shard = 1, shards = 1;  // this machine's share K of N (1/1: all)
  bool progress = false;         // a progress bar with rate and ETA on stderr
};

// True when the study is more than one plain run in this process.
inline bool is_study(const OfferSweep& sweep, const StudyOptions& s) {
  return sweep.points() > 1 || s.replications > 1 || s.shards > 1 || s.jobs > 1;
}

// Throws InputError for an offered number the site does not define (before any child starts).
void check_offered_numbers(const Scenario& site, const std::vector<std::string>& numbers);

struct StudyOutcome {
  std::vector<std::string> rows;      // share rows of this shard, in (point, replication, number) order
  std::vector<std::string> failures;  // one line per run that failed, saying which
};

// Runs this shard's runs (unit u = (point u / R, replication u % R + 1); shard K takes u mod N = K-1).
StudyOutcome run_study(const Scenario& site, const TrafficOptions& base, const OfferSweep& sweep,
                       const StudyOptions& options);

// One run's rows as a share (replication 1 of 1, point 1 of 1).
std::vector<std::string> single_run_rows(const Scenario& site, const TrafficResult& r, const TrafficOptions& opt,
                                         const OfferSweep& sweep);

// The result rows (CSV, header first) in the human report's shape: one block per point.
std::string study_report(const std::string& merged_csv);

// `telsim traffic` for a study: runs it, prints the result (CSV with `csv`, else the report) or, for
// a shard, its share rows; failed runs go to stderr. Returns the exit status.
int print_traffic_study(const Scenario& site, const TrafficOptions& base, const OfferSweep& sweep,
                        const StudyOptions& options, bool csv);
// One plain run's --csv output: its rows merged as a one-replication study.
std::string single_run_csv(const Scenario& site, const TrafficResult& r, const TrafficOptions& opt,
                           const OfferSweep& sweep);

}  // namespace telsim
