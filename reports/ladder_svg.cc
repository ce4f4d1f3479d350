// The ladder diagram written straight to SVG from its placed nodes and edges, with Graphviz's
// structure and conventions (so its readers and tests keep working) but without a Graphviz graph:
// memory is one element's text, the document going straight to its stream (write_ladder_svg). Text
// widths are estimated from character counts.
#include "reports/ladder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "reports/xml_text.h"

namespace telsim {

namespace {

constexpr double kPad = 0.3 * 72;
constexpr double kCharEm = 5.6 / 9;  // a character's width per point of font size, as diagram.cc
constexpr double kMarginX = 0.02 * 72 * 2, kMarginY = 0.01 * 72 * 2;

std::string n2(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  std::string s = b;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

// SVG y from a Graphviz y.
std::string sy(double y) { return n2(-y); }

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) return out;
    start = nl + 1;
  }
}

std::string stroke_attrs(const LadderNode& n, const std::string& colour) {
  std::string s = " stroke=\"" + xml_escape(colour, true) + "\"";
  double pw = n.penwidth > 0 ? n.penwidth : (n.bold ? 2 : 0);
  if (pw > 0) s += " stroke-width=\"" + n2(pw) + "\"";
  if (n.dashed) s += " stroke-dasharray=\"5,2\"";
  return s;
}

std::string points(const std::vector<std::pair<double, double>>& p) {
  std::string s;
  for (const auto& [x, y] : p) s += (s.empty() ? "" : " ") + n2(x) + "," + sy(y);
  return s;
}

// The size of a node's shape, as its label's lines need it.
struct NodeBox {
  std::vector<std::string> lines;
  double line_h = 0, w = 0, h = 0;
};

NodeBox node_box(const LadderNode& n) {
  NodeBox b;
  b.lines = lines_of(n.label);
  size_t widest = 0;
  for (const std::string& l : b.lines) widest = std::max(widest, width_chars(l));
  b.line_h = n.fontsize * 1.2;
  b.w = std::max(n.width, kCharEm * n.fontsize * static_cast<double>(widest) + kMarginX + 8);
  b.h = b.line_h * static_cast<double>(b.lines.size()) + kMarginY;
  if (n.shape == LadderNode::point) b.w = b.h = std::max(n.width, 3.6);
  if (n.fixed_size) b.w = b.h = n.width;
  return b;
}

// One pass over the placement: the bounds only, or the text of the edges, or of the nodes. Every
// pass counts both, so ids are the same whichever writes them. Text goes out in chunks.
class SvgPass : public LadderSink {
 public:
  enum Phase { bounds, edges, nodes };
  SvgPass(Phase phase, std::ostream* out, const std::string& prefix) : phase_(phase), out_(out), prefix_(prefix) {}
  void node(const LadderNode& n) override;
  void edge(const LadderEdge& e) override;
  void flush() {
    if (out_) out_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  size_t node_count_ = 0, edge_count_ = 0;
  double min_x_ = 1e300, min_y_ = 1e300, max_x_ = -1e300, max_y_ = -1e300;

 private:
  void extend(double x0, double y0, double x1, double y1) {
    min_x_ = std::min(min_x_, x0), max_x_ = std::max(max_x_, x1);
    min_y_ = std::min(min_y_, y0), max_y_ = std::max(max_y_, y1);
  }
  void spill() {
    if (buf_.size() >= 64 * 1024) flush();
  }
  Phase phase_;
  std::ostream* out_;
  const std::string& prefix_;
  std::string buf_;
};

void SvgPass::node(const LadderNode& n) {
  ++node_count_;
  if (n.invis || phase_ == edges) return;
  const NodeBox box = node_box(n);
  const double w = box.w, h = box.h, line_h = box.line_h;
  const std::vector<std::string>& lines = box.lines;
  const double x0 = n.x - w / 2, x1 = n.x + w / 2, y0 = n.y - h / 2, y1 = n.y + h / 2;
  if (phase_ == bounds) {
    extend(x0, y0, x1, y1);
    return;
  }
  std::string& o = buf_;
  o += "<g id=\"" + prefix_ + "node" + std::to_string(node_count_) + "\" class=\"node\">\n<title>" +
       xml_escape(n.name) + "</title>\n";
  const std::string colour = n.colour.empty() ? "black" : n.colour;
  const std::string fill = n.filled ? (n.fill.empty() ? "lightgrey" : n.fill) : "none";
  const std::string paint = " fill=\"" + xml_escape(fill, true) + "\"" + stroke_attrs(n, colour);
  if (n.shape == LadderNode::box && n.rounded) {
    double r = std::min(4.0, std::min(w, h) / 4);
    o += "<path" + paint + " d=\"M" + n2(x0 + r) + "," + sy(y1) + "L" + n2(x1 - r) + "," + sy(y1) + "Q" + n2(x1) +
         "," + sy(y1) + " " + n2(x1) + "," + sy(y1 - r) + "L" + n2(x1) + "," + sy(y0 + r) + "Q" + n2(x1) + "," +
         sy(y0) + " " + n2(x1 - r) + "," + sy(y0) + "L" + n2(x0 + r) + "," + sy(y0) + "Q" + n2(x0) + "," + sy(y0) +
         " " + n2(x0) + "," + sy(y0 + r) + "L" + n2(x0) + "," + sy(y1 - r) + "Q" + n2(x0) + "," + sy(y1) + " " +
         n2(x0 + r) + "," + sy(y1) + "Z\"/>\n";
  } else if (n.shape == LadderNode::box) {
    o += "<polygon" + paint + " points=\"" + points({{x1, y1}, {x0, y1}, {x0, y0}, {x1, y0}, {x1, y1}}) + "\"/>\n";
  } else if (n.shape == LadderNode::note) {
    const double c = std::min(6.0, h / 2);  // the folded corner, top right
    o += "<polygon" + paint + " points=\"" +
         points({{x1 - c, y1}, {x0, y1}, {x0, y0}, {x1, y0}, {x1, y1 - c}, {x1 - c, y1}}) + "\"/>\n";
    o += "<polyline fill=\"none\"" + stroke_attrs(n, colour) + " points=\"" +
         points({{x1 - c, y1}, {x1 - c, y1 - c}}) + " \"/>\n";
    o += "<polyline fill=\"none\"" + stroke_attrs(n, colour) + " points=\"" +
         points({{x1, y1 - c}, {x1 - c, y1 - c}}) + " \"/>\n";
  } else if (n.shape == LadderNode::circle || n.shape == LadderNode::point) {
    o += "<ellipse" + paint + " cx=\"" + n2(n.x) + "\" cy=\"" + sy(n.y) + "\" rx=\"" + n2(w / 2) + "\" ry=\"" +
         n2(h / 2) + "\"/>\n";
  }
  if (n.shape != LadderNode::point) {
    const std::string font = n.fontcolour.empty() ? "black" : n.fontcolour;
    // Baselines: the lines centred on the node, each a little below its line box's middle.
    double first = n.y + line_h * static_cast<double>(lines.size()) / 2 - line_h / 2 - n.fontsize * 0.3;
    for (size_t i = 0; i < lines.size(); ++i)
      o += "<text text-anchor=\"middle\" x=\"" + n2(n.x) + "\" y=\"" + sy(first - line_h * static_cast<double>(i)) +
           "\" font-family=\"Helvetica,sans-Serif\" font-size=\"" + n2(n.fontsize) + "\" fill=\"" +
           xml_escape(font, true) + "\">" + xml_escape(lines[i]) + "</text>\n";
  }
  o += "</g>\n";
  spill();
}

void SvgPass::edge(const LadderEdge& e) {
  ++edge_count_;
  if (phase_ == bounds) {
    extend(std::min(e.x1, e.x2), std::min(e.y1, e.y2), std::max(e.x1, e.x2), std::max(e.y1, e.y2));
    return;
  }
  if (phase_ == nodes) return;
  const std::string colour = xml_escape(e.colour.empty() ? "black" : e.colour, true);
  const std::string width = e.penwidth > 0 ? " stroke-width=\"" + n2(e.penwidth) + "\"" : "";
  double ax = e.x1, ay = e.y1, bx = e.x2, by = e.y2;
  // The arrowhead (arrowsize 0.6: 6 pt long, 4.2 pt wide) ends at its node; the line stops at its base.
  const double len = 6, half = 2.1;
  double dx = bx - ax, dy = by - ay, d = std::sqrt(dx * dx + dy * dy);
  std::string head;
  if (e.arrow != LadderEdge::none && d > len) {
    double ux = dx / d, uy = dy / d;
    double tx = bx, ty = by;
    if (e.arrow == LadderEdge::tail) tx = ax, ty = ay, ux = -ux, uy = -uy;
    double base_x = tx - ux * len, base_y = ty - uy * len;
    head = "<polygon fill=\"" + colour + "\" stroke=\"" + colour + "\"" + width + " points=\"" +
           points({{base_x - uy * half, base_y + ux * half}, {tx, ty}, {base_x + uy * half, base_y - ux * half},
                   {base_x - uy * half, base_y + ux * half}}) +
           "\"/>\n";
    if (e.arrow == LadderEdge::tail) ax = base_x, ay = base_y;
    else bx = base_x, by = base_y;
  }
  buf_ += "<g id=\"" + prefix_ + "edge" + std::to_string(edge_count_) + "\" class=\"edge\">\n<title>" +
            xml_escape(e.from + "->" + e.to) + "</title>\n<path fill=\"none\" stroke=\"" + colour + "\"" + width +
            (e.dashed ? " stroke-dasharray=\"5,2\"" : "") + " d=\"M" + n2(ax) + "," + sy(ay) + "L" + n2(bx) + "," +
            sy(by) + "\"/>\n" + head + "</g>\n";
  spill();
}

}  // namespace

void write_ladder_svg(std::ostream& out, const LadderPlacement& place, const std::string& id_prefix) {
  SvgPass b(SvgPass::bounds, nullptr, id_prefix);
  place(b);
  double min_x = b.min_x_, min_y = b.min_y_, max_x = b.max_x_, max_y = b.max_y_;
  if (min_x > max_x) min_x = max_x = min_y = max_y = 0;
  const double w = max_x - min_x + 2 * kPad, h = max_y - min_y + 2 * kPad;
  std::string head = "<svg width=\"" + n2(w) + "pt\" height=\"" + n2(h) + "pt\" viewBox=\"0.00 0.00 " + n2(w) + " " +
                     n2(h) + "\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n";
  // Graphviz's convention: coordinates are written with y negated; the transform brings them in.
  head += "<g id=\"" + id_prefix + "graph0\" class=\"graph\" transform=\"scale(1 1) rotate(0) translate(" +
          n2(kPad - min_x) + " " + n2(kPad + max_y) + ")\">\n<title>ladder</title>\n";
  head += "<polygon fill=\"white\" stroke=\"transparent\" points=\"" +
          points({{min_x - kPad, min_y - kPad}, {min_x - kPad, max_y + kPad}, {max_x + kPad, max_y + kPad},
                  {max_x + kPad, min_y - kPad}, {min_x - kPad, min_y - kPad}}) +
          "\"/>\n";
  out << head;
  for (SvgPass::Phase phase : {SvgPass::edges, SvgPass::nodes}) {
    SvgPass p(phase, &out, id_prefix);
    place(p);
    p.flush();
    // A placement that emitted otherwise than in the bounds pass would misnumber ids.
    if (p.node_count_ != b.node_count_ || p.edge_count_ != b.edge_count_)
      throw std::logic_error("ladder: the placement emitted differently on its passes");
  }
  out << "</g>\n</svg>\n";
}

std::string ladder_svg(const LadderPlacement& place, const std::string& id_prefix) {
  std::ostringstream out;
  write_ladder_svg(out, place, id_prefix);
  return std::move(out).str();
}

}  // namespace telsim
