// The immutable compact dependency graph.
//
// Layout (all arrays contiguous, ids dense uint32 in lexicographic name order):
//   names_        one arena of all names, back to back (no terminators)
//   name_offsets  n+1 offsets into the arena
//   out CSR       out_offsets (n+1) + out_targets (m): u -> v means "v reads u"
//   in CSR        in_offsets (n+1) + in_targets (m): the reverse
//   kinds         KindId per node; kind names in a small arena of their own
//   flags         bit 0: external (referenced, not defined as an op)
//   disagreements edges declared on one side only (inputs xor successors)
//   self_loops    nodes with an edge to themselves (also present in the CSR)
// Memory: name bytes + 4(n+1) names + 8(n+1) + 8m CSR + 3n kinds/flags.
//
// A Graph either owns its arrays (built by GraphBuilder) or views an mmap'd
// snapshot; either way it is immutable and move-only, and every accessor is
// O(1) except Find(), a binary search over the sorted names.
#ifndef ETLDAG_ENGINE_GRAPH_GRAPH_H_
#define ETLDAG_ENGINE_GRAPH_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "engine/base/types.h"
#include "engine/graph/node_attributes.h"

namespace etldag {

// Which side of the file declared an edge u -> v.
enum class EdgeSide : uint8_t {
  kInputs = 1,      // u listed in v.inputs
  kSuccessors = 2,  // v listed in u.successors
  kBoth = 3,
};

// An edge between two ops declared on one side only.
struct Disagreement {
  NodeId from;
  NodeId to;
  EdgeSide declared_by;  // kInputs or kSuccessors
  uint8_t pad[3] = {0, 0, 0};
};
static_assert(sizeof(Disagreement) == 12);

inline constexpr uint8_t kFlagExternal = 1;

// Plain views of every array of a graph; what GraphBuilder and the snapshot
// reader fill in. Internal to the graph module; algorithms use Graph.
struct GraphArrays {
  std::span<const char> names;
  std::span<const uint32_t> name_offsets;  // n+1
  std::span<const EdgeIndex> out_offsets;  // n+1
  std::span<const NodeId> out_targets;     // m
  std::span<const EdgeIndex> in_offsets;   // n+1
  std::span<const NodeId> in_targets;      // m
  std::span<const KindId> kinds;           // n
  std::span<const uint8_t> flags;          // n
  std::span<const char> kind_names;        // arena of kind names
  std::span<const uint32_t> kind_name_offsets;  // num_kinds+1
  std::span<const Disagreement> disagreements;
  std::span<const NodeId> self_loops;      // sorted
  // dbt attributes (node_attributes.h); all empty for a plain graph.
  std::span<const char> attr_strings;
  std::span<const uint32_t> attr_string_offsets;  // num_attr_strings+1, or empty
  std::span<const AttrId> node_attrs;             // n * kNumAttrFields, or empty
  std::span<const uint32_t> tag_offsets;          // n+1, or empty
  std::span<const AttrId> tag_ids;
  std::span<const uint32_t> fqn_offsets;          // n+1, or empty
  std::span<const AttrId> fqn_ids;
  std::span<const AttrId> graph_attrs;            // kNumGraphAttrs, or empty
};

class Graph {
 public:
  Graph();  // the empty graph
  Graph(Graph&&) noexcept = default;
  Graph& operator=(Graph&&) noexcept = default;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  ~Graph() = default;

  uint32_t num_nodes() const { return static_cast<uint32_t>(a_.kinds.size()); }
  uint64_t num_edges() const { return a_.out_targets.size(); }
  uint32_t num_externals() const { return num_externals_; }
  uint32_t num_ops() const { return num_nodes() - num_externals_; }

  std::string_view name(NodeId v) const {
    return {a_.names.data() + a_.name_offsets[v],
            a_.name_offsets[v + 1] - a_.name_offsets[v]};
  }
  // Exact name lookup (binary search): the id, or nullopt.
  std::optional<NodeId> Find(std::string_view name) const;

  // Nodes that read v (downstream neighbours), sorted by id.
  std::span<const NodeId> out(NodeId v) const {
    return a_.out_targets.subspan(a_.out_offsets[v], a_.out_offsets[v + 1] - a_.out_offsets[v]);
  }
  // Nodes v reads (upstream neighbours), sorted by id.
  std::span<const NodeId> in(NodeId v) const {
    return a_.in_targets.subspan(a_.in_offsets[v], a_.in_offsets[v + 1] - a_.in_offsets[v]);
  }
  uint32_t out_degree(NodeId v) const { return a_.out_offsets[v + 1] - a_.out_offsets[v]; }
  uint32_t in_degree(NodeId v) const { return a_.in_offsets[v + 1] - a_.in_offsets[v]; }

  bool is_external(NodeId v) const { return a_.flags[v] & kFlagExternal; }
  KindId kind(NodeId v) const { return a_.kinds[v]; }
  size_t num_kinds() const { return a_.kind_name_offsets.empty() ? 0 : a_.kind_name_offsets.size() - 1; }
  std::string_view kind_name(KindId k) const {
    return {a_.kind_names.data() + a_.kind_name_offsets[k],
            a_.kind_name_offsets[k + 1] - a_.kind_name_offsets[k]};
  }
  // The KindId of a kind name, or nullopt.
  std::optional<KindId> FindKind(std::string_view kind) const;

  // dbt attributes (node_attributes.h): present for graphs read from a
  // manifest. Without them every attribute reads as "" and lists are empty.
  bool has_attributes() const { return !a_.node_attrs.empty(); }
  AttrId attr_id(NodeId v, AttrField f) const {
    return has_attributes() ? a_.node_attrs[size_t{v} * kNumAttrFields + static_cast<size_t>(f)] : kNoAttr;
  }
  std::string_view attr(NodeId v, AttrField f) const { return attr_string(attr_id(v, f)); }
  size_t num_attr_strings() const {
    return a_.attr_string_offsets.empty() ? 0 : a_.attr_string_offsets.size() - 1;
  }
  std::string_view attr_string(AttrId id) const {
    if (id >= num_attr_strings()) return {};
    return {a_.attr_strings.data() + a_.attr_string_offsets[id],
            a_.attr_string_offsets[id + 1] - a_.attr_string_offsets[id]};
  }
  std::span<const AttrId> tags(NodeId v) const {
    if (a_.tag_offsets.empty()) return {};
    return a_.tag_ids.subspan(a_.tag_offsets[v], a_.tag_offsets[v + 1] - a_.tag_offsets[v]);
  }
  std::span<const AttrId> fqn(NodeId v) const {
    if (a_.fqn_offsets.empty()) return {};
    return a_.fqn_ids.subspan(a_.fqn_offsets[v], a_.fqn_offsets[v + 1] - a_.fqn_offsets[v]);
  }
  std::string_view graph_attr(GraphAttr f) const {
    return a_.graph_attrs.empty() ? std::string_view() : attr_string(a_.graph_attrs[static_cast<size_t>(f)]);
  }

  std::span<const Disagreement> disagreements() const { return a_.disagreements; }
  std::span<const NodeId> self_loops() const { return a_.self_loops; }

  // Bytes of every array the graph holds (not counting a snapshot's header).
  size_t memory_bytes() const;

  const GraphArrays& arrays() const { return a_; }

  // Wraps arrays owned by `owner` (vectors or an mmap). The caller (builder,
  // snapshot reader) has validated them: offsets monotone and in range, ids
  // < n, names sorted and unique, lists sorted.
  static Graph FromValidatedArrays(const GraphArrays& arrays, std::shared_ptr<const void> owner);

 private:
  GraphArrays a_;
  uint32_t num_externals_ = 0;
  std::shared_ptr<const void> owner_;
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_GRAPH_H_
