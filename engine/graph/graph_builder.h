// GraphBuilder: the only way into a Graph. Interns names, collects edges with
// the side of the file that declared them, then Build() validates and lays out
// the compact graph (see graph.h).
//
// Build steps:
//   1. sort the interned names (parallel) -> final ids in name order
//   2. names arena + offsets in id order; kinds (explicit, else the first
//      segment of the name, "external" for externals), kind ids in name order
//   3. out CSR by counting sort: count out-degrees -> prefix sum -> scatter
//   4. sort every out-list and collapse duplicates, OR-ing the declaring sides
//      (parallel per list); record self-loops and one-sided op->op edges
//   5. in CSR by counting sort over the out CSR (lists come out sorted)
#ifndef ETLDAG_ENGINE_GRAPH_GRAPH_BUILDER_H_
#define ETLDAG_ENGINE_GRAPH_GRAPH_BUILDER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"

namespace etldag {

class GraphBuilder {
 public:
  // Provisional id, valid only inside this builder (insertion order).
  using Pid = uint32_t;

  GraphBuilder();
  ~GraphBuilder();
  GraphBuilder(GraphBuilder&&) noexcept;
  GraphBuilder& operator=(GraphBuilder&&) noexcept;

  void Reserve(size_t nodes, size_t edges);

  // Interns a name (copied; the argument need not outlive the call) and
  // returns its provisional id. Referencing a name does not define it.
  Pid Intern(std::string_view name);
  // out[i] = Intern(names[i]) for every i, faster for a list (the table's
  // cache misses overlap; see name_table.h).
  void InternBatch(std::span<const std::string_view> names, Pid* out);
  // Marks `pid` as an op of the file. `kind` = the op's type/kind field, or
  // empty to derive it from the name. Returns false (and changes nothing) when
  // the op was already defined: a duplicate op name.
  bool DefineOp(Pid pid, std::string_view kind = {});
  // Records u -> v ("v reads u") as declared by `side`.
  void AddEdge(Pid from, Pid to, EdgeSide side);
  // dbt attributes of `pid` (node_attributes.h); a later call for the same
  // pid replaces the earlier one. Strings are interned (copied) once per
  // distinct value. A graph gets attribute arrays as soon as one node has
  // attributes; nodes without (externals) read as empty.
  void SetAttributes(Pid pid, const NodeAttributeInput& attrs);
  // A graph-level attribute (the manifest's project name, schema version).
  void SetGraphAttribute(GraphAttr field, std::string_view value);
  // Moves everything `other` holds into this builder: its names (interned
  // here), its op definitions, attributes and edges, remapped to this
  // builder's pids. The graph built afterwards is the one a single builder
  // fed this builder's input and then the other's would build: Build()
  // orders nodes by name, and other's attribute strings new to this builder
  // are interned after this builder's, in other's order (so the attribute
  // arena is byte-identical too). Graph attributes set only in `other` are
  // taken. Returns false when an op is defined in both (a duplicate op
  // name); this builder is then only fit to be discarded.
  [[nodiscard]] bool MergeFrom(GraphBuilder&& other);

  // The pid of `name` if it was interned, else kNoPid (nothing is added).
  static constexpr Pid kNoPid = ~Pid{0};
  Pid Find(std::string_view name) const;

  size_t num_interned() const;
  size_t num_raw_edges() const;
  std::string_view interned_name(Pid pid) const;
  bool is_defined(Pid pid) const;

  // Lays out the graph; the builder is consumed. Fails (InvalidArgument /
  // ResourceExhausted) past the limits in engine/base/types.h or on a bad pid.
  [[nodiscard]] absl::StatusOr<Graph> Build() &&;

 struct Impl;  // opaque; public only so build steps can be free functions

 private:
  void MergeAttributes(const Impl& other, const std::vector<Pid>& remap);
  std::unique_ptr<Impl> impl_;
};

// Convenience for tests and tools: a graph from (name, kind) ops and
// (from, to) name edges declared on both sides.
struct OpSpec {
  std::string_view name;
  std::string_view kind;  // empty = derive
};
[[nodiscard]] absl::StatusOr<Graph> BuildGraph(const std::vector<OpSpec>& ops,
                                 const std::vector<std::pair<std::string_view, std::string_view>>& edges);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_GRAPH_BUILDER_H_
