// Originating call screening (OCS, SPEC 7): a station with `screen-out=NUMBER ...` may not call
// those numbers: dialling one gives `reorder reason=screened`.
//
// Decision points: `dialled` (the number the station keys: the feature itself) and `screen` (any
// phone about to ring for a call: the FI-2 resolution). With `switch.screen-every-path = yes` a
// call is also refused wherever else it would reach a screened number on the station's behalf:
// forwarded or hunted on to it, a consultation that a transfer would join to it, a forward the
// station made; without it (or under `resolutions = none`) only the dialled number is screened,
// and the property screened-out (models/properties.cc) catches the other paths.
#include <algorithm>

#include "models/box.h"
#include "models/features/screening.h"

namespace telsim {

namespace {
class ScreenOut : public Box {
 public:
  ScreenOut(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    // Only on a site where some station screens what it calls: otherwise the points would cost every ring a look.
    if (std::any_of(site_.parties.begin(), site_.parties.end(),
                    [](const PartyDef& d) { return !d.screen_out.empty(); })) {
      join(Point::dialled);
      join(Point::screen);
    }
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::dialled) return dialled_screened(ask);
    if (p == Point::screen) return path_screened(ask);
    return false;
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::dialled && dialled_screened(ask)) {
      tone(ask.leg, Ev::reorder, "screened");
      return true;
    }
    if (p == Point::screen && resolution_on(profile_, "screen-every-path") && path_screened(ask)) {
      ask.reason = "screened";
      return true;
    }
    return false;
  }

 private:
  bool dialled_screened(const Ask& ask) const {
    if (ask.party < 0 || ask.leg < 0) return false;
    const PartyDef& d = *devices_[ask.party].def;
    if (d.screen_out.empty()) return false;
    auto it = numbers_.find(std::string(ask.text));
    if (it == numbers_.end()) return false;
    return screen_names(d.screen_out, *devices_[it->second.party].def);
  }
  bool path_screened(const Ask& ask) const {
    const PartyDef& target = *devices_[ask.party].def;
    const DeliveryPath* path = e_.path_of(legs_[ask.leg].call);
    if (path && path->caller == ask.party) return false;  // the call the screened number placed
    for (PartyId s : on_behalf_of(e_, ask.leg))
      if (s != ask.party && devices_[s].kind == PartyKind::station && screen_names(devices_[s].def->screen_out, target))
        return true;
    // The station rung screens out a party it would be joined with (the caller carried on by a
    // blind transfer, a party or conference its phone holds), which did not place its own call.
    if (!target.screen_out.empty())
      for (const Joined& j : joined_by(e_, ask.leg))
        if (j.party != ask.party && !j.placed && screen_names(target.screen_out, *devices_[j.party].def)) return true;
    return false;
  }
};
}  // namespace

std::unique_ptr<Box> make_screen_out(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<ScreenOut>(e, index, name);
}

}  // namespace telsim
