// GraphBuilder's state and its build steps (internal to the graph module):
// graph_builder.cc collects, build_steps.cc lays the graph out.
#ifndef ETLDAG_ENGINE_GRAPH_INTERNAL_BUILDER_IMPL_H_
#define ETLDAG_ENGINE_GRAPH_INTERNAL_BUILDER_IMPL_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "engine/graph/graph_builder.h"
#include "engine/graph/internal/graph_storage.h"
#include "engine/graph/internal/name_table.h"

namespace etldag {
namespace graph_internal {
inline constexpr int32_t kNoKind = -1;
}  // namespace graph_internal

struct GraphBuilder::Impl {
  graph_internal::NameTable names;     // node names -> pids
  graph_internal::NameTable kinds;     // explicit kinds -> kind pids
  std::vector<int32_t> explicit_kind;  // per pid; kNoKind = derive
  std::vector<uint8_t> defined;        // per pid
  std::vector<uint64_t> edges;         // (from << 32) | to
  std::vector<uint8_t> sides;
  bool bad_pid = false;
  // dbt attributes: strings interned (id 0 = ""), per pid rows of ids.
  graph_internal::NameTable attr_strings;
  std::vector<AttrId> attr_rows;                 // pid * kNumAttrFields
  std::vector<std::vector<AttrId>> tags, fqn;    // per pid
  std::array<AttrId, kNumGraphAttrs> graph_attrs{};
  bool has_attrs = false;
  // Per field, the value SetAttributes interned last (a view of the stored
  // copy) and its id: consecutive nodes often share a package, a type, a
  // materialization, and a match skips the hash lookup.
  std::array<std::string_view, kNumAttrFields> last_value{};
  std::array<AttrId, kNumAttrFields> last_id{};

  // Per-pid arrays for the names interned since the last call.
  void Extend() {
    explicit_kind.resize(names.size(), graph_internal::kNoKind);
    defined.resize(names.size(), 0);
  }
};

namespace graph_internal {

// Steps 1-2 (graph_builder.h): rank[pid] = final id (name order); names
// arena and offsets, kinds and flags of `s`. Fails past kMaxNameBytes or
// kMaxKinds.
[[nodiscard]] absl::Status LayOutNodes(const GraphBuilder::Impl& m, std::vector<NodeId>& rank, GraphStorage& s);
// Steps 3-4: out CSR, self-loops, disagreements. Consumes m.edges/m.sides.
void BuildOutCsr(GraphBuilder::Impl& m, const std::vector<NodeId>& rank, GraphStorage& s);
// Step 5: in CSR as the transpose of the out CSR.
void BuildInCsr(GraphStorage& s);
// The attribute arrays of `s` in final id order (nothing without attributes).
void LayOutAttributes(const GraphBuilder::Impl& m, const std::vector<NodeId>& rank, GraphStorage& s);

}  // namespace graph_internal
}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_INTERNAL_BUILDER_IMPL_H_
