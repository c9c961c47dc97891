#include "engine/output/dot_writer.h"

#include "engine/base/check.h"
#include "engine/output/picture.h"

namespace etldag {
namespace {

void AppendAttrList(const DotAttrs& attrs, std::string* out) {
  if (attrs.empty()) return;
  *out += " [";
  for (size_t i = 0; i < attrs.size(); ++i) {
    if (i > 0) *out += ", ";
    *out += attrs[i].first;
    *out += '=';
    *out += DotQuote(attrs[i].second);
  }
  *out += ']';
}

}  // namespace

std::string DotAttrList(const DotAttrs& attrs) {
  std::string s;
  AppendAttrList(attrs, &s);
  return s;
}

void DotWriter::AddStatement(std::string_view statement) {
  body_ += statement;
  body_ += '\n';
}

std::string DotQuote(std::string_view s) {
  std::string q;
  q.reserve(s.size() + 2);
  q += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      q += '\\';
      q += c;
    } else if (c == '\n') {
      q += "\\n";
    } else if (c == '\r') {
      q += "\\r";
    } else {
      q += c;
    }
  }
  q += '"';
  return q;
}

DotWriter::DotWriter(std::string_view graph_name) : name_(graph_name) {}

void DotWriter::AddGraphAttr(std::string_view key, std::string_view value) {
  graph_attrs_.emplace_back(std::string(key), std::string(value));
}
void DotWriter::AddNodeDefault(std::string_view key, std::string_view value) {
  node_defaults_.emplace_back(std::string(key), std::string(value));
}
void DotWriter::AddEdgeDefault(std::string_view key, std::string_view value) {
  edge_defaults_.emplace_back(std::string(key), std::string(value));
}

void DotWriter::AddNode(std::string_view name, const DotAttrs& attrs) {
  body_ += "  ";
  body_ += DotQuote(name);
  AppendAttrList(attrs, &body_);
  body_ += ";\n";
}

void DotWriter::AddEdge(std::string_view from, std::string_view to, const DotAttrs& attrs) {
  body_ += "  ";
  body_ += DotQuote(from);
  body_ += " -> ";
  body_ += DotQuote(to);
  AppendAttrList(attrs, &body_);
  body_ += ";\n";
}

void DotWriter::Render(std::string* out) const {
  *out += "digraph ";
  *out += DotQuote(name_);
  *out += " {\n";
  for (const auto& [k, v] : graph_attrs_) {
    *out += "  " + k + '=' + DotQuote(v) + ";\n";
  }
  if (!node_defaults_.empty()) {
    *out += "  node";
    AppendAttrList(node_defaults_, out);
    *out += ";\n";
  }
  if (!edge_defaults_.empty()) {
    *out += "  edge";
    AppendAttrList(edge_defaults_, out);
    *out += ";\n";
  }
  *out += body_;
  *out += "}\n";
}

DotAttrs DotHighlightAttrs(uint32_t mask) {
  DotAttrs a;
  const char* fill = nullptr;
  const char* color = nullptr;
  if (mask & kDotFailed) {
    fill = "#f4cccc", color = "#cc0000";
  } else if (mask & kDotCollateral) {
    fill = "#fce5cd", color = "#e69138";
  } else if (mask & kDotCritical) {
    fill = "#fff2cc", color = "#bf9000";
  } else if (mask & kDotPending) {
    fill = "#eeeeee", color = "#999999";
  } else if (mask & kDotSeed) {
    fill = "#cfe2f3";
  }
  std::string style;
  if (fill != nullptr) style = "filled";
  if (mask & (kDotExternal | kDotExcluded)) style += style.empty() ? "dashed" : ",dashed";
  if (mask & kDotProtected) style += style.empty() ? "bold" : ",bold";
  if (!style.empty()) a.emplace_back("style", style);
  if (fill != nullptr) a.emplace_back("fillcolor", fill);
  if (color != nullptr) a.emplace_back("color", color);
  if (mask & kDotExcluded) {
    a.emplace_back("color", "#999999");
    a.emplace_back("fontcolor", "#999999");
  }
  if (mask & kDotProtected) a.emplace_back("shape", "doubleoctagon");
  return a;
}

void AppendInducedSubgraphDot(const Graph& g, const Bitmap& nodes,
                              const std::function<uint32_t(NodeId)>& highlight,
                              std::string* out) {
  AppendPictureDot(g, nodes, {.state = highlight}, out);
}

}  // namespace etldag
