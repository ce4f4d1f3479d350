// A feature code keyed while hearing busy from a station: ring back when free's and camp-on's
// (SPEC 7 RBWF, CO-1). Which station gave a caller's leg its busy tone (Point::found_busy), and
// the code keyed so far on that leg, checked against the leg's and call's current state, so the
// two boxes read "keyed on busy" the same way.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "models/box.h"

namespace telsim {

class BusyCode {
 public:
  BusyCode(const std::vector<Leg>& legs, const std::vector<Call>& calls, const std::vector<Device>& devices,
           std::string code)
      : legs_(legs), calls_(calls), devices_(devices), code_(std::move(code)) {}

  const std::string& code() const { return code_; }

  // Point::found_busy: `busy` gave the caller on `leg` busy tone. Only a station is remembered: a
  // hunt pilot, an outside number or a trunk is no one to watch for the caller.
  void found_busy(int32_t leg, PartyId busy);

  // The station whose busy tone `leg` hears now (its own call ended busy, it placed it and is on
  // tone), or kNone.
  PartyId station(int32_t leg) const;

  // Whether `digits` keyed now on `leg` would still spell the start of the code.
  bool continues(int32_t leg, std::string_view digits) const;

  enum class Keyed { complete, partial, wrong };
  // Adds `digits` to what `leg` keyed: the whole code (keying starts again), a start of it, or
  // digits that spell no code (keying starts again).
  Keyed key(int32_t leg, std::string_view digits);

 private:
  const std::vector<Leg>& legs_;
  const std::vector<Call>& calls_;
  const std::vector<Device>& devices_;
  std::string code_;
  SlotTable<PartyId> busy_;       // per caller leg: the station whose busy tone it hears
  SlotTable<std::string> keyed_;  // per caller leg: the code keyed so far
};

}  // namespace telsim
