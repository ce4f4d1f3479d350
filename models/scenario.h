// A scenario file as data (SPEC 1): metadata, the site, timed steps and expectations.
// Built by sim/scenario_loader from CSV; consumed by the runner (steps) and by reports/ (the
// matcher's expectations). Plain data over the engine's vocabulary (site, profile, actions,
// events), so it lives with that vocabulary here and reports/ need not reach into sim/.
#pragma once
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/action.h"
#include "models/profile.h"
#include "models/site.h"
#include "models/trace_event.h"

namespace telsim {

struct Step {
  double at = 0;  // absolute seconds (a `+N` time is resolved against the previous step)
  std::string party;
  Action action = Action::call;
  std::string action_name;  // as written, for messages
  std::string argument;
  int line = 0;
};

struct Expectation {
  bool negate = false;  // expect-not
  // Time window, closed; an empty `at` is (-inf, +inf).
  double from = -std::numeric_limits<double>::infinity();
  double to = std::numeric_limits<double>::infinity();
  std::string party;
  Ev event = Ev::offhook;
  std::string detail;  // key=value words, or the whole text for display/prompt
  int line = 0;
  std::string text;    // the row's action and argument as written, for reports
};

struct Scenario {
  std::string file;   // path as given
  std::string title;  // `# title:`, else the file name
  std::vector<std::string> rules;
  std::vector<std::string> tags;
  Site site;
  Profile profile;
  std::vector<Step> steps;
  std::vector<Expectation> expectations;
  // `,site,expect-broken,PROPERTY` (SPEC 7): the run must stop on this feature property (a
  // scenario showing what goes wrong without a resolution); "" when none is expected.
  std::string expect_broken;
  int expect_broken_line = 0;
};

// Bad input (SPEC 1): reported as FILE:LINE: message, exit 2.
struct InputError : std::runtime_error {
  InputError(std::string file, int line, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + message),
        file(std::move(file)), line(line), message(message), all{what()} {}
  std::string file;
  int line;
  std::string message;
  std::vector<std::string> all;  // every error of the file, "FILE:LINE: message" (the loader reports them all)
};

}  // namespace telsim
