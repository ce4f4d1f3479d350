// The CSV of `telsim traffic --csv` (SPEC 3, TQ-3, TQ-5): its columns, in one table that says how
// each column combines over replications, one replication's rows (a "share" row, as a shard of a
// batch system prints it), and reading such a file back for `telsim merge`.
//
// A share row carries its replication number; a result row (what an unsharded run prints, or a
// merge) leaves `replication` empty and says in `replications` how many runs it summarises.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/traffic.h"
#include "tools/formula_fit.h"

namespace telsim {

struct TrafficColumn {
  enum Merge : uint8_t {
    key,          // identifies the row (number, point, bhca): equal in every replication of it
    sum,          // a count: the total over replications
    mean,         // a share or a mean: the mean over replications
    ci,           // the 95% half-width of the column `of`: batch means in one run, Student's t over runs
    replications, // how many runs a result row summarises (the R of the study in a share row)
    replication,  // which run a share row is (1..R); empty in a result row
    same,         // a setting that every share of one study has in common (seed, calls)
    z,            // (column `of` - its formula column `formula`) / standard error, from `of`'s interval
  };
  const char* name;
  Merge merge;
  int decimals;          // for mean and ci columns: how the figure is printed
  const char* of = "";       // for ci and z columns: the figure they are about
  const char* formula = "";  // for z columns: the formula's figure
};

const std::vector<TrafficColumn>& traffic_columns();
int traffic_column(const std::string& name);  // its index, or -1
std::string traffic_csv_header();             // the header line, no newline

// Which run of a study a result comes from.
struct ShareKey {
  int point = 1;                  // sweep point, 1..P
  int points = 1;                 // P of the study
  std::vector<std::string> bhca;  // per offered number at this point, as given on the command line
  int replications = 1;           // R of the study
  int replication = 1;            // this run, 1..R
  uint64_t seed = 1;              // the study's --seed (the run's own seed derives from it)
  uint64_t calls = 0;             // --calls of each run
};

// One CSV line (no newline) per offered number, in --offer order, for one run; `fits` per number.
std::vector<std::string> traffic_share_rows(const TrafficResult& r, const ShareKey& key,
                                            const std::vector<FormulaFit>& fits);
// The fits of every offered number of `opt`.
std::vector<FormulaFit> fit_formulas(const Scenario& site, const TrafficOptions& opt, double service_level);

// Degrees of freedom of an interval over `replications` runs (one run: its batches).
int interval_dof(int replications);

std::string fixed_decimals(double v, int decimals);  // "" for NaN

// A traffic CSV read back: the cells of each row and the line it came from.
struct TrafficCsvRow {
  std::vector<std::string> cells;
  int line = 0;
};
// Throws InputError(file, line, ...) when the header is not this version's or a row is malformed.
std::vector<TrafficCsvRow> read_traffic_csv(const std::string& file, const std::string& text);

}  // namespace telsim
