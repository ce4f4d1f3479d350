// JUnit XML of a suite run, as GitLab and Jenkins read it: <testsuites> holding one <testsuite>
// per scenario folder, one <testcase> per scenario: classname the scenario's path with folders as
// dots and no .csv (Jenkins shows it as package.class), name its title, file its path as given,
// time in seconds. A scenario whose expectations or golden trace failed carries a <failure>; one
// that could not be judged (bad input, a crash, a timeout, a broken invariant) an <error>, counted
// in errors=. The text gives every failed expectation with its FILE:LINE, window and nearest
// actual event, a golden mismatch as a unified diff; the trace of a failed scenario goes to
// <system-out>, after GitLab's [[ATTACHMENT|diagram.svg]] line when a diagram was written.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "reports/outcome.h"

namespace telsim {

// The folder a scenario path counts under: its parent directory ("." for a bare file name).
std::string scenario_folder(const std::string& path);

// "scenarios/basic/busy.csv" -> "scenarios.basic.busy": folders as dots, no .csv, no leading
// ./ ../ or /, and dots or blanks inside names as '_' so only folders split the name.
std::string junit_classname(const std::string& path);

struct JunitOptions {
  std::string suite_name = "telsim";
  std::map<std::string, std::string> diagrams;  // scenario path -> its diagram file, for attachments
};

// The document for the outcomes, in their order (run_suite gives them in input order whatever
// the number of jobs, so the same suite gives the same document apart from the times).
std::string junit_xml(const std::vector<ScenarioOutcome>& outcomes, const JunitOptions& options = {});

}  // namespace telsim
