#include "reports/html.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "reports/diagram.h"
#include "reports/trace_csv.h"
#include "reports/xml_text.h"

namespace telsim {

namespace {

const char* kStyle = R"(
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { margin-bottom: 0.2em; }
#summary { font-size: 1.2em; margin: 0.5em 0 1em; }
#summary .count { display: inline-block; padding: 0.2em 0.7em; margin-right: 0.5em; border-radius: 4px; background: #eee; }
#summary .failed { background: #c62828; color: white; }
#summary .passed { background: #2e7d32; color: white; }
nav ul { columns: 2; font-size: 0.9em; }
section.scenario { border: 1px solid #ccc; border-left: 6px solid #2e7d32; margin: 1em 0; padding: 0.5em 1em; }
section.scenario.failed { border-left-color: #c62828; }
.verdict { font-weight: bold; padding: 0 0.4em; color: white; border-radius: 3px; }
.verdict.PASS { background: #2e7d32; }
.verdict.FAIL { background: #c62828; }
.path, .rules, .tags { color: #555; margin: 0.2em 0; }
.failure { background: #ffebee; border: 1px solid #e57373; padding: 0.3em 0.6em; margin: 0.4em 0; }
.failure p { margin: 0.15em 0; }
.failure .label { font-weight: bold; }
code { font-family: monospace; }
table.trace { border-collapse: collapse; font-family: monospace; font-size: 0.85em; }
table.trace th, table.trace td { border: 1px solid #ddd; padding: 1px 6px; text-align: left; }
table.trace tr.nearest td { background: #ffcdd2; font-weight: bold; }
.diagram svg { max-width: 100%; height: auto; }
)";

std::string h(const std::string& s) { return xml_escape(s); }

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

long long ms(double t) { return static_cast<long long>(t * 1000.0 + (t >= 0 ? 0.5 : -0.5)); }

bool same_event(const TraceEvent& a, const TraceEvent& b) {
  return ms(a.time) == ms(b.time) && a.call == b.call && a.party == b.party && a.event == b.event &&
         a.detail == b.detail;
}

void scenario_section(std::ostringstream& out, const ScenarioOutcome& o, size_t index, const HtmlOptions& opt) {
  const char* verdict = o.passed ? "PASS" : "FAIL";
  out << "<section class=\"scenario " << (o.passed ? "passed" : "failed") << "\" id=\"scenario-" << index
      << "\" data-path=\"" << xml_escape(o.path, true) << "\">\n";
  out << "<h2><span class=\"verdict " << verdict << "\">" << verdict << "</span> <span class=\"title\">"
      << h(o.title) << "</span></h2>\n";
  out << "<p class=\"path\">File: <code>" << h(o.path) << "</code> &#8212; " << seconds_text(o.seconds)
      << " s wall time, virtual end " << h(format_time(o.virtual_end)) << " s</p>\n";
  out << "<p class=\"rules\">Rules:";
  for (const std::string& r : o.rules) out << " <span class=\"rule\">" << h(r) << "</span>";
  if (o.rules.empty()) out << " none";
  out << "</p>\n";
  if (!o.tags.empty()) {
    out << "<p class=\"tags\">Tags:";
    for (const std::string& t : o.tags) out << " <span class=\"tag\">" << h(t) << "</span>";
    out << "</p>\n";
  }
  if (!o.failures.empty()) {
    out << "<div class=\"failures\">\n";
    for (const std::string& f : o.failures) {
      auto x = std::find_if(o.failed_expectations.begin(), o.failed_expectations.end(),
                            [&](const FailedExpectation& e) { return e.message == f; });
      out << "<div class=\"failure\">\n";
      if (x != o.failed_expectations.end()) {
        out << "<p class=\"expectation\"><span class=\"label\">Expectation</span> (line " << x->line
            << "): <code>" << h(x->text) << "</code></p>\n";
        out << "<p class=\"wanted\"><span class=\"label\">Wanted:</span> " << (x->negate ? "no " : "")
            << h(x->expected) << " " << h(x->window) << "</p>\n";
        out << "<p class=\"nearest\"><span class=\"label\">" << (x->negate ? "Got:" : "Nearest actual event:")
            << "</span> ";
        if (x->has_nearest)
          out << "<code>" << h(format_time(x->nearest.time)) << " " << h(call_label(x->nearest.call)) << " "
              << h(x->nearest.party) << " " << h(std::string(ev_name(x->nearest.event))) << " "
              << h(x->nearest.detail) << "</code>";
        else
          out << "nothing";
        out << "</p>\n";
      }
      out << "<p class=\"message\"><code>" << h(f) << "</code></p>\n</div>\n";
    }
    out << "</div>\n";
  }
  std::vector<TraceEvent> events = parse_trace_csv(o.trace_csv);
  if (!o.passed || opt.diagrams_for_passed) {
    out << "<details class=\"diagram\"" << (o.passed ? "" : " open") << "><summary>Call-flow diagram</summary>\n";
    try {
      out << diagram_svg_inline(diagram_input(o), "s" + std::to_string(index) + "-") << "\n";
    } catch (const std::exception& e) {
      out << "<p class=\"no-diagram\">No diagram: " << h(e.what()) << "</p>\n";
    }
    out << "</details>\n";
  }
  out << "<details class=\"trace\"" << (o.passed ? "" : " open") << "><summary>Trace (" << events.size()
      << " events)</summary>\n<table class=\"trace\">\n<thead><tr><th>time</th><th>call</th><th>party</th>"
      << "<th>event</th><th>detail</th></tr></thead>\n<tbody>\n";
  for (const TraceEvent& e : events) {
    bool nearest = std::any_of(o.failed_expectations.begin(), o.failed_expectations.end(),
                               [&](const FailedExpectation& x) { return x.has_nearest && same_event(x.nearest, e); });
    out << "<tr" << (nearest ? " class=\"nearest\"" : "") << "><td>" << h(format_time(e.time)) << "</td><td>"
        << h(call_label(e.call)) << "</td><td>" << h(e.party) << "</td><td>" << h(std::string(ev_name(e.event)))
        << "</td><td>" << h(e.detail) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n</details>\n</section>\n";
}

}  // namespace

std::string html_report(const std::vector<ScenarioOutcome>& outcomes, const HtmlOptions& options) {
  std::vector<size_t> order(outcomes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return !outcomes[a].passed && outcomes[b].passed; });
  size_t failed = 0;
  for (const ScenarioOutcome& o : outcomes) failed += o.passed ? 0 : 1;

  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << h(options.title)
      << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << h(options.title) << "</h1>\n";
  out << "<div id=\"summary\"><span class=\"count total\" id=\"count-total\">" << outcomes.size()
      << " scenarios</span><span class=\"count passed\" id=\"count-passed\">" << outcomes.size() - failed
      << " passed</span><span class=\"count failed\" id=\"count-failed\">" << failed << " failed</span></div>\n";
  out << "<nav><ul>\n";
  for (size_t i : order) {
    const ScenarioOutcome& o = outcomes[i];
    out << "<li><a href=\"#scenario-" << i << "\">" << (o.passed ? "PASS" : "FAIL") << " " << h(o.path)
        << "</a></li>\n";
  }
  out << "</ul></nav>\n";
  for (size_t i : order) scenario_section(out, outcomes[i], i, options);
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace telsim
