#include "models/party_state.h"

#include <algorithm>

#include "models/box.h"

namespace telsim {

namespace {

// The word before the first blank: "talking" of "talking to=2002".
std::string head(const std::string& state) { return state.substr(0, state.find(' ')); }
// The value after `=`: "2002" of "talking to=2002", "" when there is none.
std::string value(const std::string& state) {
  size_t eq = state.find('=');
  return eq == std::string::npos ? "" : state.substr(eq + 1);
}

}  // namespace

const std::vector<std::string>& state_names() {
  static const std::vector<std::string> names = {"idle",    "dialtone", "ringing", "ringback", "talking", "conference",
                                                 "held",    "holding",  "tone",    "queued",   "camped"};
  return names;
}

std::vector<std::string> describe_state(const Engine& engine, PartyId party) {
  std::vector<std::string> out;
  const Device& d = engine.device(party);
  auto add = [&out](std::string s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  std::vector<int32_t> legs(d.line_leg.begin(), d.line_leg.end());
  // The handset's leg when it holds no line (a consultation borrowing a held call's line).
  if (d.active != kNone && engine.legs_[d.active].line < 0) legs.push_back(d.active);
  for (int32_t l : legs) {
    if (l == kNone) continue;
    const Leg& leg = engine.legs_[l];
    const std::vector<int32_t>& members = engine.calls_[leg.call].members;
    bool member = std::find(members.begin(), members.end(), l) != members.end();
    const Leg* peer = leg.peer != kNone ? &engine.legs_[leg.peer] : nullptr;
    switch (leg.state) {
      case LegState::free: break;
      case LegState::dialing: add("dialtone"); break;
      case LegState::ringback: add("ringback"); break;
      case LegState::alerting: add("ringing"); break;
      case LegState::tone: add("tone"); break;
      case LegState::connected:
        if (leg.held) add("holding");
        else if (peer && peer->held) add("held by=" + engine.party_name(peer->party));
        else if (!member)  // a conference member talks to every member: its box names it
          add("talking to=" + (peer ? engine.party_name(peer->party) : std::string("nobody")));
        break;
    }
  }
  // Legs ringing here that hold no line of their own (a pilot's or an associated phone's ring).
  if (!d.alerting.empty()) add("ringing");
  for (const auto& box : engine.boxes()) box->describe_state(party, &out);
  if (out.empty()) out.push_back(d.offhook ? "offhook" : "idle");
  return out;
}

bool state_holds(const StateWanted& wanted, const std::vector<std::string>& states) {
  for (const std::string& s : states) {
    if (head(s) == wanted.name && (wanted.value.empty() || wanted.value == value(s))) return true;
  }
  return false;
}

std::string states_text(const std::vector<std::string>& states) {
  std::string text;
  for (const std::string& s : states) text += (text.empty() ? "" : ", ") + s;
  return text;
}

}  // namespace telsim
