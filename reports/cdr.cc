#include "reports/cdr.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace telsim {

namespace {

std::string value_of(const std::string& detail, const std::string& key) {
  std::istringstream in(detail);
  for (std::string w; in >> w;)
    if (w.compare(0, key.size() + 1, key + "=") == 0) return w.substr(key.size() + 1);
  return "";
}

long whole_seconds(double s) { return s <= 0 ? 0 : static_cast<long>(std::ceil(s - 1e-9)); }

std::string time_text(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// A leg being followed: the row it will become and where its end is looked for.
struct Open {
  size_t row;
  bool ended = false;
};

}  // namespace

std::vector<CallRecord> call_records(const std::vector<TraceEvent>& trace) {
  std::vector<CallRecord> rows;
  std::map<std::pair<uint32_t, std::string>, Open> open;  // (call, party) -> its open leg
  struct Attempt {
    std::string caller, digits;
    double at = 0;
    bool reached = false;  // some leg of it rang (its rows say the rest)
    std::string outcome;   // busy | failed | blocked, from the caller's tone
    double end = 0;
  };
  std::map<uint32_t, Attempt> attempts;
  std::map<uint32_t, double> last_time;

  auto start_leg = [&](const TraceEvent& e, const std::string& src) {
    auto key = std::make_pair(e.call, e.party);
    auto it = open.find(key);
    if (it != open.end() && !it->second.ended) return;  // rings again on the same leg
    CallRecord r;
    r.call = e.call;
    r.src = src;
    r.dst = e.party;
    r.start = e.time;
    r.end = e.time;
    r.payer = src;
    rows.push_back(r);
    open[key] = Open{rows.size() - 1};
    attempts[e.call].reached = true;
  };
  auto leg = [&](const TraceEvent& e) -> CallRecord* {
    auto it = open.find({e.call, e.party});
    if (it == open.end() || it->second.ended) return nullptr;
    return &rows[it->second.row];
  };
  auto end_leg = [&](const TraceEvent& e) {
    auto it = open.find({e.call, e.party});
    if (it == open.end() || it->second.ended) return;
    rows[it->second.row].end = e.time;
    it->second.ended = true;
  };

  for (const TraceEvent& e : trace) {
    if (e.call == 0) continue;
    last_time[e.call] = e.time;
    switch (e.event) {
      case Ev::digits: {
        Attempt& a = attempts[e.call];
        if (a.caller.empty()) {
          a.caller = e.party;
          a.digits = value_of(e.detail, "digits");
          a.at = e.time;
        }
        break;
      }
      case Ev::ringing: start_leg(e, value_of(e.detail, "from")); break;
      case Ev::voicemail: start_leg(e, value_of(e.detail, "from")); break;
      case Ev::pickup: {
        // from= names the phone that rang; the record's src is the call's caller.
        const std::string& caller = attempts[e.call].caller;
        start_leg(e, caller.empty() ? value_of(e.detail, "from") : caller);
        break;
      }
      case Ev::connected:
        if (CallRecord* r = leg(e)) {
          if (r->answer < 0) r->answer = e.time;
        } else if (!attempts[e.call].caller.empty() && attempts[e.call].caller != e.party) {
          // Connected where nothing rang (an automatic answer at the switch): a leg of its own.
          start_leg(e, attempts[e.call].caller);
          leg(e)->answer = e.time;
        }
        break;
      case Ev::released:
      case Ev::stop_ringing:
      case Ev::onhook:
        end_leg(e);
        if (attempts[e.call].caller == e.party && attempts[e.call].end == 0) attempts[e.call].end = e.time;
        break;
      case Ev::busy:
      case Ev::reorder:
      case Ev::blocked: {
        Attempt& a = attempts[e.call];
        if (a.caller == e.party && a.outcome.empty())
          a.outcome = e.event == Ev::busy ? "busy" : e.event == Ev::reorder ? "failed" : "blocked";
        break;
      }
      case Ev::forwarded:
        // A hop the call reached without ringing (forward all, or forward on busy): a row of its
        // own, no time at the station, `busy` when the station was busy, else `no-answer`. A hop
        // from a ringing phone (forward no answer) is that phone's row, which stop-ringing ends.
        if (!leg(e)) {
          const std::string& caller = attempts[e.call].caller;
          start_leg(e, caller);
          std::string type = value_of(e.detail, "type");
          leg(e)->disposition = type == "busy" || type == "busy-no-answer" ? "busy" : "no-answer";
          end_leg(e);
        }
        break;
      case Ev::conference:
        // A party bridged into a conference from a call of its own (the consultation): that leg
        // ends here and a leg of the conference's call starts, answered at once. Members that
        // were in the call already (its caller, the party it reached) keep their rows.
        if (!leg(e) && attempts[e.call].caller != e.party) {
          for (auto& [key, o] : open)
            if (key.second == e.party && key.first != e.call && !o.ended && rows[o.row].answer >= 0) {
              rows[o.row].end = e.time;
              o.ended = true;
            }
          start_leg(e, attempts[e.call].caller);
          leg(e)->answer = e.time;
        }
        break;
      case Ev::billed: {
        // The payer's share of a leg the PBX placed outside: the row of that leg says who pays.
        std::string to = value_of(e.detail, "to");
        for (size_t i = rows.size(); i-- > 0;)
          if (rows[i].call == e.call && rows[i].dst == to && rows[i].answer >= 0) {
            rows[i].payer = e.party;
            break;
          }
        break;
      }
      default: break;
    }
  }
  // An attempt that reached no leg is a row of its own: the number dialled, and the caller's tone.
  for (const auto& [call, a] : attempts) {
    if (a.reached || a.caller.empty()) continue;
    CallRecord r;
    r.call = call;
    r.src = a.caller;
    r.dst = a.digits;
    r.start = a.at;
    r.end = a.end > 0 ? a.end : last_time[call];
    r.disposition = a.outcome.empty() ? "failed" : a.outcome;
    r.payer = a.caller;
    rows.push_back(r);
  }
  for (auto& [key, o] : open)
    if (!o.ended) rows[o.row].end = last_time[key.first];
  for (CallRecord& r : rows) {
    r.duration = whole_seconds(r.end - r.start);
    if (r.disposition.empty()) r.disposition = r.answer >= 0 ? "answered" : "no-answer";
    r.billsec = r.answer >= 0 ? whole_seconds(r.end - r.answer) : 0;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const CallRecord& a, const CallRecord& b) { return a.start < b.start; });
  return rows;
}

std::string record_detail(const CallRecord& r) {
  std::string s = "call=c" + std::to_string(r.call) + " src=" + r.src + " dst=" + r.dst + " start=" + time_text(r.start);
  if (r.answer >= 0) s += " answer=" + time_text(r.answer);
  s += " end=" + time_text(r.end) + " duration=" + std::to_string(r.duration) + " billsec=" + std::to_string(r.billsec) +
       " disposition=" + r.disposition + " payer=" + r.payer;
  return s;
}

std::string cdr_csv(const std::vector<CallRecord>& records) {
  std::string out = "call,src,dst,start,answer,end,duration,billsec,disposition,payer\n";
  for (const CallRecord& r : records)
    out += "c" + std::to_string(r.call) + "," + r.src + "," + r.dst + "," + time_text(r.start) + "," +
           (r.answer >= 0 ? time_text(r.answer) : "") + "," + time_text(r.end) + "," + std::to_string(r.duration) +
           "," + std::to_string(r.billsec) + "," + r.disposition + "," + r.payer + "\n";
  return out;
}

}  // namespace telsim
