// The feature registry: which feature boxes exist, in which default order, and the switches the
// profile and the site may set. The core includes no box; it asks this file to build them.
#pragma once
#include <string>
#include <vector>

namespace telsim {

class Engine;
struct Profile;

// Builds the boxes the engine's profile lists (`features = ...`; every registered box when it
// lists none), in that order as adjusted by its precedence switches, and gives the core its
// decision-point tables.
void install_boxes(Engine& e);

// Every registered box's name, in the default order.
const std::vector<std::string>& feature_names();

// A precedence switch: `switch.NAME = yes` puts box `first` before box `second` (at every
// decision point both take part in), `no` puts it after. Ignored under `resolutions = none`.
struct Precedence {
  std::string name, first, second;
};
const std::vector<Precedence>& precedence_switches();

// The boxes a profile has, in precedence order.
std::vector<std::string> box_order(const Profile& profile, const std::vector<Precedence>& precedence);

// "" when NAME=VALUE is a switch the engine knows with a value it takes, else why not (for the
// scenario loader's bad-input message).
std::string check_switch(const std::string& name, const std::string& value);

}  // namespace telsim
