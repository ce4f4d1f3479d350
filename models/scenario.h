// A scenario file as data (SPEC 1): metadata, the site, timed steps and expectations.
// Built by sim/scenario_loader from CSV; consumed by the runner (steps) and by reports/ (the
// matcher's expectations). Plain data over the engine's vocabulary (site, profile, actions,
// events), so it lives with that vocabulary here and reports/ need not reach into sim/.
#pragma once
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/action.h"
#include "models/profile.h"
#include "models/site.h"
#include "models/trace_event.h"

namespace telsim {

// An event-relative step time (SPEC SC-3): `@P:EVENT+N` waits for the first EVENT at P at or after
// the previous step's time that no earlier such step used, then N seconds more.
struct StepTrigger {
  std::string party;
  Ev event = Ev::offhook;
  double delay = 0;
};

struct Step {
  double at = 0;  // absolute seconds (a `+N` time is resolved against the previous step); for a
                  // triggered step or one after it, the earliest it can come (resolved in the run)
  std::string party;
  Action action = Action::call;
  std::string action_name;  // as written, for messages
  std::string argument;
  int line = 0;
  std::optional<StepTrigger> trigger;  // `@P:EVENT+N`
  // In the run, a step comes at: its trigger's event + N; else, written `+N`, the previous step's
  // resolved time + N; else max(at, the previous step's resolved time). Without triggers that is
  // `at` itself.
  bool relative = false;
  double offset = 0;  // N of `+N`
};

// What a party is doing (SPEC SC-2), as `expect-state` names it.
struct StateWanted {
  std::string name;   // idle, dialtone, ringing, ringback, talking, conference, held, holding, tone, queued, camped
  std::string value;  // talking to=X / held by=X: X ("" any); conference size=N: N ("" any)
};

struct Expectation {
  bool negate = false;  // expect-not
  // Time window, closed; an empty `at` is (-inf, +inf).
  double from = -std::numeric_limits<double>::infinity();
  double to = std::numeric_limits<double>::infinity();
  std::string party;
  Ev event = Ev::offhook;
  std::string detail;  // key=value words (a value `~REGEX` is a pattern, SC-4), or the whole
                       // text for display/prompt (`~REGEX`: a pattern)
  int line = 0;
  std::string text;    // the row's action and argument as written, for reports
  // event: expect / expect-not; count: expect-count (SC-1); state: expect-state (SC-2).
  enum class Kind : uint8_t { event, count, state };
  Kind kind = Kind::event;
  // expect-count: how many events must match.
  enum class CountOp : uint8_t { exactly, at_least, at_most };
  CountOp count_op = CountOp::exactly;
  long count = 0;
  StateWanted state;  // expect-state
  bool cdr = false;    // the party `cdr` (SC-5): detail are column=value words over the call records
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
