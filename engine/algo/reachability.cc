// Reachability by level-synchronous BFS; see reachability.h for the contract
// and parallel.h for the frontier step.
#include "engine/algo/reachability.h"

#include "engine/algo/internal/parallel.h"
#include "engine/base/check.h"

namespace etldag {
namespace {

void CheckSeeds(const Graph& g, std::span<const NodeId> seeds) {
  for (NodeId s : seeds) ETLDAG_CHECK(s < g.num_nodes());
}

}  // namespace

Bitmap Reach(const Graph& g, std::span<const NodeId> seeds, const ReachOptions& opts) {
  CheckSeeds(g, seeds);
  Bitmap visited(g.num_nodes());
  algo_internal::LevelSyncBfs(seeds, opts.max_depth, algo_internal::Neighbors{g, opts.direction},
                              visited, [](uint32_t, std::span<const NodeId>) { return true; },
                              /*sorted_frontiers=*/false);  // only the bitmap is returned
  // `visited` = levels 0..max_depth; level 0 is exactly the seed set.
  for (NodeId s : seeds) {
    if (opts.include_seeds) {
      visited.Set(s);
    } else {
      visited.Reset(s);
    }
  }
  return visited;
}

std::vector<uint32_t> ReachDistances(const Graph& g, std::span<const NodeId> seeds,
                                     Direction dir, uint32_t max_depth) {
  CheckSeeds(g, seeds);
  std::vector<uint32_t> dist(g.num_nodes(), kUnreached);
  Bitmap visited(g.num_nodes());
  algo_internal::LevelSyncBfs(seeds, max_depth, algo_internal::Neighbors{g, dir}, visited,
                              [&](uint32_t depth, std::span<const NodeId> frontier) {
                                algo_internal::ParallelFor(frontier.size(), [&](size_t i) {
                                  dist[frontier[i]] = depth;
                                });
                                return true;
                              });
  return dist;
}

}  // namespace etldag
