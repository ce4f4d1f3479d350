// Split billing (SB, SPEC 7): an answered call a station with `split-billing=yes` places to
// another station is billed in two halves: `billed to=CALLED seconds=N share=50` at the station
// and `billed to=CALLER seconds=N share=50` at the called party (seconds are the whole call's).
// A call it dials outside is billed whole to it, as any outside call: an outside party cannot be
// charged.
//
// Decision point: `bill` (an answered conversation ends at its called-side leg). The call is
// split when the number dialled was a station's. With `switch.split-billing-answering-station = yes`
// (FI-2) it is split only when a station answered too: a forward of the called station to an
// outside number leaves the outside leg billed whole, as the core bills it; without it (or under
// `resolutions = none`) the outside party would be charged half, which the billing property
// (models/properties.cc) catches. Reverse charging claims the same point; see reverse_charge.cc.
#include <algorithm>
#include <cmath>

#include "models/box.h"
#include "models/features/screening.h"

namespace telsim {

namespace {
class SplitBilling : public Box {
 public:
  SplitBilling(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    // Only on a site where some station splits its bills: otherwise every call's end would ask it.
    if (std::any_of(site_.parties.begin(), site_.parties.end(), [](const PartyDef& d) { return d.split_billing; }))
      join(Point::bill);
  }

  bool wants(Point p, const Ask& ask) const override { return p == Point::bill && applies(ask); }

  bool decide(Point p, Ask& ask) override {
    if (p != Point::bill || !applies(ask)) return false;
    const Leg& l = legs_[ask.leg];
    PartyId caller = legs_[l.peer].party;
    double secs = std::ceil(now() - l.connected_at - 1e-9);
    e_.bill(caller, l.party, l.call, secs, 50);
    e_.bill(l.party, caller, l.call, secs, 50);
    return true;
  }

 private:
  bool applies(const Ask& ask) const {
    const Leg& l = legs_[ask.leg];
    const Leg& a = legs_[l.peer];
    if (a.party == kNone || l.party == kNone || !a.originator) return false;
    if (devices_[a.party].kind != PartyKind::station || !devices_[a.party].def->split_billing) return false;
    bool answered_at_station = devices_[l.party].kind == PartyKind::station;
    if (resolution_on(profile_, "split-billing-answering-station")) return answered_at_station;
    // The number the caller dialled: the first station that carried the call on, else the answerer.
    const DeliveryPath* path = e_.path_of(l.call);
    PartyId dialled = path && !path->via.empty() ? path->via.front() : l.party;
    return devices_[dialled].kind == PartyKind::station;
  }
};
}  // namespace

std::unique_ptr<Box> make_split_billing(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<SplitBilling>(e, index, name);
}

}  // namespace telsim
