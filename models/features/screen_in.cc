// Terminating call screening (TCS, SPEC 7): a station with `screen-in=NUMBER ...` takes no call
// from those numbers: the caller hears `reorder reason=screened` and the station never rings.
//
// Decision points: `arrive` (a call dialled to the station: the feature itself) and `screen`
// (any phone about to ring: the FI-2 resolution). With `switch.screen-every-path = yes` a
// screened caller is refused wherever the call would ring the station: forwarded, hunted or
// transferred to it, a hold or transfer recall; without it (or under `resolutions = none`) only
// a call the caller dialled straight to the station is refused, and the property screened-in
// (models/properties.cc) catches the rest.
#include <algorithm>

#include "models/box.h"
#include "models/features/screening.h"

namespace telsim {

namespace {
class ScreenIn : public Box {
 public:
  ScreenIn(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    // Only on a site where some station screens its callers: otherwise the points would cost every ring a look.
    if (std::any_of(site_.parties.begin(), site_.parties.end(),
                    [](const PartyDef& d) { return !d.screen_in.empty(); })) {
      join(Point::arrive);
      join(Point::screen);
    }
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::arrive) return direct(ask) && screened(ask);
    if (p == Point::screen) return screened(ask);
    return false;
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::arrive && direct(ask) && screened(ask)) {
      tone(ask.leg, Ev::reorder, "screened");
      return true;
    }
    if (p == Point::screen && resolution_on(profile_, "screen-every-path") && screened(ask)) {
      ask.reason = "screened";
      return true;
    }
    return false;
  }

 private:
  // The call reaches the station as its caller dialled it: no feature carried it on.
  bool direct(const Ask& ask) const {
    const DeliveryPath* path = e_.path_of(legs_[ask.leg].call);
    return !path || path->features == 0;
  }
  bool screened(const Ask& ask) const {
    if (ask.party < 0 || ask.leg < 0) return false;
    const PartyDef& d = *devices_[ask.party].def;
    PartyId caller = legs_[ask.leg].party;
    if (caller == kNone || caller == ask.party) return false;
    const DeliveryPath* path = e_.path_of(legs_[ask.leg].call);
    if (path && path->caller == ask.party) return false;  // a call the station placed itself
    if (!d.screen_in.empty() && screen_names(d.screen_in, *devices_[caller].def)) return true;
    // The resolution's business only (the feature itself screens the caller): a call from a phone
    // that holds a screened caller, which a three-way call or conference would join; and a station
    // on that phone (held, or the caller itself carried on by a blind transfer) that screens in the
    // station rung, unless it placed its own call (found by explore on interactions_resolved.csv:
    // scenarios/regressions/three_way_call_joins_no_screened_in_party.csv).
    if (!resolution_on(profile_, "screen-every-path")) return false;
    for (const Joined& j : joined_by(e_, ask.leg)) {
      if (j.party == ask.party) continue;
      const PartyDef& jd = *devices_[j.party].def;
      if (!d.screen_in.empty() && screen_names(d.screen_in, jd)) return true;
      if (!j.placed && !jd.screen_in.empty() && devices_[j.party].kind == PartyKind::station &&
          screen_names(jd.screen_in, d))
        return true;
    }
    return false;
  }
};
}  // namespace

std::unique_ptr<Box> make_screen_in(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<ScreenIn>(e, index, name);
}

}  // namespace telsim
