// libFuzzer target: the engine's event input (bytes -> steps on a sample site), invariants on.
#include <cstdio>
#include <cstdlib>

#include "fuzz/harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string what = telsim::fuzz::engine_one(data, size);
  if (!what.empty()) {
    std::fprintf(stderr, "fuzz_engine: %s\n", what.c_str());
    std::abort();
  }
  return 0;
}
