// Blast radius of a failure: everything downstream of a failed set, counted
// by kind and by hop distance, the sinks it reaches, and the protected nodes
// it reaches, each with one shortest path from a failed node.
//
// With d(v) = the shortest hop distance from the failed SET (reachability.h,
// failed nodes have d = 0):
//   downstream = { v : d(v) >= 1 }  (a failed node is never "downstream",
//                                    even when another failed node reaches it)
//   by_distance[i] = |{ v : d(v) = i + 1 }|
//   sinks = downstream nodes with no out-edge to another node (a self-loop
//           alone does not make a node a non-sink)
//   protected_reached = protected nodes with d(v) < infinity — INCLUDING failed
//           nodes that are protected themselves (distance 0, path {v}): a
//           failed policy model is the most urgent hit of all.
// Paths run in data-flow order failed -> ... -> v and are shortest; ties are
// broken exactly like ShortestPathFromSet (smallest-id predecessor at each
// step back), so `path` equals ShortestPathFromSet(g, failed, v).
// One BFS (ReachDistances) plus a walk back per protected node:
// O(n + m + Σ path lengths · in-degree). Reference: CLRS 3e §22.2.
#ifndef ETLDAG_ENGINE_ALGO_BLAST_RADIUS_H_
#define ETLDAG_ENGINE_ALGO_BLAST_RADIUS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct ProtectedHit {
  NodeId node;
  uint32_t distance;         // hops from the nearest failed node (0: failed itself)
  std::vector<NodeId> path;  // failed node -> ... -> node; path.size() == distance + 1
};

struct KindCount {
  KindId kind;
  uint32_t count;
};

struct BlastRadius {
  std::vector<NodeId> failed;            // distinct, sorted by id (= name)
  std::vector<NodeId> downstream;        // sorted by id
  std::vector<KindCount> by_kind;        // downstream per kind, kinds in name order, no zeros
  std::vector<uint32_t> by_distance;     // [i] = downstream nodes at i + 1 hops
  std::vector<NodeId> sinks;             // sorted by id
  std::vector<ProtectedHit> protected_reached;  // sorted by node id
};

// `failed` must hold valid ids (checked); duplicates are harmless.
// `protected_set` has size g.num_nodes().
BlastRadius ComputeBlastRadius(const Graph& g, std::span<const NodeId> failed,
                               const Bitmap& protected_set);

// Buffers for many blast radii in a row (triage: one per root), one per
// thread. With it a blast radius costs O(|downstream| log |downstream| + the
// edges out of it) instead of O(n): the distances live in the scratch, and
// only the nodes reached are visited, then reset. Same result as above.
class BlastRadiusScratch {
 public:
  explicit BlastRadiusScratch(uint32_t num_nodes);

 private:
  friend BlastRadius ComputeBlastRadius(const Graph&, std::span<const NodeId>, const Bitmap&,
                                        BlastRadiusScratch&);
  std::vector<uint32_t> dist_;  // kUnreached between calls
  Bitmap visited_;              // empty between calls
  std::vector<NodeId> reached_;
};

BlastRadius ComputeBlastRadius(const Graph& g, std::span<const NodeId> failed,
                               const Bitmap& protected_set, BlastRadiusScratch& scratch);

// One shortest path to `to` given BFS distances from a source set (as
// returned by ReachDistances downstream); smallest-id predecessor tie-break.
// Requires dist[to] != kUnreached.
std::vector<NodeId> PathFromDistances(const Graph& g, const std::vector<uint32_t>& dist,
                                      NodeId to);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_BLAST_RADIUS_H_
