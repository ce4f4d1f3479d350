// Pickup (SPEC PU-1..PU-2; TeleCube, seed 003): `code.pickup` then an extension, at dial tone,
// answers the call ringing there (PU-1), or reorder when nothing rings there or the number is no
// station (PU-2). Decision point: its dial code. No state of its own.
#include "models/box.h"

namespace telsim {

namespace {
class Pickup : public Box {
 public:
  Pickup(Engine& e, uint8_t index, const char* name) : Box(e, index, name) { add_dial_code("pickup", true, 0); }

  void dial_code(PartyId p, uint8_t, const std::string& number) override {
    auto it = numbers_.find(number);
    if (it == numbers_.end() || devices_[it->second.party].kind != PartyKind::station) {
      tone(devices_[p].active, Ev::reorder);
      return;
    }
    Device& d = devices_[p];
    int32_t pl = d.active;
    PartyId ext = it->second.party;
    int32_t ringing = kNone;
    for (int32_t r : devices_[ext].alerting)
      if (legs_[r].call != legs_[pl].call && legs_[r].peer != kNone) {
        ringing = r;
        break;
      }
    if (ringing == kNone) {  // nothing rings there (PU-2)
      tone(pl, Ev::reorder);
      return;
    }
    int32_t c = legs_[ringing].call;
    int32_t a = legs_[ringing].peer;
    // A pickup joins the picker to the caller: the screening features may refuse it (SPEC 7, FI-2).
    const char* refused = nullptr;
    if (e_.screen_refuses(a, p, &refused)) {
      tone(pl, Ev::reorder, refused ? refused : "screened");
      return;
    }
    emit(p, c, Ev::pickup, tracing() ? "from=" + party_name(ext) : std::string());
    stop_ringing_all(c, kNone, "pickup");
    // The picking phone's leg joins the ringing call, which keeps its id (SPEC 2).
    int32_t own = legs_[pl].call;
    calls_[own].a_leg = kNone;
    calls_[own].end_reason = "pickup";  // trust: every call ends with a reason
    legs_[pl].call = c;
    legs_[pl].originator = false;
    e_.end_call_if_done(own);
    calls_[c].b_leg = pl;
    e_.connect(a, pl);
  }
};
}  // namespace

std::unique_ptr<Box> make_pickup(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Pickup>(e, index, name);
}

}  // namespace telsim
