// Teen line (TL, SPEC 7): a station with `teen-line=PIN` places outside calls only after
// `code.teen-line` and the PIN (`dial *95 1234#` in generic): the right PIN gives confirmation and
// dial tone again, and the call that follows may go outside; a wrong one, or an outside number
// dialled without it, gives `reorder reason=pin`. The PIN counts for the call it was given in.
//
// Decision points: the teen-line dial code, `dialled` (an outside number keyed without the PIN:
// the feature itself) and `screen` (any phone about to ring: the FI-2 resolution). With
// `switch.teen-line-every-path = yes` an outside phone never rings for a teen-line station's call
// without the PIN, whatever carried it there (a forward of the called station, a transfer or a
// three-way call of the party it called); without it only the number the teen keys is checked,
// and the property teen-line-pin (models/properties.cc) catches the rest.
#include "models/box.h"
#include "models/features/screening.h"

namespace telsim {

namespace {
bool outside_kind(PartyKind k) { return k == PartyKind::external || k == PartyKind::mobile; }

class TeenLine : public Box {
 public:
  TeenLine(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    join(Point::dialled);
    join(Point::screen);
    add_dial_code("teen-line", true, 0);
  }

  void dial_code(PartyId p, uint8_t, const std::string& pin) override {
    int32_t leg = devices_[p].active;
    if (leg == kNone) return;
    const PartyDef& d = *devices_[p].def;
    if (d.teen_pin.empty() || pin != d.teen_pin) {
      tone(leg, Ev::reorder, "pin");
      return;
    }
    int32_t c = legs_[leg].call;
    e_.paths_.at(c, calls_[c].gen).pin = true;
    emit(p, c, Ev::confirmation);
    emit(p, c, Ev::dialtone);  // the phone is at dial tone again, for the outside number
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p == Point::dialled) return dialled_without_pin(ask);
    if (p == Point::screen) return path_without_pin(ask);
    return false;
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::dialled && dialled_without_pin(ask)) {
      tone(ask.leg, Ev::reorder, "pin");
      return true;
    }
    if (p == Point::screen && resolution_on(profile_, "teen-line-every-path") && path_without_pin(ask)) {
      ask.reason = "pin";
      return true;
    }
    return false;
  }

 private:
  bool pin_given(int32_t call) const {
    const DeliveryPath* path = e_.path_of(call);
    return path && path->pin;
  }
  bool dialled_without_pin(const Ask& ask) const {
    if (ask.party < 0 || ask.leg < 0 || devices_[ask.party].def->teen_pin.empty()) return false;
    auto it = numbers_.find(std::string(ask.text));
    if (it == numbers_.end() || !outside_kind(devices_[it->second.party].kind)) return false;
    return !pin_given(legs_[ask.leg].call);
  }
  bool path_without_pin(const Ask& ask) const {
    if (ask.party < 0 || ask.leg < 0 || !outside_kind(devices_[ask.party].kind)) return false;
    int32_t c = legs_[ask.leg].call;
    const DeliveryPath* path = e_.path_of(c);
    PartyId placer = path ? path->caller : kNone;
    // A call a feature placed without dial tone (a transfer's or three-way call's second call):
    // the party on its originating leg placed it, as the property teen-line-pin reads it.
    if (placer == kNone && legs_[ask.leg].originator) placer = legs_[ask.leg].party;
    if (placer != kNone && !devices_[placer].def->teen_pin.empty() && !pin_given(c)) return true;
    // A consultation from a phone that holds a call a teen placed without the PIN: a transfer or
    // three-way call would join the teen to this outside party.
    PartyId caller = legs_[ask.leg].party;
    if (caller == kNone) return false;
    for (int32_t h : devices_[caller].line_leg) {
      if (h == kNone || h == ask.leg || !legs_[h].held || legs_[h].peer == kNone) continue;
      int32_t held_call = legs_[legs_[h].peer].call;
      const DeliveryPath* hp = e_.path_of(held_call);
      if (hp && hp->caller >= 0 && !devices_[hp->caller].def->teen_pin.empty() && !hp->pin) return true;
    }
    return false;
  }
};
}  // namespace

std::unique_ptr<Box> make_teen_line(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<TeenLine>(e, index, name);
}

}  // namespace telsim
