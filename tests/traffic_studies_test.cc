// The traffic studies under scenarios/traffic/ (rules TQ-*): each file is a site whose header says
// the study to run (`# study: traffic|size OPTIONS`) and what its result must show: `# check:
// COLUMN OP VALUE` on the first row of the CSV (OP: ==, >=, <=, >, abs<=, the last for z-scores)
// and `# output: TEXT` that must appear in what the command prints. A step scenario cannot say
// these things, so the suite keeps the studies as data and this test runs them.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/scratch_fixture.h"

namespace telsim_test {
namespace {

struct Study {
  std::string command;
  std::vector<std::string> checks, outputs;
};

Study read_study(const fs::path& p) {
  std::ifstream in(p);
  Study s;
  std::string line;
  auto after = [&](const char* key) { return line.substr(std::string(key).size()); };
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    if (line.rfind("# study: ", 0) == 0) s.command = after("# study: ");
    else if (line.rfind("# check: ", 0) == 0) s.checks.push_back(after("# check: "));
    else if (line.rfind("# output: ", 0) == 0) s.outputs.push_back(after("# output: "));
  }
  return s;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, sep)) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.push_back("");
  return out;
}

// The first data row of `--csv` output, by column name.
std::map<std::string, std::string> first_row(const std::string& csv) {
  std::istringstream in(csv);
  std::string head, row;
  std::getline(in, head);
  std::getline(in, row);
  auto names = split(head, ','), cells = split(row, ',');
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < names.size() && i < cells.size(); ++i) out[names[i]] = cells[i];
  return out;
}

// "COLUMN OP VALUE" against the row: empty when it holds, else why not.
std::string check(const std::string& spec, const std::map<std::string, std::string>& row) {
  std::istringstream in(spec);
  std::string column, op, value;
  in >> column >> op >> value;
  auto it = row.find(column);
  if (it == row.end()) return "no column " + column;
  if (it->second.empty()) return column + " is empty (no formula fits?)";
  double got = std::stod(it->second), want = std::stod(value);
  bool ok = op == "==" ? got == want
            : op == ">=" ? got >= want
            : op == "<=" ? got <= want
            : op == ">"  ? got > want
            : op == "abs<=" ? std::fabs(got) <= want
                          : false;
  return ok ? "" : column + " = " + it->second + ", wanted " + op + " " + value;
}

class TrafficStudies : public ScratchTest {};

TEST_F(TrafficStudies, EveryStudyShowsWhatItsHeaderSays) {
  fs::path folder = fs::path(TELSIM_SOURCE_DIR) / "scenarios" / "traffic";
  size_t studies = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".csv") continue;
    Study s = read_study(entry.path());
    ASSERT_FALSE(s.command.empty()) << entry.path() << " has no '# study:' line";
    ASSERT_FALSE(s.checks.empty() && s.outputs.empty()) << entry.path() << " checks nothing";
    ++studies;
    // `# study: traffic OPTIONS` runs as `telsim traffic FILE OPTIONS`.
    std::string sub = s.command.substr(0, s.command.find(' '));
    std::string rest = s.command.substr(sub.size());
    ShellRun r = telsim(sub + " " + entry.path().string() + rest);
    ASSERT_EQ(r.code, 0) << entry.path() << ": " << r.err;
    auto row = first_row(r.out);
    for (const std::string& c : s.checks) EXPECT_EQ(check(c, row), "") << entry.path().filename() << ": " << c;
    for (const std::string& o : s.outputs)
      EXPECT_NE(r.out.find(o), std::string::npos) << entry.path().filename() << ": no '" << o << "' in\n" << r.out;
  }
  EXPECT_GE(studies, 5u);
}

// The checker itself: a check that does not hold says so (it is not a test that cannot fail).
TEST(TrafficStudyCheck, RefusesWhatDoesNotHold) {
  std::map<std::string, std::string> row = {{"p_wait_z", "-3.5"}, {"retries", "10"}, {"formula_p_wait", ""}};
  EXPECT_NE(check("p_wait_z abs<= 3", row), "");
  EXPECT_EQ(check("p_wait_z abs<= 4", row), "");
  EXPECT_NE(check("retries >= 11", row), "");
  EXPECT_EQ(check("retries == 10", row), "");
  EXPECT_NE(check("formula_p_wait >= 0", row), "");  // no formula: empty, never a pass
  EXPECT_NE(check("nothing == 1", row), "");
}

}  // namespace
}  // namespace telsim_test
