// Names of the features that carry a call on (models/features/delivery_path.h).
#include "models/features/delivery_path.h"

namespace telsim {

std::vector<const char*> path_feature_names(uint16_t features) {
  static const char* const kNames[] = {"CF", "CT", "PU", "HG", "HO", "DEE", "HR", "VC", "RBWF",
                                       "TWC"};
  std::vector<const char*> out;
  for (unsigned i = 0; i < sizeof kNames / sizeof kNames[0]; ++i)
    if (features & (1u << i)) out.push_back(kNames[i]);
  return out;
}

}  // namespace telsim
