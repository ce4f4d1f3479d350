// Call-flow ladder diagrams of a scenario run: placed here once (ladder.h), written as SVG directly
// (ladder_svg.cc, no Graphviz graph in memory), as placed DOT text, as PNG through Graphviz (libgvc,
// in-process, from the DOT text), or as a Mermaid sequenceDiagram (mermaid.h) for merge requests.
//
// One lifeline per party in the order the parties first appear, its head saying what the party is
// (station and model, mobile, external, hunt pilot, voice mail), the switch ("PBX") in the middle,
// time flowing down with its virtual time on the left. Every trace event is one row: an arrow
// between the party and the switch (what a person does -- offhook, onhook, digits -- goes
// party->PBX; what the switch does to or tells a party goes PBX->party), labelled with the call
// and the event; displays, prompts and tones get their label in a note. One colour per call id,
// none repeated within a scenario. Steps the trace records nothing of their own for (a key press,
// a forward registration, hold) are grey notes on the party's lifeline. A failed expectation is a
// red row at its time, naming the expected and the actual (nearest) event; the nearest event's own
// label turns red too; golden-trace differences are marked red at their rows. An instant no step
// acted at (a timer expired) starts with a dashed note on the switch naming the timer (inferred
// from what the switch did then; see diagram_rows.cc), and long ladders repeat the lifeline names.
#pragma once
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "models/trace_event.h"
#include "reports/outcome.h"
#include "reports/trace_csv.h"

namespace telsim {

struct Scenario;

// A scenario step as the diagram notes it.
struct DiagramStep {
  double at = 0;
  std::string party, action, argument;
};

struct DiagramInput {
  std::string title;
  std::string path;
  bool passed = true;
  std::vector<TraceEvent> events;
  std::vector<FailedExpectation> failed;    // drawn at their time
  std::vector<std::string> other_failures;  // run failures, golden differences: listed under the title
  std::vector<double> step_times;           // when steps acted; empty: unknown, no timer notes
  // What only the scenario knows (describe_scenario): empty when drawn from an outcome alone.
  std::vector<DiagramStep> steps;                    // steps, in file order
  std::map<std::string, std::string> party_kinds;    // number -> "station 8560", "hunt pilot", ...
  std::map<std::string, double> timers;              // timer name -> seconds, as the run used them
  std::map<std::string, double> hunt_no_answer;      // hunt pilot -> its members' no-answer time
  std::vector<GoldenMark> golden;                    // where the trace departs from its golden trace
};

// What an outcome holds, ready to draw; with the golden trace's differences marked when the
// outcome failed on one (its file is read again to place them).
DiagramInput diagram_input(const ScenarioOutcome& o);

// Adds what the loaded scenario says: its steps, what each party is, its timers.
void describe_scenario(DiagramInput* in, const Scenario& s);

// Both at once: the outcome, and its scenario when given.
DiagramInput diagram_input(const ScenarioOutcome& o, const Scenario* s);

// The ladder as DOT text with every node placed (`pos` in points): Graphviz's "nop" layout
// (`neato -n`) draws it as is.
std::string diagram_dot(const DiagramInput& in);
void write_diagram_dot(std::ostream& out, const DiagramInput& in);

// The ladder as SVG written directly from the same placement (no Graphviz), without an XML prolog;
// every id starts with `id_prefix`.
std::string diagram_svg(const DiagramInput& in, const std::string& id_prefix = "");
// The same written to `out` as it is placed, never held whole (a diagram's SVG is a few KB per step).
void write_diagram_svg(std::ostream& out, const DiagramInput& in, const std::string& id_prefix = "");

// Lays out and renders DOT text in-process; `format` is a Graphviz output format ("svg", "png").
// Throws std::runtime_error when Graphviz cannot.
std::string render_dot(const std::string& dot, const std::string& format);

// The diagram in the format OUT's extension names: .svg, .png, .dot (the DOT text) or .mmd
// (Mermaid). Throws std::runtime_error for another extension or when the file cannot be written.
void write_diagram(const DiagramInput& in, const std::string& out_path);

// The SVG of a diagram without its XML prolog, ready to inline in HTML; every id starts with
// `id_prefix`, so that the diagrams of one page do not share ids.
std::string diagram_svg_inline(const DiagramInput& in, const std::string& id_prefix = "");

}  // namespace telsim
