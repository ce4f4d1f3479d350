// Work items run in forked children, a few at once. SimGrid keeps one clock per process, so every
// scenario run (`telsim run`, `telsim explore`) gets a process of its own; a crash or a hang in
// one is reported, never shared.
#pragma once
#include <functional>
#include <string>

namespace telsim {

struct ChildResult {
  size_t index = 0;
  std::string output;  // what the child's work returned
  bool ok = false;     // exited normally with status 0 within the timeout
  std::string why;     // when not ok: "timeout", "signal N" or "exit status N"
  bool timed_out = false;
  int signal = 0;       // the signal that ended it, or 0
  int exit_status = 0;  // its exit status when it exited
  double seconds = 0;   // wall time
};

// Runs `work(i)` for i in [0, count), each in a forked child, `jobs` at once; a child still running
// after `timeout` wall seconds is killed. `done` sees each result as soon as its child ends.
void run_in_children(size_t count, int jobs, double timeout, const std::function<std::string(size_t)>& work,
                     const std::function<void(ChildResult&&)>& done);

}  // namespace telsim
