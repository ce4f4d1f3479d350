// SPEC 9 end to end: a step whose event never comes fails at its line, expect-state failures show
// the party's actual state, `run --cdr DIR` and `trace --cdr FILE` write the call records, and
// bad new syntax exits 2 with FILE:LINE.
#include "tests/scratch_fixture.h"

#include <fstream>
#include <sstream>

namespace {

class LanguageCliTest : public telsim_test::ScratchTest {
 protected:
  static std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
};

const char* kCall =
    "at,party,action,argument\n"
    ",2001,station,\n"
    ",2002,station,\n"
    "0,2002,call,2001\n";

TEST_F(LanguageCliTest, AStepWhoseEventNeverComesFailsAtItsLine) {
  std::string text = std::string(kCall) + "@2001:connected+1,2001,hangup,\n";
  auto r = telsim("run " + write("never.csv", text));
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("never.csv:5: step 2001 hangup waits for connected at 2001, which never came"), std::string::npos)
      << r.out;
}

TEST_F(LanguageCliTest, AnEventRelativeStepActsWhenItsEventComes) {
  std::string text = std::string(kCall) + "@2001:ringing+2,2001,answer,\n2,2001,expect,connected to=2002\n"
                                          "3,2001,expect-state,talking to=2002\n";
  auto r = telsim("run " + write("react.csv", text));
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST_F(LanguageCliTest, AFailedStateShowsTheActualState) {
  std::string text = std::string(kCall) + "1,2001,expect-state,idle\n";
  auto r = telsim("run " + write("state.csv", text));
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("state.csv:5: expected 2001 idle at 1, got 2001 ringing at 1"), std::string::npos) << r.out;
}

TEST_F(LanguageCliTest, CallRecordsFromRunAndTrace) {
  std::string text = std::string(kCall) + "3,2001,answer,\n33,2002,hangup,\n";
  std::string file = write("rec.csv", text);
  // Run from the scratch folder: outputs keep the scenario's relative path.
  auto r = sh("cd " + dir.string() + " && " + TELSIM_BINARY + " run --cdr cdr rec.csv");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  const std::string row = "c1,2002,2001,0,3,33,33,30,answered,2002\n";
  std::string written = read_text(dir.string() + "/cdr/rec.cdr.csv");
  EXPECT_EQ(written, "call,src,dst,start,answer,end,duration,billsec,disposition,payer\n" + row) << r.err;
  r = telsim("trace --cdr " + dir.string() + "/one.cdr.csv " + file);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(read_text(dir.string() + "/one.cdr.csv").find(row), std::string::npos);
}

TEST_F(LanguageCliTest, BadNewSyntaxExitsTwoWithItsLine) {
  auto r = telsim("run " + write("bad.csv", std::string(kCall) + ",2001,expect-count,many ringing\n"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.csv:5: count 'many' is not a number"), std::string::npos) << r.err;
  r = telsim("run " + write("bad2.csv", std::string(kCall) + ",2001,expect,ringing from=~(\n"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad2.csv:5: bad regular expression"), std::string::npos) << r.err;
}

// The box states' scenarios pass as written, and the same scenario with the party's state named
// wrongly fails at that row, showing what the party was doing: the checks are honest.
TEST_F(LanguageCliTest, BoxStatesPassAndAWrongStateFails) {
  struct Case { const char* file; const char* row; const char* wrong; const char* shown; };
  const Case cases[] = {
      {"camp_on/state_camped_until_it_rings.csv", "6..19,2003,expect-state,camped",
       "6..19,2003,expect-state,queued", "got 2003 ringback, camped at 6"},
      {"queue/state_queued_until_a_member_rings.csv", "5..9,5550100,expect-state,queued",
       "5..9,5550100,expect-state,camped", "got 5550100 ringback, queued at 5"},
      {"conference/state_conference_size_three.csv", "5..9,2002,expect-state,conference size=3",
       "5..9,2002,expect-state,conference size=4", "got 2002 conference size=3 at 5"},
  };
  for (const Case& c : cases) {
    std::string path = std::string(TELSIM_SOURCE_DIR) + "/scenarios/" + c.file;
    std::string text = read_text(path);
    auto ok = telsim("run --root " + std::string(TELSIM_SOURCE_DIR) + " " + path);
    EXPECT_EQ(ok.code, 0) << c.file << "\n" << ok.out << ok.err;
    size_t at = text.find(c.row);
    ASSERT_NE(at, std::string::npos) << c.file;
    text.replace(at, std::string(c.row).size(), c.wrong);
    std::string dir_of = std::string(c.file).substr(0, std::string(c.file).find('/'));
    // Beside the original, so an `include` of the folder's site still finds it.
    std::string copy = write(dir_of + "/wrong.csv", text);
    if (dir_of == "conference")
      write(dir_of + "/site.csv", read_text(std::string(TELSIM_SOURCE_DIR) + "/scenarios/conference/site.csv"));
    auto bad = telsim("run --root " + dir.string() + " " + copy);
    EXPECT_EQ(bad.code, 1) << c.file << "\n" << bad.out << bad.err;
    EXPECT_NE(bad.out.find(c.shown), std::string::npos) << c.file << "\n" << bad.out;
  }
}

}  // namespace
