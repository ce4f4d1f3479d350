// How much of the engine's invariants a run checks (`--checks full|cheap|off`, models/invariants.cc).
// Process-wide, like SimGrid's own state: the command sets it once, before any run or fork, and
// every scenario and traffic run of the process (and of its forked children) uses it.
#pragma once
#include <optional>
#include <string>

#include "models/engine.h"

namespace telsim {

inline Engine::Checks& checks_level() {
  static Engine::Checks level = Engine::Checks::cheap;
  return level;
}

// "full", "cheap" or "off"; nothing for another word.
inline std::optional<Engine::Checks> parse_checks(const std::string& word) {
  if (word == "full") return Engine::Checks::full;
  if (word == "cheap") return Engine::Checks::cheap;
  if (word == "off") return Engine::Checks::off;
  return std::nullopt;
}

}  // namespace telsim
