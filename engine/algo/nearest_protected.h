// Nearest protected descendant of every node, in one pass: for each node v
// that is not protected itself, the fewest hops from v to a protected node
// downstream of it, and a next hop towards one, so that a shortest path
// v -> ... -> p can be spelled out for ANY node in O(path length).
// safe-to-skip uses it to give every unsafe candidate one concrete reason
// even when it judges all ops (one BFS per candidate would be O(n·m)).
//
// Definition: dist[v] = 0 for a protected v; otherwise the shortest hop
// count from v to any protected node (kUnreached when it reaches none).
// next[v] (v not protected, dist finite) = the smallest-id out-neighbour w
// with dist[w] = dist[v] - 1: following next from v reaches a protected node
// p != v in exactly dist[v] hops. Deterministic; cycles need no special
// case (dist strictly decreases along next).
//
// Algorithm: multi-source BFS from the protected set along in-edges (a
// reverse BFS), then one pass over the out-lists for next. O(n + m), serial.
// Reference: CLRS 22.2 (breadth-first search).
#ifndef ETLDAG_ENGINE_ALGO_NEAREST_PROTECTED_H_
#define ETLDAG_ENGINE_ALGO_NEAREST_PROTECTED_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/algo/blast_radius.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"

namespace etldag {

struct NearestProtected {
  std::vector<uint32_t> dist;  // per node; 0 = protected, kUnreached = none downstream
  std::vector<NodeId> next;    // per node; kInvalidNode unless 0 < dist < kUnreached
};

NearestProtected ComputeNearestProtected(const Graph& g, const Bitmap& protected_set);

// For a node v that is not protected: one shortest path to its nearest
// protected descendant, as a hit (node = that protected node, distance =
// dist[v], path = v ... node); nullopt when v is protected or reaches none.
std::optional<ProtectedHit> NearestProtectedHit(const NearestProtected& np, NodeId v);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_NEAREST_PROTECTED_H_
