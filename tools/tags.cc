#include "tools/tags.h"

#include <algorithm>
#include <cctype>

namespace telsim {

namespace {
bool same_rule(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}
}  // namespace

bool tag_selected(const std::vector<std::string>& wanted, const std::vector<std::string>& tags,
                  const std::vector<std::string>& rules) {
  if (wanted.empty()) return true;
  for (const std::string& w : wanted) {
    if (std::find(tags.begin(), tags.end(), w) != tags.end()) return true;
    if (std::any_of(rules.begin(), rules.end(), [&](const std::string& r) { return same_rule(r, w); })) return true;
  }
  return false;
}

}  // namespace telsim
