// Names of the features that carry a call on (models/features/delivery_path.h).
#include "models/features/delivery_path.h"

namespace telsim {

std::vector<const char*> path_feature_names(uint16_t features) {
  static const char* const kNames[] = {"CF", "CT", "PU", "HG", "HO", "DEE", "HR", "VC", "RBWF",
                                       "TWC"};
  std::vector<const char*> out;
  // A three-way call is the path its transfer-key consultation took: TWC names it first.
  if (features & kPathTWC) out.push_back("TWC");
  for (unsigned i = 0; i < sizeof kNames / sizeof kNames[0]; ++i)
    if ((features & (1u << i)) && (1u << i) != kPathTWC) out.push_back(kNames[i]);
  return out;
}

}  // namespace telsim
