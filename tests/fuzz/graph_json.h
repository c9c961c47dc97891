// ToSparkOpsJson: writes a Graph back as spark_ops.json such that loading the
// text gives the same graph, array for array (fuzz round-trip oracle):
//   - one object per op, in id order, with "type" = its kind name;
//   - each edge u -> v declared where the original was: an op -> op edge on
//     both sides unless it is a disagreement (then only on its declared
//     side); an edge from an external only in v's "inputs", an edge to an
//     external only in u's "successors";
//   - names escaped: '"', '\\' and bytes < 0x20 (\u00XX); other bytes as is.
#ifndef ETLDAG_TESTS_FUZZ_GRAPH_JSON_H_
#define ETLDAG_TESTS_FUZZ_GRAPH_JSON_H_

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/graph/graph.h"

namespace etldag::fuzz {

inline void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

inline void AppendNameList(std::string& out, const char* field, const Graph& g, const std::vector<NodeId>& ids) {
  if (ids.empty()) return;
  out += ",\"";
  out += field;
  out += "\":[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, g.name(ids[i]));
  }
  out += ']';
}

// The side that declared the op->op edge u -> v (kBoth unless one-sided).
inline EdgeSide DeclaredSide(const Graph& g, NodeId u, NodeId v) {
  const std::span<const Disagreement> d = g.disagreements();
  const auto it = std::lower_bound(d.begin(), d.end(), std::pair(u, v), [](const Disagreement& x, auto key) {
    return std::pair(x.from, x.to) < key;
  });
  if (it != d.end() && it->from == u && it->to == v) return it->declared_by;
  return EdgeSide::kBoth;
}

inline std::string ToSparkOpsJson(const Graph& g) {
  std::string out = "[";
  bool first = true;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (g.is_external(v)) continue;
    std::vector<NodeId> inputs, successors;
    for (NodeId u : g.in(v)) {
      if (g.is_external(u) || DeclaredSide(g, u, v) != EdgeSide::kSuccessors) inputs.push_back(u);
    }
    for (NodeId w : g.out(v)) {
      if (g.is_external(w) || DeclaredSide(g, v, w) != EdgeSide::kInputs) successors.push_back(w);
    }
    out += first ? "\n{\"name\":" : ",\n{\"name\":";
    first = false;
    AppendJsonString(out, g.name(v));
    out += ",\"type\":";
    AppendJsonString(out, g.kind_name(g.kind(v)));
    AppendNameList(out, "inputs", g, inputs);
    AppendNameList(out, "successors", g, successors);
    out += '}';
  }
  out += "\n]\n";
  return out;
}

}  // namespace etldag::fuzz

#endif  // ETLDAG_TESTS_FUZZ_GRAPH_JSON_H_
