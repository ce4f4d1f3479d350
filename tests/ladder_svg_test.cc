// The direct SVG writer (reports/ladder_svg.cc), read back with libxml2: Graphviz's structure kept
// (graph0, nodeN, edgeN), one text per label line in order, arrowheads at the right end, notes as
// wide as their text, ids prefixed and XML special characters escaped.
#include <sstream>

#include "reports/diagram.h"
#include "reports/ladder.h"
#include "tests/report_fixture.h"

using namespace telsim;
using namespace telsim_test;

namespace {

std::pair<double, double> x_range(const std::string& points) {
  std::istringstream pts(points);
  double lo = 1e9, hi = -1e9;
  for (std::string p; pts >> p;) {
    double x = std::atof(p.c_str());
    lo = std::min(lo, x), hi = std::max(hi, x);
  }
  return {lo, hi};
}

LadderNode node(const std::string& name, const std::string& label, double x, double y) {
  LadderNode n;
  n.name = name, n.label = label, n.x = x, n.y = y;
  return n;
}

}  // namespace

TEST(LadderSvg, MultiLineLabelsGiveOneTextPerLineTopToBottom) {
  LadderNode n = node("head0", "R&D <x>\nsecond \"line\"\nthird", 100, -50);
  n.fontcolour = "#123456";
  XmlDoc doc = parse_xml(ladder_svg([&](LadderSink& svg) { svg.node(n); }, "p-"));
  ASSERT_TRUE(doc.doc) << doc.error;
  EXPECT_EQ(name(doc.root()), "svg");
  auto texts = find_all(doc.root(), [](xmlNode* x) { return name(x) == "text"; });
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(text(texts[0]), "R&D <x>");
  EXPECT_EQ(text(texts[1]), "second \"line\"");
  EXPECT_EQ(text(texts[2]), "third");
  EXPECT_LT(std::atof(attr(texts[0], "y").c_str()), std::atof(attr(texts[1], "y").c_str()));
  EXPECT_LT(std::atof(attr(texts[1], "y").c_str()), std::atof(attr(texts[2], "y").c_str()));
  EXPECT_EQ(attr(texts[0], "fill"), "#123456");
  auto titles = find_all(doc.root(), [](xmlNode* x) { return name(x) == "title"; });
  ASSERT_EQ(titles.size(), 2u);  // the graph's and the node's
  EXPECT_EQ(text(titles[1]), "head0");
}

TEST(LadderSvg, ArrowheadAtTheHeadOrForDirBackAtTheTail) {
  for (LadderEdge::Arrow arrow : {LadderEdge::head, LadderEdge::tail, LadderEdge::none}) {
    LadderEdge e;
    e.from = "a", e.to = "b", e.x1 = 0, e.x2 = 100, e.y1 = e.y2 = -20, e.colour = "red", e.arrow = arrow;
    XmlDoc doc = parse_xml(ladder_svg([&](LadderSink& svg) { svg.edge(e); }));
    ASSERT_TRUE(doc.doc) << doc.error;
    auto edges = find_all(doc.root(), [](xmlNode* x) { return attr(x, "class") == "edge"; });
    ASSERT_EQ(edges.size(), 1u);
    EXPECT_EQ(attr(edges[0], "id"), "edge1");
    auto polys = find_all(edges[0], [](xmlNode* x) { return name(x) == "polygon"; });
    if (arrow == LadderEdge::none) {
      EXPECT_TRUE(polys.empty());
      continue;
    }
    ASSERT_EQ(polys.size(), 1u);
    EXPECT_EQ(attr(polys[0], "fill"), "red");
    auto [lo, hi] = x_range(attr(polys[0], "points"));
    EXPECT_NEAR(hi - lo, 6, 0.01);  // arrowsize 0.6
    if (arrow == LadderEdge::head) EXPECT_NEAR(hi, 100, 0.01);
    else EXPECT_NEAR(lo, 0, 0.01);
  }
}

TEST(LadderSvg, NotesAreAsWideAsTheirTextAndInvisiblePointsDrawNothing) {
  LadderNode n = node("l0", "a rather long note text of forty chars.", 0, 0);
  n.shape = LadderNode::note;
  n.filled = true;
  n.fill = "#fff8c4";
  LadderNode p = node("a0", "", 10, 10);
  p.shape = LadderNode::point;
  p.invis = true;
  XmlDoc doc = parse_xml(ladder_svg([&](LadderSink& svg) {
    svg.node(n);
    svg.node(p);
  }));
  ASSERT_TRUE(doc.doc) << doc.error;
  auto nodes = find_all(doc.root(), [](xmlNode* x) { return attr(x, "class") == "node"; });
  ASSERT_EQ(nodes.size(), 1u);
  auto polys = find_all(nodes[0], [](xmlNode* x) { return name(x) == "polygon"; });
  ASSERT_FALSE(polys.empty());
  EXPECT_EQ(attr(polys[0], "fill"), "#fff8c4");
  auto [lo, hi] = x_range(attr(polys[0], "points"));
  EXPECT_GE(hi - lo, 5.6 * 39);
}

TEST(LadderSvg, DiagramIdsArePrefixedAndTheDotStillRendersWithGraphviz) {
  DiagramInput in;
  in.title = "R&D <x>";
  in.path = "x.csv";
  in.events.push_back({0, 1, "2001", Ev::offhook, ""});
  in.events.push_back({0.5, 1, "2001", Ev::dialtone, ""});
  std::string svg = diagram_svg_inline(in, "s7-");
  XmlDoc doc = parse_xml(svg);
  ASSERT_TRUE(doc.doc) << doc.error;
  size_t ids = 0;
  for (xmlNode* n : find_all(doc.root(), [](xmlNode* x) { return has_attr(x, "id"); })) {
    EXPECT_EQ(attr(n, "id").rfind("s7-", 0), 0u) << attr(n, "id");
    ++ids;
  }
  EXPECT_GT(ids, 5u);
  EXPECT_NE(svg.find(" id=\"s7-graph0\""), std::string::npos);
  bool title = false;
  for (xmlNode* n : find_all(doc.root(), [](xmlNode* x) { return name(x) == "text"; })) title |= text(n) == "R&D <x>";
  EXPECT_TRUE(title);
  // The same ladder's DOT text is still Graphviz's to draw (PNG, `neato -n`).
  XmlDoc gv = parse_xml(render_dot(diagram_dot(in), "svg"));
  ASSERT_TRUE(gv.doc) << gv.error;
  EXPECT_EQ(name(gv.root()), "svg");
}

// The document is never held: the bounds pass comes first (the <svg> element gives the size), then
// the edges go out, then the nodes; by the time the nodes are placed the edges are in the stream.
TEST(LadderSvg, EdgesReachTheStreamBeforeTheNodesArePlaced) {
  std::ostringstream out;
  int passes = 0;
  std::string before_nodes;
  auto place = [&](LadderSink& s) {
    if (++passes == 3) before_nodes = out.str();
    LadderNode a = node("a", "left", 0, 0), b = node("b", "right", 200, -40);
    s.node(a);
    s.node(b);
    LadderEdge e;
    e.from = "a", e.to = "b", e.x1 = 0, e.y1 = 0, e.x2 = 200, e.y2 = -40;
    s.edge(e);
  };
  write_ladder_svg(out, place, "q-");
  EXPECT_EQ(passes, 3);
  EXPECT_EQ(before_nodes.find("<svg width="), 0u);
  EXPECT_NE(before_nodes.find("id=\"q-edge1\""), std::string::npos);
  EXPECT_EQ(before_nodes.find("class=\"node\""), std::string::npos);
  // The same bytes as one string, and the viewBox holds both boxes (the bounds pass saw them).
  EXPECT_EQ(out.str(), ladder_svg(place, "q-"));
  XmlDoc doc = parse_xml(out.str());
  ASSERT_TRUE(doc.doc) << doc.error;
  EXPECT_GE(std::atof(attr(doc.root(), "width").c_str()), 200);
  EXPECT_EQ(find_all(doc.root(), [](xmlNode* x) { return attr(x, "class") == "node"; }).size(), 2u);
}

// Ids number every element of every pass alike: a placement that emits otherwise on a later pass
// would misnumber them, and is refused rather than drawn wrong.
TEST(LadderSvg, APlacementThatChangesBetweenPassesIsRefused) {
  int passes = 0;
  auto place = [&](LadderSink& s) {
    s.node(node("a", "x", 0, 0));
    if (++passes > 1) s.node(node("b", "y", 0, 0));
  };
  std::ostringstream out;
  EXPECT_THROW(write_ladder_svg(out, place), std::logic_error);
}
