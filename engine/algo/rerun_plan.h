// Rerun plan: what to clear and rerun after a fix, in which order, and how
// long it takes. Plans only; never executes anything.
//
// D = the failed nodes and everything downstream of them (in the full graph);
// the rerun set R = D minus `excluded`. An excluded node of D is kept as a
// pass-through: it does not run, but dependencies through it still hold (a ->
// x -> b, x excluded, a and b in R: b waits for a). Paths from R never leave
// D, so "nearest rerun ancestors" only pass through excluded nodes of D;
// every quantity below is propagated through them in one pass (no closure).
//   wave(v)   = 1 + max wave over the nearest rerun ancestors (1 if none) —
//               the number of rerun nodes on the longest chain ending at v;
//               wave k holds the nodes whose rerun ancestors are in waves < k.
//   makespan  = longest weighted chain inside R (unlimited parallelism), with
//               that chain (rerun nodes only; tie-break as in CPM: the end is
//               the smallest-id node, each step back the smallest-id
//               predecessor).
//   slots > 0 = a list-scheduling estimate on that many concurrent jobs,
//               priority = longest remaining weighted chain (list_schedule.h).
// Errors: FailedPrecondition naming a cycle when D is not acyclic (cycles
// elsewhere in the graph do not matter); InvalidArgument on bad sizes.
// O(|D| + edges out of D) plus the list schedule's log factor; no recursion.
// Reference: Kahn 1962 (restricted to D); Graham 1969 (list scheduling).
#ifndef ETLDAG_ENGINE_ALGO_RERUN_PLAN_H_
#define ETLDAG_ENGINE_ALGO_RERUN_PLAN_H_

#include <cstdint>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/algo/weights.h"
#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct RerunOptions {
  uint32_t slots = 0;  // > 0: also list-schedule on this many jobs
};

struct RerunPlan {
  std::vector<NodeId> nodes;               // R, sorted by id: the nodes to clear
  std::vector<uint32_t> wave;              // per node; 0 = not rerun
  uint32_t num_waves = 0;
  std::vector<NodeId> by_wave;             // R by (wave, id)
  std::vector<uint32_t> wave_begin;        // num_waves + 1 offsets into by_wave
  std::vector<NodeId> skipped;             // D ∩ excluded (pass-through), sorted
  Ticks total_work = 0;                    // sum of weights over R
  Ticks makespan = 0;                      // unlimited parallelism
  std::vector<NodeId> critical_chain;      // R nodes, upstream first
  Ticks slots_makespan = 0;                // when slots > 0
  std::vector<Ticks> slot_start;           // per node when slots > 0; -1 = not rerun

  // The nodes of wave k (1-based), sorted by id.
  std::span<const NodeId> wave_nodes(uint32_t k) const {
    return std::span<const NodeId>(by_wave).subspan(wave_begin[k - 1],
                                                    wave_begin[k] - wave_begin[k - 1]);
  }
};

[[nodiscard]] absl::StatusOr<RerunPlan> PlanRerun(const Graph& g, std::span<const NodeId> failed,
                                                  const Bitmap& excluded,
                                                  std::span<const Ticks> weight,
                                                  const RerunOptions& options = {});

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_RERUN_PLAN_H_
