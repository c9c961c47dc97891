// WalkBack: one shortest path to `to` from BFS distances, walking from `to`
// towards distance 0 along `back` (the neighbours against the direction of
// the traversal). Neighbour lists are sorted, so at each step the first
// neighbour one hop closer is the smallest id: the path is unique and
// independent of threads. path.size() == dist[to] + 1; path[0] has distance 0.
#ifndef ETLDAG_ENGINE_ALGO_INTERNAL_WALK_BACK_H_
#define ETLDAG_ENGINE_ALGO_INTERNAL_WALK_BACK_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/algo/reachability.h"
#include "engine/base/check.h"
#include "engine/base/types.h"

namespace etldag::algo_internal {

template <typename Back>
std::vector<NodeId> WalkBack(const Back& back, const std::vector<uint32_t>& dist, NodeId to) {
  ETLDAG_CHECK(to < dist.size() && dist[to] != kUnreached);
  std::vector<NodeId> path(dist[to] + 1);
  NodeId cur = to;
  for (uint32_t d = dist[to]; d > 0; --d) {
    path[d] = cur;
    const std::span<const NodeId> preds = back(cur);
    const auto it = std::find_if(preds.begin(), preds.end(),
                                 [&](NodeId p) { return dist[p] == d - 1; });
    ETLDAG_CHECK(it != preds.end());
    cur = *it;
  }
  path[0] = cur;
  return path;
}

}  // namespace etldag::algo_internal

#endif  // ETLDAG_ENGINE_ALGO_INTERNAL_WALK_BACK_H_
