// Retraction set: after bad data was committed, the bad nodes plus
// everything downstream of them, intersected with what the run committed.
//
//   set = (bad ∪ Reach(g, bad)) ∩ committed     (committed = all nodes when absent)
//
// Order: TOPOLOGICAL by default — upstream first: level by level (Kahn,
// topo_levels.h), by id (= name) inside a level; on a cyclic graph the SCC
// condensation order (condensation.h), a cycle's members by name. Why: the
// order is the order `xargs` starts the retractions in. Retracting upstream
// first means that at any interruption the datasets still committed are
// downstream of retracted ones, so a scheduler that reruns them finds their
// input gone (blocked) rather than reading bad upstream data again; the
// reverse order would let a rerun re-derive retracted datasets from bad data
// still in place. kName sorts by name (ids), e.g. for diffing two runs.
// O(n + m). Deterministic.
#ifndef ETLDAG_ENGINE_ALGO_RETRACTION_SET_H_
#define ETLDAG_ENGINE_ALGO_RETRACTION_SET_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

enum class RetractionOrder { kTopological, kName };

struct RetractionOptions {
  const Bitmap* committed = nullptr;  // size num_nodes; null = everything committed
  RetractionOrder order = RetractionOrder::kTopological;
};

struct RetractionSet {
  std::vector<NodeId> nodes;    // the set, in the chosen order
  uint32_t bad = 0;             // distinct bad nodes
  uint32_t downstream = 0;      // nodes downstream of them, not bad themselves
  uint32_t not_committed = 0;   // of bad ∪ downstream, left out as not committed
};

// `bad` must hold valid ids (checked); duplicates are harmless.
RetractionSet ComputeRetractionSet(const Graph& g, std::span<const NodeId> bad,
                                   const RetractionOptions& opts = {});

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_RETRACTION_SET_H_
