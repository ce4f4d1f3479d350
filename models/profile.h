// A PBX personality as data (SPEC 4): timers, feature codes, texts and rule switches.
// Profiles live as text files under scenarios/profiles/; parse_profile reads their text (no I/O).
//
// Format: one `key = value` per line, `#` starts a comment line. Keys:
//   name = generic
//   timer.NAME = SECONDS          default timers (no-answer, hold-recall, ...)
//   code.FEATURE = DIGITS         feature codes of the dial plan (forward-all, pickup, ...)
//   text.NAME = free text         prompt and display texts
//   switch.NAME = value           rule switches (forward-max-hops = 2, forward-intercom = no)
//   features = NAME NAME ...      the feature boxes this PBX has, in precedence order (where two
//                                 take part in one decision point the earlier is asked first);
//                                 omitted: every box, in the registry's order
//                                 (models/features/registry.cc)
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace telsim {

struct Profile {
  std::string name = "generic";
  std::map<std::string, double> timers;
  std::map<std::string, std::string> codes;
  std::map<std::string, std::string> texts;
  std::map<std::string, std::string> switches;
  std::vector<std::string> features;  // feature boxes in precedence order; empty: all, default order

  double timer(const std::string& name, double fallback) const;
  std::string text(const std::string& name, const std::string& fallback) const;
  bool on(const std::string& sw, bool fallback) const;  // yes/no/on/off/true/false/1/0
  long number(const std::string& sw, long fallback) const;
};

// A problem in a profile file's text, with its 1-based line.
struct ProfileError : std::runtime_error {
  ProfileError(int line, const std::string& what) : std::runtime_error(what), line(line) {}
  int line;
};

// Timer names every profile and site may set, with the SPEC's defaults.
const std::map<std::string, double>& default_timers();

Profile parse_profile(const std::string& text);  // throws ProfileError

}  // namespace telsim
