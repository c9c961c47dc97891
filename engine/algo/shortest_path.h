// Shortest path (fewest hops) between nodes, by BFS.
//
// ShortestPath(g, from, to): one shortest chain from -> ... -> to along
// out-edges (data flow); {from} when from == to; empty when `to` is not
// reachable from `from`.
// ShortestPathFromSet(g, sources, to, dir): a shortest chain from ANY node of
// `sources` to `to`, moving along out-edges (kDownstream) or in-edges
// (kUpstream). The path is in traversal order: path[0] is a source, the last
// node is `to`, and path[i+1] is in out(path[i]) (downstream) or in in(path[i])
// (upstream) — reverse an upstream path to read it in data-flow order.
// {to} when `to` is a source; empty when unreachable or `sources` is empty.
//
// Tie-break (so the answer is stable and independent of the thread count):
// BFS distances d() from the source set are computed level-synchronously up to
// d(to); the path is then walked back from `to`, each step choosing the
// smallest-id predecessor p with d(p) = d(current) - 1.
// O(n/64 + nodes and edges within distance d(to)) plus an O(n) distance array.
// Reference: CLRS 3e §22.2 (BFS, shortest-path property).
#ifndef ETLDAG_ENGINE_ALGO_SHORTEST_PATH_H_
#define ETLDAG_ENGINE_ALGO_SHORTEST_PATH_H_

#include <span>
#include <vector>

#include "engine/algo/reachability.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

std::vector<NodeId> ShortestPath(const Graph& g, NodeId from, NodeId to);

std::vector<NodeId> ShortestPathFromSet(const Graph& g, std::span<const NodeId> sources,
                                        NodeId to, Direction dir = Direction::kDownstream);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_SHORTEST_PATH_H_
