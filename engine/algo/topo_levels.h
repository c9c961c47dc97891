// Topological levels: level(v) = the length, in edges, of the longest chain
// ending at v (sources have level 0). Equivalently level(v) = 0 when v has no
// in-edge, else max over in-neighbours u of level(u) + 1; so every edge u -> v
// has level(v) > level(u), and nodes of one level can run in parallel.
//
// Algorithm: Kahn's algorithm by whole levels (a level-synchronous wave): the
// next level is the set of nodes whose last remaining in-edge was consumed by
// the current one (parallel.h, atomic in-degree claim for large levels).
// `order` lists level 0, then level 1, ..., each level sorted by id: a
// deterministic topological order, identical for any thread count. O(n + m),
// no recursion. Reference: Kahn, "Topological sorting of large networks",
// CACM 5(11), 1962; CLRS 3e §22.4.
//
// Requires a DAG: on a cycle (self-loops included) returns FailedPrecondition
// whose message names one cycle as "a -> b -> c -> a" (the first one
// FindCycles reports; elided in the middle past 24 nodes). The CLI maps it to
// exit code 4.
#ifndef ETLDAG_ENGINE_ALGO_TOPO_LEVELS_H_
#define ETLDAG_ENGINE_ALGO_TOPO_LEVELS_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct TopoLevels {
  std::vector<uint32_t> level;        // per node
  uint32_t num_levels = 0;            // max level + 1 (0 for the empty graph)
  std::vector<uint32_t> level_sizes;  // nodes per level, num_levels entries
  std::vector<NodeId> order;          // topological, by level then id
};

[[nodiscard]] absl::StatusOr<TopoLevels> ComputeTopoLevels(const Graph& g);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_TOPO_LEVELS_H_
