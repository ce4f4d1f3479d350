// JUnit XML of a suite run, as GitLab and Jenkins read it: <testsuites> holding one <testsuite>
// per scenario folder, one <testcase> per scenario (classname = the scenario path, name = its
// title, time in seconds), and for a failed scenario a <failure> whose message is its first
// failure and whose text gives every failed expectation with its file:line, window and nearest
// actual event. The trace of a failed scenario goes to <system-out>.
#pragma once
#include <string>
#include <vector>

#include "reports/outcome.h"

namespace telsim {

// The folder a scenario path counts under: its parent directory ("." for a bare file name).
std::string scenario_folder(const std::string& path);

// The document for the outcomes, in their order (run_suite gives them in input order whatever
// the number of jobs, so the same suite gives the same document apart from the times).
std::string junit_xml(const std::vector<ScenarioOutcome>& outcomes, const std::string& suite_name = "telsim");

}  // namespace telsim
