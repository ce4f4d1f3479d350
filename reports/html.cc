#include "reports/html.h"

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string_view>

#include "reports/diagram.h"
#include "reports/junit.h"
#include "reports/trace_csv.h"
#include "reports/xml_text.h"

namespace telsim {

namespace {

const char* kStyle = R"(
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { margin-bottom: 0.2em; }
#meta { color: #555; font-size: 0.9em; margin: 0.2em 0; }
#meta code { background: #f4f4f4; padding: 0 0.3em; }
#summary { font-size: 1.2em; margin: 0.5em 0 1em; }
#summary .count { display: inline-block; padding: 0.2em 0.7em; margin-right: 0.5em; border-radius: 4px; background: #eee; }
#summary .failed { background: #c62828; color: white; }
#summary .passed { background: #2e7d32; color: white; }
#summary .errors { background: #6a1b9a; color: white; }
#filter { font-size: 1em; padding: 0.3em; width: 28em; margin-bottom: 0.6em; }
#index h3 { margin: 0.6em 0 0.2em; font-size: 1em; }
#index ul { list-style: none; padding-left: 0.5em; margin: 0; }
#index li { margin: 0.1em 0; }
#index .title { color: #444; }
.verdict { font-weight: bold; padding: 0 0.4em; color: white; border-radius: 3px; }
.verdict.PASS { background: #2e7d32; }
.verdict.FAIL { background: #c62828; }
.verdict.ERROR { background: #6a1b9a; }
table.coverage { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0 1em; }
table.coverage th, table.coverage td { border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
table.coverage td.PASS { color: #2e7d32; font-weight: bold; }
table.coverage td.FAIL { color: #c62828; font-weight: bold; }
section.scenario { border: 1px solid #ccc; border-left: 6px solid #2e7d32; margin: 1em 0; padding: 0.5em 1em; }
section.scenario.failed { border-left-color: #c62828; }
section.scenario.error { border-left-color: #6a1b9a; }
.path, .rules, .tags { color: #555; margin: 0.2em 0; }
.failure { background: #ffebee; border: 1px solid #e57373; padding: 0.3em 0.6em; margin: 0.4em 0; }
.failure p { margin: 0.15em 0; }
.failure .label { font-weight: bold; }
code { font-family: monospace; }
table.trace { border-collapse: collapse; font-family: monospace; font-size: 0.85em; }
table.trace th, table.trace td { border: 1px solid #ddd; padding: 1px 6px; text-align: left; }
table.trace tr.nearest td { background: #ffcdd2; font-weight: bold; }
.diagram .zoom { overflow: auto; }
.diagram svg { max-width: 100%; height: auto; cursor: zoom-in; }
.diagram .zoom.full svg { max-width: none; cursor: zoom-out; }
.hidden { display: none; }
)";

// The filter box hides list entries and scenario sections whose text lacks every word typed;
// a click on a diagram switches it between page width and full size. Plain DOM, no library.
const char* kScript = R"(
(function () {
  var box = document.getElementById('filter');
  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length; });
    var items = document.querySelectorAll('[data-filter]');
    for (var i = 0; i < items.length; i++) {
      var text = items[i].getAttribute('data-filter').toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
      items[i].classList.toggle('hidden', !keep);
    }
  }
  if (box) box.addEventListener('input', apply);
  var zooms = document.querySelectorAll('.diagram .zoom');
  for (var j = 0; j < zooms.length; j++)
    zooms[j].addEventListener('click', function () { this.classList.toggle('full'); });
})();
)";

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// A small builder over libxml2: every text goes in as a text node, every value as an attribute,
// and the serialiser escapes them; scenario-controlled bytes are made valid UTF-8 first.
struct Node {
  xmlNode* n;
  Node add(const char* element, const std::string& cls = "") const {
    Node c{xmlNewChild(n, nullptr, X(element), nullptr)};
    if (!cls.empty()) c.set("class", cls);
    return c;
  }
  const Node& set(const char* attribute, const std::string& value) const {
    xmlSetProp(n, X(attribute), X(xml_clean(value).c_str()));
    return *this;
  }
  const Node& text(const std::string& t) const {
    xmlAddChild(n, xmlNewDocText(n->doc, X(xml_clean(t).c_str())));
    return *this;
  }
  Node add_text(const char* element, const std::string& t, const std::string& cls = "") const {
    Node c = add(element, cls);
    c.text(t);
    return c;
  }
};

std::string seconds_text(double s, const char* format = "%.2f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, s);
  return buf;
}

long long ms(double t) { return static_cast<long long>(t * 1000.0 + (t >= 0 ? 0.5 : -0.5)); }

bool same_event(const TraceEvent& a, const TraceEvent& b) {
  return ms(a.time) == ms(b.time) && a.call == b.call && a.party == b.party && a.event == b.event &&
         a.detail == b.detail;
}

// A scenario that could not be judged (bad input, a crash, a timeout, a broken invariant) is an
// ERROR, as in JUnit: the suite's verdict on it says nothing about the features.
bool is_error(const ScenarioOutcome& o) { return !o.passed && !o.error_kind.empty(); }
const char* verdict_of(const ScenarioOutcome& o) { return o.passed ? "PASS" : is_error(o) ? "ERROR" : "FAIL"; }
const char* state_class(const ScenarioOutcome& o) { return o.passed ? "passed" : is_error(o) ? "error" : "failed"; }

// The bulk of a page, each diagram's SVG and each trace's rows, is written as markup text while the
// serialised tree is copied to the output, one fragment at a time: in the tree they cost about 100
// KB per step, and held as strings a few KB per step. The tree holds a comment standing for each,
// `<!--"'&...`, which no scenario text can spell in the page: the serialiser escapes `<` in text, and
// quotes an attribute holding both `"` and `'` with `"`, escaping it (one quote alone it quotes with
// the other).
std::string fragment_mark(size_t i) { return "\"'&telsim-fragment-" + std::to_string(i); }

// What a mark stands for, made only when the page reaches it.
struct Fragment {
  enum Kind { diagram, trace } kind;
  size_t outcome;  // index into the outcomes
};

void add_fragment(const Node& parent, Fragment f, std::vector<Fragment>* fragments) {
  xmlAddChild(parent.n, xmlNewDocComment(parent.n->doc, X(fragment_mark(fragments->size()).c_str())));
  fragments->push_back(f);
}

// A trace as its summary line and table, every text escaped (as the serialiser would write these
// elements); the rows the failed expectations name as nearest are marked. Written in chunks.
void write_trace(std::ostream& out, const ScenarioOutcome& o) {
  const std::vector<TraceEvent> events = parse_trace_csv(o.trace_csv);
  std::string rows = "<summary>Trace (" + std::to_string(events.size()) + " events)</summary><table class=\"trace\">"
                     "<thead><tr><th>time</th><th>call</th><th>party</th><th>event</th><th>detail</th></tr></thead><tbody>";
  auto cell = [&](const std::string& t) { rows += "<td>" + xml_escape(t) + "</td>"; };
  for (const TraceEvent& e : events) {
    bool nearest = std::any_of(o.failed_expectations.begin(), o.failed_expectations.end(),
                               [&](const FailedExpectation& x) { return x.has_nearest && same_event(x.nearest, e); });
    rows += nearest ? "<tr class=\"nearest\">" : "<tr>";
    cell(format_time(e.time));
    cell(call_label(e.call));
    cell(e.party);
    cell(std::string(ev_name(e.event)));
    cell(e.detail);
    rows += "</tr>";
    if (rows.size() >= 64 * 1024) {
      out << rows;
      rows.clear();
    }
  }
  out << rows << "</tbody></table>";
}

// A scenario's diagram in its zoom box, or why there is none. Its input is made here and dropped
// when written, so the page holds one scenario's events at a time.
void write_diagram_fragment(std::ostream& out, const ScenarioOutcome& o, size_t index, const HtmlOptions& opt) {
  DiagramInput in;
  try {
    auto s = opt.scenarios.find(o.path);
    in = diagram_input(o, s == opt.scenarios.end() ? nullptr : s->second);
  } catch (const std::exception& e) {
    out << "<p class=\"no-diagram\">" << xml_escape(std::string("No diagram: ") + e.what()) << "</p>";
    return;
  }
  out << "<div class=\"zoom\">";
  write_diagram_svg(out, in, "s" + std::to_string(index) + "-");
  out << "</div>";
}

void write_fragment(std::ostream& out, const Fragment& f, const std::vector<ScenarioOutcome>& outcomes,
                    const HtmlOptions& opt) {
  const ScenarioOutcome& o = outcomes[f.outcome];
  if (f.kind == Fragment::diagram) write_diagram_fragment(out, o, f.outcome, opt);
  else write_trace(out, o);
}

// The serialised page to `out`, each mark replaced by its fragment, in one pass.
void write_spliced(std::ostream& out, const char* page, size_t size, const std::vector<Fragment>& fragments,
                   const std::vector<ScenarioOutcome>& outcomes, const HtmlOptions& opt) {
  const std::string_view text(page, size);
  size_t at = 0;
  for (size_t i = 0; i < fragments.size(); ++i) {
    const std::string mark = "<!--" + fragment_mark(i) + "-->";
    size_t found = text.find(mark, at);
    if (found == std::string::npos) break;  // cannot happen: every mark is in the tree, in order
    out << text.substr(at, found - at);
    write_fragment(out, fragments[i], outcomes, opt);
    at = found + mark.size();
  }
  out << text.substr(at);
}

std::string filter_text(const ScenarioOutcome& o) {
  std::string t = std::string(verdict_of(o)) + " " + o.path + " " + o.title;
  for (const std::string& r : o.rules) t += " " + r;
  for (const std::string& g : o.tags) t += " " + g;
  return t;
}

void scenario_section(const Node& body, const ScenarioOutcome& o, size_t index, const HtmlOptions& opt,
                      std::vector<Fragment>* fragments) {
  const char* verdict = verdict_of(o);
  Node sec = body.add("section", std::string("scenario ") + state_class(o));
  sec.set("id", "scenario-" + std::to_string(index)).set("data-path", o.path).set("data-filter", filter_text(o));
  Node h2 = sec.add("h2");
  h2.add_text("span", verdict, std::string("verdict ") + verdict);
  h2.text(" ");
  h2.add_text("span", o.title, "title");
  Node path = sec.add("p", "path");
  path.text("File: ");
  path.add_text("code", o.path);
  if (is_error(o)) {
    Node kind = sec.add("p", "error-kind");
    kind.text("Not judged: ");
    kind.add_text("code", o.error_kind);
  }
  path.text(" \u2014 " + seconds_text(o.seconds) + " s wall time, virtual end " + format_time(o.virtual_end) + " s");
  Node rules = sec.add("p", "rules");
  rules.text("Rules:");
  for (const std::string& r : o.rules) {
    rules.text(" ");
    rules.add_text("span", r, "rule");
  }
  if (o.rules.empty()) rules.text(" none");
  if (!o.tags.empty()) {
    Node tags = sec.add("p", "tags");
    tags.text("Tags:");
    for (const std::string& t : o.tags) {
      tags.text(" ");
      tags.add_text("span", t, "tag");
    }
  }
  if (!o.failures.empty()) {
    Node list = sec.add("div", "failures");
    for (const std::string& f : o.failures) {
      auto x = std::find_if(o.failed_expectations.begin(), o.failed_expectations.end(),
                            [&](const FailedExpectation& e) { return e.message == f; });
      Node box = list.add("div", "failure");
      if (x != o.failed_expectations.end()) {
        Node p = box.add("p", "expectation");
        p.add_text("span", "Expectation", "label");
        p.text(" (line " + std::to_string(x->line) + "): ");
        p.add_text("code", x->text);
        Node w = box.add("p", "wanted");
        w.add_text("span", "Wanted:", "label");
        w.text(std::string(" ") + (x->negate ? "no " : "") + x->expected + " " + x->window);
        Node n = box.add("p", "nearest");
        n.add_text("span", x->negate ? "Got:" : "Nearest actual event:", "label");
        n.text(" ");
        if (x->has_nearest)
          n.add_text("code", format_time(x->nearest.time) + " " + call_label(x->nearest.call) + " " + x->nearest.party +
                                 " " + std::string(ev_name(x->nearest.event)) + " " + x->nearest.detail);
        else
          n.text("nothing");
      }
      box.add("p", "message").add_text("code", f);
    }
  }
  if (!o.passed || opt.diagrams_for_passed) {
    Node det = sec.add("details", "diagram");
    if (!o.passed) det.set("open", "open");
    det.add_text("summary", "Call-flow diagram (click it for full size)");
    add_fragment(det, {Fragment::diagram, index}, fragments);
  }
  Node det = sec.add("details", "trace");
  if (!o.passed) det.set("open", "open");
  add_fragment(det, {Fragment::trace, index}, fragments);  // its summary counts the events: written with them
}

// The scenarios by folder, in the order the folders first appear, each entry coloured.
void index_by_folder(const Node& body, const std::vector<ScenarioOutcome>& outcomes) {
  Node nav = body.add("nav");
  nav.set("id", "index");
  std::vector<std::string> folders;
  std::map<std::string, std::vector<size_t>> members;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    std::string f = scenario_folder(outcomes[i].path);
    if (!members.count(f)) folders.push_back(f);
    members[f].push_back(i);
  }
  for (const std::string& f : folders) {
    size_t failed = 0;
    for (size_t i : members[f]) failed += outcomes[i].passed ? 0 : 1;
    Node group = nav.add("div", "folder");
    std::string words;
    for (size_t i : members[f]) words += filter_text(outcomes[i]) + " ";
    group.set("data-filter", words);
    group.add_text("h3", f + " (" + std::to_string(members[f].size() - failed) + " passed, " +
                             std::to_string(failed) + " failed)");
    Node ul = group.add("ul");
    for (size_t i : members[f]) {
      const ScenarioOutcome& o = outcomes[i];
      Node li = ul.add("li", o.passed ? "passed" : "failed");
      li.set("data-filter", filter_text(o));
      li.add_text("span", verdict_of(o), std::string("verdict ") + verdict_of(o));
      li.text(" ");
      li.add_text("a", o.path).set("href", "#scenario-" + std::to_string(i));
      li.text(" ");
      li.add_text("span", o.title, "title");
    }
  }
}

void rule_coverage(const Node& body, const std::vector<ScenarioOutcome>& outcomes) {
  std::map<std::string, std::vector<size_t>, bool (*)(const std::string&, const std::string&)> by_rule(rule_id_less);
  for (size_t i = 0; i < outcomes.size(); ++i)
    for (const std::string& r : outcomes[i].rules) {
      auto& list = by_rule[r];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  body.add_text("h2", "Rule coverage");
  if (by_rule.empty()) {
    body.add_text("p", "No scenario names a rule (a `# rule:` line).");
    return;
  }
  Node table = body.add("table", "coverage");
  table.set("id", "coverage");
  Node head = table.add("thead").add("tr");
  for (const char* h : {"rule", "scenarios naming it", "verdict"}) head.add_text("th", h);
  Node tbody = table.add("tbody");
  for (const auto& [rule, list] : by_rule) {
    size_t failed = 0;
    for (size_t i : list) failed += outcomes[i].passed ? 0 : 1;
    Node tr = tbody.add("tr");
    std::string words = rule;
    for (size_t i : list) words += " " + filter_text(outcomes[i]);
    tr.set("data-filter", words);
    tr.add_text("td", rule, "rule");
    Node cell = tr.add("td");
    for (size_t k = 0; k < list.size(); ++k) {
      if (k) cell.add("br");
      const ScenarioOutcome& o = outcomes[list[k]];
      cell.add_text("a", o.path).set("href", "#scenario-" + std::to_string(list[k]));
      cell.text(std::string(" ") + verdict_of(o));
    }
    std::string verdict = failed ? "FAIL" : "PASS";
    tr.add_text("td", failed ? std::to_string(failed) + " of " + std::to_string(list.size()) + " failed"
                             : "all " + std::to_string(list.size()) + " passed",
                verdict);
  }
}

}  // namespace

bool rule_id_less(const std::string& a, const std::string& b) {
  auto split = [](const std::string& r) {
    size_t dash = r.rfind('-');
    std::string head = dash == std::string::npos ? r : r.substr(0, dash);
    std::string tail = dash == std::string::npos ? "" : r.substr(dash + 1);
    bool digits = !tail.empty() && tail.size() < 9 && std::all_of(tail.begin(), tail.end(), ::isdigit);
    return std::make_tuple(head, digits ? std::stol(tail) : -1L, tail);
  };
  return split(a) < split(b);
}

void write_html_report(std::ostream& out, const std::vector<ScenarioOutcome>& outcomes, const HtmlOptions& options) {
  std::vector<size_t> order(outcomes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return !outcomes[a].passed && outcomes[b].passed; });
  size_t failed = 0, errors = 0;
  for (const ScenarioOutcome& o : outcomes) {
    errors += is_error(o) ? 1 : 0;
    failed += !o.passed && !is_error(o) ? 1 : 0;
  }

  htmlDocPtr doc = htmlNewDocNoDtD(nullptr, nullptr);
  xmlCreateIntSubset(doc, X("html"), nullptr, nullptr);  // <!DOCTYPE html>
  Node html{xmlNewDocNode(doc, nullptr, X("html"), nullptr)};
  xmlDocSetRootElement(doc, html.n);
  html.set("lang", "en");
  Node head = html.add("head");
  head.add("meta").set("charset", "utf-8");
  head.add_text("title", options.title);
  head.add_text("style", kStyle);
  Node body = html.add("body");
  body.add_text("h1", options.title);

  Node meta = body.add("p");
  meta.set("id", "meta");
  bool first = true;
  auto item = [&](const std::string& label, const std::string& value, bool code = false) {
    if (value.empty()) return;
    if (!first) meta.text(" \u00b7 ");
    first = false;
    meta.text(label + " ");
    if (code) meta.add_text("code", value);
    else meta.text(value);
  };
  item("telsim", options.version);
  item("run", options.date);
  if (options.duration >= 0) item("took", seconds_text(options.duration, "%.1f") + " s");
  item("command", options.command_line, true);

  Node summary = body.add("div");
  summary.set("id", "summary");
  summary.add_text("span", std::to_string(outcomes.size()) + " scenarios", "count total").set("id", "count-total");
  summary.add_text("span", std::to_string(outcomes.size() - failed - errors) + " passed", "count passed").set("id", "count-passed");
  summary.add_text("span", std::to_string(failed) + " failed", "count failed").set("id", "count-failed");
  summary.add_text("span", std::to_string(errors) + " errors", "count errors").set("id", "count-errors");

  Node filter = body.add("input");
  filter.set("id", "filter").set("type", "search").set("placeholder", "filter: words of a path, title, rule, tag, PASS, FAIL or ERROR");
  index_by_folder(body, outcomes);
  rule_coverage(body, outcomes);
  std::vector<Fragment> fragments;  // diagrams and trace rows, written where their marks are
  for (size_t i : order) scenario_section(body, outcomes[i], i, options, &fragments);
  body.add_text("script", kScript);

  xmlChar* mem = nullptr;
  int size = 0;
  htmlDocDumpMemoryFormat(doc, &mem, &size, 0);
  xmlFreeDoc(doc);
  struct Free {
    void operator()(xmlChar* p) const { xmlFree(p); }
  };
  std::unique_ptr<xmlChar, Free> page(mem);
  write_spliced(out, reinterpret_cast<const char*>(mem), mem ? static_cast<size_t>(size) : 0, fragments, outcomes,
                options);
}

std::string html_report(const std::vector<ScenarioOutcome>& outcomes, const HtmlOptions& options) {
  std::ostringstream out;
  write_html_report(out, outcomes, options);
  return std::move(out).str();
}

}  // namespace telsim
