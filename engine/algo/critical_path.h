// Critical path method (CPM), node-weighted, on a DAG.
//
// With w(v) >= 0 the duration of node v and every edge u -> v meaning "v
// starts after u finishes":
//   ES(v) = max over in-neighbours u of EF(u) (0 for sources), EF = ES + w
//   T     = max over v of EF(v)               (the project end)
//   LF(v) = min over out-neighbours s of LS(s) (T for sinks),  LS = LF - w
//   slack = LS - ES >= 0
// Invariants: T - slack(v) is the weight of the longest chain through v, so
// slack(v) == 0 exactly when v lies on some longest chain (exact: Ticks are
// integers, see weights.h). Tie-break of every chain: smallest id (= name).
//
// Algorithm: one forward and one backward pass over the topological levels of
// ComputeTopoLevels; within a level every node only reads its neighbours
// (pull), so levels run as parallel_for with results identical for any thread
// count. O(n + m), no recursion. Reference: Kelley & Walker, "Critical-path
// planning and scheduling", 1959; CLRS 3e §24.2 (longest paths in a DAG).
#ifndef ETLDAG_ENGINE_ALGO_CRITICAL_PATH_H_
#define ETLDAG_ENGINE_ALGO_CRITICAL_PATH_H_

#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/algo/weights.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct CriticalPath {
  std::vector<Ticks> earliest_start, earliest_finish;  // per node
  std::vector<Ticks> latest_start, latest_finish;      // per node
  Ticks total = 0;                // T = max EF (0 for the empty graph)
  std::vector<NodeId> chain;      // the critical chain, upstream first
  Ticks slack(NodeId v) const { return latest_start[v] - earliest_start[v]; }
};

// FailedPrecondition naming one cycle when g is not a DAG; InvalidArgument
// when weight.size() != g.num_nodes() or a weight is negative.
// The critical chain runs from the smallest-id zero-slack source, each step to
// the smallest-id successor s with LS(s) == LF(current), down to a sink.
[[nodiscard]] absl::StatusOr<CriticalPath> ComputeCriticalPath(const Graph& g,
                                                               std::span<const Ticks> weight);

// The longest chain ending at v (weight EF(v)): walks back from v, each step
// to the smallest-id in-neighbour u with EF(u) == ES(current), to a source.
std::vector<NodeId> LongestChainTo(const Graph& g, const CriticalPath& cp, NodeId v);

// The longest chain through v (weight T - slack(v)): LongestChainTo(v), then
// forward from v as for the critical chain, down to a sink.
std::vector<NodeId> LongestChainThrough(const Graph& g, const CriticalPath& cp, NodeId v);

// The k ops (externals are skipped: they do not run) with slack > 0 and the
// least slack, by (slack, id).
std::vector<NodeId> NearCritical(const Graph& g, const CriticalPath& cp, size_t k);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_CRITICAL_PATH_H_
