// Shared by the report tests: a scratch directory, the built telsim binary, and libxml2 parsing
// of what the reports produce.
#pragma once
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scratch_fixture.h"

namespace telsim_test {

namespace fs = std::filesystem;

struct XmlDoc {
  std::shared_ptr<xmlDoc> doc;
  std::string error;
  xmlNode* root() const { return doc ? xmlDocGetRootElement(doc.get()) : nullptr; }
};

inline XmlDoc parse_xml(const std::string& text) {
  XmlDoc d;
  xmlDoc* doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "report.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (!doc) {
    const xmlError* e = xmlGetLastError();
    d.error = e && e->message ? e->message : "not well-formed";
    return d;
  }
  d.doc.reset(doc, xmlFreeDoc);
  return d;
}

inline XmlDoc parse_html(const std::string& text) {
  XmlDoc d;
  htmlDocPtr doc = htmlReadMemory(text.data(), static_cast<int>(text.size()), "report.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (!doc) {
    d.error = "cannot parse HTML";
    return d;
  }
  d.doc.reset(doc, xmlFreeDoc);
  return d;
}

inline std::string name(const xmlNode* n) { return n && n->name ? reinterpret_cast<const char*>(n->name) : ""; }

inline std::string attr(const xmlNode* n, const char* a) {
  xmlChar* v = xmlGetProp(const_cast<xmlNode*>(n), reinterpret_cast<const xmlChar*>(a));
  if (!v) return "";
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

inline bool has_attr(const xmlNode* n, const char* a) {
  return xmlHasProp(const_cast<xmlNode*>(n), reinterpret_cast<const xmlChar*>(a)) != nullptr;
}

inline std::string text(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(const_cast<xmlNode*>(n));
  if (!v) return "";
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

inline std::vector<xmlNode*> children(const xmlNode* n, const std::string& element) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name(c) == element) out.push_back(c);
  return out;
}

// Every element below n (n included) that `keep` accepts, in document order.
inline std::vector<xmlNode*> find_all(xmlNode* n, const std::function<bool(xmlNode*)>& keep) {
  std::vector<xmlNode*> out;
  std::function<void(xmlNode*)> walk = [&](xmlNode* x) {
    for (; x; x = x->next) {
      if (x->type == XML_ELEMENT_NODE && keep(x)) out.push_back(x);
      walk(x->children);
    }
  };
  if (n) {
    if (n->type == XML_ELEMENT_NODE && keep(n)) out.push_back(n);
    walk(n->children);
  }
  return out;
}

inline bool has_class(const xmlNode* n, const std::string& cls) {
  std::istringstream in(attr(n, "class"));
  for (std::string w; in >> w;)
    if (w == cls) return true;
  return false;
}

// A scenario that passes and one with a wrong expectation (line 9) and a broken expect-not (10).
inline const char* kPassingScenario =
    "# title: a call is answered & released <ok>\n"
    "# rule: BC-1\n"
    "at,party,action,argument\n"
    ",2001,station,\n"
    ",2002,station,\n"
    "0,2001,call,2002\n"
    "2,2002,answer,\n"
    "5,2001,hangup,\n"
    "2,2001,expect,connected to=2002\n";
inline const char* kFailingScenario =
    "# title: a \"wrong\" expectation <fails>\n"
    "# rule: BC-2\n"
    "at,party,action,argument\n"
    ",2001,station,\n"
    ",2002,station,\n"
    "0,2001,call,2002\n"
    "2,2002,answer,\n"
    "5,2001,hangup,\n"
    "3,2002,expect,connected to=2009\n"
    ",2002,expect-not,ringing\n";

}  // namespace telsim_test
