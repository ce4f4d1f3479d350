// Writes the seed corpora from scenario files: `fuzz_seeds LOADER_DIR ENGINE_DIR FILE...` copies
// each file into LOADER_DIR and encodes its steps as engine input (fuzz/harness.h) into ENGINE_DIR.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "fuzz/harness.h"
#include "sim/file_source.h"
#include "sim/scenario_loader.h"

namespace fs = std::filesystem;
using namespace telsim;

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--decode") {  // engine input -> a scenario file
    std::ifstream in(argv[2], std::ios::binary);
    std::string b((std::istreambuf_iterator<char>(in)), {});
    std::string profile;
    auto steps = fuzz::engine_steps(reinterpret_cast<const uint8_t*>(b.data()), b.size(), &profile);
    std::cout << "at,party,action,argument\n,site,include,../sites/" << profile << ".csv\n";
    for (const Step& s : steps)
      std::cout << s.at << "," << s.party << "," << s.action_name << "," << s.argument << "\n";
    return 0;
  }
  if (argc < 3) {
    std::cerr << "usage: fuzz_seeds LOADER_DIR ENGINE_DIR FILE...\n";
    return 2;
  }
  fs::create_directories(argv[1]);
  fs::create_directories(argv[2]);
  DiskFiles disk;
  int n = 0;
  for (int i = 3; i < argc; ++i) {
    std::string name = std::to_string(i) + "_" + fs::path(argv[i]).filename().string();
    fs::copy_file(argv[i], fs::path(argv[1]) / name, fs::copy_options::overwrite_existing);
    try {
      Scenario s = load_scenario(argv[i], disk, default_profile_dir());
      if (s.steps.empty()) continue;
      std::vector<fuzz::TextStep> steps;
      double last = 0;
      for (const Step& st : s.steps) {
        steps.push_back(fuzz::TextStep{st.at - last, st.party, st.action, st.argument});
        last = st.at;
      }
      auto bytes = fuzz::engine_encode(s.site.profile, steps);
      std::ofstream(fs::path(argv[2]) / (name + ".bin"), std::ios::binary)
          .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      ++n;
    } catch (const std::exception& e) {
      std::cerr << "fuzz_seeds: skipping " << argv[i] << ": " << e.what() << "\n";
    }
  }
  std::cerr << "fuzz_seeds: " << argc - 3 << " loader seeds, " << n << " engine seeds\n";
  return 0;
}
