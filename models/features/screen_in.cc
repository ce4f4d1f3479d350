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
    if (d.screen_in.empty()) return false;
    PartyId caller = legs_[ask.leg].party;
    if (caller == kNone || caller == ask.party) return false;
    const DeliveryPath* path = e_.path_of(legs_[ask.leg].call);
    if (path && path->caller == ask.party) return false;  // a call the station placed itself
    if (screen_names(d.screen_in, *devices_[caller].def)) return true;
    // A call from a phone that holds a screened caller: a three-way call or conference would join
    // them (the resolution's business only: the feature itself screens the caller).
    if (!resolution_on(profile_, "screen-every-path")) return false;
    for (int32_t h : devices_[caller].line_leg) {
      if (h == kNone || h == ask.leg || !legs_[h].held || legs_[h].peer == kNone) continue;
      PartyId x = legs_[legs_[h].peer].party;
      if (x != kNone && x != ask.party && screen_names(d.screen_in, *devices_[x].def)) return true;
    }
    return false;
  }
};
}  // namespace

std::unique_ptr<Box> make_screen_in(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<ScreenIn>(e, index, name);
}

}  // namespace telsim
