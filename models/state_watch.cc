#include "models/state_watch.h"

#include <algorithm>
#include <cmath>

namespace telsim {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
// SPEC 1 compares times to the millisecond: a reading at 12.0004 is a reading at 12.
bool same_ms(double a, double b) { return std::llround(a * 1000) == std::llround(b * 1000); }
bool within(double t, double from, double to) {
  return (t >= from || same_ms(t, from)) && (t <= to || same_ms(t, to));
}
}  // namespace

StateWatch::StateWatch(const Scenario& s, const Engine& e) : s_(s), e_(e), verdicts_(s.expectations.size()) {
  for (size_t i = 0; i < s.expectations.size(); ++i) {
    const Expectation& x = s.expectations[i];
    if (x.kind != Expectation::Kind::state) continue;
    rows_.push_back(i);
    instants_.push_back(x.from);
    last_to_ = std::max(last_to_, x.to);
  }
  std::sort(instants_.begin(), instants_.end());
}

double StateWatch::next_instant() const { return next_ < instants_.size() ? instants_[next_] : kInf; }

void StateWatch::before(double t) {
  if (!active()) return;
  // In time order: the pending instant and the rows' instants before t share one state.
  for (;;) {
    double inst = next_instant();
    bool take_pending = pending_ && pending_at_ < t && (pending_at_ <= inst);
    if (take_pending) {
      pending_ = false;
      read(pending_at_);
      while (next_ < instants_.size() && instants_[next_] <= pending_at_) ++next_;
      continue;
    }
    if (inst < t) {
      read(inst);
      while (next_ < instants_.size() && instants_[next_] <= inst) ++next_;
      continue;
    }
    break;
  }
}

void StateWatch::touched(double t) {
  if (!active()) return;
  before(t);
  // A row instant at t is read with the reading at t, once t's consequences are over.
  while (next_ < instants_.size() && instants_[next_] <= t) ++next_;
  if (t > last_to_) return;
  pending_ = true;
  pending_at_ = t;
}

void StateWatch::finish(double end) {
  if (!active()) return;
  before(end);
  if (pending_) {
    pending_ = false;
    read(pending_at_);
  }
  while (next_ < instants_.size() && instants_[next_] <= end) read(instants_[next_++]);
}

void StateWatch::read(double t) {
  if (t == last_read_) return;
  last_read_ = t;
  for (size_t row : rows_) {
    const Expectation& x = s_.expectations[row];
    if (within(t, x.from, x.to)) read_row(row, t);
  }
}

void StateWatch::read_row(size_t row, double t) {
  const Expectation& x = s_.expectations[row];
  StateVerdict& v = verdicts_[row];
  v.checked = true;
  if (!v.passed) return;  // the first instant it broke is the one to show
  auto check = [&](PartyId p) {
    std::vector<std::string> states = describe_state(e_, p);
    if (state_holds(x.state, states)) return true;
    v.passed = false;
    v.at = t;
    v.party = e_.number(p);
    v.actual = states_text(states);
    return false;
  };
  if (x.party != "*") {
    if (auto p = e_.party_id(x.party)) check(*p);
    return;
  }
  // `*`: every station, attendant, external and mobile party (not pilots nor voice mail).
  for (PartyId p = 0; p < static_cast<PartyId>(e_.devices_.size()); ++p) {
    PartyKind k = e_.device(p).kind;
    if (k == PartyKind::hunt || k == PartyKind::voicemail) continue;
    if (!check(p)) return;
  }
}

}  // namespace telsim
