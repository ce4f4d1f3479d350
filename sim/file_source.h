// Reading files behind an interface, so the loader's tests need no disk.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace telsim {

class FileSource {
 public:
  virtual ~FileSource() = default;
  // The whole file, or nullopt when it cannot be read.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
};

class DiskFiles : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path) const override;
};

// In-memory files for tests: path -> content.
class MemoryFiles : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  std::map<std::string, std::string> files;
};

}  // namespace telsim
