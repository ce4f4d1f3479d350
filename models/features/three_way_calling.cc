// Three-way calling (TWC, SPEC 7): on in every profile unless `switch.three-way-calling = no`, for
// every station. It is the flash key of a single-line set, spelled in terms of the transfer and
// conference boxes that every profile has:
//   - `press flash` in a two-party conversation with nothing waiting (call waiting, ahead of this
//     box, owns the flash while a call waits or two calls are juggled: CW first) holds the other
//     party (`hold by=`) and gives dial tone: the transfer key's consultation (TR-*), which keys
//     the number, rings the second party in a call of its own, and returns on busy or unknown.
//   - `press flash` again: at dial tone, or while the second call only rings, the second call is
//     cancelled and the station is back with the held party (`retrieved`); once the second party
//     has answered, the three are bridged by the conference box (CN-1): `conference size=3` at each.
//   - `press flash` in the three-way call drops the last party added (`released reason=three-way`
//     at it); the controller and the first party talk on as a plain call.
//   - the controller hanging up in the three-way call: `switch.three-way-hangup = drop-all` ends the
//     call for all three; `leave-connected` lets the two others talk on (CN-2). Hanging up while
//     the second call is still a consultation is the transfer's (it completes as a transfer).
// The box re-asks the `action` point with the transfer's and the conference's own keys, so the
// consultation and the bridge are theirs (no copy of them here) and their rules, screening
// included (Point::screen sees the held party on the controller's phone), apply unchanged.
// Its state: per station the call it holds by flash, then the three-way call it made.
//
// Decision points: `action` (press flash), `hangup` (the controller of a three-way call) and
// `screen` (observed only: the second call's path is marked TWC, for the properties).
#include <algorithm>

#include "models/box.h"

namespace telsim {

namespace {
struct Ref {
  int32_t leg = kNone;
  uint32_t gen = 0;
};

class ThreeWayCalling : public Box {
 public:
  ThreeWayCalling(Engine& e, uint8_t index, const char* name) : Box(e, index, name), stations_(devices_.size()) {
    on_ = profile_.on("three-way-calling", true);
    auto h = profile_.switches.find("three-way-hangup");
    drop_all_ = h != profile_.switches.end() && h->second == "drop-all";
    join(Point::action);
    join(Point::hangup);
    join(Point::screen);  // never refuses: names the second call as a three-way call's (FI-1)
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p != Point::action || !on_ || ask.action != Action::press || ask.text != "flash") return false;
    if (ask.party < 0 || devices_[ask.party].kind != PartyKind::station) return false;
    return consulting(ask.party) || in_three_way(ask.party) || plain_talk(ask.party);
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::screen) {
      // The second call of a flash rings someone: its path says TWC, so a property it breaks
      // names this feature (the transfer box's consultation carries no mark of its own).
      PartyId caller = legs_[ask.leg].party;
      if (caller != kNone && caller < static_cast<PartyId>(stations_.size()) && consulting(caller) &&
          devices_[caller].active == ask.leg) {
        int32_t c = legs_[ask.leg].call;
        mark(c);
      }
      return false;
    }
    if (p == Point::hangup) {
      // drop-all: the last party added goes first, then the core's hang-up ends the plain call
      // that is left (the first party released with it).
      if (drop_all_ && in_three_way(ask.party)) drop_added(ask.party, "hangup");
      return false;
    }
    if (!wants(p, ask)) return false;
    PartyId s = ask.party;
    Station& st = stations_[s];
    if (in_three_way(s)) {
      drop_added(s, "three-way");
      return true;
    }
    if (consulting(s)) {
      int32_t cl = devices_[s].active;
      const Leg& c = legs_[cl];
      bool answered = cl != st.held.leg && c.state == LegState::connected && c.peer != kNone &&
                      legs_[c.peer].state == LegState::connected;
      if (!answered) {  // at dial tone, or the second call only rings: cancel it, back to the first
        st = Station{};
        rekey(ask, Action::retrieve, "");
        return true;
      }
      Ref added{c.peer, legs_[c.peer].gen};
      Ref ctl = st.held;
      int32_t first_call = legs_[ctl.leg].call;
      rekey(ask, Action::press, "conference");
      st = Station{};
      if (member(ctl.leg, first_call) && member(added.leg, first_call)) {
        st.ctl = ctl;
        st.added = added;
        mark(first_call);
      }
      return true;
    }
    // The first flash: the transfer key's consultation holds the other party and gives dial tone.
    int32_t l = devices_[s].active;
    Ref held{l, legs_[l].gen};
    rekey(ask, Action::press, "transfer");
    if (leg_alive(held.leg, held.gen) && legs_[held.leg].held) {
      st = Station{};
      st.held = held;
      int32_t c = legs_[l].call;
      mark(c);
    }
    return true;
  }

 private:
  struct Station {
    Ref held;   // the station's leg of the call it holds by flash (a consultation in progress)
    Ref ctl;    // in a three-way call it made: its own member leg
    Ref added;  // and the member leg of the party it added
  };

  // The call's path says TWC. The controller is a party of the call, not a station that carried
  // it on for someone: it stays out of `via` (which split billing reads as the number dialled).
  void mark(int32_t c) { e_.paths_.carried(c, calls_[c].gen, kNone, kPathTWC); }

  bool member(int32_t l, int32_t c) const {
    if (l < 0 || legs_[l].state == LegState::free || legs_[l].call != c) return false;
    const auto& m = calls_[c].members;
    return std::find(m.begin(), m.end(), l) != m.end();
  }
  // A two-party conversation in hand that nobody holds: the first flash.
  bool plain_talk(PartyId s) const {
    int32_t l = devices_[s].active;
    if (l == kNone) return false;
    const Leg& a = legs_[l];
    return a.state == LegState::connected && !a.held && a.peer != kNone && !legs_[a.peer].held &&
           legs_[a.peer].state == LegState::connected && calls_[a.call].members.empty();
  }
  // Holding the first call by flash: keying the second number, or in the second call.
  bool consulting(PartyId s) const {
    const Ref& h = stations_[s].held;
    return leg_alive(h.leg, h.gen) && legs_[h.leg].held && legs_[h.leg].peer != kNone && devices_[s].active != kNone;
  }
  // In the three-way call this station made, on its own member leg, the added party still there.
  bool in_three_way(PartyId s) const {
    const Station& st = stations_[s];
    if (!leg_alive(st.ctl.leg, st.ctl.gen) || !leg_alive(st.added.leg, st.added.gen)) return false;
    int32_t c = legs_[st.ctl.leg].call;
    return devices_[s].active == st.ctl.leg && !legs_[st.ctl.leg].held && member(st.ctl.leg, c) &&
           member(st.added.leg, c);
  }

  void drop_added(PartyId s, const char* reason) {
    Station& st = stations_[s];
    int32_t a = st.added.leg;
    st = Station{};
    release_leg(a, reason);  // the conference box's leg_ending makes the two left a plain call
  }

  // The same press, as another key: the boxes after this one in the profile's order take it.
  void rekey(const Ask& ask, Action a, std::string_view key) {
    Ask again;
    again.party = ask.party;
    again.leg = ask.leg;
    again.action = a;
    again.text = key;
    if (!e_.decide(Point::action, again)) emit(ask.party, kNone, Ev::reorder);
  }

  bool on_ = true;
  bool drop_all_ = false;
  std::vector<Station> stations_;  // per device
};
}  // namespace

std::unique_ptr<Box> make_three_way_calling(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<ThreeWayCalling>(e, index, name);
}

}  // namespace telsim
