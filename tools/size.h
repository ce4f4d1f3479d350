// `telsim size` (SPEC TQ-6): the smallest hunt group (or trunk) that meets a grade-of-service target
// through the real features, found by simulation: bisection over sizes, each size a traffic study
// (replications in forked children, common random numbers across sizes), with the formula's answer
// beside it and what makes the two differ.
#pragma once
#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/traffic.h"
#include "tools/replications.h"

namespace telsim {

struct SizeTarget {
  enum Kind { blocking, service_level } kind = blocking;
  double value = 0.01;  // blocking: at most this share; service level: at least this share
  std::string column() const { return kind == blocking ? "blocking" : "service_level"; }
  bool met(double figure) const { return kind == blocking ? figure <= value : figure >= value; }
};
// "blocking=0.01" or "service-level=0.8"; throws std::invalid_argument.
SizeTarget parse_size_target(const std::string& text);

struct SizeOptions {
  std::string vary;  // a hunt pilot number, or "trunk"
  SizeTarget target;
  int max_size = 5000;
};

// The site with the group resized to `size` members (clones of its last member, at free numbers,
// when it grows) or the trunk set to `size` channels. Throws InputError when `vary` is neither.
Scenario resized_site(const Scenario& site, const std::string& vary, int size);

struct SizeTrial {
  int size = 0;
  double figure = 0, half_width = 0;
  bool met = false;
};

struct SizeAnswer {
  std::vector<SizeTrial> trials;  // in the order they were run
  int size = -1;                  // smallest size meeting the target (-1: none up to max_size)
  int formula_size = -1;          // the formula's smallest size (-1: none)
  std::string formula;            // which formula, or "" when none fits the site
  std::vector<std::string> differences;  // why the simulation and the formula may disagree
  std::vector<std::string> failures;
};

SizeAnswer find_size(const Scenario& site, const TrafficOptions& base, const OfferSweep& offer,
                     const StudyOptions& study, const SizeOptions& options);

std::string size_report(const SizeAnswer& a, const SizeOptions& options);

}  // namespace telsim
