// Conference and conference recall (SPEC CN-1..CN-3, DE-2; Mitel, seed 000, and every profile).
//
// A conference is a multi-party call of the core (Call::members, Engine::bridge): every member's
// leg is connected with no single peer, and each member hears all the others. This box builds
// them and keeps who controls each one.
//
//   form (CN-1)  in a consultation (the first call held, a second one talking: a transfer's, or a
//                held call and a new one), `press conference` bridges the held party, the
//                consulted party and the controller into the held party's call (it keeps its id;
//                the consultation's call ends). Each gets `conference size=3`. Before the
//                consulted party answers, or past `switch.conference-max`, the key gives the
//                controller reorder and changes nothing.
//   leave (CN-2) a member who hangs up (the controller too) leaves; the others get
//                `conference size=N`; when two are left they are a plain call (`connected to=`
//                at each, no size=2). Without its controller nobody can add to or hold it.
//   add (CN-2)   the controller's `press transfer` holds the conference for it alone (the
//                others talk on, no `hold` event), gives dial tone; the number (keyed as a
//                transfer's target: at once when the dial plan knows it whole, else `#` or the
//                digit timer) rings in a consultation call of its own; `press conference` once
//                it answers bridges it in (`conference size=N` at every member). A target that
//                is busy (or the trunk is full), unknown, hangs up, or does not answer within the
//                no-answer time: the consultation ends and the controller is back in the
//                conference (`retrieved`) (CN-3). `retrieve` / `press hold` in the consultation
//                goes back too. Hanging up in the consultation ends it and leaves the conference
//                held (its recall follows); hanging up while keying the number leaves the
//                conference.
//   hold (CN-3)  the controller's `hold` / `press hold` holds the conference for it alone; past
//                the hold-recall timer it recalls the controller's prime desk phone only
//                (`recall reason=conference`, `ringing reason=recall`; never the associated
//                destinations, DE-2): answering it (or `retrieve`) is back in the conference
//                (`conference size=N` at the controller only). A recall nobody answers rings on
//                while the conference lasts. Members who are not the controller cannot hold it
//                (no music goes into a conference): their hold key does nothing.
// A conference that shrinks to two while its controller holds it is a held plain call (the other
// party gets `connected`, then `hold by=`); one whose recall rings is a recall ringing the
// controller (the other party hears ringback).
//
// Decision points, all ahead of transfer and hold (a conference member's keys are this box's):
// `action`, `call_digits`, `call_digit_timeout`, `hangup`, `cannot_ring` (the target being added),
// `held_too_long` (its own holds recall by its own timer), `answer` and `leg_ending` of the legs it
// watches (members, consultations), `check` of its calls.
#include <algorithm>

#include "models/box.h"

namespace telsim {

namespace {
constexpr uint8_t kRecall = 0;    // timer: a held conference recalls its controller
constexpr uint8_t kNoAnswer = 1;  // timer: the party being added did not answer

enum : uint8_t { kIdle = 0, kNumber = 1, kConsult = 2 };

class Conference : public Box {
 public:
  Conference(Engine& e, uint8_t index, const char* name)
      : Box(e, index, name), adds_(devices_.size()) {
    max_ = profile_.number("conference-max", 3);
    join(Point::action);
    join(Point::call_digits);
    join(Point::call_digit_timeout);
    join(Point::hangup);
    join(Point::cannot_ring);
    join(Point::held_too_long);
    join(Point::answer);
    join(Point::leg_ending);
    join(Point::leg_gone);
    join(Point::check);
  }

  bool decide(Point pt, Ask& ask) override {
    if (ask.party >= 0 && ask.party < static_cast<PartyId>(adds_.size())) forget_stale(ask.party);
    switch (pt) {
      case Point::action: return action(ask.party, ask.action, ask.text);
      case Point::call_digits: {
        Add& a = adds_[ask.party];
        if (a.phase == kConsult && leg_alive(a.consult, a.consult_gen)) return true;  // just digits
        if (a.phase != kNumber) return false;
        for (char c : ask.text) key(ask.party, c);
        return true;
      }
      case Point::call_digit_timeout:
        if (adds_[ask.party].phase != kNumber) return false;
        finish_number(ask.party);
        return true;
      case Point::hangup: {
        Add& a = adds_[ask.party];
        if (a.phase == kIdle) return false;
        // The core releases what the handset is on: the consultation (the conference stays
        // held and recalls), or while keying the held conference leg (the controller leaves).
        if (a.phase == kNumber && leg_alive(a.conf_leg, a.conf_gen)) legs_[a.conf_leg].held = false;
        else if (a.phase == kConsult && leg_alive(a.conf_leg, a.conf_gen) && member(a.conf_leg)) start_recall(a.conf_leg);
        a = Add{};
        return false;
      }
      case Point::cannot_ring: {
        const Leg& l = legs_[ask.leg];
        if (l.party == kNone || l.party >= static_cast<PartyId>(adds_.size())) return false;
        Add& a = adds_[l.party];
        if (a.phase != kConsult || a.consult != ask.leg || !leg_alive(a.consult, a.consult_gen)) return false;
        calls_[l.call].end_reason = ask.trunk_full ? "blocked" : "busy";
        free_leg(ask.leg);  // leg_ending takes the controller back into the conference
        return true;
      }
      case Point::held_too_long:
        return member(ask.leg) || recall_token_.find(ask.leg, legs_[ask.leg].gen);
      case Point::answer: return answer_recall(ask.leg);
      default: return false;
    }
  }

  bool wants(Point pt, const Ask& ask) const override {
    if (pt == Point::action) {
      if (ask.action == Action::press && ask.text == "conference") return true;
      // A member's keys that action() takes: transfer (add), hold; not flash (three-way calling's).
      const Device& d = devices_[ask.party];
      bool key = ask.action == Action::hold ||
                 (ask.action == Action::press && (ask.text == "transfer" || ask.text == "hold"));
      return key && d.active != kNone && member(d.active);
    }
    return false;
  }

  void notice(Point pt, Ask& ask) override {
    if (pt == Point::leg_ending) leg_ending(ask.leg);
    if (pt == Point::leg_gone) {
      // The conference went (its last other member left) while the controller consulted: the
      // consultation takes the freed line at once, as a transfer's does.
      PartyId p = ask.party;
      Add& a = adds_[p];
      if (a.phase == kConsult && !leg_alive(a.conf_leg, a.conf_gen) && leg_alive(a.consult, a.consult_gen) &&
          legs_[a.consult].line < 0) {
        int line = free_line(p, -1);
        if (line >= 0) {
          legs_[a.consult].line = static_cast<int16_t>(line);
          devices_[p].line_leg[line] = a.consult;
          note_device(p);
        }
      }
      forget_stale(p);
      if (adds_[p].phase == kIdle) unwatch_device(p);
    }
  }

  void timer(const Timer& t) override {
    if (t.what == kNoAnswer) {
      const Leg& l = legs_[t.slot];
      const uint32_t* token = noanswer_token_.find(t.slot, l.gen);
      if (l.state != LegState::ringback || !token || *token != t.gen) return;
      release_leg(t.slot, "no-answer");  // leg_ending takes the controller back
      return;
    }
    int32_t h = t.slot;
    const uint32_t* token = recall_token_.find(h, legs_[h].gen);
    if (legs_[h].state == LegState::free || !token || *token != t.gen) return;
    recall(h);
  }

  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size()) return {};
    const Leg& l = legs_[t.slot];
    const uint32_t* token = t.what == kNoAnswer ? noanswer_token_.find(t.slot, l.gen) : recall_token_.find(t.slot, l.gen);
    if (l.state == LegState::free || !token || *token != t.gen) return {};
    if (l.call == kNone || !calls_[l.call].live)
      return "stale-timer: conference timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t what) const override { return what == kNoAnswer ? "no-answer" : "hold-recall"; }

  // SPEC SC-2: a member of a conference is `conference size=N` (N: its members now), the state
  // that stands for `talking to=X` there (the core names no far party for a member: it has none).
  void describe_state(PartyId p, std::vector<std::string>* states) const override {
    for (int32_t l : party_legs(p))
      if (member(l) && conf_of(l))
        states->push_back("conference size=" + std::to_string(calls_[legs_[l].call].members.size()));
  }

  bool check_call(int32_t c, std::string* why) const override {
    const Call& call = calls_[c];
    if (call.members.empty()) return true;
    if (static_cast<long>(call.members.size()) > max_) {
      *why = "conference: c" + std::to_string(call.id) + " has " + std::to_string(call.members.size()) +
             " members, conference-max is " + std::to_string(max_);
      return false;
    }
    const Conf* cf = confs_.find(c, call.gen);
    if (!cf) {
      *why = "conference: c" + std::to_string(call.id) + " has members but no controller record";
      return false;
    }
    if (cf->ctl_leg != kNone && leg_alive(cf->ctl_leg, cf->ctl_gen) && !member(cf->ctl_leg)) {
      *why = "conference: c" + std::to_string(call.id) + "'s controller leg " + e_.describe_leg(cf->ctl_leg) +
             " is no member";
      return false;
    }
    for (int32_t l : call.members)
      if (!(legs_[l].watchers & Engine::bit(index_))) {
        *why = "conference: c" + std::to_string(call.id) + "'s member " + e_.describe_leg(l) + " is not watched";
        return false;
      }
    return true;
  }

 private:
  struct Conf {
    PartyId controller = kNone;
    int32_t ctl_leg = kNone;  // the controller's member leg
    uint32_t ctl_gen = 0;
  };
  // A controller adding a member: keying the number, then consulting the new party.
  struct Add {
    uint8_t phase = kIdle;
    int32_t conf_leg = kNone;  // the controller's member leg (held meanwhile)
    uint32_t conf_gen = 0;
    int32_t consult = kNone;   // the consultation call's leg at the controller
    uint32_t consult_gen = 0;
    std::string digits;
  };
  long max_ = 3;
  SlotTable<Conf> confs_;             // per call
  SlotTable<uint32_t> recall_token_;  // per controller leg: the hold its recall timer belongs to
  SlotTable<uint32_t> noanswer_token_;  // per consultation leg
  std::vector<Add> adds_;             // per device
  uint32_t next_token_ = 1;

  // An add whose conference leg (or consultation) has gone by another path is over.
  void forget_stale(PartyId p) {
    Add& a = adds_[p];
    if (a.phase == kIdle) return;
    bool ok = leg_alive(a.conf_leg, a.conf_gen) && (a.phase != kConsult || leg_alive(a.consult, a.consult_gen));
    if (!ok) a = Add{};
  }

  bool member(int32_t l) const {
    if (l < 0 || legs_[l].state == LegState::free || legs_[l].call == kNone) return false;
    const auto& m = calls_[legs_[l].call].members;
    return std::find(m.begin(), m.end(), l) != m.end();
  }
  const Conf* conf_of(int32_t l) const {
    int32_t c = legs_[l].call;
    return confs_.find(c, calls_[c].gen);
  }
  bool controls(PartyId p, int32_t l) const {
    if (!member(l)) return false;
    const Conf* cf = conf_of(l);
    return cf && cf->controller == p && cf->ctl_leg == l && leg_alive(l, cf->ctl_gen);
  }
  void announce_size(int32_t c) {
    const auto& m = calls_[c].members;
    std::string detail = tracing() ? "size=" + std::to_string(m.size()) : std::string();
    for (int32_t l : std::vector<int32_t>(m)) emit(legs_[l].party, c, Ev::conference, detail);
  }
  // The controller's own held member leg among its lines, if any.
  int32_t held_conference(PartyId p) const {
    for (int32_t l : devices_[p].line_leg)
      if (l != kNone && controls(p, l) && (legs_[l].held || legs_[l].state == LegState::alerting)) return l;
    return kNone;
  }

  // ---------------------------------------------------------------- keys

  bool action(PartyId p, Action a, std::string_view key) {
    Device& d = devices_[p];
    if (d.kind != PartyKind::station) return false;
    Add& add = adds_[p];
    bool press = a == Action::press;
    if (press && key == "conference") {
      press_conference(p);
      return true;
    }
    if (add.phase == kConsult && (a == Action::retrieve || (press && key == "hold"))) {
      drop_consultation(p);  // back in the conference
      return true;
    }
    if (add.phase == kNumber && (a == Action::retrieve || (press && key == "hold"))) {
      int32_t h = add.conf_leg;
      bool alive = leg_alive(h, add.conf_gen);
      add = Add{};
      if (alive) back_in(p, h, true);
      return true;
    }
    if (add.phase != kIdle) return a == Action::hold || (press && key == "transfer");  // busy adding
    int32_t l = d.active;
    if (l != kNone && member(l)) {
      bool ctl = controls(p, l);
      if (press && key == "transfer") {
        if (ctl && !legs_[l].held) start_add(p, l);
        return true;
      }
      if (a == Action::hold || (press && key == "hold")) {
        if (ctl && !legs_[l].held) hold_conference(p, l);
        return true;  // a member who is not the controller cannot hold it
      }
      return false;
    }
    if (a == Action::retrieve || (press && key == "hold")) {
      if (l != kNone && legs_[l].state == LegState::connected) return false;  // the hold box's business
      int32_t h = held_conference(p);
      if (h == kNone) return false;
      if (l != kNone) release_leg(l, "hangup");  // dial tone or a tone: give it up
      back_in(p, h, true);
      return true;
    }
    return false;
  }

  void press_conference(PartyId p) {
    Device& d = devices_[p];
    Add& add = adds_[p];
    if (add.phase == kConsult && leg_alive(add.consult, add.consult_gen)) {
      int32_t cl = add.consult;
      int32_t h = add.conf_leg;
      const Leg& c = legs_[cl];
      if (c.state != LegState::connected || c.peer == kNone || !member(h) ||
          static_cast<long>(calls_[legs_[h].call].members.size()) + 1 > max_) {
        emit(p, c.call, Ev::reorder);  // not answered yet, or the conference is full: nothing changes
        return;
      }
      int32_t t = c.peer;
      int32_t conf = legs_[h].call;
      add = Add{};
      legs_[cl].peer = kNone;
      e_.bridge(conf, t);
      watch_leg(t);
      calls_[legs_[cl].call].end_reason = "conference";
      free_leg(cl);  // the consultation call ends
      Leg& hl = legs_[h];
      hl.held = false;
      recall_token_.erase(h);
      d.active = h;
      d.offhook = true;
      note_device(p);
      announce_size(conf);
      return;
    }
    if (d.active == kNone) return;
    int32_t cl = d.active;
    const Leg& c = legs_[cl];
    // A consultation: the handset on a conversation, another line holding one.
    int32_t h = kNone;
    for (int32_t l : d.line_leg)
      if (l != kNone && l != cl && legs_[l].held && legs_[l].state == LegState::connected && legs_[l].peer != kNone &&
          !legs_[legs_[l].peer].held && legs_[legs_[l].peer].state == LegState::connected && !member(l) &&
          legs_[l].call != c.call) {
        h = l;
        break;
      }
    bool answered = c.state == LegState::connected && c.peer != kNone && !c.held && !legs_[c.peer].held && !member(cl);
    if (h == kNone || !answered || max_ < 3) {
      emit(p, c.call, Ev::reorder);  // nothing to join (or the consulted party has not answered)
      return;
    }
    int32_t x = legs_[h].peer;
    int32_t t = c.peer;
    int32_t conf = legs_[h].call;
    legs_[h].held = false;
    legs_[h].peer = legs_[x].peer = kNone;
    legs_[cl].peer = legs_[t].peer = kNone;
    calls_[conf].a_leg = calls_[conf].b_leg = kNone;
    e_.bridge(conf, h);
    e_.bridge(conf, x);
    e_.bridge(conf, t);
    Conf& cf = confs_.at(conf, calls_[conf].gen);
    cf.controller = p;
    cf.ctl_leg = h;
    cf.ctl_gen = legs_[h].gen;
    watch_call(conf);
    for (int32_t l : {h, x, t}) watch_leg(l);
    calls_[legs_[cl].call].end_reason = "conference";
    free_leg(cl);  // the consultation call ends (a transfer in progress with it)
    d.active = h;
    d.offhook = true;
    note_device(p);
    announce_size(conf);
  }

  void hold_conference(PartyId p, int32_t h) {
    Device& d = devices_[p];
    legs_[h].held = true;  // the others talk on: no hold event, no music
    d.active = kNone;
    d.digits.clear();
    ++d.digit_gen;
    note_device(p);
    start_recall(h);
  }

  void start_recall(int32_t h) {
    uint32_t token = next_token_++;
    recall_token_.at(h, legs_[h].gen) = token;
    schedule(timer_seconds("hold-recall"), kRecall, h, token);
  }

  // Back in the conference (or the call it has become) from a hold, a recall or a failed add.
  void back_in(PartyId p, int32_t h, bool retrieved) {
    Device& d = devices_[p];
    Leg& hl = legs_[h];
    recall_token_.erase(h);
    if (hl.state == LegState::alerting) {
      auto it = std::find(d.alerting.begin(), d.alerting.end(), h);
      if (it != d.alerting.end()) d.alerting.erase(it);
      emit(p, hl.call, Ev::stop_ringing);
      hl.state = LegState::connected;
    }
    hl.held = false;
    d.active = h;
    d.offhook = true;
    ++d.digit_gen;
    note_device(p);
    if (retrieved) emit(p, hl.call, Ev::retrieved);
  }

  // ---------------------------------------------------------------- adding a member

  void start_add(PartyId p, int32_t h) {
    Device& d = devices_[p];
    legs_[h].held = true;
    Add& a = adds_[p];
    a = Add{};
    a.phase = kNumber;
    a.conf_leg = h;
    a.conf_gen = legs_[h].gen;
    watch_device(p);  // the conference ending frees a line the consultation takes (Point::leg_gone)
    d.digits.clear();
    ++d.digit_gen;
    start_recall(h);  // keying too long returns it, as a transfer's (HR-2)
    emit(p, legs_[h].call, Ev::dialtone);
  }

  void key(PartyId p, char c) {
    Device& d = devices_[p];
    Add& a = adds_[p];
    ++d.digit_gen;
    if (c == '#') {
      finish_number(p);
      return;
    }
    a.digits += c;
    switch (e_.match_dialled(a.digits)) {
      case Engine::Match::complete:
      case Engine::Match::none:
        finish_number(p);
        break;
      default:
        e_.schedule(timer_seconds("digit"), TimerKind::digit_timeout, p, d.digit_gen);
        break;
    }
  }

  void finish_number(PartyId p) {
    Device& d = devices_[p];
    Add& a = adds_[p];
    std::string number = a.digits;
    a.digits.clear();
    ++d.digit_gen;
    int32_t h = a.conf_leg;
    if (!leg_alive(h, a.conf_gen)) {
      a = Add{};
      return;
    }
    auto it = numbers_.find(number);
    if (it == numbers_.end() || it->second.party == p) {  // unknown (or oneself): back in (CN-3)
      a = Add{};
      back_in(p, h, true);
      return;
    }
    int32_t c2 = e_.new_call(false);  // the consultation is a call of its own (SPEC 2)
    int32_t cl = e_.new_leg(c2, p, LegState::dialing);
    legs_[cl].originator = true;
    calls_[c2].a_leg = cl;
    d.active = cl;
    a.phase = kConsult;
    a.consult = cl;
    a.consult_gen = legs_[cl].gen;
    recall_token_.erase(h);  // consulting: the controller is busy with it, not away
    watch_leg(cl);
    e_.deliver(cl, it->second.party, it->second.line);
    if (a.phase != kConsult || !leg_alive(cl, a.consult_gen)) return;  // busy: already back in
    if (legs_[cl].state == LegState::tone) {  // another feature refused it (a hunt group with nobody free)
      free_leg(cl);
    } else if (legs_[cl].state == LegState::ringback) {
      uint32_t token = next_token_++;
      noanswer_token_.at(cl, legs_[cl].gen) = token;
      schedule(timer_seconds("no-answer"), kNoAnswer, cl, token);
    }
  }

  void drop_consultation(PartyId p) {
    Add& a = adds_[p];
    if (!leg_alive(a.consult, a.consult_gen)) return;
    release_leg(a.consult, "conference");  // leg_ending takes the controller back
  }

  // ---------------------------------------------------------------- recall

  void recall(int32_t h) {
    Leg& hl = legs_[h];
    PartyId p = hl.party;
    Device& d = devices_[p];
    recall_token_.erase(h);
    Add& a = adds_[p];
    if (a.phase == kNumber) {  // no number keyed in time: back in (HR-2)
      a = Add{};
      back_in(p, h, true);
      return;
    }
    if (!hl.held || hl.state != LegState::connected) return;
    int32_t c = hl.call;
    emit(p, c, Ev::recall, tracing() ? "reason=conference" : std::string());
    if (!member(h)) {  // it shrank to a plain held call: the core's recall (desk phone only)
      e_.recall_ring(h, "recall");
      return;
    }
    // The controller's own leg rings at its own phone: not a call arriving at its number, so no
    // associated destination rings (DE-2).
    hl.held = false;
    hl.state = LegState::alerting;
    d.alerting.push_back(h);
    note_device(p);
    if (tracing()) {
      std::string from;
      for (int32_t l : calls_[c].members)
        if (l != h) {
          from = e_.shown_name(legs_[l].party, p, c);  // as CNDB allows
          break;
        }
      emit(p, c, Ev::ringing, "from=" + from + " reason=recall");
    } else {
      emit(p, c, Ev::ringing);
    }
  }

  bool answer_recall(int32_t l) {
    if (!member(l) || legs_[l].state != LegState::alerting) return false;
    PartyId p = legs_[l].party;
    Device& d = devices_[p];
    auto it = std::find(d.alerting.begin(), d.alerting.end(), l);
    if (it != d.alerting.end()) d.alerting.erase(it);
    Leg& hl = legs_[l];
    hl.state = LegState::connected;
    d.active = l;
    d.offhook = true;
    note_device(p);
    if (tracing()) emit(p, hl.call, Ev::conference, "size=" + std::to_string(calls_[hl.call].members.size()));
    else emit(p, hl.call, Ev::conference);
    return true;
  }

  // ---------------------------------------------------------------- leaving

  void leg_ending(int32_t l) {
    Leg& leg = legs_[l];
    if (leg.party != kNone && leg.party < static_cast<PartyId>(adds_.size())) {
      Add& a = adds_[leg.party];
      if (a.phase == kConsult && a.consult == l && legs_[l].gen == a.consult_gen) {
        // The party being added is busy, did not answer, or hung up: back in (CN-3).
        int32_t h = a.conf_leg;
        bool alive = leg_alive(h, a.conf_gen);
        a = Add{};
        if (alive) back_in(leg.party, h, true);
        return;
      }
    }
    if (!member(l)) return;
    int32_t c = leg.call;
    std::vector<int32_t> rest;
    for (int32_t m : calls_[c].members)
      if (m != l) rest.push_back(m);
    Conf* cf = confs_.find(c, calls_[c].gen);
    if (cf && cf->ctl_leg == l) {  // the controller leaves: nobody controls it now
      if (cf->controller != kNone && adds_[cf->controller].conf_leg == l) adds_[cf->controller] = Add{};
      cf->controller = kNone;
      cf->ctl_leg = kNone;
    }
    // Machines left alone (voice mail taking messages from voice mail) would talk for ever: the
    // conference ends (found by telsim explore:
    // scenarios/regressions/conference_of_voicemails_ends_with_its_last_person.csv).
    auto machine = [&](int32_t m) {
      PartyId q = legs_[m].party;
      return q != kNone && (devices_[q].kind == PartyKind::voicemail || devices_[q].kind == PartyKind::hunt);
    };
    if (std::all_of(rest.begin(), rest.end(), machine)) {
      calls_[c].members.clear();
      calls_[c].end_reason = "conference";
      for (int32_t m : rest) {
        emit(legs_[m].party, c, Ev::released, tracing() ? "reason=conference" : std::string());
        free_leg(m);
      }
      return;
    }
    if (rest.size() >= 3) {
      e_.unbridge(c, l);
      announce_size(c);
      return;
    }
    if (rest.size() == 2) plain_call(c, l, rest[0], rest[1]);
  }

  // Two are left: a plain call (CN-2).
  void plain_call(int32_t c, int32_t leaving, int32_t a, int32_t b) {
    Call& call = calls_[c];
    call.members.clear();
    (void)leaving;
    // A recall ringing at the controller: the other party is its caller now.
    for (auto [r, x] : {std::pair{a, b}, std::pair{b, a}}) {
      if (legs_[r].state != LegState::alerting) continue;
      legs_[r].peer = x;
      legs_[x].peer = kNone;
      legs_[x].state = LegState::ringback;
      call.a_leg = x;
      call.b_leg = kNone;
      call.ringing.push_back(r);
      emit(legs_[x].party, c, Ev::ringback);
      return;
    }
    legs_[a].peer = b;
    legs_[b].peer = a;
    call.a_leg = a;
    call.b_leg = b;
    // Shown as CNDB allows (found by explore on interactions_resolved.csv:
    // scenarios/regressions/conference_of_two_keeps_number_withheld.csv).
    emit(legs_[a].party, c, Ev::connected, tracing() ? "to=" + e_.shown_name(legs_[b].party, legs_[a].party, c) : std::string());
    emit(legs_[b].party, c, Ev::connected, tracing() ? "to=" + e_.shown_name(legs_[a].party, legs_[b].party, c) : std::string());
    // Held by the controller: the other one is on hold now (the recall stays this box's).
    for (auto [h, x] : {std::pair{a, b}, std::pair{b, a}}) {
      if (!legs_[h].held) continue;
      emit(legs_[x].party, c, Ev::hold, tracing() ? "by=" + e_.shown_name(legs_[h].party, legs_[x].party, c) : std::string());
      if (profile_.on("music-on-hold", true)) emit(legs_[x].party, c, Ev::music_on_hold);
      break;
    }
  }
};
}  // namespace

std::unique_ptr<Box> make_conference(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Conference>(e, index, name);
}

}  // namespace telsim
