// libFuzzer target: the scenario loader, then the engine and the reporters on what loads.
#include <cstdio>
#include <cstdlib>

#include "fuzz/harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string what = telsim::fuzz::loader_one(data, size);
  if (!what.empty()) {
    std::fprintf(stderr, "fuzz_loader: %s\n", what.c_str());
    std::abort();
  }
  return 0;
}
