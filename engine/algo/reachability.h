// Reachability: the transitive closure of a seed set along out-edges
// (downstream, "who reads me, transitively") or in-edges (upstream).
//
// Semantics (dbt / networkx "descendants": a node is never its own
// descendant). With d(v) = the shortest hop distance from the seed SET to v
// (seeds have d = 0):
//   Reach(g, seeds, opts) = { v : 1 <= d(v) <= max_depth }
//                           ∪ (include_seeds ? seeds : ∅)
// So a seed reached through a cycle, or from another seed, is NOT reported
// unless include_seeds. max_depth = 0 yields only the seeds (if included).
//
// Algorithm: level-synchronous BFS over the CSR with a visited bitmap; small
// frontiers are expanded serially, large ones in parallel (parallel.h). The
// result is identical for any thread count. O(n/64 + visited nodes + their
// edges); no recursion. Reference: Cormen et al., CLRS 3e §22.2 (BFS);
// Beamer et al., "Direction-Optimizing BFS", SC 2012 (frontier layout).
#ifndef ETLDAG_ENGINE_ALGO_REACHABILITY_H_
#define ETLDAG_ENGINE_ALGO_REACHABILITY_H_

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

enum class Direction { kDownstream, kUpstream };

// No depth limit.
inline constexpr uint32_t kUnlimitedDepth = std::numeric_limits<uint32_t>::max();
// Distance of a node not reached (ReachDistances).
inline constexpr uint32_t kUnreached = std::numeric_limits<uint32_t>::max();

struct ReachOptions {
  Direction direction = Direction::kDownstream;
  uint32_t max_depth = kUnlimitedDepth;  // hops; 0 = the seeds only
  bool include_seeds = false;
};

// The reach set described above, as a bitmap of size g.num_nodes(). Seeds
// must be valid ids (< num_nodes; checked); duplicates are harmless.
Bitmap Reach(const Graph& g, std::span<const NodeId> seeds, const ReachOptions& opts = {});

// Shortest hop distance from the seed set for every node: 0 for seeds,
// kUnreached for nodes farther than max_depth or not reachable at all.
std::vector<uint32_t> ReachDistances(const Graph& g, std::span<const NodeId> seeds,
                                     Direction dir, uint32_t max_depth = kUnlimitedDepth);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_REACHABILITY_H_
