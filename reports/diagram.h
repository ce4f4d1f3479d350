// Call-flow ladder diagrams of a scenario run, drawn with Graphviz (libgvc, in-process).
//
// One lifeline per party in the order the parties first appear, the switch ("PBX") in the middle,
// time flowing down with its virtual time on the left. Every trace event is one row: an arrow
// between the party and the switch (what a person does -- offhook, onhook, digits -- goes
// party->PBX; what the switch does to or tells a party goes PBX->party), labelled with the call
// and the event; displays, prompts and tones get their label in a note. One colour per call id.
// A failed expectation is a red row at its time, naming the expected and the actual (nearest)
// event; the nearest event's own label turns red too. An instant no step acted at (a timer expired)
// starts with a dashed timer note on the switch, and long ladders repeat the lifeline names.
#pragma once
#include <string>
#include <vector>

#include "models/trace_event.h"
#include "reports/outcome.h"

namespace telsim {

struct DiagramInput {
  std::string title;
  std::string path;
  bool passed = true;
  std::vector<TraceEvent> events;
  std::vector<FailedExpectation> failed;    // drawn at their time
  std::vector<std::string> other_failures;  // run failures, golden differences: listed under the title
  std::vector<double> step_times;           // when steps acted; empty: unknown, no timer notes
};

// What an outcome holds, ready to draw.
DiagramInput diagram_input(const ScenarioOutcome& o);

// The ladder as DOT text with every node placed (`pos` in points): Graphviz's "nop" layout
// (`neato -n`) draws it as is.
std::string diagram_dot(const DiagramInput& in);

// Lays out and renders DOT text in-process; `format` is a Graphviz output format ("svg", "png").
// Throws std::runtime_error when Graphviz cannot.
std::string render_dot(const std::string& dot, const std::string& format);

// The diagram in the format OUT's extension names: .svg, .png or .dot (the DOT text).
// Throws std::runtime_error for another extension or when the file cannot be written.
void write_diagram(const DiagramInput& in, const std::string& out_path);

// The SVG of a diagram without its XML prolog, ready to inline in HTML; every id starts with
// `id_prefix`, so that the diagrams of one page do not share ids.
std::string diagram_svg_inline(const DiagramInput& in, const std::string& id_prefix = "");

}  // namespace telsim
