// Reverse charging (RC, SPEC 7): a station with `reverse-charge=yes` pays for the answered calls
// it receives, from outside or from another station: when the conversation ends it is billed at
// the station, `billed to=CALLER seconds=N`.
//
// Decision point: `bill` (an answered conversation ends at its called-side leg). Split billing
// claims the same point for a call its station places; which one bills a call from a split-billing
// station to a reverse-charge one is the precedence switch
// `switch.reverse-charge-before-split-billing` (FI-2); under `resolutions = none` the profile's
// list decides and the contest is recorded.
#include <algorithm>
#include <cmath>

#include "models/box.h"

namespace telsim {

namespace {
class ReverseCharge : public Box {
 public:
  ReverseCharge(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    // Only on a site where some station is billed for the calls it receives: otherwise every call's end would ask it.
    if (std::any_of(site_.parties.begin(), site_.parties.end(), [](const PartyDef& d) { return d.reverse_charge; }))
      join(Point::bill);
  }

  bool wants(Point p, const Ask& ask) const override { return p == Point::bill && applies(ask); }

  bool decide(Point p, Ask& ask) override {
    if (p != Point::bill || !applies(ask)) return false;
    const Leg& l = legs_[ask.leg];
    e_.bill(l.party, legs_[l.peer].party, l.call, std::ceil(now() - l.connected_at - 1e-9), 100);
    return true;
  }

 private:
  // A call the station receives: not one it placed coming back to it (a hold recall rings the
  // holder as the called side), and not an outside leg the PBX already bills to someone; else the
  // station would pay twice for one conversation (found by telsim explore, RC x HR:
  // scenarios/interactions/rc_x_hr_recall_billed_once.csv).
  bool applies(const Ask& ask) const {
    const Leg& l = legs_[ask.leg];
    if (l.party == kNone || devices_[l.party].kind != PartyKind::station || !devices_[l.party].def->reverse_charge)
      return false;
    const Leg& a = legs_[l.peer];
    if (a.party == kNone || (a.outside && a.billed_to != kNone)) return false;
    const DeliveryPath* path = e_.path_of(l.call);
    return !(path && path->caller == l.party);
  }
};
}  // namespace

std::unique_ptr<Box> make_reverse_charge(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<ReverseCharge>(e, index, name);
}

}  // namespace telsim
