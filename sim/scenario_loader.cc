#include "sim/scenario_loader.h"

#include "models/features/registry.h"
#include "models/party_state.h"
#include "models/pattern.h"
#include "sim/did_you_mean.h"

// fccp copies file names with strncpy into fixed buffers; GCC's -O2 truncation warning there is
// about the library, not this code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#include <libfccp/csv.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "sim/numbers.h"

#ifndef TELSIM_DEFAULT_PROFILE_DIR
#define TELSIM_DEFAULT_PROFILE_DIR "scenarios/profiles"
#endif
#ifndef TELSIM_INSTALLED_PROFILE_DIR
#define TELSIM_INSTALLED_PROFILE_DIR "share/telsim/profiles"  // relative to the install prefix
#endif

namespace telsim {

namespace {

constexpr size_t kMaxLineBytes = 65536;
constexpr std::string_view kHeader = "at,party,action,argument";
constexpr int kMaxIncludeDepth = 32;  // guards against loops the path check cannot see (symlinks)
constexpr size_t kMaxErrors = 50;     // per scenario: past that, more help nobody
constexpr size_t kExcerptChars = 40;  // the most of a scenario's own text a message quotes
constexpr uint64_t kMaxChannels = 1000000;

using CsvReader = io::CSVReader<4, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>,
                                io::throw_on_overflow, io::single_and_empty_line_comment<'#'>>;

// ---------------------------------------------------------------------------------------------
// Small text helpers

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> words(std::string_view s, std::string_view separators = " \t") {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t b = s.find_first_not_of(separators, i);
    if (b == std::string_view::npos) break;
    size_t e = s.find_first_of(separators, b);
    if (e == std::string_view::npos) e = s.size();
    out.emplace_back(s.substr(b, e - b));
    i = e;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep = " ") {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_number(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool one_of(const std::string& v, const std::vector<std::string>& choices) {
  return std::find(choices.begin(), choices.end(), v) != choices.end();
}

// Whether messages may quote the text of the file being read: not when it lies outside the
// trees a scenario may read (its text might be anyone's secret). Set by the Loader per file.
thread_local bool g_may_quote = true;

// What a message quotes of a scenario's text: short, with control characters, quotes and bytes
// that are not UTF-8 escaped (a terminal, a CI log or a report must show them, not obey them).
std::string clip(std::string_view s) {
  if (!g_may_quote) return "(text not shown: the file is outside the root)";
  std::string out;
  size_t shown = 0, i = 0;
  for (; i < s.size() && shown < kExcerptChars; ++shown) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : 0;
    if (c >= 0x80) {  // a whole UTF-8 sequence passes, a stray byte is escaped
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      bool ok = len > 0 && i + len <= s.size();
      for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
      n = ok ? len : 0;
    }
    // Bidirectional overrides (U+202A..U+202E, U+2066..U+2069) would reorder the message around them.
    bool bidi = n == 3 && c == 0xE2 &&
                ((static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) >= 0xAA &&
                  static_cast<unsigned char>(s[i + 2]) <= 0xAE) ||
                 (static_cast<unsigned char>(s[i + 1]) == 0x81 && static_cast<unsigned char>(s[i + 2]) >= 0xA6 &&
                  static_cast<unsigned char>(s[i + 2]) <= 0xA9));
    if (bidi) {
      char buf[12];
      std::snprintf(buf, sizeof buf, "\\u%04x",
                    ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                        (static_cast<unsigned char>(s[i + 2]) & 0x3F));
      out += buf;
      i += n;
      continue;
    }
    if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    if (c < 0x20 || c == 0x7F || c >= 0x80 || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += c == '\\' ? std::string("\\\\") : std::string(buf);
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  if (i < s.size()) out += "...";
  return out;
}

std::string seconds_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}


// Calls fn(line_number, line) for each line, without "\n" or "\r\n", until fn returns false.
template <class Fn>
void for_each_line(std::string_view text, Fn fn) {
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!fn(++number, line)) return;
    pos = end + 1;
  }
}

// What fccp skips: empty, blank, or `#` in the first column.
bool is_comment_or_blank(std::string_view line) {
  return (!line.empty() && line[0] == '#') || line.find_first_not_of(" \t") == std::string_view::npos;
}

// ---------------------------------------------------------------------------------------------
// Bytes: what fccp does not check (encoding, NULs, line length)

// Length of the well-formed UTF-8 sequence (RFC 3629) that starts at s[i], or 0.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto byte = [&](size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return byte(k) >= lo && byte(k) <= hi; };
  unsigned c = byte(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;  // no UTF-16 surrogates
  if (c >= 0xE1 && c <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// UTF-8 text without control characters but the tab: a scenario's text reaches terminals, CI logs
// and reports (titles, displays, prompts), where an escape sequence would be obeyed, not shown.
bool is_clean_utf8(std::string_view line) {
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) <= 0x9F) return false;  // C1
    size_t n = utf8_sequence(line, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string_view without_bom(std::string_view text) {
  return starts_with(text, "\xEF\xBB\xBF") ? text.substr(3) : text;
}

// The text fccp may parse: no BOM, UTF-8, no NUL, no line over 64 KiB. Throws InputError.
std::string checked_text(const std::string& file, std::string_view raw) {
  std::string_view text = without_bom(raw);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError(file, 1, "empty file");
  for_each_line(text, [&](int number, std::string_view line) {
    if (!is_clean_utf8(line))
      throw InputError(file, number, "binary or non-UTF-8 content (or a control character)");
    if (line.size() > kMaxLineBytes) throw InputError(file, number, "line longer than 64 KiB");
    return true;
  });
  return std::string(text);
}

// ---------------------------------------------------------------------------------------------
// Preamble: metadata comments and the header row

struct Preamble {
  int header_line = 0;  // 0: the file has no line but comments and blanks
  std::string header;   // the first line that is no comment, trailing blanks cut
  std::optional<std::string> title;
  std::vector<std::string> rules, tags;
};

void read_metadata(std::string_view comment, Preamble& p) {
  std::string body = trim(comment.substr(1));
  auto value = [&](std::string_view key) -> std::optional<std::string> {
    if (!starts_with(body, key)) return std::nullopt;
    return trim(std::string_view(body).substr(key.size()));
  };
  auto append = [](std::vector<std::string>& to, const std::string& text) {
    for (std::string& w : words(text, " \t,")) to.push_back(std::move(w));
  };
  if (auto v = value("title:")) {
    p.title = *v;
  } else if (auto r = value("rule:")) {
    append(p.rules, *r);
  } else if (auto rs = value("rules:")) {
    append(p.rules, *rs);
  } else if (auto t = value("tags:")) {
    append(p.tags, *t);
  }
}

// Never throws: is_runnable_scenario uses it on any file.
Preamble read_preamble(std::string_view text) {
  Preamble p;
  for_each_line(text, [&](int number, std::string_view line) {
    if (is_comment_or_blank(line)) {
      if (!line.empty() && line[0] == '#') read_metadata(line, p);
      return true;
    }
    size_t end = line.find_last_not_of(" \t");
    p.header = std::string(line.substr(0, end + 1));
    p.header_line = number;
    return false;
  });
  return p;
}

// ---------------------------------------------------------------------------------------------
// Rows, as fccp splits them

struct Row {
  std::string at, party, action, argument;
  std::string file;
  int line = 0;
};

[[noreturn]] void fail(const Row& r, const std::string& message) {
  throw InputError(r.file, r.line, message);
}

std::string csv_message(const io::error::base& e) {
  if (dynamic_cast<const io::error::too_few_columns*>(&e))
    return "too few fields: every row has at,party,action,argument (an empty field keeps its comma)";
  if (dynamic_cast<const io::error::too_many_columns*>(&e))
    return "too many fields: every row has at,party,action,argument (quote a field that holds a comma)";
  if (dynamic_cast<const io::error::escaped_string_not_closed*>(&e)) return "unclosed double quote";
  if (dynamic_cast<const io::error::line_length_limit_exceeded*>(&e)) return "line longer than 64 KiB";
  return e.what();
}

int csv_line(const io::error::base& e, unsigned fallback) {
  auto* with_line = dynamic_cast<const io::error::with_file_line*>(&e);
  return with_line && with_line->file_line > 0 ? with_line->file_line : static_cast<int>(fallback);
}

// The data rows after the header; rows of four empty fields (spreadsheet exports) are dropped.
// A row fccp cannot split goes to `errors` and the next row is read (fccp has consumed the line),
// except past a line too long for it, which ends the file.
std::vector<Row> read_rows(const std::string& file, const std::string& text, int header_line,
                           std::vector<InputError>& errors) {
  CsvReader csv(file, text.data(), text.data() + text.size());
  std::vector<Row> rows;
  // A row per line at most: reserved once, so a large site is not copied as the vector grows
  // (on 100,000 stations the growth held the old rows and the new at once).
  rows.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  Row r;
  for (;;) {
    try {
      if (!csv.read_row(r.at, r.party, r.action, r.argument)) break;
    } catch (const io::error::line_length_limit_exceeded& e) {
      throw InputError(file, csv_line(e, csv.get_file_line()), csv_message(e));
    } catch (const io::error::base& e) {
      if (errors.size() >= kMaxErrors) break;
      errors.emplace_back(file, csv_line(e, csv.get_file_line()), csv_message(e));
      continue;
    }
    r.line = static_cast<int>(csv.get_file_line());
    if (r.line <= header_line) continue;  // the header, checked by the preamble
    for (std::string* field : {&r.at, &r.party, &r.action, &r.argument}) *field = trim(*field);
    if (r.at.empty() && r.party.empty() && r.action.empty() && r.argument.empty()) continue;
    r.file = file;
    rows.push_back(r);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Paths

namespace fs = std::filesystem;

std::string dir_of(const std::string& file) { return fs::path(file).parent_path().string(); }

// `name` relative to `dir` unless absolute, lexically normalised so include cycles show up as
// equal strings.
std::string resolve(const std::string& dir, const std::string& name) {
  fs::path p(name);
  if (p.is_relative() && !dir.empty()) p = fs::path(dir) / p;
  return p.lexically_normal().string();
}

// What makes two paths one file for the cycle check: symlinks resolved (loop/loop/self.csv is
// self.csv), else the lexical form (in-memory files of the tests).
std::string file_identity(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? resolve("", path) : p.string();
}

std::string file_title(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  return ends_with(name, ".csv") ? name.substr(0, name.size() - 4) : name;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of setup and step rows

const std::vector<std::string> kProfiles = {"generic", "mitel", "perception", "voipnow", "telecube"};
const std::vector<std::string> kModels = {"8560", "8660", "5320", "5330", "5340", "6920",
                                          "6930", "6940", "5610", "uc-softphone", "desk"};
const std::vector<std::string> kAlgorithms = {"linear", "circular", "ring-all", "longest-idle"};
const std::vector<std::string> kKeys = {"special", "hold", "transfer", "conference", "release", "flash", "camp-on",
                                        "ring-back"};
const std::vector<std::string> kForwardTypes = {"all", "busy", "no-answer", "busy-no-answer"};
const std::vector<std::string> kNetworks = {"ideal", "lan", "wan"};

// What a misspelt step action or event may have meant (sim/did_you_mean.h).
const std::vector<std::string>& step_action_names() {
  static const std::vector<std::string> names = {"call", "offhook", "answer", "onhook", "hangup", "dial", "press",
                                                 "hold", "retrieve", "forward", "voice-call", "expect", "expect-not",
                                                 "expect-count", "expect-state"};
  return names;
}
const std::vector<std::string>& event_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int e = 0; e < static_cast<int>(Ev::count_); ++e) v.emplace_back(ev_name(static_cast<Ev>(e)));
    return v;
  }();
  return names;
}

std::optional<PartyKind> party_kind_from_name(const std::string& s) {
  if (s == "station") return PartyKind::station;
  if (s == "external") return PartyKind::external;
  if (s == "mobile") return PartyKind::mobile;
  if (s == "hunt") return PartyKind::hunt;
  if (s == "voicemail") return PartyKind::voicemail;
  if (s == "attendant") return PartyKind::attendant;
  return std::nullopt;
}

bool is_expectation(const Row& r) {
  return r.action == "expect" || r.action == "expect-not" || r.action == "expect-count" || r.action == "expect-state";
}

// The call record columns (SPEC SC-5): the keys a `cdr` expectation may name.
const std::vector<std::string_view>& cdr_keys() {
  static const std::vector<std::string_view> keys = {"call",     "src",     "dst",         "start", "answer",
                                                     "end",      "duration", "billsec", "disposition", "payer"};
  return keys;
}
const std::vector<std::string> kDispositions = {"answered", "no-answer", "busy", "failed", "blocked"};

std::string timer_names() {
  std::vector<std::string> names;
  for (const auto& entry : default_timers()) names.push_back(entry.first);
  return join(names);
}

// A number of seconds for `what` (e.g. "time", "timer no-answer"), or InputError. Seconds are
// decimals from 0 to 10^9 (sim/numbers.h): the engine's clock and every millisecond conversion
// downstream rely on it.
double seconds_or_fail(const Row& r, const std::string& text, const std::string& what) {
  double v = 0;
  switch (parse_seconds(text, &v)) {
    case NumberProblem::none: return v;
    case NumberProblem::negative: fail(r, what + " '" + clip(text) + "' is negative");
    case NumberProblem::too_large:
      fail(r, what + " '" + clip(text) + "' is too large (seconds go " + range_text(0, kMaxSeconds) + ")");
    case NumberProblem::not_a_number: break;
  }
  fail(r, what + " '" + clip(text) + "' is not a number of seconds (a decimal like 12 or 12.5)");
}

using Options = std::vector<std::pair<std::string, std::string>>;

// ---------------------------------------------------------------------------------------------
// The loader: one per load_scenario call

class Loader {
 public:
  Loader(const FileSource& files, const LoadOptions& options)
      : files_(files), options_(options), profile_dir_(options.profile_dir) {}

  Scenario load(const std::string& path);

 private:
  struct Where {
    std::string file;
    int line = 0;
    std::string note;  // what the number is there, when not the row's own party
  };
  struct Use {
    std::string number;
    Where where;
  };

  void read_file(const std::string& file, const std::string& raw, bool top);
  std::string read_named(const Row* r, const std::string& what, const std::string& path);
  bool readable_tree(const std::string& path) const;
  void record(const InputError& e);
  void row(const Row& r, bool top);
  // setup rows
  void site_row(const Row& r);
  void expect_broken_row(const Row& r);
  void profile_row(const Row& r);
  void load_profile(const Row* r, const std::string& file, const std::string& path);
  void timer_row(const Row& r);
  void switch_row(const Row& r);
  void include_row(const Row& r);
  void trunk_row(const Row& r);
  void network_row(const Row& r);
  void party_row(const Row& r);
  void station_option(const Row& r, PartyDef& d, const std::string& key, const std::string& value);
  void hunt_option(const Row& r, PartyDef& d, const std::string& key, const std::string& value);
  AnswerPolicy answer_policy(const Row& r, const std::string& value);
  std::vector<std::string> number_list(const Row& r, const std::string& key, const std::string& value);
  std::string one_number(const Row& r, const std::string& key, const std::string& value);
  Options options(const Row& r);
  // step and expectation rows
  void step_row(const Row& r);
  double step_time(const Row& r);
  std::string step_argument(const Row& r, Action a);
  void expect_row(const Row& r);
  void expect_window(const Row& r, Expectation& x);
  void count_row(const Row& r, Expectation& x, std::string& argument);
  void state_row(const Row& r, Expectation& x);
  void cdr_row(const Row& r, Expectation& x, const std::string& argument);
  void check_pattern(const Row& r, const std::string& text);
  void trigger_time(const Row& r, Step& s);
  std::string detail_words(const Row& r, Ev ev, const std::string& text);
  void acting_party(const Row& r);
  // numbers
  void claim(const std::string& number, const Row& r, const std::string& note = "");
  void use(const std::string& number, const Row& r) { uses_.push_back({number, {r.file, r.line, ""}}); }
  void check_uses();
  void check_associations();
  void check_kinds();

  const FileSource& files_;
  const LoadOptions& options_;
  std::string profile_dir_;
  std::vector<InputError> errors_;
  bool include_failed_ = false;  // then numbers may be undefined only because the include was not read
  Scenario sc_;
  bool profile_given_ = false;
  double last_step_ = 0;
  std::unordered_map<std::string, Where> defined_;  // looked up only, never walked: no order needed
  std::vector<Use> uses_;
  std::vector<std::string> include_stack_;  // identities (file_identity) of the files being read
};

Scenario Loader::load(const std::string& path) {
  std::string why;
  std::optional<std::string> raw = files_.read(path, &why);
  if (!raw) throw InputError(path, 1, "cannot read the scenario: it " + why);
  sc_.file = path;
  sc_.title = file_title(path);
  try {
    read_file(path, *raw, true);
  } catch (const InputError& e) {
    record(e);
  }
  check_uses();
  check_associations();
  check_kinds();
  if (!profile_given_ && errors_.empty()) {
    try {
      load_profile(nullptr, path, resolve(profile_dir_, "generic.profile"));
    } catch (const InputError& e) {
      record(e);
    }
  }
  if (!errors_.empty()) {
    InputError first = errors_.front();
    first.all.clear();
    for (const InputError& e : errors_) first.all.push_back(e.what());
    if (errors_.size() >= kMaxErrors) first.all.push_back(path + ":1: more errors not shown (the first " +
                                                          std::to_string(kMaxErrors) + " are)");
    throw first;
  }
  return std::move(sc_);
}

void Loader::record(const InputError& e) {
  if (errors_.size() < kMaxErrors) errors_.push_back(e);
}

// Inside one of the roots, or the bundled profiles, or a trusted file; anything when unconfined.
bool Loader::readable_tree(const std::string& path) const {
  if (options_.roots.empty()) return true;
  for (const std::string& t : options_.trusted)
    if (resolve("", t) == resolve("", path) || path_inside(path, t)) return true;
  if (!profile_dir_.empty() && path_inside(path, profile_dir_)) return true;
  for (const std::string& root : options_.roots)
    if (path_inside(path, root)) return true;
  return false;
}

// The text of a file an include or profile row names (`r`; null for the implicit profile):
// only inside the trees a scenario may read, only a regular file of bounded size.
std::string Loader::read_named(const Row* r, const std::string& what, const std::string& path) {
  std::string file = r ? r->file : sc_.file;
  int line = r ? r->line : 1;
  if (!readable_tree(path))
    throw InputError(file, line, what + " '" + path + "' is outside the root (" +
                                     (options_.roots.empty() ? std::string() : options_.roots.front()) +
                                     ") and the bundled profiles: a scenario may only read files below them"
                                     " (telsim --root DIR chooses the root)");
  std::string why;
  std::optional<std::string> text = files_.read(path, &why);
  if (!text) {
    std::string hint = r ? "" : " (is TELSIM_PROFILE_DIR right?)";
    throw InputError(file, line, "cannot read " + what + " '" + path + "': it " + why + hint);
  }
  return *text;
}

void Loader::read_file(const std::string& file, const std::string& raw, bool top) {
  // Quote from this file only when it lies in the trees a scenario may read.
  struct Quoting {
    bool saved = g_may_quote;
    ~Quoting() { g_may_quote = saved; }
  } quoting;
  g_may_quote = top || readable_tree(file);  // the scenario itself was named by whoever runs it
  std::string text = checked_text(file, raw);
  Preamble pre = read_preamble(text);
  if (pre.header_line == 0) throw InputError(file, 1, "no header row 'at,party,action,argument'");
  if (pre.header != kHeader)
    throw InputError(file, pre.header_line,
                     "header must be exactly 'at,party,action,argument', got '" + clip(pre.header) + "'");
  if (top) {
    if (pre.title) sc_.title = *pre.title;
    sc_.rules = pre.rules;
    sc_.tags = pre.tags;
  }
  include_stack_.push_back(file_identity(file));
  std::vector<Row> rows;
  try {
    rows = read_rows(file, text, pre.header_line, errors_);
  } catch (const InputError& e) {
    record(e);
  }
  // The parties these rows define, reserved at once (a PartyDef is half a kilobyte: growing the
  // vector one doubling at a time held both copies, the larger part of a large site's peak).
  size_t party_rows = 0;
  for (const Row& r : rows) party_rows += r.at.empty() && r.party != "site" && !is_expectation(r);
  sc_.site.parties.reserve(sc_.site.parties.size() + party_rows);
  for (const Row& r : rows) {
    try {
      row(r, top);
    } catch (const InputError& e) {
      record(e);
      // A party row that failed still defines its number: its uses are not errors of their own.
      if (r.at.empty() && !is_expectation(r) && r.party != "site" && is_number(r.party))
        defined_.emplace(r.party, Where{r.file, r.line, ""});
    }
    if (errors_.size() >= kMaxErrors) break;
  }
  include_stack_.pop_back();
}

// SPEC 1 tells rows apart by the action first, then by an empty `at`.
void Loader::row(const Row& r, bool top) {
  bool expectation = is_expectation(r);
  if (!top && (expectation || !r.at.empty()))
    fail(r, "an included site file holds setup rows only (this row has a time or is an expectation)");
  if (r.action.empty()) fail(r, "action missing");
  if (expectation) {
    expect_row(r);
  } else if (!r.at.empty()) {
    step_row(r);
  } else if (r.party == "site") {
    site_row(r);
  } else {
    party_row(r);
  }
}

// ---------------------------------------------------------------------------------------------
// Site rows

void Loader::site_row(const Row& r) {
  if (r.action == "profile") return profile_row(r);
  if (r.action == "timer") return timer_row(r);
  if (r.action == "include") return include_row(r);
  if (r.action == "trunk") return trunk_row(r);
  if (r.action == "network") return network_row(r);
  if (r.action == "switch") return switch_row(r);
  if (r.action == "expect-broken") return expect_broken_row(r);
  fail(r, "unknown site setting '" + r.action + "' (settings: profile timer include trunk network switch expect-broken)");
}

// `,site,expect-broken,PROPERTY`: the run must stop on that feature property (SPEC 7, FI-1).
void Loader::expect_broken_row(const Row& r) {
  static const std::vector<std::string> kProperties = {"screened-out", "screened-in", "teen-line-pin", "withheld",
                                                       "billing", "ring-back", "voicemail"};
  if (!one_of(r.argument, kProperties))
    fail(r, "bad property '" + clip(r.argument) + "' for expect-broken (expected " + join(kProperties, "|") + ")");
  if (!sc_.expect_broken.empty()) fail(r, "expect-broken given twice");
  sc_.expect_broken = r.argument;
  sc_.expect_broken_line = r.line;
}

// `,site,switch,NAME=VALUE`: one of the profile's switches for this scenario (SPEC 1); the engine
// applies it over the profile's, whichever row comes first.
void Loader::switch_row(const Row& r) {
  Options opts = options(r);
  if (opts.empty()) fail(r, "switch needs NAME=VALUE, e.g. resolutions=none");
  for (const auto& [name, value] : opts) {
    std::string why = check_switch(name, value);
    if (!why.empty()) fail(r, check_switch(clip(name), clip(value)));  // the user's words clipped, not the list
    sc_.site.switches[name] = value;
  }
}

// A bundled profile by name, or a file path (contains '/' or ends .profile) relative to the
// scenario file. A later profile row replaces an earlier one: setup rows apply in file order.
void Loader::profile_row(const Row& r) {
  const std::string& name = r.argument;
  std::string path;
  if (one_of(name, kProfiles)) {
    path = resolve(profile_dir_, name + ".profile");
  } else if (name.find('/') != std::string::npos || ends_with(name, ".profile")) {
    path = resolve(dir_of(r.file), name);
  } else {
    fail(r, "unknown profile '" + clip(name) + "' (profiles: " + join(kProfiles) +
                ", or a .profile file path)");
  }
  load_profile(&r, r.file, path);
  sc_.site.profile = name;
  profile_given_ = true;
}

// `r` is the profile row, or null for the implicit generic profile (then reported at line 1).
void Loader::load_profile(const Row* r, const std::string&, const std::string& path) {
  std::string text = read_named(r, "profile file", path);
  for_each_line(text, [&](int number, std::string_view line) {
    if (!is_clean_utf8(line))
      throw InputError(path, number, "binary or non-UTF-8 content (or a control character)");
    return true;
  });
  struct Quoting {
    bool saved = g_may_quote;
    ~Quoting() { g_may_quote = saved; }
  } quoting;
  g_may_quote = true;  // read_named let only files from the readable trees through
  try {
    sc_.profile = parse_profile(text);
  } catch (const ProfileError& e) {
    // The profile parser quotes whole lines: keep the message short and its text escaped.
    std::string message = e.what();
    size_t quote = message.find('\'');
    if (quote != std::string::npos) {
      std::string quoted = message.substr(quote + 1);
      if (!quoted.empty() && quoted.back() == '\'') quoted.pop_back();
      message = message.substr(0, quote + 1) + clip(quoted) + "'";
    }
    throw InputError(path, e.line, message);
  }
  for (const auto& [name, seconds] : sc_.profile.timers)
    if (!(seconds >= 0 && seconds <= kMaxSeconds))
      throw InputError(path, 1, "timer " + name + " is out of range (seconds go " + range_text(0, kMaxSeconds) + ")");
}

void Loader::timer_row(const Row& r) {
  Options opts = options(r);
  if (opts.empty()) fail(r, "timer needs NAME=SECONDS, e.g. no-answer=15");
  for (const auto& [name, value] : opts) {
    if (!default_timers().count(name))
      fail(r, "unknown timer '" + clip(name) + "' (timers: " + timer_names() + ")");
    sc_.site.timers[name] = seconds_or_fail(r, value, "timer " + name);
  }
}

void Loader::include_row(const Row& r) {
  if (r.argument.empty()) fail(r, "include needs a file path");
  std::string path = resolve(dir_of(r.file), r.argument);
  std::string text;
  try {
    if (std::find(include_stack_.begin(), include_stack_.end(), file_identity(path)) != include_stack_.end())
      fail(r, "cyclic include of '" + clip(path) + "'");
    if (include_stack_.size() >= kMaxIncludeDepth)
      fail(r, "includes nested deeper than " + std::to_string(kMaxIncludeDepth) + " (cyclic include?)");
    text = read_named(&r, "include file", path);
  } catch (const InputError&) {
    include_failed_ = true;  // numbers it would have defined are not "undefined" errors of their own
    throw;
  }
  read_file(path, text, false);
}

void Loader::trunk_row(const Row& r) {
  Options opts = options(r);
  if (opts.empty()) fail(r, "trunk needs channels=K");
  for (const auto& [key, value] : opts) {
    if (key != "channels") fail(r, "unknown option '" + clip(key) + "=' for trunk (options: channels)");
    uint64_t channels = 0;
    if (parse_count(value, &channels, 0, kMaxChannels) != NumberProblem::none)
      fail(r, "bad value '" + clip(value) + "' for channels= (a whole number " + range_text(0, kMaxChannels) + ")");
    sc_.site.trunk_channels = static_cast<int>(channels);
  }
}

void Loader::network_row(const Row& r) {
  if (r.argument == "ideal") {
    sc_.site.network = NetworkKind::ideal;
  } else if (r.argument == "lan") {
    sc_.site.network = NetworkKind::lan;
  } else if (r.argument == "wan") {
    sc_.site.network = NetworkKind::wan;
  } else {
    fail(r, "unknown network '" + clip(r.argument) + "' (networks: " + join(kNetworks) + ")");
  }
}

// ---------------------------------------------------------------------------------------------
// Party rows

Options Loader::options(const Row& r) {
  Options opts;
  try {
    opts = parse_options(r.argument);
  } catch (const std::invalid_argument& e) {
    fail(r, e.what());
  }
  std::set<std::string> seen;
  for (const auto& kv : opts)
    if (!seen.insert(kv.first).second) fail(r, "option " + kv.first + "= given twice");
  return opts;
}

void Loader::party_row(const Row& r) {
  if (r.party.empty()) fail(r, "party missing");
  std::optional<PartyKind> kind = party_kind_from_name(r.action);
  if (!kind) {
    if (action_from_name(r.action)) fail(r, "'" + r.action + "' is a step: give it a time in 'at'");
    fail(r, "unknown action '" + clip(r.action) + "' (setup rows: station external mobile hunt voicemail attendant)");
  }
  if (!is_number(r.party)) fail(r, "party '" + clip(r.party) + "' must be 'site' or a number");
  PartyDef d;
  d.number = r.party;
  d.kind = *kind;
  d.source_file = r.file;
  d.source_line = r.line;
  d.lines = {r.party};
  for (const auto& [key, value] : options(r)) {
    switch (*kind) {
      case PartyKind::station:
        station_option(r, d, key, value);
        break;
      case PartyKind::attendant:  // an attendant console: a station's options but those of DEE and MLH
        if (key == "mobile" || key == "home" || key == "voicemail" || key == "associated" || key == "mlh" ||
            key == "permissions")
          fail(r, "unknown option '" + key + "=' for attendant (options: model lines answer; a console has no "
                  "associated destinations, multi-line hunting or transfer codes)");
        station_option(r, d, key, value);
        break;
      case PartyKind::hunt:
        hunt_option(r, d, key, value);
        break;
      case PartyKind::external:
      case PartyKind::mobile:
        if (key != "answer") fail(r, "unknown option '" + key + "=' for " + r.action + " (options: answer)");
        d.answer = answer_policy(r, value);
        break;
      case PartyKind::voicemail:
        fail(r, "unknown option '" + key + "=': voicemail takes no options");
    }
  }
  if (d.kind == PartyKind::hunt && d.members.empty()) fail(r, "hunt group " + d.number + " needs members=");
  if (d.kind == PartyKind::hunt && d.max_wait > 0 && d.queue == 0)
    fail(r, "hunt group " + d.number + ": max-wait= is the longest wait in a queue: give it queue=N or queue=unlimited");
  claim(d.number, r);
  for (size_t i = 1; i < d.lines.size(); ++i) claim(d.lines[i], r, "a line of station " + d.number);
  sc_.site.parties.push_back(std::move(d));
}

void Loader::station_option(const Row& r, PartyDef& d, const std::string& key, const std::string& value) {
  auto choice = [&](const std::vector<std::string>& choices) {
    if (!one_of(value, choices))
      fail(r, "bad value '" + clip(value) + "' for " + key + "= (expected " + join(choices, "|") + ")");
  };
  if (key == "model") {
    choice(kModels);
    d.model = value == "desk" ? "" : value;  // site.h: "" is a plain desk phone
  } else if (key == "lines") {
    d.lines = number_list(r, key, value);
    if (d.lines.front() != d.number)
      fail(r, "lines= must start with the station's own number " + d.number + " (its prime line)");
  } else if (key == "mlh") {
    choice({"yes", "no"});
    d.mlh = value == "yes";
  } else if (key == "mobile") {
    d.mobile = one_number(r, key, value);
  } else if (key == "home") {
    d.home = one_number(r, key, value);
  } else if (key == "voicemail") {
    d.voicemail = one_number(r, key, value);
  } else if (key == "associated") {
    // Dynamic Extension Express: further stations of this main extension (a 5610 cordless, a UC
    // softphone, a second desk phone) that ring with it; checked in check_associations.
    d.associated = number_list(r, key, value);
    for (const std::string& n : d.associated) use(n, r);
  } else if (key == "permissions") {
    choice({"multi-user-aware"});
    d.multi_user_aware = true;
  } else if (key == "answer") {
    d.answer = answer_policy(r, value);
  } else if (key == "screen-out" || key == "screen-in") {  // OCS, TCS (SPEC 7)
    std::vector<std::string> list = number_list(r, key, value);
    for (const std::string& n : list) {
      if (n == d.number) fail(r, key + "= names the station's own number " + n);
      use(n, r);
    }
    (key == "screen-out" ? d.screen_out : d.screen_in) = list;
  } else if (key == "caller-id") {  // CNDB
    choice({"withheld", "shown"});
    d.caller_id_withheld = value == "withheld";
  } else if (key == "teen-line") {  // TL: the PIN
    if (value.empty() || value.size() > 8 || value.find_first_not_of("0123456789") != std::string::npos)
      fail(r, "bad value '" + clip(value) + "' for teen-line= (expected a PIN of 1 to 8 digits)");
    d.teen_pin = value;
  } else if (key == "reverse-charge") {  // RC
    choice({"yes", "no"});
    d.reverse_charge = value == "yes";
  } else if (key == "split-billing") {  // SB
    choice({"yes", "no"});
    d.split_billing = value == "yes";
  } else if (key == "call-waiting") {
    choice({"yes", "no"});
    d.call_waiting = value == "yes";
  } else {
    fail(r, "unknown option '" + clip(key) +
                "=' for station (options: model lines mlh mobile home voicemail associated permissions answer "
                "screen-out screen-in caller-id teen-line reverse-charge split-billing call-waiting)");
  }
}

void Loader::hunt_option(const Row& r, PartyDef& d, const std::string& key, const std::string& value) {
  if (key == "members") {
    d.members = number_list(r, key, value);
    for (const std::string& m : d.members) use(m, r);
  } else if (key == "algorithm") {
    if (!one_of(value, kAlgorithms))
      fail(r, "bad value '" + clip(value) + "' for algorithm= (expected " + join(kAlgorithms, "|") + ")");
    d.algorithm = value;
  } else if (key == "no-answer") {
    d.hunt_no_answer = seconds_or_fail(r, value, "no-answer");
  } else if (key == "overflow") {
    d.overflow = one_number(r, key, value);
  } else if (key == "announcement") {
    d.announcement = value;
  } else if (key == "queue") {
    // Waiting places (TQ-1): a whole number (0: none) or `unlimited`.
    if (value == "unlimited") {
      d.queue = -1;
    } else if (!value.empty() && value.size() <= 7 && value.find_first_not_of("0123456789") == std::string::npos) {
      d.queue = std::stol(value);
    } else {
      fail(r, "bad value '" + clip(value) + "' for queue= (expected a whole number of waiting places, 0 to 9999999, or unlimited)");
    }
  } else if (key == "max-wait") {
    d.max_wait = seconds_or_fail(r, value, "max-wait");
  } else {
    fail(r, "unknown option '" + clip(key) +
                "=' for hunt (options: members algorithm no-answer overflow announcement queue max-wait)");
  }
}

AnswerPolicy Loader::answer_policy(const Row& r, const std::string& value) {
  AnswerPolicy p;
  double delay = 0;
  if (value == "manual") {
    p.mode = AnswerPolicy::manual;
  } else if (value == "never") {
    p.mode = AnswerPolicy::never;
  } else if (starts_with(value, "auto:") &&
             parse_seconds(std::string_view(value).substr(5), &delay) == NumberProblem::none) {
    p.mode = AnswerPolicy::automatic;
    p.delay = delay;
  } else {
    fail(r, "bad value '" + clip(value) + "' for answer= (expected manual, auto:SECONDS or never)");
  }
  return p;
}

// A list of distinct numbers, at least one.
std::vector<std::string> Loader::number_list(const Row& r, const std::string& key, const std::string& value) {
  std::vector<std::string> list = words(value);
  if (list.empty()) fail(r, key + "= needs at least one number");
  std::unordered_set<std::string_view> seen;  // views of `list`, which outlives it
  seen.reserve(list.size());
  for (const std::string& n : list) {
    if (!is_number(n)) fail(r, "bad value '" + clip(n) + "' in " + key + "= (numbers are digits)");
    if (!seen.insert(n).second) fail(r, "number " + n + " listed twice in " + key + "=");
  }
  return list;
}

std::string Loader::one_number(const Row& r, const std::string& key, const std::string& value) {
  if (!is_number(value)) fail(r, "bad value '" + clip(value) + "' for " + key + "= (expected a number)");
  use(value, r);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Step rows

void Loader::step_row(const Row& r) {
  std::optional<Action> action = action_from_name(r.action);
  if (!action) {
    if (party_kind_from_name(r.action) || r.party == "site")
      fail(r, "'" + r.action + "' is a setup row: leave 'at' empty");
    fail(r, "unknown action '" + clip(r.action) + "'" + did_you_mean(r.action, step_action_names()));
  }
  Step s;
  if (r.at[0] == '@') trigger_time(r, s);
  else s.at = step_time(r);
  s.relative = r.at[0] == '+';
  if (s.relative) s.offset = seconds_or_fail(r, r.at.substr(1), "time");
  acting_party(r);
  s.party = r.party;
  s.action = *action;
  s.action_name = r.action;
  s.argument = step_argument(r, *action);
  s.line = r.line;
  sc_.steps.push_back(std::move(s));
  last_step_ = sc_.steps.back().at;
}

// `12.5` absolute, `+N` after the previous step (or after 0); never before the previous step.
double Loader::step_time(const Row& r) {
  bool relative = r.at[0] == '+';
  double t = seconds_or_fail(r, relative ? r.at.substr(1) : r.at, "time");
  double at = relative ? last_step_ + t : t;
  if (at > kMaxSeconds)
    fail(r, "time " + clip(r.at) + " is too large: the step would come at " + seconds_text(at) + " s (seconds go " +
                range_text(0, kMaxSeconds) + ")");
  if (at < last_step_)
    fail(r, "step time " + r.at + " is before the previous step's " + seconds_text(last_step_) +
                ": step times never decrease");
  return at;
}

// `@P:EVENT+N` (SPEC SC-3): N seconds after the first EVENT at P at or after the previous step's
// time that no earlier such step used; resolved in the run. For the loader's checks (and the run's
// deadline) it comes no earlier than the previous step + N.
void Loader::trigger_time(const Row& r, Step& s) {
  const std::string& at = r.at;
  size_t colon = at.find(':');
  if (colon == std::string::npos)
    fail(r, "event-relative time '" + clip(at) + "' must be @PARTY:EVENT+N, e.g. @2002:ringing+2");
  StepTrigger t;
  t.party = at.substr(1, colon - 1);
  if (t.party.empty() || !is_number(t.party))
    fail(r, "event-relative time '" + clip(at) + "' needs a party number after '@', e.g. @2002:ringing+2");
  size_t plus = at.find('+', colon);
  std::string name = at.substr(colon + 1, plus == std::string::npos ? std::string::npos : plus - colon - 1);
  std::optional<Ev> ev = ev_from_name(name);
  if (!ev) fail(r, "unknown event '" + clip(name) + "' in '" + clip(at) + "'" + did_you_mean(name, event_names()));
  t.event = *ev;
  if (plus != std::string::npos) t.delay = seconds_or_fail(r, at.substr(plus + 1), "delay");
  use(t.party, r);
  s.at = last_step_ + t.delay;
  if (s.at > kMaxSeconds) fail(r, "time " + clip(at) + " is too large (seconds go " + range_text(0, kMaxSeconds) + ")");
  s.trigger = std::move(t);
}

// Checks the argument for the action; returns it as the engine gets it.
std::string Loader::step_argument(const Row& r, Action a) {
  const std::string& arg = r.argument;
  switch (a) {
    case Action::call:
    case Action::voice_call:
      // An undefined number is fine here: calling it is how a scenario tests reorder (BC-4).
      if (!is_number(arg)) fail(r, r.action + " needs a number to call, got '" + clip(arg) + "'");
      return arg;
    case Action::dial:
      if (arg.empty() || arg.find_first_not_of("0123456789*#") != std::string::npos)
        fail(r, "dial needs digits 0-9 * #, got '" + clip(arg) + "'");
      return arg;
    case Action::press:
      if (!one_of(arg, kKeys)) fail(r, "unknown key '" + clip(arg) + "' (keys: " + join(kKeys) + ")");
      return arg;
    case Action::forward: {
      // The destination need not be defined: forwarding to nowhere is a thing people do.
      std::vector<std::string> w = words(arg);
      bool off = w.size() == 1 && w[0] == "off";
      bool to = w.size() == 2 && one_of(w[0], kForwardTypes) && is_number(w[1]);
      if (!off && !to)
        fail(r, "forward needs all|busy|no-answer|busy-no-answer NUMBER, or off; got '" + clip(arg) + "'");
      return join(w);
    }
    case Action::offhook:
    case Action::onhook:
    case Action::hold:
    case Action::retrieve:
      if (!arg.empty()) fail(r, "'" + r.action + "' takes no argument, got '" + clip(arg) + "'");
      return arg;
  }
  return arg;
}

// The party of a step or expectation: a number that setup defines (checked after all rows).
void Loader::acting_party(const Row& r) {
  if (r.party.empty()) fail(r, "party missing");
  if (!is_number(r.party)) fail(r, "party '" + clip(r.party) + "' is not a number");
  use(r.party, r);
}

// ---------------------------------------------------------------------------------------------
// Expectation rows

void Loader::expect_row(const Row& r) {
  Expectation x;
  x.negate = r.action == "expect-not";
  x.line = r.line;
  x.party = r.party;
  x.text = r.argument;
  expect_window(r, x);
  if (r.action == "expect-state") return state_row(r, x);
  std::string argument = r.argument;
  if (r.action == "expect-count") count_row(r, x, argument);
  if (r.party == "cdr") return cdr_row(r, x, argument);
  if (r.party == "*") fail(r, "the party '*' is for expect-state only (every party's state)");
  acting_party(r);
  size_t space = argument.find_first_of(" \t");
  std::string name = argument.substr(0, space);
  std::string rest = space == std::string::npos ? "" : trim(argument.substr(space));
  if (name.empty()) fail(r, r.action + " needs an event, e.g. 'ringing from=2002'");
  std::optional<Ev> ev = ev_from_name(name);
  if (!ev) fail(r, "unknown event '" + clip(name) + "'" + did_you_mean(name, event_names()));
  x.event = *ev;
  if (ev_detail_is_text(*ev)) {
    // Surrounding single quotes are optional: `display 'HANDOFF IN PROGRESS'`.
    if (rest.size() >= 2 && rest.front() == '\'' && rest.back() == '\'') rest = rest.substr(1, rest.size() - 2);
    if (is_pattern(rest)) check_pattern(r, rest);
    x.detail = rest;
  } else {
    x.detail = detail_words(r, *ev, rest);
  }
  sc_.expectations.push_back(std::move(x));
}

// `N EVENT ...`, `>=N EVENT ...` or `<=N EVENT ...` (SPEC SC-1): takes the count off the argument.
void Loader::count_row(const Row& r, Expectation& x, std::string& argument) {
  x.kind = Expectation::Kind::count;
  size_t space = argument.find_first_of(" \t");
  std::string n = argument.substr(0, space);
  argument = space == std::string::npos ? "" : trim(argument.substr(space));
  std::string digits = n;
  if (n.rfind(">=", 0) == 0) {
    x.count_op = Expectation::CountOp::at_least;
    digits = n.substr(2);
  } else if (n.rfind("<=", 0) == 0) {
    x.count_op = Expectation::CountOp::at_most;
    digits = n.substr(2);
  }
  if (n.empty()) fail(r, "expect-count needs a count and an event, e.g. '2 ringing' or '>=1 busy'");
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
    fail(r, "count '" + clip(n) + "' is not a number of events (write 2, >=2 or <=2; at most 9 digits)");
  x.count = std::stol(digits);
  if (argument.empty() && r.party != "cdr") fail(r, "expect-count needs an event after the count, e.g. '2 ringing'");
}

// `STATE` or `talking to=X`, `held by=X`, `conference size=N` (SPEC SC-2), at a party or at `*`.
void Loader::state_row(const Row& r, Expectation& x) {
  x.kind = Expectation::Kind::state;
  if (r.at.empty())
    fail(r, "expect-state needs a time in 'at': an instant (12.5) or a range (12..15)");
  if (r.party != "*") acting_party(r);
  std::vector<std::string> w = words(r.argument);
  if (w.empty()) fail(r, "expect-state needs a state, e.g. 'idle' or 'talking to=2002' (states: " + join(state_names()) + ")");
  if (!one_of(w[0], state_names()))
    fail(r, "unknown state '" + clip(w[0]) + "' (states: " + join(state_names()) + ")" + did_you_mean(w[0], state_names()));
  x.state.name = w[0];
  const char* key = w[0] == "talking" ? "to" : w[0] == "held" ? "by" : w[0] == "conference" ? "size" : nullptr;
  if (w.size() > 2 || (w.size() == 2 && !key))
    fail(r, "state '" + w[0] + "' takes " + (key ? std::string(key) + "=VALUE at most" : std::string("nothing after it")) +
                ", got '" + clip(r.argument) + "'");
  if (w.size() == 2) {
    std::string prefix = std::string(key) + "=";
    if (w[1].rfind(prefix, 0) != 0 || w[1].size() == prefix.size())
      fail(r, "state '" + w[0] + "' takes " + prefix + "VALUE, got '" + clip(w[1]) + "'");
    x.state.value = w[1].substr(prefix.size());
    if (w[0] == "conference") {
      if (x.state.value.find_first_not_of("0123456789") != std::string::npos || x.state.value.size() > 4)
        fail(r, "conference size '" + clip(x.state.value) + "' is not a number of members");
    } else {
      if (!is_number(x.state.value)) fail(r, prefix + " needs a number, got '" + clip(x.state.value) + "'");
      use(x.state.value, r);
    }
  }
  sc_.expectations.push_back(std::move(x));
}

// The party `cdr` (SPEC SC-5): column=value words over the call records.
void Loader::cdr_row(const Row& r, Expectation& x, const std::string& argument) {
  x.cdr = true;
  std::vector<std::string> out = words(argument);
  std::set<std::string_view> given;
  for (const std::string& w : out) {
    size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == w.size()) fail(r, "detail '" + clip(w) + "' must be column=value");
    std::string_view key = std::string_view(w).substr(0, eq);
    std::string value = w.substr(eq + 1);
    if (std::find(cdr_keys().begin(), cdr_keys().end(), key) == cdr_keys().end()) {
      std::string allowed;
      for (std::string_view k : cdr_keys()) allowed += (allowed.empty() ? "" : " ") + std::string(k);
      fail(r, "call records have no column '" + clip(std::string(key)) + "' (columns: " + allowed + ")");
    }
    if (!given.insert(key).second) fail(r, "column " + std::string(key) + "= given twice");
    if (is_pattern(value)) check_pattern(r, value);
    else if (key == "disposition" && !one_of(value, kDispositions))
      fail(r, "bad value '" + clip(value) + "' for disposition= (expected " + join(kDispositions, "|") + ")");
  }
  if (out.empty() && x.kind != Expectation::Kind::count)
    fail(r, "a cdr expectation needs column=value words, e.g. 'src=2001 disposition=answered'");
  x.detail = join(out);
  sc_.expectations.push_back(std::move(x));
}

// `~REGEX` (SPEC SC-4): a good ECMAScript expression of at most 200 characters.
void Loader::check_pattern(const Row& r, const std::string& text) {
  if (auto why = pattern_problem(text.substr(1))) fail(r, clip(*why));
}

// Empty (any time), exact `12.5`, or closed range `12..15`. A relative `+N` has no meaning here:
// expectations do not move the step clock.
void Loader::expect_window(const Row& r, Expectation& x) {
  if (r.at.empty()) return;
  if (r.at[0] == '+')
    fail(r, "an expectation's time cannot be relative ('" + r.at + "'): write it as 12.5 or 12..15");
  size_t dots = r.at.find("..");
  if (dots == std::string::npos) {
    x.from = x.to = seconds_or_fail(r, r.at, "time");
    return;
  }
  x.from = seconds_or_fail(r, trim(std::string_view(r.at).substr(0, dots)), "time");
  x.to = seconds_or_fail(r, trim(std::string_view(r.at).substr(dots + 2)), "time");
  if (x.from > x.to) fail(r, "time range '" + r.at + "' ends before it starts");
}

// `key=value` words whose keys the event can carry (a misspelt key would never match).
std::string Loader::detail_words(const Row& r, Ev ev, const std::string& text) {
  const std::vector<std::string_view>& keys = ev_keys(ev);
  std::vector<std::string> out = words(text);
  std::set<std::string_view> given;
  for (const std::string& w : out) {
    size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == w.size())
      fail(r, "detail '" + clip(w) + "' must be key=value");
    std::string_view key = std::string_view(w).substr(0, eq);
    // An event carries each key once: two values can never both match (an expect-not that
    // could never fail), and the same one twice is a slip.
    if (!given.insert(key).second) fail(r, "detail " + std::string(key) + "= given twice");
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
      if (is_pattern(w.substr(eq + 1))) check_pattern(r, w.substr(eq + 1));
      continue;
    }
    std::string allowed;
    for (std::string_view k : keys) allowed += (allowed.empty() ? "" : " ") + std::string(k);
    std::string event(ev_name(ev));
    fail(r, "event '" + event + "' has no detail '" + std::string(key) + "' (" +
                (allowed.empty() ? "it takes none" : "allowed: " + allowed) + ")");
  }
  return join(out);
}

// ---------------------------------------------------------------------------------------------
// Numbers

void Loader::claim(const std::string& number, const Row& r, const std::string& note) {
  auto [it, fresh] = defined_.emplace(number, Where{r.file, r.line, note});
  if (fresh) return;
  const Where& w = it->second;
  fail(r, "number " + number + " already defined at " + w.file + ":" + std::to_string(w.line) +
              (w.note.empty() ? "" : " (" + w.note + ")"));
}

// Definitions may come after their uses, so uses are checked once every row is read.
void Loader::check_uses() {
  if (include_failed_) return;
  for (const Use& u : uses_)
    if (!defined_.count(u.number)) record(InputError(u.where.file, u.where.line, "undefined number " + u.number));
}

// associated= names other stations, each the associated destination of one main extension only
// (a handoff must know whose call it moves), and not a main extension itself.
void Loader::check_associations() {
  std::unordered_map<std::string_view, const PartyDef*> by_number;  // views of the parties' numbers
  by_number.reserve(sc_.site.parties.size());
  for (const PartyDef& d : sc_.site.parties) by_number[d.number] = &d;
  std::map<std::string, std::string> owner;
  for (const PartyDef& d : sc_.site.parties) {
    for (const std::string& n : d.associated) {
      const PartyDef* a = by_number.count(n) ? by_number[n] : nullptr;
      auto fail_here = [&](const std::string& m) { record(InputError(d.source_file, d.source_line, m)); };
      if (!defined_.count(n)) continue;  // check_uses reports it
      if (!a) {
        fail_here("associated= " + n + " must be a station's own number, not a line of one");
      } else if (a->kind != PartyKind::station) {
        fail_here("associated= " + n + " is not a station (mobile and home phones go in mobile= and home=)");
      } else if (n == d.number) {
        fail_here("station " + n + " cannot be its own associated destination");
      } else if (!a->associated.empty()) {
        fail_here("associated= " + n + " is itself a main extension with associated destinations");
      } else if (auto [it, fresh] = owner.emplace(n, d.number); !fresh) {
        fail_here("station " + n + " is already an associated destination of " + it->second);
      }
    }
  }
}

// The other options that name parties name parties of the right kind: a hunt pilot as someone's
// mobile= would ring like a phone. Undefined numbers are check_uses' to report.
void Loader::check_kinds() {
  // Views of the parties' own strings (sc_ outlives this); looked up only, so unordered.
  std::unordered_map<std::string_view, const PartyDef*> by_number;
  std::unordered_set<std::string_view> lines;
  by_number.reserve(sc_.site.parties.size());
  for (const PartyDef& d : sc_.site.parties) {
    by_number[d.number] = &d;
    for (size_t i = 1; i < d.lines.size(); ++i) lines.insert(d.lines[i]);
  }
  auto kind_name = [](PartyKind k) -> std::string {
    switch (k) {
      case PartyKind::station: return "a station";
      case PartyKind::external: return "an external party";
      case PartyKind::mobile: return "a mobile";
      case PartyKind::voicemail: return "a voice mail pilot";
      case PartyKind::hunt: return "a hunt group";
      case PartyKind::attendant: return "an attendant";
    }
    return "a party";
  };
  // Called for every party and option: the words are literals, made strings only for a message.
  auto check = [&](const PartyDef& d, std::string_view key, const std::string& n,
                   std::initializer_list<PartyKind> allowed, std::string_view wanted) {
    if (n.empty() || !defined_.count(n)) return;
    if ((key == "overflow" || key == "members") && lines.count(n)) return;  // a line rings its station
    auto it = by_number.find(n);
    std::string is = it != by_number.end() ? kind_name(it->second->kind) : lines.count(n) ? "a line of a station" : "";
    bool ok = it != by_number.end() &&
              std::find(allowed.begin(), allowed.end(), it->second->kind) != allowed.end();
    if (!ok)
      record(InputError(d.source_file, d.source_line,
                        std::string(key) + "=" + n + " is " + (is.empty() ? "no party" : is) + ", not " +
                            std::string(wanted)));
  };
  for (const PartyDef& d : sc_.site.parties) {
    check(d, "mobile", d.mobile, {PartyKind::mobile, PartyKind::external}, "a mobile or an external party");
    check(d, "home", d.home, {PartyKind::external, PartyKind::mobile}, "an external party or a mobile");
    check(d, "voicemail", d.voicemail, {PartyKind::voicemail}, "a voice mail pilot");
    for (const std::string& m : d.members) check(d, "members", m, {PartyKind::station}, "a station");
    if (!d.overflow.empty() && d.overflow == d.number)
      record(InputError(d.source_file, d.source_line, "hunt group " + d.number + " cannot overflow to itself"));
    else
      check(d, "overflow", d.overflow,
            {PartyKind::station, PartyKind::external, PartyKind::mobile, PartyKind::voicemail, PartyKind::hunt,
             PartyKind::attendant},
            "a party");
  }
}

// ---------------------------------------------------------------------------------------------
// parse_options helpers

// The length of `key` when the word starts with `key=` (so it opens a new option), else 0.
size_t option_key_length(std::string_view word) {
  size_t eq = word.find('=');
  if (eq == 0 || eq == std::string_view::npos) return 0;
  for (char c : word.substr(0, eq)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return 0;
  }
  return eq;
}

// 'quoted text' starting at text[i]; '' inside stands for one quote. Leaves i after the closing
// quote, which must end the word.
std::string read_quoted(const std::string& text, size_t& i) {
  std::string out;
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (text[j] != '\'') {
      out += text[j];
    } else if (j + 1 < text.size() && text[j + 1] == '\'') {
      out += '\'';
      ++j;
    } else {
      i = j + 1;
      if (i < text.size() && !is_blank(text[i]))
        throw std::invalid_argument("a space must follow the closing quote in '" + clip(text) + "'");
      return out;
    }
  }
  throw std::invalid_argument("unclosed quote in '" + clip(text) + "'");
}

// Checks a whole file as is_runnable_scenario needs: any row with a time that is no expectation.
// Bad rows are skipped: the run that follows reports them.
bool has_step_row(const std::string& path, std::string_view text, int header_line) {
  CsvReader csv(path, text.data(), text.data() + text.size());
  std::string at, party, action, argument;
  for (;;) {
    try {
      if (!csv.read_row(at, party, action, argument)) return false;
    } catch (const io::error::line_length_limit_exceeded&) {
      return false;  // fccp does not move past such a line
    } catch (const io::error::base&) {
      continue;
    }
    if (static_cast<int>(csv.get_file_line()) <= header_line) continue;
    action = trim(action);
    if (!trim(at).empty() && action != "expect" && action != "expect-not") return true;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

Scenario load_scenario(const std::string& path, const FileSource& files, const LoadOptions& options) {
  return Loader(files, options).load(path);
}

Scenario load_scenario(const std::string& path, const FileSource& files, const std::string& profile_dir) {
  LoadOptions options;
  options.profile_dir = profile_dir;
  return Loader(files, options).load(path);
}

bool path_inside(const std::string& path, const std::string& root) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return false;
  fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) return false;
  // Component by component: /work/repo2 is not inside /work/repo.
  auto pi = p.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++pi) {
    if (ri->empty()) continue;  // a trailing separator
    if (pi == p.end() || *pi != *ri) return false;
  }
  return true;
}

bool is_runnable_scenario(const std::string& path, const FileSource& files) {
  try {
    std::optional<std::string> raw = files.read(path);
    if (!raw) return false;
    std::string_view text = without_bom(*raw);
    Preamble pre = read_preamble(text);
    if (pre.header_line == 0 || pre.header != kHeader) return false;
    return has_step_row(path, text, pre.header_line);
  } catch (...) {
    return false;
  }
}

std::string default_profile_dir() {
  const char* env = std::getenv("TELSIM_PROFILE_DIR");
  if (env && *env) return env;
  // An installed telsim (PREFIX/bin/telsim) finds the profiles installed beside it, under any
  // prefix; a binary in the build tree has none there and uses the source tree's.
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path installed = exe.parent_path().parent_path() / TELSIM_INSTALLED_PROFILE_DIR;
    if (std::filesystem::is_directory(installed, ec)) return installed.string();
  }
  return TELSIM_DEFAULT_PROFILE_DIR;
}

std::vector<std::pair<std::string, std::string>> parse_options(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  bool quoted = false;  // the last value was quoted text: only a new key= may follow
  size_t i = 0;
  for (;;) {
    while (i < text.size() && is_blank(text[i])) ++i;
    if (i >= text.size()) break;
    size_t end = i;
    while (end < text.size() && !is_blank(text[end])) ++end;
    std::string_view word(text.data() + i, end - i);
    if (size_t k = option_key_length(word)) {
      out.emplace_back(std::string(word.substr(0, k)), "");
      i += k + 1;
      quoted = i < text.size() && text[i] == '\'';
      if (quoted) {
        out.back().second = read_quoted(text, i);
      } else {
        out.back().second = text.substr(i, end - i);
        i = end;
      }
      continue;
    }
    if (out.empty()) throw std::invalid_argument("expected key=value, got '" + clip(word) + "'");
    if (quoted)
      throw std::invalid_argument("'" + clip(word) + "' follows the quoted value of " + out.back().first + "=");
    std::string& value = out.back().second;
    value += (value.empty() ? "" : " ") + std::string(word);
    i = end;
  }
  return out;
}

}  // namespace telsim
