// What the screening features (OCS, TCS) and teen line share (SPEC 7): who a call is placed or
// carried for, whether a list names a party, and whether a resolution switch is on.
#pragma once
#include <string>
#include <vector>

#include "models/engine.h"

namespace telsim {

// Whether `list` names party `o` (its number or any of its lines).
inline bool screen_names(const std::vector<std::string>& list, const PartyDef& o) {
  for (const std::string& n : list) {
    if (n == o.number) return true;
    for (const std::string& l : o.lines)
      if (n == l) return true;
  }
  return false;
}

// A resolution switch (FI-2) is on: the profile (or a site row) sets it, and resolutions are not
// switched off by `resolutions = none`.
inline bool resolution_on(const Profile& p, const char* name) {
  auto r = p.switches.find("resolutions");
  if (r != p.switches.end() && r->second == "none") return false;
  return p.on(name, false);
}

// The parties a ringing for `a_leg` is on behalf of: the caller on that leg, the party that
// placed the call, every station that carried it on, and the parties the caller's phone holds
// (a transfer or three-way call would join them).
inline std::vector<PartyId> on_behalf_of(const Engine& e, int32_t a_leg) {
  std::vector<PartyId> out;
  const Leg& l = e.legs_[a_leg];
  if (l.party != kNone) out.push_back(l.party);
  if (const DeliveryPath* p = e.path_of(l.call)) {
    if (p->caller >= 0) out.push_back(p->caller);
    out.insert(out.end(), p->via.begin(), p->via.end());
  }
  if (l.party != kNone)
    for (int32_t h : e.device(l.party).line_leg)
      if (h != kNone && h != a_leg && e.legs_[h].held && e.legs_[h].peer != kNone && e.legs_[e.legs_[h].peer].party != kNone)
        out.push_back(e.legs_[e.legs_[h].peer].party);
  return out;
}

// The party that placed call `c`: its path's caller, else (a call a feature placed without dial
// tone: a transfer's consultation) the party of its originating leg.
inline PartyId placer_of(const Engine& e, int32_t c) {
  if (c == kNone) return kNone;
  const DeliveryPath* p = e.path_of(c);
  if (p && p->caller >= 0) return p->caller;
  int32_t a = e.calls_[c].a_leg;
  return a != kNone && e.legs_[a].originator ? e.legs_[a].party : kNone;
}

// Who a ringing for `a_leg` would end up talking with once a transfer or conference joins them:
// the caller on that leg and whoever its phone holds (a held party, or the members of a held
// conference), each with whether it placed the call it is in (the screening properties let a
// party meet the station in a call the party placed itself).
struct Joined {
  PartyId party;
  bool placed;  // `party` placed the call it is in
};
inline std::vector<Joined> joined_by(const Engine& e, int32_t a_leg) {
  std::vector<Joined> out;
  const Leg& l = e.legs_[a_leg];
  if (l.party == kNone) return out;
  out.push_back({l.party, placer_of(e, l.call) == l.party});
  if (e.device(l.party).kind != PartyKind::station) return out;
  for (int32_t h : e.device(l.party).line_leg) {
    if (h == kNone || h == a_leg || !e.legs_[h].held) continue;
    int32_t c = e.legs_[h].call;
    PartyId placer = placer_of(e, c);
    if (e.legs_[h].peer != kNone) {
      PartyId x = e.legs_[e.legs_[h].peer].party;
      if (x != kNone) out.push_back({x, placer == x});
      continue;
    }
    for (int32_t m : e.calls_[c].members)  // a conference held for the station alone
      if (m != h && e.legs_[m].party != kNone) out.push_back({e.legs_[m].party, placer == e.legs_[m].party});
  }
  return out;
}

}  // namespace telsim
