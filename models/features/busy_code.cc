// A feature code keyed on busy (models/features/busy_code.h).
#include "models/features/busy_code.h"

namespace telsim {

void BusyCode::found_busy(int32_t leg, PartyId busy) {
  if (busy == kNone || devices_[busy].kind != PartyKind::station || legs_[leg].party == kNone) return;
  busy_.at(leg, legs_[leg].gen) = busy;
}

PartyId BusyCode::station(int32_t leg) const {
  const Leg& l = legs_[leg];
  if (l.state != LegState::tone || !l.originator) return kNone;
  const char* why = calls_[l.call].end_reason;
  if (!why || std::string_view(why) != "busy") return kNone;
  const PartyId* t = busy_.find(leg, l.gen);
  return t ? *t : kNone;
}

bool BusyCode::continues(int32_t leg, std::string_view digits) const {
  const std::string* keyed = keyed_.find(leg, legs_[leg].gen);
  std::string so_far = (keyed ? *keyed : std::string()) + std::string(digits);
  return so_far.size() <= code_.size() && code_.compare(0, so_far.size(), so_far) == 0;
}

BusyCode::Keyed BusyCode::key(int32_t leg, std::string_view digits) {
  std::string& keyed = keyed_.at(leg, legs_[leg].gen);
  keyed += digits;
  if (keyed == code_) {
    keyed.clear();
    return Keyed::complete;
  }
  if (keyed.size() < code_.size() && code_.compare(0, keyed.size(), keyed) == 0) return Keyed::partial;
  keyed.clear();
  return Keyed::wrong;
}

}  // namespace telsim
