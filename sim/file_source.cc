#include "sim/file_source.h"

#include <fstream>
#include <sstream>

namespace telsim {

std::optional<std::string> DiskFiles::read(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return s.str();
}

}  // namespace telsim
