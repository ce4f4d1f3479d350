// The scenario loader (SPEC 1): what it accepts, what it fills in, and every kind of bad input
// with the file and line it is reported at. Files live in MemoryFiles; only the bundled-profiles
// test reads the disk.
#include "sim/scenario_loader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

namespace telsim {
namespace {

const char* kHead = "at,party,action,argument\n";

// The SPEC 1 example, verbatim.
const char* kSpecExample = R"(# title: an unanswered call goes to voice mail after the no-answer time
# rule: BC-1 CF-5
# tags: forward basic
at,party,action,argument
,site,timer,no-answer=10
,2001,station,voicemail=7000
,2002,station,
,7000,voicemail,
0,2001,forward,no-answer 7000
3,2002,call,2001
3,2001,expect,ringing from=2002
3,2002,expect,ringback
13,2001,expect,forwarded to=7000 type=no-answer hop=1
13,2001,expect,stop-ringing
13,2002,expect,connected to=7000
20,2002,hangup,
20,7000,expect,released
,2001,expect-not,connected
)";

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    files.files["profiles/generic.profile"] = "name = generic\ncode.pickup = *8\n";
    files.files["profiles/telecube.profile"] = "name = telecube\ntext.transfer-prompt = Transfer połączenia\n";
  }

  Scenario load(const std::string& text, const std::string& path = "s/test.csv") {
    files.files[path] = text;
    return load_scenario(path, files, "profiles");
  }

  // Loads `text` as s/test.csv and expects InputError at file:line whose message contains `what`.
  void expect_error(const std::string& text, const std::string& file, int line, const std::string& what) {
    files.files["s/test.csv"] = text;
    try {
      load_scenario("s/test.csv", files, "profiles");
      ADD_FAILURE() << "no error; expected " << file << ":" << line << ": " << what;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file, file) << e.what();
      EXPECT_EQ(e.line, line) << e.what();
      EXPECT_NE(e.message.find(what), std::string::npos) << "message: " << e.what();
      EXPECT_EQ(std::string(e.what()), file + ":" + std::to_string(line) + ": " + e.message);
    }
  }
  void expect_error(const std::string& text, int line, const std::string& what) {
    expect_error(text, "s/test.csv", line, what);
  }

  MemoryFiles files;
};

const PartyDef* party(const Scenario& s, const std::string& number) {
  for (const PartyDef& p : s.site.parties)
    if (p.number == number) return &p;
  return nullptr;
}

// --------------------------------------------------------------------------------------------
// What loads

TEST_F(LoaderTest, LoadsTheSpecExample) {
  Scenario s = load(kSpecExample);
  EXPECT_EQ(s.file, "s/test.csv");
  EXPECT_EQ(s.title, "an unanswered call goes to voice mail after the no-answer time");
  EXPECT_EQ(s.rules, (std::vector<std::string>{"BC-1", "CF-5"}));
  EXPECT_EQ(s.tags, (std::vector<std::string>{"forward", "basic"}));
  EXPECT_EQ(s.site.profile, "generic");
  EXPECT_EQ(s.profile.name, "generic");
  EXPECT_EQ(s.profile.codes.at("pickup"), "*8");
  EXPECT_EQ(s.site.timers.at("no-answer"), 10);

  ASSERT_EQ(s.site.parties.size(), 3u);
  const PartyDef* a = party(s, "2001");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, PartyKind::station);
  EXPECT_EQ(a->voicemail, "7000");
  EXPECT_EQ(a->lines, (std::vector<std::string>{"2001"}));
  EXPECT_EQ(a->source_file, "s/test.csv");
  EXPECT_EQ(a->source_line, 6);
  EXPECT_EQ(party(s, "7000")->kind, PartyKind::voicemail);

  ASSERT_EQ(s.steps.size(), 3u);
  EXPECT_EQ(s.steps[0].at, 0);
  EXPECT_EQ(s.steps[0].action, Action::forward);
  EXPECT_EQ(s.steps[0].argument, "no-answer 7000");
  EXPECT_EQ(s.steps[1].action, Action::call);
  EXPECT_EQ(s.steps[1].party, "2002");
  EXPECT_EQ(s.steps[1].line, 10);
  EXPECT_EQ(s.steps[2].action, Action::onhook);
  EXPECT_EQ(s.steps[2].action_name, "hangup");
  EXPECT_EQ(s.steps[2].at, 20);

  ASSERT_EQ(s.expectations.size(), 7u);
  const Expectation& fwd = s.expectations[2];
  EXPECT_EQ(fwd.event, Ev::forwarded);
  EXPECT_EQ(fwd.detail, "to=7000 type=no-answer hop=1");
  EXPECT_EQ(fwd.text, "forwarded to=7000 type=no-answer hop=1");
  EXPECT_EQ(fwd.from, 13);
  EXPECT_EQ(fwd.to, 13);
  EXPECT_EQ(fwd.line, 13);
  EXPECT_FALSE(fwd.negate);
  const Expectation& never = s.expectations.back();
  EXPECT_TRUE(never.negate);
  EXPECT_EQ(never.event, Ev::connected);
  EXPECT_TRUE(std::isinf(never.from) && never.from < 0);
  EXPECT_TRUE(std::isinf(never.to) && never.to > 0);
}

TEST_F(LoaderTest, AbsoluteAndRelativeStepTimes) {
  Scenario s = load(std::string(kHead) +
                    ",2001,station,\n,2002,station,\n"
                    "+2,2001,offhook,\n"     // 2
                    "+1.5,2001,dial,200\n"   // 3.5
                    "3.5,2001,dial,2\n"      // equal times are fine
                    "+0,2002,answer,\n"      // 3.5
                    "10,2002,hangup,\n"
                    "+.25,2001,onhook,\n");  // 10.25
  ASSERT_EQ(s.steps.size(), 6u);
  EXPECT_DOUBLE_EQ(s.steps[0].at, 2);
  EXPECT_DOUBLE_EQ(s.steps[1].at, 3.5);
  EXPECT_EQ(s.steps[1].argument, "200");
  EXPECT_DOUBLE_EQ(s.steps[2].at, 3.5);
  EXPECT_DOUBLE_EQ(s.steps[3].at, 3.5);
  EXPECT_DOUBLE_EQ(s.steps[4].at, 10);
  EXPECT_DOUBLE_EQ(s.steps[5].at, 10.25);
}

TEST_F(LoaderTest, ExpectationWindowsAndDetails) {
  Scenario s = load(std::string(kHead) +
                    ",2001,station,\n"
                    "1,2001,offhook,\n"
                    "12..15,2001,expect,dialtone\n"
                    "12.5,2001,expect,display 'HANDOFF IN PROGRESS'\n"
                    ",2001,expect,prompt   Transfer połączenia  \n"
                    "0..0,2001,expect-not,busy reason=x\n"
                    ",2001,expect,display\n");
  ASSERT_EQ(s.expectations.size(), 5u);
  EXPECT_EQ(s.expectations[0].from, 12);
  EXPECT_EQ(s.expectations[0].to, 15);
  EXPECT_EQ(s.expectations[0].detail, "");
  EXPECT_EQ(s.expectations[1].event, Ev::display);
  EXPECT_EQ(s.expectations[1].detail, "HANDOFF IN PROGRESS");
  EXPECT_EQ(s.expectations[1].from, 12.5);
  EXPECT_EQ(s.expectations[1].to, 12.5);
  EXPECT_EQ(s.expectations[2].event, Ev::prompt);
  EXPECT_EQ(s.expectations[2].detail, "Transfer połączenia");
  EXPECT_EQ(s.expectations[2].text, "prompt   Transfer połączenia");
  EXPECT_TRUE(s.expectations[3].negate);
  EXPECT_EQ(s.expectations[3].detail, "reason=x");
  EXPECT_EQ(s.expectations[4].detail, "");
}

TEST_F(LoaderTest, TitleDefaultsToTheFileName) {
  Scenario s = load(std::string(kHead) + ",2001,station,\n", "dir/sub/hunt_linear.csv");
  EXPECT_EQ(s.title, "hunt_linear");
  EXPECT_TRUE(s.rules.empty());
  EXPECT_TRUE(s.tags.empty());
}

TEST_F(LoaderTest, BomCrlfCommentsAndQuotedFields) {
  Scenario s = load(
      "\xEF\xBB\xBF# title: crlf\r\n# tags: a, b\r\n\r\nat,party,action,argument\r\n"
      "# a comment row\r\n"
      "\r\n"
      ",\"2001\",station,\"model=8560 lines=2001 2011\"\r\n"
      ",9000,hunt,\"members=2001 algorithm=ring-all announcement='All agents, please ''hold'''\"\r\n"
      ",,,\r\n"
      "1,2001,offhook,\r\n");
  EXPECT_EQ(s.title, "crlf");
  EXPECT_EQ(s.tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(party(s, "2001")->lines, (std::vector<std::string>{"2001", "2011"}));
  EXPECT_EQ(party(s, "9000")->announcement, "All agents, please 'hold'");
  EXPECT_EQ(party(s, "9000")->source_line, 8);
  ASSERT_EQ(s.steps.size(), 1u);
  EXPECT_EQ(s.steps[0].line, 10);
}

TEST_F(LoaderTest, StationAndHuntOptions) {
  Scenario s = load(std::string(kHead) +
                    ",2001,station,model=5610 lines=2001 2011 2021 mlh=yes mobile=5551 home=5552 "
                    "voicemail=7000 permissions=multi-user-aware answer=auto:4.5\n"
                    ",2002,station,model=desk answer=never\n"
                    ",5551,mobile,answer=auto:2\n"
                    ",5552,external,\n"
                    ",7000,voicemail,\n"
                    ",100,hunt,members=2001 2002 algorithm=longest-idle no-answer=8 overflow=7000 "
                    "announcement='All agents are busy'\n"
                    ",site,trunk,channels=2\n"
                    ",site,network,wan\n"
                    ",site,timer,digit=2 hold-recall=30.5\n");
  const PartyDef* st = party(s, "2001");
  EXPECT_EQ(st->model, "5610");
  EXPECT_EQ(st->lines, (std::vector<std::string>{"2001", "2011", "2021"}));
  EXPECT_TRUE(st->mlh);
  EXPECT_EQ(st->mobile, "5551");
  EXPECT_EQ(st->home, "5552");
  EXPECT_TRUE(st->multi_user_aware);
  EXPECT_EQ(st->answer.mode, AnswerPolicy::automatic);
  EXPECT_DOUBLE_EQ(st->answer.delay, 4.5);
  EXPECT_EQ(party(s, "2002")->model, "");
  EXPECT_EQ(party(s, "2002")->answer.mode, AnswerPolicy::never);
  EXPECT_EQ(party(s, "5551")->kind, PartyKind::mobile);
  EXPECT_EQ(party(s, "5551")->answer.mode, AnswerPolicy::automatic);
  EXPECT_EQ(party(s, "5552")->kind, PartyKind::external);
  EXPECT_EQ(party(s, "5552")->answer.mode, AnswerPolicy::manual);
  const PartyDef* hunt = party(s, "100");
  EXPECT_EQ(hunt->kind, PartyKind::hunt);
  EXPECT_EQ(hunt->members, (std::vector<std::string>{"2001", "2002"}));
  EXPECT_EQ(hunt->algorithm, "longest-idle");
  EXPECT_EQ(hunt->hunt_no_answer, 8);
  EXPECT_EQ(hunt->overflow, "7000");
  EXPECT_EQ(hunt->announcement, "All agents are busy");
  EXPECT_EQ(s.site.trunk_channels, 2);
  EXPECT_EQ(s.site.network, NetworkKind::wan);
  EXPECT_EQ(s.site.timers.at("digit"), 2);
  EXPECT_EQ(s.site.timers.at("hold-recall"), 30.5);
}

TEST_F(LoaderTest, StepArguments) {
  Scenario s = load(std::string(kHead) +
                    ",2001,station,\n"
                    "0,2001,forward,  busy-no-answer   9999 \n"  // destination need not be defined
                    "0,2001,forward,off\n"
                    "1,2001,call,123456\n"                       // undefined: reorder at run time
                    "2,2001,dial,*8#0\n"
                    "3,2001,press,special\n"
                    "4,2001,voice-call,2001\n"
                    "5,2001,hold,\n"
                    "6,2001,retrieve,\n");
  ASSERT_EQ(s.steps.size(), 8u);
  EXPECT_EQ(s.steps[0].argument, "busy-no-answer 9999");
  EXPECT_EQ(s.steps[1].argument, "off");
  EXPECT_EQ(s.steps[5].action, Action::voice_call);
}

TEST_F(LoaderTest, DefinitionsMayFollowTheirUse) {
  Scenario s = load(std::string(kHead) +
                    ",100,hunt,members=2001 overflow=7000\n"
                    "1,2001,offhook,\n"
                    ",2001,station,voicemail=7000\n"
                    ",7000,voicemail,\n");
  EXPECT_EQ(s.site.parties.size(), 3u);
}

TEST_F(LoaderTest, ExtraLinesAreDefinedNumbers) {
  Scenario s = load(std::string(kHead) +
                    ",2001,station,lines=2001 2011\n"
                    "1,2011,offhook,\n"
                    ",100,hunt,members=2011\n");
  EXPECT_EQ(s.steps[0].party, "2011");
}

TEST_F(LoaderTest, IncludeReadsASharedSiteRelativeToTheIncludingFile) {
  files.files["sites/office.csv"] =
      "# title: ignored in an include\nat,party,action,argument\n,site,include,more/phones.csv\n"
      ",2001,station,\n,site,timer,no-answer=20\n";
  files.files["sites/more/phones.csv"] = "at,party,action,argument\n,2002,station,\n";
  Scenario s = load(std::string("# title: t\n") + kHead +
                    ",site,include,../sites/office.csv\n"
                    "1,2001,call,2002\n");
  EXPECT_EQ(s.title, "t");
  ASSERT_EQ(s.site.parties.size(), 2u);
  EXPECT_EQ(s.site.parties[0].number, "2002");  // file order, includes inline
  EXPECT_EQ(s.site.parties[0].source_file, "sites/more/phones.csv");
  EXPECT_EQ(s.site.parties[0].source_line, 2);
  EXPECT_EQ(s.site.parties[1].source_file, "sites/office.csv");
  EXPECT_EQ(s.site.parties[1].source_line, 4);
  EXPECT_EQ(s.site.timers.at("no-answer"), 20);
}

TEST_F(LoaderTest, ProfilesByNameAndByPath) {
  Scenario s = load(std::string(kHead) + ",site,profile,telecube\n");
  EXPECT_EQ(s.site.profile, "telecube");
  EXPECT_EQ(s.profile.name, "telecube");
  EXPECT_EQ(s.profile.text("transfer-prompt", ""), "Transfer połączenia");

  files.files["s/mine/pbx.profile"] = "name = mine\nswitch.forward-max-hops = 3\n";
  s = load(std::string(kHead) + ",site,profile,mine/pbx.profile\n");
  EXPECT_EQ(s.profile.name, "mine");
  EXPECT_EQ(s.profile.number("forward-max-hops", 0), 3);
  files.files["s/local.profile"] = "name = local\n";
  EXPECT_EQ(load(std::string(kHead) + ",site,profile,local.profile\n").profile.name, "local");
}

TEST_F(LoaderTest, BundledProfilesParse) {
  DiskFiles disk;
  const std::string dir = std::string(TELSIM_SOURCE_DIR) + "/scenarios/profiles";
  MemoryFiles mem;
  for (const char* name : {"generic", "mitel", "perception", "voipnow", "telecube"}) {
    mem.files["s.csv"] = std::string(kHead) + ",site,profile," + name + "\n";
    std::optional<std::string> text = disk.read(dir + "/" + name + ".profile");
    ASSERT_TRUE(text) << name;
    mem.files[dir + "/" + name + ".profile"] = *text;
    Scenario s = load_scenario("s.csv", mem, dir);
    EXPECT_EQ(s.profile.name, name);
  }
  // What SPEC 4 fixes for each.
  auto profile = [&](const char* name) {
    mem.files["s.csv"] = std::string(kHead) + ",site,profile," + name + "\n";
    return load_scenario("s.csv", mem, dir).profile;
  };
  Profile perception = profile("perception");
  EXPECT_EQ(perception.number("forward-max-hops", 0), 2);
  EXPECT_FALSE(perception.on("forward-intercom", true));
  Profile voipnow = profile("voipnow");
  EXPECT_EQ(voipnow.codes.at("blind-transfer"), "#1");
  EXPECT_EQ(voipnow.codes.at("attended-transfer"), "*2");
  EXPECT_TRUE(voipnow.on("transfer-needs-multi-user-aware", false));
  Profile telecube = profile("telecube");
  EXPECT_EQ(telecube.codes.at("attended-transfer"), "*");
  EXPECT_EQ(telecube.codes.at("back-to-caller"), "**");
  EXPECT_EQ(telecube.codes.at("blind-transfer"), "##");
  EXPECT_EQ(telecube.codes.at("pickup"), "*8");
  EXPECT_EQ(telecube.text("transfer-prompt", ""), "Transfer połączenia");
  EXPECT_TRUE(telecube.on("music-on-hold", false));
  EXPECT_EQ(profile("mitel").codes.at("handoff"), "388");
  Profile generic = profile("generic");
  EXPECT_TRUE(generic.on("music-on-hold", false));
  EXPECT_GT(generic.number("forward-max-hops", 0), 2);
  // And the implicit default is the bundled generic profile.
  mem.files["s.csv"] = std::string(kHead) + ",2001,station,\n";
  EXPECT_EQ(load_scenario("s.csv", mem, dir).profile.codes, generic.codes);
}

TEST(ParseOptions, ListsQuotedTextAndErrors) {
  using Opts = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(parse_options(""), Opts{});
  EXPECT_EQ(parse_options("   "), Opts{});
  EXPECT_EQ(parse_options("members=2001 2002  2003 algorithm=linear"),
            (Opts{{"members", "2001 2002 2003"}, {"algorithm", "linear"}}));
  EXPECT_EQ(parse_options("announcement='All agents  are busy' overflow=7000"),
            (Opts{{"announcement", "All agents  are busy"}, {"overflow", "7000"}}));
  EXPECT_EQ(parse_options("a='it''s' b=''"), (Opts{{"a", "it's"}, {"b", ""}}));
  EXPECT_EQ(parse_options("answer=auto:4 text=a=b"), (Opts{{"answer", "auto:4"}, {"text", "a=b"}}));
  EXPECT_EQ(parse_options("mlh="), (Opts{{"mlh", ""}}));
  EXPECT_THROW(parse_options("announcement='All agents"), std::invalid_argument);
  EXPECT_THROW(parse_options("2001 members=1"), std::invalid_argument);
  EXPECT_THROW(parse_options("a='x' y"), std::invalid_argument);
  EXPECT_THROW(parse_options("a='x'y"), std::invalid_argument);
  try {
    parse_options("announcement='All agents");
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("unclosed quote"), std::string::npos);
  }
}

TEST(RunnableScenario, NeedsTheHeaderAndAStep) {
  MemoryFiles f;
  f.files["run.csv"] = std::string("# c\n") + kHead + ",2001,station,\n1,2001,offhook,\n";
  f.files["site.csv"] = std::string(kHead) + ",2001,station,\n";
  f.files["only_expect.csv"] = std::string(kHead) + "1,2001,expect,dialtone\n";
  f.files["golden.trace.csv"] = "time,call,party,event,detail\n0.000,c1,2001,offhook,\n";
  f.files["broken_later.csv"] = std::string(kHead) + "\"unclosed,x,y,z\n,a\n2,2001,bogus,\n";
  f.files["empty.csv"] = "";
  f.files["binary.csv"] = std::string("\0\x01\x02", 3);
  EXPECT_TRUE(is_runnable_scenario("run.csv", f));
  EXPECT_FALSE(is_runnable_scenario("site.csv", f));
  EXPECT_FALSE(is_runnable_scenario("only_expect.csv", f));
  EXPECT_FALSE(is_runnable_scenario("golden.trace.csv", f));
  EXPECT_TRUE(is_runnable_scenario("broken_later.csv", f));  // run it, so its errors are reported
  EXPECT_FALSE(is_runnable_scenario("empty.csv", f));
  EXPECT_FALSE(is_runnable_scenario("binary.csv", f));
  EXPECT_FALSE(is_runnable_scenario("missing.csv", f));
}

TEST(ProfileDir, EnvironmentOverridesTheDefault) {
  const char* old = std::getenv("TELSIM_PROFILE_DIR");
  std::string saved = old ? old : "";
  setenv("TELSIM_PROFILE_DIR", "/tmp/my-profiles", 1);
  EXPECT_EQ(default_profile_dir(), "/tmp/my-profiles");
  unsetenv("TELSIM_PROFILE_DIR");
  EXPECT_EQ(default_profile_dir(), std::string(TELSIM_SOURCE_DIR) + "/scenarios/profiles");
  if (old) setenv("TELSIM_PROFILE_DIR", saved.c_str(), 1);
}

// --------------------------------------------------------------------------------------------
// Bad input: every case with the line it is reported at

std::string with_station(const std::string& rows) { return std::string(kHead) + ",2001,station,\n" + rows; }

TEST_F(LoaderTest, FileLevelErrors) {
  expect_error("", 1, "empty file");
  expect_error("\n  \n\r\n", 1, "empty file");
  expect_error("# only a comment\n", 1, "no header row");
  expect_error("# c\nat,party,action\n", 2, "header must be exactly 'at,party,action,argument'");
  expect_error("party,at,action,argument\n", 1, "header must be exactly");
  expect_error(std::string(kHead) + ",2001,station,\n" + std::string(",2002,sta\0tion,\n", 16), 3,
               "binary or non-UTF-8 content");
  expect_error(std::string(kHead) + ",2001,station,\n\n,2002,station,'caf\xE9'\n", 4,
               "binary or non-UTF-8 content");
  expect_error(std::string(kHead) + ",2001,station,\xED\xA0\x80\n", 2, "binary or non-UTF-8");  // surrogate
  expect_error(std::string("\x89PNG\r\n\x1a\n\0\0", 10), 1, "binary or non-UTF-8 content");
  expect_error(std::string(kHead) + ",2001,station,\n,2002,station,announcement='" +
                   std::string(70000, 'x') + "'\n",
               3, "line longer than 64 KiB");
  // Exactly 64 KiB is still fine (then the value is what is wrong).
  std::string row = ",2002,hunt,members=2001 announcement=";
  expect_error(std::string(kHead) + ",2001,station,\n" + row + std::string(65536 - row.size(), 'x') +
                   "\n1,9,offhook,\n",
               4, "undefined number 9");
}

TEST_F(LoaderTest, CsvShapeErrors) {
  expect_error(with_station("1,2001,offhook\n"), 3, "too few fields");
  expect_error(with_station("1,2001\n"), 3, "too few fields");
  expect_error(with_station("1,2001,offhook,,\n"), 3, "too many fields");
  expect_error(with_station("1,2001,dial,\"12\n2,2001,onhook,\n"), 3, "unclosed double quote");
  expect_error(with_station("# fine\n\n1,2001,call,\"2002\"x\"\n"), 5, "unclosed double quote");
}

TEST_F(LoaderTest, StepErrors) {
  expect_error(with_station("1,2001,ofhook,\n"), 3, "unknown action 'ofhook'");
  expect_error(with_station("abc,2001,offhook,\n"), 3, "time 'abc' is not a number of seconds");
  expect_error(with_station("nan,2001,offhook,\n"), 3, "not a number");
  expect_error(with_station("inf,2001,offhook,\n"), 3, "not a number");
  expect_error(with_station("1e3,2001,offhook,\n"), 3, "not a number");
  expect_error(with_station("+x,2001,offhook,\n"), 3, "not a number");
  expect_error(with_station("-1,2001,offhook,\n"), 3, "time '-1' is negative");
  expect_error(with_station("+-1,2001,offhook,\n"), 3, "is negative");
  expect_error(with_station("5,2001,offhook,\n4.999,2001,onhook,\n"), 4, "never decrease");
  expect_error(with_station("1,2001,offhook,\n,2001,expect,dialtone\n0,2001,onhook,\n"), 5, "never decrease");
  expect_error(with_station("1,2001,call,\n"), 3, "call needs a number");
  expect_error(with_station("1,2001,call,20a1\n"), 3, "call needs a number");
  expect_error(with_station("1,2001,dial,12x\n"), 3, "dial needs digits");
  expect_error(with_station("1,2001,press,park\n"), 3, "unknown key 'park'");
  expect_error(with_station("1,2001,forward,sometimes 2002\n"), 3, "forward needs");
  expect_error(with_station("1,2001,forward,all\n"), 3, "forward needs");
  expect_error(with_station("1,2001,hangup,now\n"), 3, "'hangup' takes no argument");
  expect_error(with_station("1,2001,station,\n"), 3, "is a setup row");
  expect_error(with_station("1,site,timer,digit=2\n"), 3, "is a setup row");
  expect_error(with_station("1,,offhook,\n"), 3, "party missing");
  expect_error(with_station("1,2001,,\n"), 3, "action missing");
}

TEST_F(LoaderTest, ExpectationErrors) {
  expect_error(with_station(",2001,expect,ringin from=2002\n"), 3, "unknown event 'ringin'");
  expect_error(with_station(",2001,expect-not,xyz\n"), 3, "unknown event 'xyz'");
  expect_error(with_station(",2001,expect,\n"), 3, "expect needs an event");
  expect_error(with_station(",2001,expect,ringing to=2002\n"), 3,
               "event 'ringing' has no detail 'to' (allowed: from line forwarded reason)");
  expect_error(with_station(",2001,expect,dialtone tone=x\n"), 3, "has no detail 'tone' (it takes none)");
  expect_error(with_station(",2001,expect,ringing from\n"), 3, "must be key=value");
  expect_error(with_station(",2001,expect,ringing from=\n"), 3, "must be key=value");
  expect_error(with_station("+3,2001,expect,dialtone\n"), 3, "cannot be relative");
  expect_error(with_station("15..12,2001,expect,dialtone\n"), 3, "ends before it starts");
  expect_error(with_station("-2..3,2001,expect,dialtone\n"), 3, "is negative");
  expect_error(with_station("1..x,2001,expect,dialtone\n"), 3, "not a number");
  expect_error(with_station("soon,2001,expect,dialtone\n"), 3, "not a number");
}

TEST_F(LoaderTest, NumberErrors) {
  expect_error(with_station("1,2009,offhook,\n"), 3, "undefined number 2009");
  expect_error(with_station(",2001,expect,dialtone\n,2009,expect-not,busy\n"), 4, "undefined number 2009");
  expect_error(with_station(",100,hunt,members=2001 2009\n"), 3, "undefined number 2009");
  expect_error(with_station(",2002,station,voicemail=7000\n"), 3, "undefined number 7000");
  expect_error(with_station(",2002,station,mobile=5550\n"), 3, "undefined number 5550");
  expect_error(with_station(",100,hunt,members=2001 overflow=8000\n"), 3, "undefined number 8000");
  expect_error(with_station(",2001,station,\n"), 3, "number 2001 already defined at s/test.csv:2");
  expect_error(with_station(",2001,external,\n"), 3, "number 2001 already defined");
  expect_error(with_station(",2002,station,lines=2002 2001\n"), 3, "number 2001 already defined at s/test.csv:2");
  expect_error(std::string(kHead) + ",2002,station,lines=2002 2011\n,2011,station,\n", 3,
               "number 2011 already defined at s/test.csv:2 (a line of station 2002)");
  expect_error(with_station("1,abc,offhook,\n"), 3, "party 'abc' is not a number");
  expect_error(with_station(",20x1,station,\n"), 3, "must be 'site' or a number");
}

TEST_F(LoaderTest, OptionErrors) {
  expect_error(with_station(",2002,station,model=9999\n"), 3, "bad value '9999' for model=");
  expect_error(with_station(",2002,station,mlh=maybe\n"), 3, "bad value 'maybe' for mlh=");
  expect_error(with_station(",2002,station,answer=auto\n"), 3, "bad value 'auto' for answer=");
  expect_error(with_station(",2002,station,answer=auto:-1\n"), 3, "bad value 'auto:-1' for answer=");
  expect_error(with_station(",2002,station,permissions=admin\n"), 3, "bad value 'admin' for permissions=");
  expect_error(with_station(",2002,station,lines=2003 2002\n"), 3, "must start with the station's own number");
  expect_error(with_station(",2002,station,lines=2002 2002\n"), 3, "listed twice");
  expect_error(with_station(",2002,station,voicemail=70a\n"), 3, "bad value '70a' for voicemail=");
  expect_error(with_station(",2002,station,colour=red\n"), 3, "unknown option 'colour=' for station");
  expect_error(with_station(",2002,station,mlh=yes mlh=no\n"), 3, "given twice");
  expect_error(with_station(",2002,station,announcement='unclosed\n"), 3, "unclosed quote");
  expect_error(with_station(",2002,station,2003\n"), 3, "expected key=value");
  expect_error(with_station(",5550,mobile,model=8560\n"), 3, "unknown option 'model=' for mobile");
  expect_error(with_station(",7000,voicemail,answer=manual\n"), 3, "voicemail takes no options");
  expect_error(with_station(",100,hunt,algorithm=linear\n"), 3, "needs members=");
  expect_error(with_station(",100,hunt,members=\n"), 3, "members= needs at least one number");
  expect_error(with_station(",100,hunt,members=2001 algorithm=random\n"), 3, "bad value 'random' for algorithm=");
  expect_error(with_station(",100,hunt,members=2001 no-answer=soon\n"), 3, "no-answer 'soon' is not a number");
  expect_error(with_station(",100,hunt,members=2001 queue=5\n"), 3, "unknown option 'queue=' for hunt");
  expect_error(with_station(",2002,statoin,\n"), 3, "unknown action 'statoin'");
  expect_error(with_station(",2002,call,2001\n"), 3, "'call' is a step: give it a time");
}

TEST_F(LoaderTest, SiteErrors) {
  expect_error(with_station(",site,timer,no-answr=5\n"), 3, "unknown timer 'no-answr'");
  expect_error(with_station(",site,timer,no-answer=-5\n"), 3, "timer no-answer '-5' is negative");
  expect_error(with_station(",site,timer,digit=fast\n"), 3, "timer digit 'fast' is not a number");
  expect_error(with_station(",site,timer,\n"), 3, "timer needs NAME=SECONDS");
  expect_error(with_station(",site,trunk,channels=-1\n"), 3, "bad value '-1' for channels=");
  expect_error(with_station(",site,trunk,lines=3\n"), 3, "unknown option 'lines=' for trunk");
  expect_error(with_station(",site,network,satellite\n"), 3, "unknown network 'satellite'");
  expect_error(with_station(",site,colour,blue\n"), 3, "unknown site setting 'colour'");
  expect_error(with_station(",site,profile,asterisk\n"), 3, "unknown profile 'asterisk'");
  expect_error(with_station(",site,profile,nowhere/x.profile\n"), 3, "cannot read profile file 's/nowhere/x.profile'");
}

TEST_F(LoaderTest, BadProfileFileIsReportedAtItsOwnLine) {
  files.files["s/bad.profile"] = "# comment\nname = bad\n\ncode.pickup = *8x\n";
  expect_error(with_station(",site,profile,bad.profile\n"), "s/bad.profile", 4, "feature code");
  files.files["profiles/mitel.profile"] = "name = mitel\nthis line is wrong\n";
  expect_error(with_station(",site,profile,mitel\n"), "profiles/mitel.profile", 2, "expected 'key = value'");
}

TEST_F(LoaderTest, MissingGenericProfileIsReported) {
  files.files.erase("profiles/generic.profile");
  expect_error(with_station(""), 1, "cannot read profile file 'profiles/generic.profile'");
}

TEST_F(LoaderTest, IncludeErrors) {
  // Missing: reported at the include row.
  expect_error(with_station(",site,include,nope.csv\n"), 3, "cannot read include file 's/nope.csv'");
  expect_error(with_station(",site,include,\n"), 3, "include needs a file path");
  // Cyclic: a includes b includes a; reported in b at its include row.
  files.files["s/b.csv"] = std::string(kHead) + ",2002,station,\n,site,include,test.csv\n";
  expect_error(with_station(",site,include,b.csv\n"), "s/b.csv", 3, "cyclic include");
  expect_error(with_station(",site,include,./test.csv\n"), 3, "cyclic include");
  // Errors inside an included file carry that file's name and line.
  files.files["s/c.csv"] = std::string(kHead) + "\n,2003,station,model=1\n";
  expect_error(with_station(",site,include,c.csv\n"), "s/c.csv", 3, "bad value '1' for model=");
  files.files["s/d.csv"] = "at,party,action,argument,extra\n";
  expect_error(with_station(",site,include,d.csv\n"), "s/d.csv", 1, "header must be exactly");
  files.files["s/e.csv"] = std::string(kHead) + "1,2001,offhook,\n";
  expect_error(with_station(",site,include,e.csv\n"), "s/e.csv", 2, "setup rows only");
  files.files["s/f.csv"] = std::string(kHead) + ",2001,expect,dialtone\n";
  expect_error(with_station(",site,include,f.csv\n"), "s/f.csv", 2, "setup rows only");
  // Defined twice across an include, in either order.
  files.files["s/g.csv"] = std::string(kHead) + ",2002,station,\n,2001,station,\n";
  expect_error(with_station(",site,include,g.csv\n"), "s/g.csv", 3, "number 2001 already defined at s/test.csv:2");
  expect_error(std::string(kHead) + ",site,include,g.csv\n,2002,station,\n", 3,
               "number 2002 already defined at s/g.csv:2");
  // An undefined number in an included file is reported there.
  files.files["s/h.csv"] = std::string(kHead) + ",100,hunt,members=2001 2077\n";
  expect_error(with_station(",site,include,h.csv\n"), "s/h.csv", 2, "undefined number 2077");
}

// --------------------------------------------------------------------------------------------
// Hostile input (issue 17): ranges, every error of a file, kinds of party, escaped excerpts,
// confinement to a root

// Every error message of loading `text` as s/test.csv (the load must fail).
std::vector<std::string> all_errors(MemoryFiles& files, const std::string& text, const LoadOptions* options = nullptr) {
  files.files["s/test.csv"] = text;
  try {
    if (options) load_scenario("s/test.csv", files, *options);
    else load_scenario("s/test.csv", files, "profiles");
  } catch (const InputError& e) {
    EXPECT_EQ(e.all.front(), e.what());
    return e.all;
  }
  ADD_FAILURE() << "no error for " << text;
  return {""};
}

TEST_F(LoaderTest, TimesAndTimersAboveTenToTheNineSecondsAreRefused) {
  expect_error(with_station("10000000000000000,2001,offhook,\n"), 3, "is too large (seconds go from 0 to 1000000000)");
  expect_error(with_station("1000000000.5,2001,offhook,\n"), 3, "too large");
  expect_error(with_station(std::string(400, '9') + ",2001,offhook,\n"), 3, "too large");
  expect_error(with_station("1,2001,offhook,\n+999999999.5,2001,onhook,\n"), 4, "too large");
  expect_error(with_station(",site,timer,no-answer=1e16\n"), 3, "not a number");
  expect_error(with_station(",site,timer,settle=10000000000\n"), 3, "timer settle '10000000000' is too large");
  expect_error(with_station(",2001,expect,dialtone\n0..10000000001,2001,expect,dialtone\n"), 4, "too large");
  expect_error(with_station(",100,hunt,members=2001 no-answer=99999999999\n"), 3, "too large");
  expect_error(with_station(",2002,station,answer=auto:99999999999\n"), 3, "bad value");
  expect_error(with_station("-0,2001,offhook,\n"), 3, "is negative");
  // The edge itself is a time.
  Scenario s = load(with_station("1000000000,2001,offhook,\n"));
  EXPECT_EQ(s.steps[0].at, 1e9);
  // A profile's timers are held to the same range.
  files.files["s/big.profile"] = "name = big\ntimer.no-answer = 1e300\n";
  expect_error(with_station(",site,profile,big.profile\n"), "s/big.profile", 2, "needs seconds");
}

TEST_F(LoaderTest, TrunkChannelsHaveARangeAndTheMessageSaysIt) {
  expect_error(with_station(",site,trunk,channels=1000000000\n"), 3, "a whole number from 0 to 1000000");
  expect_error(with_station(",site,trunk,channels=-1\n"), 3, "from 0 to 1000000");
  EXPECT_EQ(load(with_station(",site,trunk,channels=1000000\n")).site.trunk_channels, 1000000);
}

TEST_F(LoaderTest, EveryErrorOfAFileIsReportedNotJustTheFirst) {
  auto errors = all_errors(files, with_station("1,2001,ofhook,\n"
                                               "x,2001,offhook,\n"
                                               ",2002,station,model=nope\n"
                                               "2,2002,call,2001\n"  // 2002's row failed, but defines it: no cascade
                                               "3,2009,onhook,\n"
                                               ",2001,expect-not,ringing from=1 from=2\n"));
  ASSERT_EQ(errors.size(), 5u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0].rfind("s/test.csv:3: unknown action", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind("s/test.csv:4: time 'x'", 0), 0u) << errors[1];
  EXPECT_EQ(errors[2].rfind("s/test.csv:5: bad value 'nope'", 0), 0u) << errors[2];
  EXPECT_EQ(errors[3].rfind("s/test.csv:8: detail from= given twice", 0), 0u) << errors[3];
  EXPECT_EQ(errors[4], "s/test.csv:7: undefined number 2009");
  // The CSV shape errors of several rows.
  errors = all_errors(files, with_station("1,2001\n2,2001,onhook,,\n3,2001,dial,\"1\n"));
  EXPECT_EQ(errors.size(), 3u) << ::testing::PrintToString(errors);
  // A flood stops at a bound.
  std::string flood = with_station("");
  for (int i = 0; i < 500; ++i) flood += "1,2001,fly,\n";
  EXPECT_LE(all_errors(files, flood).size(), 51u);
}

TEST_F(LoaderTest, ExpectNotWithTheSameKeyTwiceIsBadInput) {
  // It can never match, so it would pass for ever.
  expect_error(with_station(",2001,expect-not,ringing from=2002 from=2003\n"), 3, "detail from= given twice");
  expect_error(with_station(",2001,expect,ringing from=2002 from=2002\n"), 3, "given twice");
}

TEST_F(LoaderTest, OptionsNameAPartyOfTheRightKind) {
  const std::string site = std::string(kHead) + ",2002,station,\n,300,hunt,members=2002\n,7000,voicemail,\n"
                           ",5550100,external,\n,0611,mobile,\n";
  auto bad = [&](const std::string& row, const std::string& what) {
    files.files["s/test.csv"] = site + row;
    try {
      load_scenario("s/test.csv", files, "profiles");
      ADD_FAILURE() << row;
    } catch (const InputError& e) {
      EXPECT_EQ(e.line, 7) << e.what();
      EXPECT_NE(e.message.find(what), std::string::npos) << e.what();
    }
  };
  bad(",2001,station,mobile=300\n", "mobile=300 is a hunt group, not a mobile or an external party");
  bad(",2001,station,mobile=2002\n", "is a station");
  bad(",2001,station,home=7000\n", "home=7000 is a voice mail pilot");
  bad(",2001,station,voicemail=300\n", "voicemail=300 is a hunt group, not a voice mail pilot");
  bad(",2001,station,voicemail=2002\n", "not a voice mail pilot");
  bad(",301,hunt,members=7000\n", "members=7000 is a voice mail pilot, not a station");
  bad(",301,hunt,members=300\n", "is a hunt group");
  bad(",301,hunt,members=2002 overflow=301\n", "cannot overflow to itself");
  // The right kinds load; overflow may go to any other party.
  load(site + ",2001,station,mobile=0611 home=5550100 voicemail=7000\n,301,hunt,members=2001 overflow=300\n");
  load(site + ",2001,station,mobile=5550100\n,301,hunt,members=2001 overflow=7000\n");
}

TEST_F(LoaderTest, ScenarioTextHasNoControlCharacters) {
  // They would reach terminals, CI logs and reports (titles, displays, prompts) and be obeyed there.
  for (std::string bad : std::vector<std::string>{"\x1b[2J", "\x07", "\x7f", "\xc2\x9b" "31m", std::string("a\0b", 3), "a\rb"}) {
    expect_error(std::string("# title: ") + bad + "\n" + with_station("1,2001,offhook,\n"), 1,
                 "or a control character");
    files.files["s/p.profile"] = "name = p\ntext.transfer-prompt = " + bad + "\n";
    expect_error(with_station(",site,profile,p.profile\n"), "s/p.profile", 2, "or a control character");
  }
  load(with_station("1,2001,offhook,\n2,2001,\t onhook\t,\n"));  // tabs are blanks
}

TEST_F(LoaderTest, MessagesQuoteAShortEscapedExcerpt) {
  std::string nasty = "\xe2\x80\xae" "evil\\" + std::string(300, 'A');  // a right-to-left override
  auto errors = all_errors(files, with_station("1,2001," + nasty + ",\n"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].find("\xe2\x80\xae"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("'\\u202eevil\\\\AAA"), std::string::npos) << errors[0];
  EXPECT_LT(errors[0].size(), 120u) << errors[0];
  // A profile's own parse errors too.
  files.files["s/p.profile"] = "name = p\n" + std::string(500, 'z') + "\n";
  expect_error(with_station(",site,profile,p.profile\n"), "s/p.profile", 2, "expected 'key = value', got 'zzz");
  errors = all_errors(files, with_station(",site,profile,p.profile\n"));
  EXPECT_LT(errors[0].size(), 140u) << errors[0];
}

TEST_F(LoaderTest, IncludesAndProfilesStayBelowTheRoot) {
  LoadOptions o;
  o.profile_dir = "profiles";
  o.roots = {"s"};
  files.files["s/site.csv"] = std::string(kHead) + ",2002,station,\n";
  files.files["other/secret.csv"] = "root:x:0:0:root:/root:/bin/bash\n";
  files.files["s/mine.profile"] = "name = mine\n";
  files.files["other/their.profile"] = "name = their\n";
  // Inside the root, and the bundled profiles by name: fine.
  files.files["s/test.csv"] = with_station(",site,include,site.csv\n,site,profile,mine.profile\n,site,profile,telecube\n");
  load_scenario("s/test.csv", files, o);
  // Outside: refused at the row that names it, and nothing of the file is shown.
  for (std::string row : {",site,include,../other/secret.csv\n", ",site,include,/etc/passwd\n",
                          ",site,profile,../other/their.profile\n", ",site,include,../s/../other/secret.csv\n"}) {
    auto errors = all_errors(files, with_station(row), &o);
    ASSERT_EQ(errors.size(), 1u) << row << ::testing::PrintToString(errors);
    EXPECT_NE(errors[0].find("s/test.csv:3: "), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("outside the root"), std::string::npos) << errors[0];
    EXPECT_EQ(errors[0].find("root:x"), std::string::npos) << errors[0];
  }
  // Unconfined (tests, fuzzing), the same include reads the file.
  auto errors = all_errors(files, with_station(",site,include,../other/secret.csv\n"));
  EXPECT_NE(errors[0].find("header must be exactly"), std::string::npos) << errors[0];
}

TEST_F(LoaderTest, ADeepOrCyclicIncludeIsOneErrorNotACascade) {
  for (int i = 1; i <= 40; ++i)
    files.files["s/inc" + std::to_string(i) + ".csv"] =
        std::string(kHead) + ",site,include,inc" + std::to_string(i + 1) + ".csv\n";
  files.files["s/inc41.csv"] = std::string(kHead) + ",2001,station,\n";
  auto errors = all_errors(files, std::string(kHead) + ",site,include,inc1.csv\n1,2001,offhook,\n");
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);  // no "undefined number 2001"
  EXPECT_NE(errors[0].find("nested deeper than 32"), std::string::npos) << errors[0];
}

TEST_F(LoaderTest, PathInsideComparesWholeComponents) {
  EXPECT_TRUE(path_inside("a/b/c.csv", "a"));
  EXPECT_TRUE(path_inside("a/./b/../c.csv", "a/"));
  EXPECT_FALSE(path_inside("a/../c.csv", "a"));
  EXPECT_FALSE(path_inside("ab/c.csv", "a"));
  EXPECT_FALSE(path_inside("/etc/passwd", "."));
}

}  // namespace
}  // namespace telsim
