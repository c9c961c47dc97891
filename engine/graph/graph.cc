#include "engine/graph/graph.h"

#include <algorithm>

namespace etldag {
namespace {
// Arrays of the empty graph: one offset (0) per offset array.
constexpr uint32_t kZero[1] = {0};
}  // namespace

Graph::Graph() {
  a_.name_offsets = kZero;
  a_.out_offsets = kZero;
  a_.in_offsets = kZero;
  a_.kind_name_offsets = kZero;
}

Graph Graph::FromValidatedArrays(const GraphArrays& arrays, std::shared_ptr<const void> owner) {
  Graph g;
  g.a_ = arrays;
  g.owner_ = std::move(owner);
  uint32_t externals = 0;
  for (uint8_t f : g.a_.flags) externals += (f & kFlagExternal) ? 1 : 0;
  g.num_externals_ = externals;
  return g;
}

std::optional<NodeId> Graph::Find(std::string_view name) const {
  // Ids are in name order: binary search over [0, n).
  NodeId lo = 0, hi = num_nodes();
  while (lo < hi) {
    const NodeId mid = lo + (hi - lo) / 2;
    if (this->name(mid) < name) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < num_nodes() && this->name(lo) == name) return lo;
  return std::nullopt;
}

std::optional<KindId> Graph::FindKind(std::string_view kind) const {
  for (size_t k = 0; k < num_kinds(); ++k) {
    if (kind_name(static_cast<KindId>(k)) == kind) return static_cast<KindId>(k);
  }
  return std::nullopt;
}

size_t Graph::memory_bytes() const {
  return a_.names.size_bytes() + a_.name_offsets.size_bytes() + a_.out_offsets.size_bytes() +
         a_.out_targets.size_bytes() + a_.in_offsets.size_bytes() + a_.in_targets.size_bytes() +
         a_.kinds.size_bytes() + a_.flags.size_bytes() + a_.kind_names.size_bytes() +
         a_.kind_name_offsets.size_bytes() + a_.disagreements.size_bytes() +
         a_.self_loops.size_bytes() + a_.attr_strings.size_bytes() + a_.attr_string_offsets.size_bytes() +
         a_.node_attrs.size_bytes() + a_.tag_offsets.size_bytes() + a_.tag_ids.size_bytes() +
         a_.fqn_offsets.size_bytes() + a_.fqn_ids.size_bytes() + a_.graph_attrs.size_bytes();
}

}  // namespace etldag
