// Graph problems: what `etldag validate` reports — every cycle of 2+ nodes
// with one concrete path (engine/algo/cycles.h; self-loops are left to
// Graph::self_loops()), every disagreement between `inputs` and `successors`
// (an edge declared on one side only, recorded by the builder), and the
// externals (names used but not defined: counted, not an error).
//
// Invariants of the result: cycles as FindCycles orders them (by smallest
// id); disagreements sorted by (from, to); externals sorted by id.
// Deterministic, serial, O(n + m + d log d).
#ifndef ETLDAG_ENGINE_ALGO_GRAPH_PROBLEMS_H_
#define ETLDAG_ENGINE_ALGO_GRAPH_PROBLEMS_H_

#include <vector>

#include "engine/algo/cycles.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct GraphProblems {
  std::vector<Cycle> cycles;                // components of 2+ nodes
  std::vector<Disagreement> disagreements;  // sorted by (from, to)
  std::vector<NodeId> externals;            // sorted
  // No cycle of 2+ nodes and no disagreement (self-loops aside).
  bool clean() const { return cycles.empty() && disagreements.empty(); }
};

GraphProblems FindGraphProblems(const Graph& g);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_GRAPH_PROBLEMS_H_
