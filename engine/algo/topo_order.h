// Topological order of a node set: the nodes of `nodes` ordered so that for
// every edge u -> v with both ends in the set, u comes before v; among the
// nodes ready at a step, the smallest id (= name) first. This is the
// lexicographically smallest topological order of the induced subgraph, so
// it is unique and independent of threads.
//
// Algorithm: Kahn's algorithm on the induced subgraph with a min-heap of
// ready nodes; O((k + e) log k) for k nodes and e induced edges. When the
// induced subgraph has a cycle, the nodes left over all have a left-over
// in-neighbour: walking in-edges from one of them repeats a node, which
// closes one cycle; the error (FailedPrecondition) names it, upstream first.
// Reference: Kahn, "Topological sorting of large networks", CACM 5(11), 1962.
#ifndef ETLDAG_ENGINE_ALGO_TOPO_ORDER_H_
#define ETLDAG_ENGINE_ALGO_TOPO_ORDER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

// `nodes` has size g.num_nodes(). FailedPrecondition "the selection has a
// cycle: a -> b -> a" when the induced subgraph is cyclic (a self-loop too).
[[nodiscard]] absl::StatusOr<std::vector<NodeId>> TopologicalOrderOf(const Graph& g,
                                                                     const Bitmap& nodes);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_TOPO_ORDER_H_
