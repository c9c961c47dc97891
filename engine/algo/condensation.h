// Condensation: the DAG of strongly connected components (SCCs), laid out in
// a deterministic topological order, as a compact CSR in "position" space.
//
// Every node belongs to exactly one component; a node on no cycle is a
// component of its own. Components are numbered by their topological
// POSITION p in [0, num_components): Kahn's algorithm by whole levels over the
// component DAG, each level sorted by the component's smallest node id. On a
// DAG this is exactly ComputeTopoLevels(g).order (topo_levels.h).
//
// Invariants:
//   - members(p) is sorted by id; members of consecutive positions are
//     contiguous in `members`, so slot s of `members` gives every node a
//     unique index in topological order ("slot").
//   - out(p) is sorted, distinct, and every target q > p (edges inside one
//     component, self-loops included, are dropped).
//   - cyclic(p) is true for components with more than one node or a self-loop.
//
// Acyclic graphs reuse ComputeTopoLevels (parallel); cyclic graphs use
// FindCycles (Tarjan, cycles.h) and a serial level-by-level Kahn over the
// components. O(n + m log d) time, O(n + m) memory, no recursion.
// Reference: CLRS 3e §22.5 (component graph), Kahn 1962.
#ifndef ETLDAG_ENGINE_ALGO_CONDENSATION_H_
#define ETLDAG_ENGINE_ALGO_CONDENSATION_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct Condensation {
  uint32_t num_components = 0;
  uint32_t num_cyclic = 0;              // components with a cycle
  std::vector<uint32_t> position;       // per node: its component's position
  std::vector<uint32_t> member_offsets; // num_components + 1 (slot offsets)
  std::vector<NodeId> members;          // n, grouped by position
  std::vector<uint32_t> out_offsets;    // num_components + 1
  std::vector<uint32_t> out_targets;    // positions
  std::vector<uint8_t> cyclic;          // per position: 1 when it has a cycle

  std::span<const NodeId> component(uint32_t p) const {
    return std::span<const NodeId>(members).subspan(member_offsets[p],
                                                     member_offsets[p + 1] - member_offsets[p]);
  }
  std::span<const uint32_t> out(uint32_t p) const {
    return std::span<const uint32_t>(out_targets).subspan(out_offsets[p],
                                                          out_offsets[p + 1] - out_offsets[p]);
  }
  uint32_t size(uint32_t p) const { return member_offsets[p + 1] - member_offsets[p]; }
};

Condensation Condense(const Graph& g);

// All nodes in the topological order of Condense(g): `members`.
// Convenience for callers that only need a cycle-tolerant node order.
std::vector<NodeId> CondensedTopologicalOrder(const Graph& g);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_CONDENSATION_H_
