// Line differences for reports: a golden trace against the actual one as a unified diff (every
// differing row, with a little context), what `diff -u` would print.
#pragma once
#include <string>
#include <vector>

namespace telsim {

// The lines of a text, LF or CRLF, a UTF-8 byte order mark and trailing newlines ignored.
std::vector<std::string> text_lines(const std::string& text);

// "--- A\n+++ B\n@@ -l,n +l,n @@\n ..." for the two line lists; "" when they are equal.
// `context` unchanged lines around each change.
std::string unified_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                         const std::string& a_name, const std::string& b_name, int context = 2);

}  // namespace telsim
