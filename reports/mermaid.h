// A call-flow diagram as a Mermaid `sequenceDiagram`: text that GitHub and GitLab draw inline in
// merge requests and issues, where an SVG or DOT file shows as a file. Same rows as the Graphviz
// ladder (diagram_rows.h): a participant per party with what it is, the switch in the middle, an
// arrow per trace event (tones, displays and prompts dotted), the calls on tinted bands of their
// colour, step and timer notes, failures and golden-trace differences in red bands.
#pragma once
#include <string>

#include "reports/diagram.h"

namespace telsim {

std::string diagram_mermaid(const DiagramInput& in);

// Text safe inside a Mermaid message, note or participant alias: Mermaid's entity codes for the
// characters its grammar reads (# ; < > & and quotes), line breaks as <br/>.
std::string mermaid_text(const std::string& s);

}  // namespace telsim
