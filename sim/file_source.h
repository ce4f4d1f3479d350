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
  // The whole file, or nullopt when it cannot be read.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // The same, and when it cannot be read `why` says why, in words that fit after "it": "does not
  // exist", "is a directory, not a file", "is not a regular file (...)", "is larger than 16 MiB".
  virtual std::optional<std::string> read(const std::string& path, std::string* why) const {
    std::optional<std::string> text = read(path);
    if (!text && why) *why = "cannot be read";
    return text;
  }
};

// Reads regular files only, at most kMaxFileBytes: a FIFO or a device is refused without being
// opened for reading in a way that could block, a directory is refused, not read as empty.
class DiskFiles : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path) const override { return read(path, nullptr); }
  std::optional<std::string> read(const std::string& path, std::string* why) const override;
};

// In-memory files for tests: path -> content.
class MemoryFiles : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path) const override { return read(path, nullptr); }
  std::optional<std::string> read(const std::string& path, std::string* why) const override {
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
