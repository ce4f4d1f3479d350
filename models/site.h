// The site a scenario defines before time 0: its parties and switch settings, as plain data.
// The scenario loader (sim/) fills it from setup rows and has already checked every value, so
// the engine can trust it.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace telsim {

enum class PartyKind : uint8_t { station, external, mobile, voicemail, hunt, attendant };  // attendant: SPEC 6, AT-*

// How a device reacts to ringing by itself (steps can always act for it).
struct AnswerPolicy {
  enum Mode : uint8_t { manual, automatic, never };
  Mode mode = manual;
  double delay = 0;  // seconds of ringing before an automatic answer
};

struct PartyDef {
  std::string number;
  PartyKind kind = PartyKind::station;
  int source_line = 0;  // where it was defined, for messages
  std::string source_file;
  // station
  std::string model;               // "8560", "8660", "5610", "uc-softphone", ... ("" = desk phone)
  std::vector<std::string> lines;  // line appearances; the first is the prime line (= number)
  bool mlh = false;                // Multi-line Hunting
  std::string mobile, home, voicemail;  // associated destinations
  std::vector<std::string> associated;  // further associated stations (5610, UC softphone, desk)
  bool multi_user_aware = false;
  bool call_waiting = false;       // call-waiting=yes: a call to it while it talks waits (SPEC CW-1)
  AnswerPolicy answer;
  // feature-interaction benchmark features (SPEC 7), each off unless set
  std::vector<std::string> screen_out;  // OCS: numbers this station may not reach
  std::vector<std::string> screen_in;   // TCS: callers this station does not take
  bool caller_id_withheld = false;      // CNDB: its number shows as `withheld` elsewhere
  std::string teen_pin;                 // TL: outside calls need code.teen-line + this PIN
  bool reverse_charge = false;          // RC: answered calls to it are billed to it
  bool split_billing = false;           // SB: answered calls it places are billed half and half
  // hunt group
  std::vector<std::string> members;
  std::string algorithm = "linear";  // linear | circular | ring-all | longest-idle
  double hunt_no_answer = 0;         // 0 = ring until the caller hangs up
  std::string overflow;
  std::string announcement;
  long queue = 0;       // waiting places (TQ-1): 0 none, -1 unlimited
  double max_wait = 0;  // seconds a call waits at most, then overflows (0: no limit)
};

enum class NetworkKind : uint8_t { ideal, lan, wan };

struct Site {
  std::string profile = "generic";
  std::map<std::string, double> timers;  // site overrides of the profile's timers
  int trunk_channels = -1;               // -1 = unlimited
  NetworkKind network = NetworkKind::ideal;
  std::map<std::string, std::string> switches;  // `,site,switch,NAME=VALUE` rows over the profile's
  std::vector<PartyDef> parties;
};

// One-way signalling delay between the switch and a party's device, by where the device sits.
// sim/ reads these off the SimGrid platform's routes; unit tests set them directly.
struct AccessDelays {
  double station = 0;   // desk phones, cordless, softphones, voice mail: the LAN
  double external = 0;  // outside parties, over the trunk
  double mobile = 0;    // mobile phones: trunk plus the mobile network
};

}  // namespace telsim
