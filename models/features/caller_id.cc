// Calling number delivery blocking (CNDB, SPEC 7): a station with `caller-id=withheld` shows as
// `withheld` wherever its number would show at another party as the calling or connected party
// (ringing from=, connected to=, hold by=). The core asks Engine::shown_name for those texts;
// this box's presence in the profile's `features` line is what turns the blocking on.
//
// Which paths hide it is the FI-2 resolution: a call the station placed hides it always; with
// `switch.withheld-every-path = yes` so does one a feature carried on (forwarded, transferred,
// picked up, hunted, handed off, recalled); without it (or under `resolutions = none`) those show
// the number, and the property withheld (models/properties.cc) catches it.
#include "models/box.h"

namespace telsim {

namespace {
class CallerId : public Box {
 public:
  using Box::Box;  // no decision point: the core asks Engine::shown_name
};
}  // namespace

std::unique_ptr<Box> make_caller_id(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<CallerId>(e, index, name);
}

}  // namespace telsim
