// DOT (Graphviz) output for `--format dot`: a picture of a subgraph with the
// interesting nodes highlighted.
//
// DotWriter collects graph/node/edge attributes, nodes and edges, and renders
//   digraph "etldag" {
//     rankdir="LR";
//     node [shape="box"];
//     "a" [style="filled", fillcolor="#f4cccc"];
//     "a" -> "b";
//   }
// in insertion order (callers add nodes in id order and edges in CSR order,
// so the output is deterministic). Every id and value is quoted (DotQuote).
//
// AppendInducedSubgraphDot is the common case: the nodes of a set and the
// edges between them, each node styled by a mask of DotHighlight bits:
// failed = red fill, collateral = orange fill, pending = grey fill, critical
// = gold fill, seed = blue fill (first match wins), excluded = grey dashed,
// protected = bold double octagon, external = dashed outline. picture.h
// draws a set with these states, a legend, a title and summaries.
#ifndef ETLDAG_ENGINE_OUTPUT_DOT_WRITER_H_
#define ETLDAG_ENGINE_OUTPUT_DOT_WRITER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

using DotAttrs = std::vector<std::pair<std::string, std::string>>;

// `s` as a DOT double-quoted string (escapes `"` and `\`, newlines as \n).
std::string DotQuote(std::string_view s);

class DotWriter {
 public:
  explicit DotWriter(std::string_view graph_name = "etldag");

  void AddGraphAttr(std::string_view key, std::string_view value);
  void AddNodeDefault(std::string_view key, std::string_view value);
  void AddEdgeDefault(std::string_view key, std::string_view value);
  void AddNode(std::string_view name, const DotAttrs& attrs = {});
  void AddEdge(std::string_view from, std::string_view to, const DotAttrs& attrs = {});
  // A statement written as given (a subgraph, a rank group), after the
  // nodes and edges added before it.
  void AddStatement(std::string_view statement);

  // Appends the whole digraph.
  void Render(std::string* out) const;

 private:
  std::string name_;
  DotAttrs graph_attrs_, node_defaults_, edge_defaults_;
  std::string body_;  // node and edge statements, already formatted
};

enum DotHighlight : uint32_t {
  kDotSeed = 1u << 0,
  kDotFailed = 1u << 1,
  kDotProtected = 1u << 2,
  kDotCritical = 1u << 3,
  kDotExternal = 1u << 4,
  kDotCollateral = 1u << 5,  // uncommitted because something upstream failed
  kDotPending = 1u << 6,     // not run yet (queued or running)
  kDotExcluded = 1u << 7,    // kept out (e.g. rerun-plan --skip)
};

// ` [k="v", ...]` (empty for no attributes).
std::string DotAttrList(const DotAttrs& attrs);

// The attributes of a node with the given DotHighlight mask (empty for 0).
DotAttrs DotHighlightAttrs(uint32_t mask);

// The subgraph induced by `nodes` (size g.num_nodes()) as a state picture
// without a title (picture.h); `highlight(v)` returns v's DotHighlight mask
// (may be empty: none).
void AppendInducedSubgraphDot(const Graph& g, const Bitmap& nodes,
                              const std::function<uint32_t(NodeId)>& highlight,
                              std::string* out);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_OUTPUT_DOT_WRITER_H_
