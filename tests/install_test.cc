// `cmake --install` into a scratch prefix gives a telsim that works from anywhere: run outside the
// source tree, it finds the profiles installed beside it (not the source tree's), and the prefix
// holds the manual page and the bash completion.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/scratch_fixture.h"

namespace fs = std::filesystem;

class Install : public telsim_test::ScratchTest {};

TEST_F(Install, TheInstalledBinaryRunsAScenarioFromOutsideTheSourceTree) {
  const fs::path prefix = dir / "prefix";
  telsim_test::ShellRun in = sh("cmake --install " + std::string(TELSIM_BUILD_DIR) + " --prefix " + prefix.string());
  ASSERT_EQ(in.code, 0) << in.out << in.err;
  const fs::path bin = prefix / "bin" / "telsim";
  ASSERT_TRUE(fs::exists(bin));
  for (const char* name : {"generic", "mitel", "perception", "voipnow", "telecube"})
    EXPECT_TRUE(fs::exists(prefix / "share" / "telsim" / "profiles" / (std::string(name) + ".profile"))) << name;
  EXPECT_TRUE(fs::exists(prefix / "share" / "bash-completion" / "completions" / "telsim"));
  EXPECT_TRUE(fs::exists(prefix / "share" / "doc" / "telsim" / "tutorial.md"));
  if (fs::exists("/usr/bin/help2man")) {
    const fs::path man = prefix / "share" / "man" / "man1" / "telsim.1";
    ASSERT_TRUE(fs::exists(man));
    std::string page = slurp(man);
    EXPECT_NE(page.find(".TH TELSIM \"1\""), std::string::npos);
    EXPECT_NE(page.find("telsim run"), std::string::npos);
    EXPECT_NE(page.find("\\-\\-diagram\\-dir"), std::string::npos);  // a command's own options
  }

  // Prove the installed profiles are the ones read: give the installed generic profile a no-answer
  // time of its own, which the source tree's does not have.
  const fs::path generic = prefix / "share" / "telsim" / "profiles" / "generic.profile";
  std::string text = slurp(generic);
  size_t at = text.find("timer.no-answer = 15");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 20, "timer.no-answer = 7");
  std::ofstream(generic, std::ios::binary) << text;
  write("elsewhere/forward.csv",
        "at,party,action,argument\n"
        ",2001,station,\n,2002,station,\n,7000,voicemail,\n"
        "0,2002,forward,no-answer 7000\n"
        "1,2001,call,2002\n"
        "8,2002,expect,forwarded to=7000 type=no-answer\n"
        "20,2001,hangup,\n");
  write("elsewhere/mitel.csv",
        "at,party,action,argument\n,site,profile,mitel\n,2001,station,model=8560\n"
        "0,2001,offhook,\n0,2001,dial,388\n0,2001,expect,display NO CALL TO HANDOFF\n");
  telsim_test::ShellRun r = sh("cd " + (dir / "elsewhere").string() + " && env -u TELSIM_PROFILE_DIR " +
                               bin.string() + " run forward.csv mitel.csv");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("2 passed, 0 failed"), std::string::npos) << r.out << r.err;
}
