// Reading files behind an interface, so the loader's tests need no disk.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace telsim {

// The most a scenario, include, profile or golden trace file may hold: far above any real one
// (the bundled ones are a few KiB), low enough that `include,/dev/zero`-like inputs cannot eat
// the memory.
constexpr size_t kMaxFileBytes = 16u << 20;

class FileSource {
 public:
  virtual ~FileSource() = default;
  // The whole file, or nullopt when it cannot be read; then `why` (if given) says why, in words
  // that fit after the path: "does not exist", "is a directory", "is not a regular file (a FIFO,
  // a device, ...)", "is larger than 16 MiB", ...
  virtual std::optional<std::string> read(const std::string& path, std::string* why = nullptr) const = 0;
};

// Reads regular files only, at most kMaxFileBytes: a FIFO or a device is refused without being
// opened for reading in a way that could block, a directory is refused, not read as empty.
class DiskFiles : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path, std::string* why = nullptr) const override;
};

// In-memory files for tests: path -> content.
class MemoryFiles : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path, std::string* why = nullptr) const override {
    auto it = files.find(path);
    if (it == files.end()) {
      if (why) *why = "does not exist";
      return std::nullopt;
    }
    if (it->second.size() > kMaxFileBytes) {
      if (why) *why = "is larger than 16 MiB";
      return std::nullopt;
    }
    return it->second;
  }
  std::map<std::string, std::string> files;
};

}  // namespace telsim
