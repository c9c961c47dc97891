#include "engine/output/dot_writer.h"

#include "engine/base/check.h"

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
  if (mask & kDotFailed) {
    fill = "#f4cccc";
  } else if (mask & kDotCritical) {
    fill = "#fce5cd";
  } else if (mask & kDotSeed) {
    fill = "#cfe2f3";
  }
  std::string style;
  if (fill != nullptr) style = "filled";
  if (mask & kDotExternal) style += style.empty() ? "dashed" : ",dashed";
  if (mask & kDotProtected) style += style.empty() ? "bold" : ",bold";
  if (!style.empty()) a.emplace_back("style", style);
  if (fill != nullptr) a.emplace_back("fillcolor", fill);
  if (mask & kDotFailed) a.emplace_back("color", "#cc0000");
  if (mask & kDotProtected) a.emplace_back("shape", "doubleoctagon");
  return a;
}

void AppendInducedSubgraphDot(const Graph& g, const Bitmap& nodes,
                              const std::function<uint32_t(NodeId)>& highlight,
                              std::string* out) {
  ETLDAG_CHECK(nodes.size() == g.num_nodes());
  DotWriter w;
  w.AddGraphAttr("rankdir", "LR");
  w.AddNodeDefault("shape", "box");
  w.AddNodeDefault("fontname", "Helvetica");
  nodes.ForEach([&](size_t i) {
    const NodeId v = static_cast<NodeId>(i);
    w.AddNode(g.name(v), highlight ? DotHighlightAttrs(highlight(v)) : DotAttrs{});
  });
  nodes.ForEach([&](size_t i) {
    const NodeId u = static_cast<NodeId>(i);
    for (NodeId v : g.out(u)) {
      if (nodes.Test(v)) w.AddEdge(g.name(u), g.name(v));
    }
  });
  w.Render(out);
}

}  // namespace etldag
