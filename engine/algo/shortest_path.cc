// BFS distances up to the target, then a smallest-id walk back; see
// shortest_path.h for the contract.
#include "engine/algo/shortest_path.h"

#include <algorithm>

#include "engine/algo/internal/parallel.h"
#include "engine/algo/internal/walk_back.h"
#include "engine/base/check.h"

namespace etldag {

std::vector<NodeId> ShortestPath(const Graph& g, NodeId from, NodeId to) {
  const NodeId sources[1] = {from};
  return ShortestPathFromSet(g, sources, to, Direction::kDownstream);
}

std::vector<NodeId> ShortestPathFromSet(const Graph& g, std::span<const NodeId> sources,
                                        NodeId to, Direction dir) {
  const uint32_t n = g.num_nodes();
  ETLDAG_CHECK(to < n);
  for (NodeId s : sources) ETLDAG_CHECK(s < n);

  std::vector<uint32_t> dist(n, kUnreached);
  Bitmap visited(n);
  algo_internal::LevelSyncBfs(sources, kUnlimitedDepth, algo_internal::Neighbors{g, dir}, visited,
                              [&](uint32_t depth, std::span<const NodeId> frontier) {
                                algo_internal::ParallelFor(frontier.size(), [&](size_t i) {
                                  dist[frontier[i]] = depth;
                                });
                                return dist[to] == kUnreached;  // stop once `to` is labelled
                              });
  if (dist[to] == kUnreached) return {};

  // Walk back: predecessors along the traversal are neighbours in the other
  // direction; lists are sorted, so the first match is the smallest id.
  const algo_internal::Neighbors back{
      g, dir == Direction::kDownstream ? Direction::kUpstream : Direction::kDownstream};
  return algo_internal::WalkBack(back, dist, to);
}

}  // namespace etldag
