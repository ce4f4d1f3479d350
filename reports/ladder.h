// The ladder diagram's drawing primitives, placed in points (Graphviz's y axis: up), and the sink
// the placement code (diagram.cc) emits them to, so that one geometry feeds two writers: the DOT
// text (for `neato -n` and PNG through Graphviz) and the direct SVG (ladder_svg.cc), which needs no
// Graphviz graph in memory.
#pragma once
#include <functional>
#include <ostream>
#include <string>

namespace telsim {

// Characters as a reader counts them (UTF-8 continuation bytes do not widen a label): both writers
// size boxes by it.
inline size_t width_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct LadderNode {
  enum Shape { box, plaintext, note, point, circle };
  std::string name;
  Shape shape = box;
  bool filled = false, bold = false, dashed = false, rounded = false, invis = false;
  std::string fill, colour, fontcolour;  // empty: the writer's default (none, black, black)
  double fontsize = 9;
  std::string label;       // lines separated by '\n'
  double width = 0;        // minimum width in points (0: from the text)
  bool fixed_size = false;  // exactly `width` wide and high
  double x = 0, y = 0;     // centre
  double penwidth = 0;     // 0: default
};

struct LadderEdge {
  enum Arrow { head, tail, none };
  std::string from, to;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  std::string colour;
  double penwidth = 0;
  bool dashed = false;
  Arrow arrow = head;
};

class LadderSink {
 public:
  virtual ~LadderSink() = default;
  virtual void node(const LadderNode& n) = 0;
  virtual void edge(const LadderEdge& e) = 0;
};

// Writes the SVG of what `place` emits as Graphviz lays out its elements (graph0, nodeN, edgeN,
// edges before nodes), every id prefixed with `id_prefix`, without an XML prolog. `place` runs three
// times and must emit the same each time: once for the bounds (the <svg> element, first in the file,
// gives the size), once for the edges, once for the nodes; so only one element's text is held at a
// time, never the document.
using LadderPlacement = std::function<void(LadderSink&)>;
void write_ladder_svg(std::ostream& out, const LadderPlacement& place, const std::string& id_prefix = "");
// The same as one string.
std::string ladder_svg(const LadderPlacement& place, const std::string& id_prefix = "");

}  // namespace telsim
