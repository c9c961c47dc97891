// Reverse multi-source BFS from the protected nodes; see nearest_protected.h.
#include "engine/algo/nearest_protected.h"

#include "engine/algo/reachability.h"
#include "engine/base/check.h"

namespace etldag {

NearestProtected ComputeNearestProtected(const Graph& g, const Bitmap& protected_set) {
  const NodeId n = g.num_nodes();
  ETLDAG_CHECK(protected_set.size() == n);
  NearestProtected np;
  np.dist.assign(n, kUnreached);
  np.next.assign(n, kInvalidNode);
  std::vector<NodeId> queue;
  queue.reserve(protected_set.Count());
  protected_set.ForEach([&](size_t p) {
    np.dist[p] = 0;
    queue.push_back(static_cast<NodeId>(p));
  });
  for (size_t head = 0; head < queue.size(); ++head) {  // FIFO: levels in order
    const NodeId w = queue[head];
    for (NodeId v : g.in(w)) {
      if (np.dist[v] != kUnreached) continue;
      np.dist[v] = np.dist[w] + 1;
      queue.push_back(v);
    }
  }
  for (NodeId v = 0; v < n; ++v) {
    if (np.dist[v] == 0 || np.dist[v] == kUnreached) continue;
    for (NodeId w : g.out(v)) {  // sorted: the first match has the smallest id
      if (np.dist[w] + 1 == np.dist[v]) {
        np.next[v] = w;
        break;
      }
    }
    ETLDAG_CHECK(np.next[v] != kInvalidNode);
  }
  return np;
}

std::optional<ProtectedHit> NearestProtectedHit(const NearestProtected& np, NodeId v) {
  ETLDAG_CHECK(v < np.dist.size());
  if (np.dist[v] == 0 || np.dist[v] == kUnreached) return std::nullopt;
  ProtectedHit hit{v, np.dist[v], {v}};
  hit.path.reserve(np.dist[v] + 1);
  for (NodeId u = v; np.dist[u] > 0;) {
    u = np.next[u];
    hit.path.push_back(u);
    hit.node = u;
  }
  return hit;
}

}  // namespace etldag
