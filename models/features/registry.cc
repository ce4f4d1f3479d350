// The feature registry: the one file that knows every feature box. Adding a feature is a new
// file under models/features/ (a Box, with a make_NAME function) plus its line in kBoxes below
// (and, if it reads switches, their lines in kSwitches).
#include "models/features/registry.h"

#include <algorithm>
#include <memory>

#include "models/box.h"
#include "models/engine.h"

namespace telsim {

// Each box's file defines its maker.
std::unique_ptr<Box> make_hunt_groups(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_voice_call(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_forward(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_handoff(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_transfer(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_hold(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_pickup(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_screen_out(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_screen_in(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_teen_line(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_caller_id(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_split_billing(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_reverse_charge(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_call_waiting(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_camp_on(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_conference(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_attendant(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_ring_back(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_voicemail(Engine&, uint8_t, const char*);
std::unique_ptr<Box> make_three_way_calling(Engine&, uint8_t, const char*);

namespace {
struct Entry {
  const char* name;  // as the profile's `features = ...` names it
  std::unique_ptr<Box> (*make)(Engine&, uint8_t, const char*);
};

// The default order, which is also the precedence a profile without `features` gets. Where two
// boxes take part in one decision point the earlier one is asked first:
//   voice-call before forward   a voice call is never forwarded (CF-5)
//   forward before handoff      forward no answer, not DEE's voice mail, takes an unanswered call
//   handoff before transfer     Special 388 in a call is the handoff's, not a transfer code
//   transfer before hold        hold keys and the hold-recall time of a transfer in progress
//   voice-call before call-waiting  a voice call to a busy station gives busy; it never waits
//   call-waiting before forward a waiting call, not busy forward, takes a busy station's call (CW-3;
//                               switch.call-waiting-before-forward = no turns it round)
//   camp-on before handoff, transfer  the camp-on code keyed while hearing busy is camp-on's
//   conference, attendant before transfer and hold: a conference member's keys and a console's
//                               extension are theirs, and so are the hold-recall times of their holds
//   ring-back after forward     a ring-back's call rings the station, not its forward, only where
//                               switch.ring-back-before-forward moves it first (RBWF x CF, FI-2)
//   ring-back before camp-on    the ring-back code keyed on busy is ring-back's (camp-on takes every
//                               other digit keyed on busy)
//   voicemail after handoff     forward and DEE send calls to the pilot; the mailbox box counts them
constexpr Entry kBoxes[] = {
    // SPEC 7's benchmark features that refuse a call come first: a screened or PIN-less call is
    // refused before any feature carries it on (at `dialled`, `arrive` and `screen`).
    {"screen-out", make_screen_out},      // OCS
    {"screen-in", make_screen_in},        // TCS
    {"teen-line", make_teen_line},        // TL
    {"hunt-groups", make_hunt_groups},  // HG-*
    {"voice-call", make_voice_call},    // CF-5 (seed 001 notes 6-7)
    {"call-waiting", make_call_waiting},  // CW-*: before forward, as switch.call-waiting-before-forward
    {"three-way-calling", make_three_way_calling},  // TWC: after call waiting, which owns flash while a call waits
    {"forward", make_forward},          // CF-*, with multi-line hunting
    {"ring-back", make_ring_back},      // RBWF (SPEC 7): before camp-on, which takes every digit on busy
    {"camp-on", make_camp_on},          // CO-*: before transfer, which takes every other in-call digit
    {"handoff", make_handoff},          // DE-*: Dynamic Extension Express and Handoff
    {"voicemail", make_voicemail},      // VM (SPEC 7): the mailboxes forward and DEE send calls to
    {"conference", make_conference},    // CN-*: conference and conference recall
    {"attendant", make_attendant},      // AT-*: the attendant and attendant recall
    {"transfer", make_transfer},        // TR-*, HR-2
    {"hold", make_hold},                // HR-1, HR-2
    {"pickup", make_pickup},            // PU-*
    {"caller-id", make_caller_id},      // CNDB
    {"split-billing", make_split_billing},    // SB (before RC: the precedence switch moves RC first)
    {"reverse-charge", make_reverse_charge},  // RC
};

// The switches a profile or a `,site,switch,` row may set, and the values each takes ("" for a
// yes/no switch, "#" for a whole number >= 0, else the words it takes).
struct Switch {
  const char* name;
  const char* values;
};
constexpr Switch kSwitches[] = {
    {"resolutions", "switches none"},  // FI-2: `none` resolves nothing (the profile's order decides)
    {"music-on-hold", ""},              // the core's hold
    {"forward-max-hops", "#"},
    {"forward-intercom", ""},
    {"dynamic-extension-express", ""},
    {"transfer-needs-multi-user-aware", ""},
    {"transfer-number-end", "match timeout"},
    {"transfer-recall", ""},
    // FI-2 resolutions of SPEC 7's features (docs/interactions.md)
    {"screen-every-path", ""},                 // OCS, TCS x CF, CT, HG, PU, HR
    {"teen-line-every-path", ""},              // TL x CF, CT
    {"withheld-every-path", ""},               // CNDB x CF, CT, PU, HO
    {"split-billing-answering-station", ""},   // SB x CF
    {"reverse-charge-before-split-billing", ""},  // RC x SB (a precedence switch)
    {"call-waiting-before-forward", ""},  // CW-3: a precedence switch (precedence_switches)
    {"conference-max", "#"},            // CN-2: members of a conference at most
    {"unknown-to-attendant", ""},       // AT-1: unknown numbers ring the attendant
    {"one-line-consultation", ""},      // SPEC 9: a one-line set's held call allows a consultation
    {"ring-back-before-forward", ""},   // RBWF x CF (a precedence switch)
    {"voicemail-last-diverter", ""},    // VM x CF, DEE: the last station of a chain owns the message
    {"voicemail-screens-in", ""},       // VM x TCS: no message from a caller the owner screens in
    {"voicemail-transfer-keeps-mailbox", ""},  // VM x CT: a pilot leg a transfer moves keeps its mailbox
    {"three-way-calling", ""},          // TWC: press flash holds and gives dial tone (on unless no)
    {"three-way-hangup", "drop-all leave-connected"},  // TWC: the controller hangs up in a three-way call
    {"call-waiting-before-three-way-calling", ""},  // TWC x CW: a precedence switch (who takes flash)
};

bool yes_no(const std::string& v) {
  return v == "yes" || v == "no" || v == "on" || v == "off" || v == "true" || v == "false" || v == "1" || v == "0";
}
}  // namespace

const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const Entry& e : kBoxes) n.push_back(e.name);
    return n;
  }();
  return names;
}

// Call waiting brings {"call-waiting-before-forward", "call-waiting", "forward"} (CW-3).
const std::vector<Precedence>& precedence_switches() {
  static const std::vector<Precedence> all = {
      {"call-waiting-before-forward", "call-waiting", "forward"},  // CW-3
      {"reverse-charge-before-split-billing", "reverse-charge", "split-billing"},  // RC x SB (FI-2)
      {"ring-back-before-forward", "ring-back", "forward"},  // RBWF x CF (FI-2)
      {"call-waiting-before-three-way-calling", "call-waiting", "three-way-calling"},  // TWC x CW (FI-2)
  };
  return all;
}

std::vector<std::string> box_order(const Profile& profile, const std::vector<Precedence>& precedence) {
  std::vector<std::string> order = profile.features.empty() ? feature_names() : profile.features;
  auto sw = profile.switches.find("resolutions");
  if (sw != profile.switches.end() && sw->second == "none") return order;  // the list alone decides
  for (const Precedence& p : precedence) {
    if (!profile.switches.count(p.name)) continue;
    const std::string& winner = profile.on(p.name, false) ? p.first : p.second;
    const std::string& loser = profile.on(p.name, false) ? p.second : p.first;
    auto w = std::find(order.begin(), order.end(), winner);
    auto l = std::find(order.begin(), order.end(), loser);
    if (w == order.end() || l == order.end() || w < l) continue;
    std::string moved = *w;  // the winner goes just before the loser
    order.erase(w);
    order.insert(std::find(order.begin(), order.end(), loser), moved);
  }
  return order;
}

std::string check_switch(const std::string& name, const std::string& value) {
  for (const Switch& s : kSwitches) {
    if (name != s.name) continue;
    std::string values = s.values;
    if (values.empty()) return yes_no(value) ? "" : "switch " + name + " is yes or no, got '" + value + "'";
    if (values == "#")
      return !value.empty() && value.size() < 10 && value.find_first_not_of("0123456789") == std::string::npos
                 ? ""
                 : "switch " + name + " needs a whole number >= 0, got '" + value + "'";
    std::string padded = " " + values + " ";
    if (value.find(' ') == std::string::npos && padded.find(" " + value + " ") != std::string::npos) return "";
    return "switch " + name + " is one of: " + values + "; got '" + value + "'";
  }
  std::string known;
  for (const Switch& s : kSwitches) known += (known.empty() ? "" : " ") + std::string(s.name);
  return "unknown switch '" + name + "' (switches: " + known + ")";
}

void install_boxes(Engine& e) {
  std::vector<std::string> order = box_order(e.profile(), precedence_switches());
  for (const std::string& name : order) {
    for (const Entry& entry : kBoxes) {
      if (name != entry.name) continue;
      uint8_t index = static_cast<uint8_t>(e.boxes_.size());  // at most 32: Leg::watchers is a bit set
      e.boxes_.push_back(entry.make(e, index, entry.name));
    }
  }
  e.build_tables();
}

}  // namespace telsim
