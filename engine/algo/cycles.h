// Cycles: every strongly connected component (SCC) that contains a cycle —
// more than one node, or a single node with a self-loop — with one concrete
// simple cycle through it as a witness.
//
// Invariants of the result:
//   - `component` is sorted by id; components are sorted by their smallest id
//     (component[0]) and partition the cyclic nodes of the graph.
//   - `path` starts at component[0] and ends back at it, e.g. {a, b, c, a} for
//     a -> b -> c -> a; every hop is an edge inside the component and no node
//     repeats except the endpoints. It is a SHORTEST cycle through
//     component[0] (BFS, smallest-id parent), ignoring self-loops when the
//     component has more than one node; {a, a} for a lone self-loop.
// Deterministic (serial). O(n + m) time and memory, no recursion.
//
// Algorithm: Tarjan's SCC algorithm with an explicit stack of (node, next
// edge) frames. Reference: Tarjan, "Depth-first search and linear graph
// algorithms", SIAM J. Comput. 1(2), 1972; Nuutila & Soisalon-Soininen 1994.
#ifndef ETLDAG_ENGINE_ALGO_CYCLES_H_
#define ETLDAG_ENGINE_ALGO_CYCLES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct Cycle {
  std::vector<NodeId> component;  // sorted
  std::vector<NodeId> path;       // component[0] -> ... -> component[0]
};

std::vector<Cycle> FindCycles(const Graph& g);

// "a -> b -> c -> a" (node names joined by " -> "). A path of more than
// max_nodes nodes is elided in the middle: "a -> b -> ... (N more) -> y -> a".
std::string FormatCyclePath(const Graph& g, const Cycle& c, size_t max_nodes = SIZE_MAX);

// The max_nodes of every message and text report that names a cycle.
inline constexpr size_t kMaxCycleNodesInMessage = 24;

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_CYCLES_H_
