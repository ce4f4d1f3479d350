// What a person does at a device: the step actions of SPEC 1.
#pragma once
#include <optional>
#include <string_view>

namespace telsim {

enum class Action : uint8_t {
  call, offhook, onhook, dial, press, hold, retrieve, forward, voice_call
};

// Accepts the SPEC's spellings, including the aliases `answer` (= offhook) and `hangup` (= onhook).
inline std::optional<Action> action_from_name(std::string_view s) {
  if (s == "call") return Action::call;
  if (s == "offhook" || s == "answer") return Action::offhook;
  if (s == "onhook" || s == "hangup") return Action::onhook;
  if (s == "dial") return Action::dial;
  if (s == "press") return Action::press;
  if (s == "hold") return Action::hold;
  if (s == "retrieve") return Action::retrieve;
  if (s == "forward") return Action::forward;
  if (s == "voice-call") return Action::voice_call;
  return std::nullopt;
}

}  // namespace telsim
