// Call records (SPEC SC-5), derived from a run's trace the way a PBX writes its CDRs: one row per
// call attempt and per leg the call reached. The rows come from the events every feature already
// writes (a leg starts where a phone rings, a voice mail answers or a station picks a call up),
// so a new feature that rings phones gets its rows without a line here.
#pragma once
#include <string>
#include <vector>

#include "models/trace_event.h"

namespace telsim {

struct CallRecord {
  uint32_t call = 0;        // trace call id (c1 ...): the rows of one call share it
  std::string src, dst;     // the caller, the party this leg reached (or the number dialled)
  double start = 0;         // the leg began (rang, was picked up; an attempt: the digits)
  double answer = -1;       // connected, or -1 when never
  double end = 0;           // the leg ended (released, stopped ringing, hung up)
  long duration = 0;        // whole seconds from start to end, rounded up
  long billsec = 0;         // whole seconds from answer to end, rounded up (0 unanswered)
  std::string disposition;  // answered | no-answer | busy | failed | blocked
  std::string payer;        // who pays: the `billed` party for a leg the PBX placed outside, else src
};

// The records of a trace (in time order: by start, then trace order).
std::vector<CallRecord> call_records(const std::vector<TraceEvent>& trace);

// "call=c1 src=2001 dst=2002 start=0 answer=3 end=10 duration=10 billsec=7 disposition=answered
// payer=2001": the words a `cdr` expectation matches (answer= is empty-less: left out unanswered).
std::string record_detail(const CallRecord& r);

// The CSV a `--cdr` file holds: header call,src,dst,start,answer,end,duration,billsec,disposition,payer.
std::string cdr_csv(const std::vector<CallRecord>& records);

}  // namespace telsim
