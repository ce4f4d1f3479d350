// The rows of a call-flow diagram in the order they are drawn, shared by the Graphviz ladder
// (diagram.cc) and the Mermaid sequence diagram (mermaid.cc): trace events, failed expectations at
// their time, notes for timers that fired and for steps that leave no trace event of their own, and
// golden-trace differences at their rows. Also what both drawings say about parties and calls.
#pragma once
#include <string>
#include <vector>

#include "reports/diagram.h"

namespace telsim {

struct DiagramRow {
  enum Kind { event, failure, timer, step, golden_missing };
  Kind kind = event;
  size_t event_index = 0;                // event: index into DiagramInput::events
  size_t failure_index = 0;              // failure: index into DiagramInput::failed
  const GoldenMark* golden = nullptr;    // event (differs/extra) or golden_missing: the mark
  std::vector<int> nearest_for;          // event: lines of the failed expectations it is nearest to
  std::string party;                     // step: who acted
  std::string text;                      // timer, step: the note's text
  double time = 0;
};

std::vector<DiagramRow> diagram_rows(const DiagramInput& in);

// The parties in order of first appearance (events, steps, failed expectations); no "PBX".
std::vector<std::string> diagram_parties(const DiagramInput& in);

// What a lifeline's head says below the number: "station 8560", "hunt pilot", "" when unknown.
std::string party_kind_text(const DiagramInput& in, const std::string& party);

// Colour of call `call` among `calls` (the scenario's call ids, sorted): distinct for every call
// of one scenario, never red (red marks failures). Call 0 (no call) is grey.
std::string call_colour(uint32_t call, const std::vector<uint32_t>& calls);
std::vector<uint32_t> diagram_calls(const DiagramInput& in);

// "c1: ringing from=2002"; display and prompt texts in quotes.
std::string event_label(const TraceEvent& e);

// "2001 presses special", "2001 registers forward no-answer 7000": a step as a note.
std::string step_text(const DiagramStep& s);

// Where a failed expectation is drawn (seconds).
double failure_time(const FailedExpectation& f, double end);

// Events whose label is drawn in a note: tones, displays and prompts (what a party hears or reads).
bool is_note_event(Ev e);
// What a person does (offhook, onhook, digits) goes party -> PBX; the rest PBX -> party.
bool from_party(Ev e);

}  // namespace telsim
