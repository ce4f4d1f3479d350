// The trace CSV writer and the golden-trace comparison (SPEC 1 golden traces, SPEC 2).
#include "reports/trace_csv.h"

#include <gtest/gtest.h>

namespace telsim {
namespace {

TraceEvent event(double time, uint32_t call, std::string party, Ev ev, std::string detail = "") {
  return TraceEvent{time, call, std::move(party), ev, std::move(detail)};
}

TEST(TraceCsv, FormatsTimeWithThreeDecimals) {
  EXPECT_EQ(format_time(0), "0.000");
  EXPECT_EQ(format_time(12.5), "12.500");
  EXPECT_EQ(format_time(3.25), "3.250");
  EXPECT_EQ(format_time(1234.0001), "1234.000");
  EXPECT_EQ(format_time(0.0005), "0.001");  // rounds half away from zero, not by binary accident
  EXPECT_EQ(format_time(2.9999), "3.000");
}

TEST(TraceCsv, LabelsCalls) {
  EXPECT_EQ(call_label(0), "");
  EXPECT_EQ(call_label(3), "c3");
  EXPECT_EQ(call_label(12), "c12");
}

TEST(TraceCsv, WritesHeaderAndRows) {
  std::vector<TraceEvent> trace = {
      event(0, 0, "2001", Ev::offhook),
      event(3, 1, "2001", Ev::ringing, "from=2002"),
      event(13, 1, "2001", Ev::stop_ringing),
  };
  EXPECT_EQ(trace_csv(trace),
            "time,call,party,event,detail\n"
            "0.000,,2001,offhook,\n"
            "3.000,c1,2001,ringing,from=2002\n"
            "13.000,c1,2001,stop-ringing,\n");
}

TEST(TraceCsv, EmptyTraceIsJustTheHeader) {
  EXPECT_EQ(trace_csv({}), "time,call,party,event,detail\n");
}

TEST(TraceCsv, QuotesOnlyFieldsThatNeedIt) {
  std::vector<TraceEvent> trace = {
      event(1, 2, "2001", Ev::display, "HANDOFF IN PROGRESS"),
      event(1, 2, "2001", Ev::display, "Hello, world"),
      event(1, 2, "2001", Ev::prompt, "say \"hi\""),
      event(1, 2, "2001", Ev::display, "two\nlines"),
  };
  EXPECT_EQ(trace_csv(trace),
            "time,call,party,event,detail\n"
            "1.000,c2,2001,display,HANDOFF IN PROGRESS\n"
            "1.000,c2,2001,display,\"Hello, world\"\n"
            "1.000,c2,2001,prompt,\"say \"\"hi\"\"\"\n"
            "1.000,c2,2001,display,\"two\nlines\"\n");
}

TEST(TraceCsv, KeepsUtf8Bytes) {
  std::vector<TraceEvent> trace = {event(0.25, 1, "2001", Ev::prompt, "Transfer połączenia")};
  EXPECT_EQ(trace_csv(trace),
            "time,call,party,event,detail\n0.250,c1,2001,prompt,Transfer połączenia\n");
}

TEST(TraceCsv, SameEventsGiveSameBytes) {
  std::vector<TraceEvent> trace = {event(1, 1, "2001", Ev::ringing, "from=2002")};
  EXPECT_EQ(trace_csv(trace), trace_csv(trace));
}

const std::string kGolden =
    "time,call,party,event,detail\n"
    "3.000,c1,2001,ringing,from=2002\n"
    "3.000,c1,2002,ringback,\n";

TEST(GoldenDifference, EqualTextsAgree) {
  EXPECT_EQ(golden_difference(kGolden, kGolden, "a.trace.csv"), std::nullopt);
}

TEST(GoldenDifference, IgnoresTrailingNewlineAndCrlf) {
  std::string no_final_newline = kGolden.substr(0, kGolden.size() - 1);
  EXPECT_EQ(golden_difference(no_final_newline, kGolden, "a.trace.csv"), std::nullopt);
  EXPECT_EQ(golden_difference(kGolden, kGolden + "\n", "a.trace.csv"), std::nullopt);
  std::string crlf =
      "time,call,party,event,detail\r\n"
      "3.000,c1,2001,ringing,from=2002\r\n"
      "3.000,c1,2002,ringback,\r\n";
  EXPECT_EQ(golden_difference(crlf, kGolden, "a.trace.csv"), std::nullopt);
}

TEST(GoldenDifference, NamesTheFirstDifferentLine) {
  std::string actual =
      "time,call,party,event,detail\n"
      "3.000,c1,2001,ringing,from=2003\n"
      "3.000,c1,2002,ringback,\n";
  EXPECT_EQ(golden_difference(kGolden, actual, "GOLDEN.trace.csv"),
            "GOLDEN.trace.csv:2: expected '3.000,c1,2001,ringing,from=2002', "
            "got '3.000,c1,2001,ringing,from=2003'");
}

TEST(GoldenDifference, ReportsAShortTrace) {
  std::string actual = "time,call,party,event,detail\n3.000,c1,2001,ringing,from=2002\n";
  EXPECT_EQ(golden_difference(kGolden, actual, "g.trace.csv"),
            "g.trace.csv:3: trace ends early, expected '3.000,c1,2002,ringback,'");
}

TEST(GoldenDifference, ReportsExtraRows) {
  std::string actual = kGolden + "20.000,c1,2002,onhook,\n";
  EXPECT_EQ(golden_difference(kGolden, actual, "g.trace.csv"),
            "g.trace.csv:4: trace has extra rows, got '20.000,c1,2002,onhook,'");
}

TEST(GoldenDifference, WrittenTraceMatchesItsOwnGolden) {
  std::vector<TraceEvent> trace = {event(3, 1, "2001", Ev::ringing, "from=2002"),
                                   event(3, 1, "2002", Ev::ringback)};
  EXPECT_EQ(golden_difference(kGolden, trace_csv(trace), "g.trace.csv"), std::nullopt);
}

TEST(ParseTraceCsv, ReadsBackWhatTheWriterWrote) {
  std::vector<TraceEvent> trace = {event(0, 0, "2001", Ev::offhook),
                                   event(1.25, 3, "2001", Ev::display, "Hello, \"world\""),
                                   event(2, 3, "2002", Ev::prompt, "Transfer połączenia")};
  std::vector<TraceEvent> back = parse_trace_csv(trace_csv(trace));
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[1].time, 1.25);
  EXPECT_EQ(back[1].call, 3u);
  EXPECT_EQ(back[1].event, Ev::display);
  EXPECT_EQ(back[1].detail, "Hello, \"world\"");
  EXPECT_EQ(back[2].detail, "Transfer połączenia");
  EXPECT_EQ(trace_csv(back), trace_csv(trace));
}

TEST(ParseTraceCsv, ToleratesCrlfAndAByteOrderMarkAlike) {
  const std::string lf = "time,call,party,event,detail\n3.000,c1,2001,ringing,from=2002\n";
  const std::string crlf = "time,call,party,event,detail\r\n3.000,c1,2001,ringing,from=2002\r\n";
  for (const std::string& text : {lf, crlf, "\xEF\xBB\xBF" + lf, "\xEF\xBB\xBF" + crlf}) {
    std::vector<TraceEvent> back = parse_trace_csv(text);
    ASSERT_EQ(back.size(), 1u) << text;
    EXPECT_EQ(back[0].party, "2001");
    EXPECT_EQ(back[0].detail, "from=2002");  // no stray '\r'
  }
}

TEST(ParseTraceCsv, SkipsRowsOfAnotherShapeAndUnknownEvents) {
  const std::string text =
      "time,call,party,event,detail\n"
      "1.000,c1,2001,offhook\n"              // four fields
      "2.000,c1,2001,no-such-event,\n"
      "3.000,c1,2001,\"unclosed,\n"
      "4.000,c1,2002,ringback,\n";
  std::vector<TraceEvent> back = parse_trace_csv(text);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].event, Ev::ringback);
}

TEST(GoldenDifference, IgnoresAByteOrderMarkLikeCrlf) {
  EXPECT_EQ(golden_difference("\xEF\xBB\xBF" + kGolden, kGolden, "a.trace.csv"), std::nullopt);
  std::string crlf_bom = "\xEF\xBB\xBFtime,call,party,event,detail\r\n3.000,c1,2001,ringing,from=2002\r\n"
                         "3.000,c1,2002,ringback,\r\n";
  EXPECT_EQ(golden_difference(crlf_bom, kGolden, "a.trace.csv"), std::nullopt);
}

TEST(GoldenMarks, NoneWhenEqual) { EXPECT_TRUE(golden_marks(kGolden, kGolden).empty()); }

TEST(GoldenMarks, MarksAChangedRowAtItsPlace) {
  std::string actual = "time,call,party,event,detail\n3.000,c1,2001,ringing,from=2003\n3.000,c1,2002,ringback,\n";
  auto marks = golden_marks(kGolden, actual);
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].kind, GoldenMark::differs);
  EXPECT_EQ(marks[0].actual_row, 0u);
  EXPECT_EQ(marks[0].golden, "3.000,c1,2001,ringing,from=2002");
  EXPECT_EQ(marks[0].golden_line, 2);
}

TEST(GoldenMarks, AnInsertedRowDoesNotShiftTheRest) {
  std::string actual = "time,call,party,event,detail\n3.000,c1,2001,ringing,from=2002\n"
                       "3.000,c1,2001,display,hi\n3.000,c1,2002,ringback,\n";
  auto marks = golden_marks(kGolden, actual);
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].kind, GoldenMark::extra);
  EXPECT_EQ(marks[0].actual_row, 1u);
}

TEST(GoldenMarks, AMissingRowComesBeforeTheNextActualRow) {
  std::string golden = kGolden + "9.000,c1,2002,onhook,\n";
  std::string actual = "time,call,party,event,detail\n3.000,c1,2001,ringing,from=2002\n9.000,c1,2002,onhook,\n";
  auto marks = golden_marks(golden, actual);
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].kind, GoldenMark::missing);
  EXPECT_EQ(marks[0].actual_row, 1u);
  EXPECT_EQ(marks[0].golden, "3.000,c1,2002,ringback,");
  EXPECT_EQ(marks[0].golden_line, 3);
}

}  // namespace
}  // namespace telsim
