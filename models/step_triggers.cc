#include "models/step_triggers.h"

#include <cmath>
#include <cstdio>

namespace telsim {

namespace {
long long ms(double t) { return std::llround(t * 1000); }
std::string seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}
}  // namespace

StepTriggers::StepTriggers(const Scenario& s, const std::vector<TraceEvent>& trace) : s_(s), trace_(trace) {
  for (const Step& st : s.steps)
    if (st.trigger) queue_[{st.trigger->party, st.trigger->event}];
}

void StepTriggers::wait_for(size_t step, double since) {
  waiting_ = true;
  found_ = false;
  step_ = step;
  since_ = since;
}

void StepTriggers::look(double) {
  if (queue_.empty()) return;
  for (; seen_ < trace_.size(); ++seen_) {
    const TraceEvent& e = trace_[seen_];
    auto it = queue_.find(Key{e.party, e.event});
    if (it != queue_.end()) it->second.push_back(e.time);
  }
  if (!waiting_ || found_) return;
  const StepTrigger& t = *s_.steps[step_].trigger;
  std::deque<double>& q = queue_[{t.party, t.event}];
  // Events before the bound can serve no later step either: step times never decrease.
  while (!q.empty() && ms(q.front()) < ms(since_)) q.pop_front();
  if (q.empty()) return;
  at_ = q.front() + t.delay;
  q.pop_front();  // used: a later step waits for the next one
  found_ = true;
}

double StepTriggers::take() {
  waiting_ = false;
  found_ = false;
  return at_;
}

std::string StepTriggers::never_came_text(const std::string& file) const {
  const Step& st = s_.steps[step_];
  const StepTrigger& t = *st.trigger;
  return file + ":" + std::to_string(st.line) + ": step " + st.party + " " + st.action_name +
         " waits for " + std::string(ev_name(t.event)) + " at " + t.party + ", which never came at or after " +
         seconds(since_) + " s (the step did not run)";
}

}  // namespace telsim
