// The benchmark features' promises (SPEC 7, FI-1), checked like the invariants: after every event
// on the calls it touched, and as events are emitted. A broken one stops the run with
//   property NAME broken at T s after EVENT: WHAT (features A x B; event: PARTY EVENT DETAIL)
// naming the feature whose promise broke and the features that carried the call there (from the
// call's delivery path), so `telsim explore` can name the interaction and write an `expect-not`
// for the event that shows it.
//
// The properties, by name:
//  screened-out   OCS: a station is never connected to a number it screens out, by any path (its
//                 own calls, a forward it made, a transfer, pickup or hunt that joins it), except
//                 in a call that number itself placed
//  screened-in    TCS: a screened caller never rings or connects at the screening station, by
//                 any path, except in a call the station itself placed
//  teen-line-pin  TL: no outside party is connected to a call a teen-line station placed without
//                 its PIN
//  withheld       CNDB: a withholding station's number never shows at another party as the calling
//                 or connected party (ringing from=, connected to=, hold by=)
//  billing        every billed conversation is billed once (its shares add up to at most 100), at
//                 a station (an outside party cannot be charged), and an internal call only where
//                 RC or SB applies
//  ring-back      RBWF: a ring-back rings its caller only while the station it is for is free, and
//                 the call an answered ring-back places connects its caller to that station, to
//                 nobody else (until the two have talked; a recall after its caller answered is HR's)
//  voicemail      VM: every message is counted once, in the mailbox of the last station whose
//                 forward or DEE sent the call to the pilot (the call as the pilot answered it:
//                 a transfer or conference may move the pilot's leg after), the owner's count is the number left
//                 since it last listened, and no caller the owner screens in (TCS) leaves one
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/box.h"
#include "models/engine.h"

namespace telsim {

namespace {
bool outside_kind(PartyKind k) { return k == PartyKind::external || k == PartyKind::mobile; }

std::string at_seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}

// Whether `list` names any number of party `o` (its own number or one of its lines).
bool names(const std::vector<std::string>& list, const PartyDef& o) {
  if (list.empty()) return false;
  for (const std::string& n : list) {
    if (n == o.number) return true;
    for (const std::string& l : o.lines)
      if (n == l) return true;
  }
  return false;
}

std::vector<std::string> with_path(const char* own, const DeliveryPath* path, bool voice_call = false,
                                   bool consultation = false) {
  std::vector<std::string> f{own};
  if (path)
    for (const char* n : path_feature_names(path->features)) f.push_back(n);
  if (voice_call && std::find(f.begin(), f.end(), "VC") == f.end()) f.push_back("VC");  // a voice call (CF-5)
  // A consultation (a call the transfer key placed, without dial tone) carries no mark of its own:
  // what it breaks is the transfer's interaction, not the feature's alone.
  if (consultation && f.size() == 1) f.push_back("CT");
  return f;
}
}  // namespace

void Engine::note_path(PartyId p, int32_t call, Ev ev) {
  uint32_t gen = calls_[call].gen;
  switch (ev) {
    case Ev::dialtone: {
      DeliveryPath& path = paths_.at(call, gen);
      if (path.caller < 0) path.caller = p;
      break;
    }
    case Ev::forwarded: paths_.carried(call, gen, p, kPathCF); break;
    // A transfer key joining a held call to one the station placed itself (hold, then a new call)
    // has no `transfer` event of its own: the join is what carried the held call on.
    case Ev::transfer:
    case Ev::transfer_complete: paths_.carried(call, gen, p, kPathCT); break;
    case Ev::pickup: paths_.carried(call, gen, p, kPathPU); break;
    case Ev::hunt: paths_.carried(call, gen, p, kPathHG); break;
    case Ev::handoff: paths_.carried(call, gen, p, kPathHO); break;
    case Ev::recall: paths_.carried(call, gen, p, kPathHR); break;
    default: break;
  }
}

std::string Engine::shown_name(PartyId p, PartyId viewer, int32_t call) const {
  if (!withheld_any_ || p == kNone || p == viewer || !devices_[p].def->caller_id_withheld || !box("caller-id"))
    return party_name(p);
  // The call the station placed itself hides its number always; a call some feature carried on
  // (forwarded, transferred, handed off, ...) hides it only where the profile says so (FI-2).
  const DeliveryPath* path = path_of(call);
  if (!path || path->features == 0) return "withheld";
  auto r = profile_.switches.find("resolutions");
  bool none = r != profile_.switches.end() && r->second == "none";
  if (!none && profile_.on("withheld-every-path", false)) return "withheld";
  return party_name(p);
}

bool Engine::screen_refuses(int32_t a_leg, PartyId target, const char** reason) {
  Ask ask;
  ask.leg = a_leg;
  ask.party = target;
  bool refused = decide(Point::screen, ask);
  *reason = ask.reason;
  return refused;
}

void Engine::bill(PartyId payer, PartyId other, int32_t call, double seconds, int share) {
  if (tracing()) {
    std::string d = "to=" + party_name(other) + " seconds=" + std::to_string(static_cast<long>(std::max(0.0, seconds)));
    if (share != 100) d += " share=" + std::to_string(share);
    emit(payer, call, Ev::billed, std::move(d));
  } else {
    emit(payer, call, Ev::billed);
  }
  if (benchmark_site_) note_bill(payer, other, call, share, now() - seconds, share == 100 ? "RC" : "SB");
}

void Engine::property_broken(const char* name, const std::string& what, std::vector<std::string> features,
                             const std::string& event) {
  if (!failure_.empty()) return;
  std::string pair;
  for (size_t i = 0; i < features.size() && i < 2; ++i) pair += (i ? " x " : "") + features[i];
  if (features.size() == 1) pair += " alone";
  failure_ = std::string("property ") + name + " broken at " + at_seconds(now_) + " s after " + event_label() + ": " +
             what + " (features " + pair + "; event: " + event + ")";
}

void Engine::note_bill(PartyId payer, PartyId other, int32_t call, int share, double since, const char* by) {
  if (checks_ == Checks::off || payer == kNone) return;
  std::vector<std::string> f{by};  // who billed: RC, SB, or BC (the basic call's own billing)
  for (const std::string& n : with_path("", path_of(call))) if (!n.empty()) f.push_back(n);
  std::string ev = number(payer) + " billed to=" + party_name(other);
  if (share != 100) ev += " share=" + std::to_string(share);
  if (devices_[payer].kind != PartyKind::station)
    return property_broken("billing", "c" + std::to_string(call_id(call)) + " billed " + std::to_string(share) +
                                          "% at " + number(payer) + ", a party the PBX cannot charge",
                           f, ev);
  if (other != kNone && !outside_kind(devices_[other].kind) && devices_[other].kind != PartyKind::voicemail &&
      std::string(by) == "BC")
    return property_broken("billing", "internal call c" + std::to_string(call_id(call)) + " billed at " +
                                          number(payer) + " though neither RC nor SB applies",
                           f, ev);
  // One conversation: the call, the two parties, and when they started talking (whole milliseconds:
  // a call recalled from hold and answered again is a second conversation, billed again).
  auto key = std::make_tuple(call_id(call), std::min(payer, other), std::max(payer, other),
                             static_cast<int64_t>(std::llround(since * 1000)));
  int& sum = bill_shares_[key];
  sum += share;
  if (sum > 100)
    property_broken("billing", "c" + std::to_string(call_id(call)) + " between " + number(payer) + " and " +
                                   party_name(other) + " billed " + std::to_string(sum) + "% (more than once)",
                    f, ev);
}

void Engine::diverted(int32_t a_leg, PartyId station, uint16_t by) {
  int32_t c = legs_[a_leg].call;
  DeliveryPath& path = paths_.at(c, calls_[c].gen);
  path.diverter = station;
  path.diverter_by = by;
  path.features |= by;
  Ask ask;
  ask.leg = a_leg;
  ask.party = station;
  notice(Point::diverted, ask);
}

void Engine::note_pilot_answered(int32_t pilot, int32_t a_leg) {
  if (checks_ == Checks::off) return;
  int32_t c = legs_[a_leg].call;
  const DeliveryPath* path = path_of(c);
  PilotAnswer& r = pilot_answers_[pilot];
  r.gen = legs_[pilot].gen;
  r.call_id = call_id(c);
  r.diverter = path ? path->diverter : kNone;
  r.by = path ? path->diverter_by : 0;
  r.features = path ? path->features : 0;
}

void Engine::note_message(PartyId owner, int32_t call, PartyId caller, int count, int32_t pilot) {
  if (checks_ == Checks::off) return;
  int& mine = messages_[owner];
  ++mine;
  // The call as the pilot answered it: the mailbox is chosen then, and a transfer or conference
  // may have moved the pilot's leg into another call since (VM x CT: found by explore on every
  // profile site, scenarios/interactions/vm_x_ct_*.csv).
  const DeliveryPath* path = path_of(call);
  PartyId right = path ? path->diverter : kNone;
  uint16_t by = path ? path->diverter_by : 0, carried = path ? path->features : 0;
  uint32_t cid = call_id(call);
  auto at = pilot_answers_.find(pilot);
  if (at != pilot_answers_.end() && at->second.gen == legs_[pilot].gen) {
    right = at->second.diverter;
    by = at->second.by;
    carried |= at->second.features;
    cid = at->second.call_id;
  }
  std::vector<std::string> f{"VM"};  // the feature that sent the call to the pilot last comes next
  for (const char* n : path_feature_names(by)) f.push_back(n);
  for (const char* n : path_feature_names(carried))
    if (std::find(f.begin(), f.end(), n) == f.end()) f.push_back(n);
  std::string ev = number(owner) + " message-waiting count=" + std::to_string(count);
  std::string c = "c" + std::to_string(cid);
  if (right != owner)
    return property_broken("voicemail",
                           "a message from " + party_name(caller) + " in " + c + " is counted at " + number(owner) +
                               (right == kNone ? ", but no forward or DEE sent the call to the pilot"
                                               : ", but " + number(right) + " sent the call to the pilot last"),
                           f, ev);
  if (++message_calls_[cid] > 1)
    return property_broken("voicemail", c + " left more than one message", f, ev);
  if (count != mine)
    return property_broken("voicemail",
                           number(owner) + " shows count=" + std::to_string(count) + " but " + std::to_string(mine) +
                               " messages were left since it last listened",
                           f, ev);
  if (caller != kNone && !devices_[owner].def->screen_in.empty() && names(devices_[owner].def->screen_in, *devices_[caller].def))
    property_broken("voicemail", number(owner) + " screens in " + number(caller) + " but " + c + " left it a message",
                    {"VM", "TCS"}, ev);
}

void Engine::note_messages_heard(PartyId owner) { messages_[owner] = 0; }

void Engine::check_withheld(PartyId p, int32_t call, Ev ev, const std::string& detail) {
  const char* key = ev == Ev::ringing ? "from=" : ev == Ev::connected ? "to=" : ev == Ev::hold ? "by=" : nullptr;
  if (ev == Ev::message_waiting) key = "from=";  // VM: who left the last message
  if (!key) return;
  size_t at = detail.find(key);
  if (at == std::string::npos || (at > 0 && detail[at - 1] != ' ')) return;
  at += std::string_view(key).size();
  std::string shown = detail.substr(at, detail.find(' ', at) - at);
  auto it = numbers_.find(shown);
  if (it == numbers_.end()) return;
  PartyId w = it->second.party;
  if (w == p || !devices_[w].def->caller_id_withheld || !box("caller-id")) return;
  if (devices_[p].kind == PartyKind::voicemail) return;  // a machine, not a party
  const DeliveryPath* path = path_of(call);
  bool consultation = call != kNone && (!path || path->caller < 0) && calls_[call].a_leg != kNone &&
                      legs_[calls_[call].a_leg].originator;
  std::vector<std::string> features = with_path("CNDB", path, call != kNone && calls_[call].quiet, consultation);
  if (ev == Ev::message_waiting) features.insert(features.begin() + 1, "VM");  // the mailbox showed it
  property_broken("withheld",
                  "the number of " + number(w) + ", which withholds it, shows at " + number(p) + " in c" +
                      std::to_string(call_id(call)),
                  features, number(p) + " " + std::string(ev_name(ev)) + " " + detail);
}

void Engine::check_properties(int32_t c) {
  if (c == kNone || !calls_[c].live) return;
  const DeliveryPath* path = path_of(c);
  PartyId placer = path ? path->caller : kNone;
  const Call& call = calls_[c];
  // A call a feature placed without dial tone (a transfer's consultation): its originating leg's party.
  bool consultation = false;
  if (placer == kNone && call.a_leg != kNone && legs_[call.a_leg].originator) {
    placer = legs_[call.a_leg].party;
    consultation = true;
  }
  auto event_of = [&](PartyId at, PartyId other, const char* ev) {
    return number(at) + " " + ev + (std::string(ev) == "connected" ? " to=" : " from=") + shown_name(other, at, c);
  };
  // Each pair of legs of this call that talk to each other or ring for each other.
  auto check_pair = [&](int32_t x, int32_t y, bool ringing) {
    if (x == kNone || y == kNone) return;
    PartyId u = legs_[x].party, v = legs_[y].party;  // u: the leg at this call's side, v: its peer
    if (u == kNone || v == kNone || u == v) return;
    const PartyDef& ud = *devices_[u].def;
    const PartyDef& vd = *devices_[v].def;
    const char* ev = ringing ? "ringing" : "connected";
    // TCS: the screening station rings or talks with a caller it screens in.
    // Except in a call the screening station placed, or where it called the other one itself (a
    // consultation the conference key then joined to its call).
    if (names(ud.screen_in, vd) && u != placer && legs_[y].rung_by != u)
      return property_broken("screened-in", number(u) + " screens in " + number(v) + " but " +
                                                (ringing ? "rings for" : "is connected to") + " it in c" +
                                                std::to_string(call.id),
                             with_path("TCS", path, call.quiet, consultation), event_of(u, v, ev));
    if (!ringing && names(vd.screen_in, ud) && v != placer && legs_[x].rung_by != v)
      return property_broken("screened-in", number(v) + " screens in " + number(u) + " but is connected to it in c" +
                                                std::to_string(call.id),
                             with_path("TCS", path, call.quiet, consultation), event_of(v, u, ev));
    if (ringing) return;
    // OCS: a station talks with a number it (or a station that carried this call) screens out.
    std::vector<PartyId> screeners{u, v};
    if (path) screeners.insert(screeners.end(), path->via.begin(), path->via.end());
    for (PartyId s : screeners) {
      if (s == kNone || devices_[s].kind != PartyKind::station) continue;
      const PartyDef& sd = *devices_[s].def;
      for (PartyId o : {u, v}) {
        if (o == s || o == placer || !names(sd.screen_out, *devices_[o].def)) continue;
        PartyId at = o == u ? v : u;
        // The station answered a call the number placed to it (a consultation the conference key
        // then joined to its call): that number's own call still.
        if (s == at && legs_[o == u ? y : x].rung_by == o) continue;
        return property_broken("screened-out",
                               number(s) + " screens out " + number(o) + " but " +
                                   (s == at ? std::string("is connected to it") : number(at) + " is connected to it for " + number(s)) +
                                   " in c" + std::to_string(call.id),
                               with_path("OCS", path, call.quiet, consultation), event_of(at, o, ev));
      }
    }
    // TL: an outside party talks in a call a teen-line station placed, without the PIN.
    if (placer != kNone && !devices_[placer].def->teen_pin.empty() && !(path && path->pin)) {
      for (PartyId o : {u, v}) {
        if (!outside_kind(devices_[o].kind)) continue;
        PartyId at = o == u ? v : u;
        return property_broken("teen-line-pin",
                               "outside party " + number(o) + " is connected in c" + std::to_string(call.id) +
                                   ", which teen-line station " + number(placer) + " placed without its PIN",
                               with_path("TL", path, call.quiet, consultation), event_of(at, o, ev));
      }
    }
  };
  // RBWF: the ring-back rings while the station is free; its call joins the caller to the station only.
  // Both promises are about the ring-back itself: once its caller answered, a hold or transfer
  // recall ringing the caller for the station is HR's (found by explore on perception, telecube and
  // voipnow: scenarios/regressions/ring_back_call_recalled_from_hold.csv), and once caller and
  // station have talked, a transfer or conference that joins others is the users' doing.
  if (path && path->ring_back_for >= 0 && placer != kNone) {
    PartyId s = path->ring_back_for;
    const Device& sd = devices_[s];
    DeliveryPath& mark = paths_.at(c, call.gen);
    if (call.a_leg != kNone && legs_[call.a_leg].originator && legs_[call.a_leg].party == placer)
      mark.ring_back_answered = true;
    if (call.a_leg != kNone && call.b_leg != kNone && legs_[call.a_leg].state == LegState::connected &&
        legs_[call.b_leg].state == LegState::connected &&
        ((legs_[call.a_leg].party == placer && legs_[call.b_leg].party == s) ||
         (legs_[call.a_leg].party == s && legs_[call.b_leg].party == placer)))
      mark.ring_back_joined = true;
    bool free = sd.active == kNone && !sd.offhook && sd.alerting.empty() &&
                std::all_of(sd.line_leg.begin(), sd.line_leg.end(), [](int32_t l) { return l == kNone; });
    bool ringing_back = !path->ring_back_answered && call.a_leg != kNone && legs_[call.a_leg].party == s &&
                        !legs_[call.a_leg].originator;
    for (int32_t r : call.ringing)
      if (ringing_back && !free && legs_[r].party == placer && legs_[r].state == LegState::alerting)
        return property_broken("ring-back",
                               number(placer) + "'s phone rings back for " + number(s) + " in c" +
                                   std::to_string(call.id) + ", but " + number(s) + " is busy",
                               with_path("RBWF", path), number(placer) + " ringing from=" + shown_name(s, placer, c));
    for (int32_t l : {call.a_leg, call.b_leg}) {
      if (path->ring_back_joined) break;
      if (l == kNone || legs_[l].state != LegState::connected || legs_[l].peer == kNone) continue;
      PartyId u = legs_[l].party, v = legs_[legs_[l].peer].party;
      if ((u == placer && v == s) || (u == s && v == placer)) continue;
      PartyId other = u == placer ? v : u;
      PartyId at = u == placer ? u : v;
      return property_broken("ring-back",
                             "the ring-back of " + number(placer) + " for " + number(s) + " connects " +
                                 party_name(at) + " to " + party_name(other) + " in c" + std::to_string(call.id),
                             with_path("RBWF", path),
                             party_name(at) + " connected to=" + (other == kNone ? "trunk" : shown_name(other, at, c)));
    }
  }
  std::vector<int32_t> legs{call.a_leg, call.b_leg};
  for (int32_t l : legs) {
    if (l == kNone || legs_[l].state != LegState::connected) continue;
    int32_t peer = legs_[l].peer;
    if (peer != kNone && legs_[peer].state == LegState::connected) check_pair(l, peer, false);
    if (!failure_.empty()) return;
  }
  for (int32_t r : call.ringing) {
    if (legs_[r].state == LegState::alerting && legs_[r].peer != kNone) check_pair(r, legs_[r].peer, true);
    if (!failure_.empty()) return;
  }
  // A multi-party call (a conference, a three-way call): every two members who hear each other
  // talk, whichever calls they came from.
  for (size_t i = 0; i < call.members.size(); ++i)
    for (size_t j = i + 1; j < call.members.size(); ++j) {
      int32_t x = call.members[i], y = call.members[j];
      if (legs_[x].state != LegState::connected || legs_[y].state != LegState::connected || legs_[x].held ||
          legs_[y].held)
        continue;
      check_pair(x, y, false);
      if (!failure_.empty()) return;
    }
}

}  // namespace telsim
