// Reads scenario files (SPEC 1) into Scenario data, checking every value so that the engine and
// the runner can trust what they get. Bad input becomes InputError(FILE, LINE, message).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "sim/file_source.h"
#include "sim/scenario.h"

namespace telsim {

// Where a scenario may read from. Scenario files come from untrusted merge requests, and CI runs
// them: an `include` or a `profile` row may only name a file inside one of `roots` (symlinks
// resolved) or the bundled profiles, and messages quote text only from files inside those trees.
struct LoadOptions {
  std::string profile_dir;         // the bundled profiles (default_profile_dir())
  std::vector<std::string> roots;  // empty: no confinement (unit tests, fuzzing)
  std::vector<std::string> trusted;  // files readable wherever they are (explore's site file)
};

// Loads and checks one scenario file, its includes and its profile. Throws InputError on bad
// input: what() is the first error, `all` every error found in the file and its includes (each
// "FILE:LINE: message", an included file's or a profile file's own).
Scenario load_scenario(const std::string& path, const FileSource& files, const LoadOptions& options);
// Unconfined, with the given profile directory (tests and fuzzing).
Scenario load_scenario(const std::string& path, const FileSource& files,
                       const std::string& profile_dir);

// Whether `path` lies inside `root` once both are made absolute and their symlinks resolved.
bool path_inside(const std::string& path, const std::string& root);

// For directory walks by `telsim run`: true when the file's header row is SPEC 1's and it has at
// least one step row (a time in `at`, an action other than expect/expect-not). Never throws.
bool is_runnable_scenario(const std::string& path, const FileSource& files);

// $TELSIM_PROFILE_DIR if set, else the compiled-in TELSIM_DEFAULT_PROFILE_DIR.
std::string default_profile_dir();

// Options of a setup row: `key=value` words; a value runs until the next `key=` word (so lists
// need no quotes); free text in single quotes, where '' stands for one quote. Throws
// std::invalid_argument with a message on bad syntax.
std::vector<std::pair<std::string, std::string>> parse_options(const std::string& text);

}  // namespace telsim
