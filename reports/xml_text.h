// Text for XML and HTML documents: escaped, and always well-formed.
#pragma once
#include <string>

namespace telsim {

// Escapes & < > " ' (so the result fits text and attribute values alike), writes a line break as
// &#10; when `attribute` (so it survives attribute normalization), drops control characters
// XML 1.0 forbids and replaces bytes that are not UTF-8 with '?'.
std::string xml_escape(const std::string& s, bool attribute = false);

// The same text unescaped, for a libxml2 tree whose serialiser escapes: control characters XML 1.0
// forbids dropped, bytes that are not UTF-8 replaced with '?'.
std::string xml_clean(const std::string& s);

}  // namespace telsim
