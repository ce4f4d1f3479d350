#include "tools/terminal.h"

#include <cstdio>

namespace telsim {

namespace {

const char* const kGreen = "\033[32m";
const char* const kRed = "\033[1;31m";
const char* const kDim = "\033[2m";
const char* const kReset = "\033[0m";

std::string paint(const std::string& text, const char* colour, bool on) {
  return on ? colour + text + kReset : text;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

}  // namespace

bool colour_wanted(bool is_terminal, const char* no_color_env) {
  return is_terminal && !(no_color_env && *no_color_env);
}

std::string outcome_lines(const ScenarioOutcome& o, const TerminalStyle& style) {
  if (o.passed && style.quiet) return "";
  std::string out = (o.passed ? paint("PASS", kGreen, style.colour) : paint("FAIL", kRed, style.colour)) + " " +
                    o.path + "  " + o.title + "  " + paint("(" + seconds(o.seconds) + " s)", kDim, style.colour) + "\n";
  for (const std::string& f : o.failures) out += "     " + f + "\n";
  return out;
}

std::string failure_recap(const std::vector<ScenarioOutcome>& outcomes, const TerminalStyle& style) {
  if (outcomes.size() < 2) return "";  // the failure is the line just above: no recap needed
  std::string out;
  size_t failed = 0;
  for (const ScenarioOutcome& o : outcomes) {
    if (o.passed) continue;
    ++failed;
    out += "  " + paint("FAIL", kRed, style.colour) + " " + o.path + "  " + o.title + "\n";
    if (!o.failures.empty()) {
      out += "       " + o.failures.front();
      if (o.failures.size() > 1) out += " (and " + std::to_string(o.failures.size() - 1) + " more)";
      out += "\n";
    }
  }
  if (failed == 0) return "";
  return "\n" + std::to_string(failed) + (failed == 1 ? " scenario" : " scenarios") + " failed:\n" + out;
}

std::string summary_line(size_t passed, size_t failed, const TerminalStyle& style) {
  std::string p = std::to_string(passed) + " passed", f = std::to_string(failed) + " failed";
  if (style.colour) {
    p = paint(p, kGreen, passed > 0);
    f = paint(f, kRed, failed > 0);
  }
  return p + ", " + f + "\n";
}

}  // namespace telsim
