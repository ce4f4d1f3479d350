// Who a call is really reaching, on whose behalf (SPEC 7): the party that placed it and every
// station whose feature carried it further (a forward, a transfer, a pickup, a hunt pilot, a
// handoff). Screening, teen line and caller-id blocking ask it about every path a call takes, and
// the feature properties (models/properties.cc) name the features from it. Kept per call slot,
// checked against the slot's generation like a box's own tables; the core fills it from the
// events it emits, so no feature has to report to it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace telsim {

// The features that carried a call on, one bit each (the abbreviations of SPEC 7).
enum PathFeature : uint16_t {
  kPathCF = 1 << 0,   // forwarded
  kPathCT = 1 << 1,   // transferred
  kPathPU = 1 << 2,   // picked up
  kPathHG = 1 << 3,   // hunted
  kPathHO = 1 << 4,   // handed off
  kPathDEE = 1 << 5,  // rang an associated destination
  kPathHR = 1 << 6,   // recalled from hold
  kPathVC = 1 << 7,   // placed as a voice call (no dial plan: OCS and TL never saw the number)
  kPathRBWF = 1 << 8, // placed by an answered ring back when free (no dial plan either)
  kPathTWC = 1 << 9,  // a three-way call's: held by flash, the second call, or bridged by it
};

struct DeliveryPath {
  int32_t caller = -1;          // the party that placed the call (-1: a trunk caller, or unknown)
  std::vector<int32_t> via;     // stations that carried it on, in order
  uint16_t features = 0;        // PathFeature bits
  bool pin = false;             // TL: the teen-line PIN was given in this call
  int32_t ring_back_for = -1;   // RBWF: the station a ring-back call is for (its caller is `caller`)
  bool ring_back_answered = false;  // RBWF: its caller answered; any ringing later is not the ring-back's
  bool ring_back_joined = false;    // RBWF: caller and station have talked; what follows is the users' doing
  int32_t diverter = -1;        // VM: the last station whose forward or DEE sent the call on
  uint16_t diverter_by = 0;     // VM: how it did (kPathCF or kPathDEE)
};

class DeliveryPaths {
 public:
  // The path of call slot `c` at generation `gen` (a fresh one when the slot moved on).
  DeliveryPath& at(int32_t c, uint32_t gen) {
    if (c < 0) return scratch_ = DeliveryPath{};
    if (static_cast<size_t>(c) >= rows_.size()) rows_.resize(static_cast<size_t>(c) + 1);
    Row& r = rows_[static_cast<size_t>(c)];
    if (r.gen != gen + 1) {
      r.gen = gen + 1;
      r.path = DeliveryPath{};
    }
    return r.path;
  }
  const DeliveryPath* find(int32_t c, uint32_t gen) const {
    if (c < 0 || static_cast<size_t>(c) >= rows_.size() || rows_[static_cast<size_t>(c)].gen != gen + 1) return nullptr;
    return &rows_[static_cast<size_t>(c)].path;
  }
  // A station carried the call on by `feature`.
  void carried(int32_t c, uint32_t gen, int32_t station, uint16_t feature) {
    DeliveryPath& p = at(c, gen);
    p.features |= feature;
    if (station >= 0 && (p.via.empty() || p.via.back() != station) && p.via.size() < 16) p.via.push_back(station);
  }

 private:
  struct Row { uint32_t gen = 0; DeliveryPath path; };
  std::vector<Row> rows_;
  DeliveryPath scratch_;
};

// "CF", "CT", ... for the bits set, in bit order.
std::vector<const char*> path_feature_names(uint16_t features);

}  // namespace telsim
