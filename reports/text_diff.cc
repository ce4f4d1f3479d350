// Myers' O(ND) difference algorithm (the one diff(1) and git use), with the common head and tail
// cut first; past a large number of differences it stops refining and replaces the rest whole,
// so a trace that differs everywhere costs no more than printing both.
#include "reports/text_diff.h"

#include <algorithm>
#include <utility>

namespace telsim {

namespace {
enum class Op : char { same = ' ', del = '-', add = '+' };
struct Edit {
  Op op;
  size_t a, b;  // line indexes in a and b (the one that applies)
};

constexpr long kMaxD = 2000;  // differences refined by Myers; beyond, the middle is replaced whole

// Edits turning a[a0, a1) into b[b0, b1).
void myers(const std::vector<std::string>& a, const std::vector<std::string>& b, size_t a0, size_t a1, size_t b0,
           size_t b1, std::vector<Edit>& out) {
  const long n = static_cast<long>(a1 - a0), m = static_cast<long>(b1 - b0);
  const long max = std::min(n + m, kMaxD);
  const long off = max + 1;
  std::vector<long> v(static_cast<size_t>(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;
  long found = -1;
  for (long d = 0; d <= max && found < 0; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off])) ? v[k + 1 + off] : v[k - 1 + off] + 1;
      long y = x - k;
      while (x < n && y < m && a[a0 + x] == b[b0 + y]) ++x, ++y;
      v[k + off] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {  // too different: all of a's middle out, all of b's in
    for (size_t i = a0; i < a1; ++i) out.push_back({Op::del, i, b0});
    for (size_t j = b0; j < b1; ++j) out.push_back({Op::add, a1, j});
    return;
  }
  std::vector<Edit> rev;
  long x = n, y = m;
  for (long d = found; d > 0; --d) {
    const std::vector<long>& pv = trace[static_cast<size_t>(d)];
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv[k - 1 + off] < pv[k + 1 + off])) ? k + 1 : k - 1;
    long prev_x = pv[prev_k + off], prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) rev.push_back({Op::same, a0 + static_cast<size_t>(--x), b0 + static_cast<size_t>(--y)});
    if (x == prev_x) rev.push_back({Op::add, a0 + static_cast<size_t>(x), b0 + static_cast<size_t>(--y)});
    else rev.push_back({Op::del, a0 + static_cast<size_t>(--x), b0 + static_cast<size_t>(y)});
  }
  while (x > 0 && y > 0) rev.push_back({Op::same, a0 + static_cast<size_t>(--x), b0 + static_cast<size_t>(--y)});
  out.insert(out.end(), rev.rbegin(), rev.rend());
}

std::string range(size_t start, size_t count) {
  // diff -u: a range of no lines names the line before it.
  return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}
}  // namespace

std::vector<std::string> text_lines(const std::string& text) {
  std::string_view t(text);
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < t.size()) {
    size_t nl = t.find('\n', pos);
    size_t end = nl == std::string_view::npos ? t.size() : nl;
    std::string_view line = t.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    pos = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string unified_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                         const std::string& a_name, const std::string& b_name, int context) {
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  if (head == a.size() && head == b.size()) return "";
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  std::vector<Edit> edits;
  for (size_t i = 0; i < head; ++i) edits.push_back({Op::same, i, i});
  myers(a, b, head, a.size() - tail, head, b.size() - tail, edits);
  for (size_t i = 0; i < tail; ++i) edits.push_back({Op::same, a.size() - tail + i, b.size() - tail + i});

  std::string out = "--- " + a_name + "\n+++ " + b_name + "\n";
  const size_t ctx = static_cast<size_t>(std::max(0, context));
  size_t i = 0;
  while (i < edits.size()) {
    while (i < edits.size() && edits[i].op == Op::same) ++i;
    if (i == edits.size()) break;
    // A hunk: from ctx lines before this change to ctx lines after the last change that is
    // closer than 2*ctx unchanged lines to the next.
    size_t start = i >= ctx ? i - ctx : 0;
    size_t end = i;
    for (;;) {
      while (end < edits.size() && edits[end].op != Op::same) ++end;
      size_t same = end;
      while (same < edits.size() && edits[same].op == Op::same) ++same;
      if (same < edits.size() && same - end <= 2 * ctx) {
        end = same;
        continue;
      }
      end = std::min(edits.size(), end + ctx);
      break;
    }
    size_t a_start = edits[start].a, b_start = edits[start].b, a_count = 0, b_count = 0;
    std::string body;
    for (size_t k = start; k < end; ++k) {
      const Edit& e = edits[k];
      const std::string& line = e.op == Op::add ? b[e.b] : a[e.a];
      body += static_cast<char>(e.op);
      body += line;
      body += '\n';
      if (e.op != Op::add) ++a_count;
      if (e.op != Op::del) ++b_count;
    }
    out += "@@ -" + range(a_start, a_count) + " +" + range(b_start, b_count) + " @@\n" + body;
    i = end;
  }
  return out;
}

}  // namespace telsim
