#include "reports/junit.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "reports/trace_csv.h"
#include "reports/xml_text.h"

namespace telsim {

namespace {

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0.0 : s);
  return buf;
}

std::string attr(const std::string& s) { return "\"" + xml_escape(s, true) + "\""; }

std::string event_row(const TraceEvent& e) {
  std::string text = format_time(e.time) + "," + call_label(e.call) + "," + e.party + "," +
                     std::string(ev_name(e.event));
  if (!e.detail.empty()) text += "," + e.detail;
  return text;
}

// The <failure> text: each failure, the structured ones spelled out.
std::string failure_text(const ScenarioOutcome& o) {
  std::ostringstream t;
  for (const std::string& f : o.failures) {
    t << f << "\n";
    for (const FailedExpectation& x : o.failed_expectations) {
      if (x.message != f) continue;
      t << "  expectation: " << x.text << "\n";
      t << "  at:          " << x.file << ":" << x.line << "\n";
      t << "  wanted:      " << (x.negate ? "no " : "") << x.expected << " " << x.window << "\n";
      if (x.has_nearest)
        t << "  " << (x.negate ? "got:         " : "nearest:     ") << event_row(x.nearest) << "\n";
      else
        t << "  nearest:     nothing\n";
      break;
    }
  }
  return t.str();
}

}  // namespace

std::string scenario_folder(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

std::string junit_xml(const std::vector<ScenarioOutcome>& outcomes, const std::string& suite_name) {
  // Folders in order of first appearance (the outcomes come sorted by path).
  std::vector<std::string> folders;
  std::map<std::string, std::vector<const ScenarioOutcome*>> by_folder;
  for (const ScenarioOutcome& o : outcomes) {
    std::string f = scenario_folder(o.path);
    if (!by_folder.count(f)) folders.push_back(f);
    by_folder[f].push_back(&o);
  }
  size_t total_failed = 0;
  double total_time = 0;
  for (const ScenarioOutcome& o : outcomes) {
    total_failed += o.passed ? 0 : 1;
    total_time += o.seconds;
  }
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=" << attr(suite_name) << " tests=\"" << outcomes.size() << "\" failures=\""
    << total_failed << "\" errors=\"0\" time=\"" << seconds(total_time) << "\">\n";
  for (const std::string& folder : folders) {
    const auto& list = by_folder[folder];
    size_t failed = 0;
    double time = 0;
    for (const ScenarioOutcome* o : list) {
      failed += o->passed ? 0 : 1;
      time += o->seconds;
    }
    x << "  <testsuite name=" << attr(folder) << " tests=\"" << list.size() << "\" failures=\"" << failed
      << "\" errors=\"0\" skipped=\"0\" time=\"" << seconds(time) << "\">\n";
    for (const ScenarioOutcome* o : list) {
      x << "    <testcase classname=" << attr(o->path) << " name=" << attr(o->title) << " file=" << attr(o->path)
        << " time=\"" << seconds(o->seconds) << "\"";
      if (o->passed) {
        x << "/>\n";
        continue;
      }
      x << ">\n";
      std::string message = o->failures.empty() ? "failed" : o->failures.front();
      if (o->failures.size() > 1) message += " (and " + std::to_string(o->failures.size() - 1) + " more)";
      std::string type = o->failed_expectations.empty() ? "run" : "expectation";
      x << "      <failure message=" << attr(message) << " type=\"" << type << "\">" << xml_escape(failure_text(*o))
        << "</failure>\n";
      x << "      <system-out>" << xml_escape(o->trace_csv) << "</system-out>\n";
      x << "    </testcase>\n";
    }
    x << "  </testsuite>\n";
  }
  x << "</testsuites>\n";
  return x.str();
}

}  // namespace telsim
