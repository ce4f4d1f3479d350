#include "reports/junit.h"

#include <libxml/xmlwriter.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "reports/trace_csv.h"

namespace telsim {

namespace {

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s < 0 || s != s ? 0.0 : s);
  return buf;
}

// What XML 1.0 can hold: libxml2 escapes markup, but a control character or a byte that is not
// UTF-8 would still make the document unreadable, so they go (bad bytes become U+FFFD).
std::string xml_chars(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {  // no overlong forms, surrogates or U+FFFE/U+FFFF
      unsigned c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) && !(c == 0xEF && c1 == 0xBF && c2 >= 0xBE);
    }
    if (ok && len == 4) {
      unsigned c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// A thin owner of libxml2's text writer into memory; every call checked.
class Writer {
 public:
  Writer() : buffer_(xmlBufferCreate()), writer_(buffer_ ? xmlNewTextWriterMemory(buffer_, 0) : nullptr) {
    if (!writer_) throw std::runtime_error("junit: libxml2 could not start a document");
    xmlTextWriterSetIndent(writer_, 1);
    xmlTextWriterSetIndentString(writer_, reinterpret_cast<const xmlChar*>("  "));
    check(xmlTextWriterStartDocument(writer_, nullptr, "UTF-8", nullptr));
  }
  ~Writer() {
    if (writer_) xmlFreeTextWriter(writer_);
    if (buffer_) xmlBufferFree(buffer_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void start(const char* element) { check(xmlTextWriterStartElement(writer_, x(element))); }
  void end() { check(xmlTextWriterEndElement(writer_)); }
  void attr(const char* name, const std::string& value) {
    check(xmlTextWriterWriteAttribute(writer_, x(name), x(xml_chars(value).c_str())));
  }
  void text(const std::string& value) { check(xmlTextWriterWriteString(writer_, x(xml_chars(value).c_str()))); }
  std::string finish() {
    check(xmlTextWriterEndDocument(writer_));
    xmlFreeTextWriter(writer_);  // flushes into the buffer
    writer_ = nullptr;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                       static_cast<size_t>(xmlBufferLength(buffer_)));
  }

 private:
  static const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
  static void check(int rc) {
    if (rc < 0) throw std::runtime_error("junit: libxml2 could not write the document");
  }
  xmlBufferPtr buffer_;
  xmlTextWriterPtr writer_;
};

std::string event_row(const TraceEvent& e) {
  std::string text = format_time(e.time) + "," + call_label(e.call) + "," + e.party + "," +
                     std::string(ev_name(e.event));
  if (!e.detail.empty()) text += "," + e.detail;
  return text;
}

// The <failure>/<error> text: each failure, the structured ones spelled out, the golden diff.
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
  if (!o.golden_diff.empty()) t << "\n" << o.golden_diff;
  return t.str();
}

bool is_error(const ScenarioOutcome& o) { return !o.passed && !o.error_kind.empty(); }
bool is_failure(const ScenarioOutcome& o) { return !o.passed && o.error_kind.empty(); }

}  // namespace

std::string scenario_folder(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

std::string junit_classname(const std::string& path) {
  std::vector<std::string> parts;
  for (const auto& part : std::filesystem::path(path).lexically_normal().relative_path()) {
    std::string name = part.string();
    if (!name.empty() && name != "." && name != "..") parts.push_back(name);
  }
  std::string result;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string name = parts[i];
    if (i + 1 == parts.size() && name.size() > 4 && name.compare(name.size() - 4, 4, ".csv") == 0)
      name.resize(name.size() - 4);
    // Only folder separators may be dots: Jenkins splits package and class at the last one.
    for (char& c : name)
      if (c == '.' || c == ' ' || c == '\t') c = '_';
    result += (result.empty() ? "" : ".") + name;
  }
  return result.empty() ? "scenario" : result;
}

std::string junit_xml(const std::vector<ScenarioOutcome>& outcomes, const JunitOptions& options) {
  // Folders in order of first appearance (the outcomes come sorted by path).
  std::vector<std::string> folders;
  std::map<std::string, std::vector<const ScenarioOutcome*>> by_folder;
  for (const ScenarioOutcome& o : outcomes) {
    std::string f = scenario_folder(o.path);
    if (!by_folder.count(f)) folders.push_back(f);
    by_folder[f].push_back(&o);
  }
  auto count = [](const std::vector<const ScenarioOutcome*>& list, bool (*what)(const ScenarioOutcome&)) {
    size_t n = 0;
    for (const ScenarioOutcome* o : list) n += what(*o) ? 1 : 0;
    return std::to_string(n);
  };
  std::vector<const ScenarioOutcome*> all;
  double total_time = 0;
  for (const ScenarioOutcome& o : outcomes) {
    all.push_back(&o);
    total_time += o.seconds;
  }
  Writer x;
  x.start("testsuites");
  x.attr("name", options.suite_name);
  x.attr("tests", std::to_string(outcomes.size()));
  x.attr("failures", count(all, is_failure));
  x.attr("errors", count(all, is_error));
  x.attr("time", seconds(total_time));
  for (const std::string& folder : folders) {
    const auto& list = by_folder[folder];
    double time = 0;
    for (const ScenarioOutcome* o : list) time += o->seconds;
    x.start("testsuite");
    x.attr("name", folder);
    x.attr("tests", std::to_string(list.size()));
    x.attr("failures", count(list, is_failure));
    x.attr("errors", count(list, is_error));
    x.attr("skipped", "0");
    x.attr("time", seconds(time));
    for (const ScenarioOutcome* o : list) {
      x.start("testcase");
      x.attr("classname", junit_classname(o->path));
      x.attr("name", o->title.empty() ? std::filesystem::path(o->path).stem().string() : o->title);
      x.attr("file", o->path);
      x.attr("time", seconds(o->seconds));
      if (!o->passed) {
        std::string message = o->failures.empty() ? "failed" : o->failures.front();
        if (o->failures.size() > 1) message += " (and " + std::to_string(o->failures.size() - 1) + " more)";
        std::string type = !o->error_kind.empty()          ? o->error_kind
                           : !o->failed_expectations.empty() ? "expectation"
                                                             : "golden";
        x.start(is_error(*o) ? "error" : "failure");
        x.attr("message", message);
        x.attr("type", type);
        x.text(failure_text(*o));
        x.end();
        std::string out;
        auto d = options.diagrams.find(o->path);
        if (d != options.diagrams.end()) out += "[[ATTACHMENT|" + d->second + "]]\n";
        out += o->trace_csv;
        if (!out.empty()) {
          x.start("system-out");
          x.text(out);
          x.end();
        }
      }
      if (!o->warnings.empty()) {
        std::string err;
        for (const std::string& w : o->warnings) err += w + "\n";
        x.start("system-err");
        x.text(err);
        x.end();
      }
      x.end();
    }
    x.end();
  }
  x.end();
  return x.finish();
}

}  // namespace telsim
