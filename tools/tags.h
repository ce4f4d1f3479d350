// `telsim run --tag WORD`: a scenario is selected when one of the words is among its `# tags:` or
// names one of its rules (`# rule:`), so `--tag forward` and `--tag CF-8` both work.
#pragma once
#include <string>
#include <vector>

namespace telsim {

// True when `wanted` is empty, or one of its words is a tag or a rule id of the scenario. Rule ids
// compare without regard to case (cf-8 is CF-8); tags exactly.
bool tag_selected(const std::vector<std::string>& wanted, const std::vector<std::string>& tags,
                  const std::vector<std::string>& rules);

}  // namespace telsim
