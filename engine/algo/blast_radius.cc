// Blast radius: one multi-source BFS, then counts and walk-back paths; see
// blast_radius.h for the definitions.
#include "engine/algo/blast_radius.h"

#include <algorithm>

#include "engine/algo/internal/parallel.h"
#include "engine/algo/internal/walk_back.h"
#include "engine/algo/reachability.h"
#include "engine/base/check.h"

namespace etldag {
namespace {

bool IsSink(const Graph& g, NodeId v) {
  const std::span<const NodeId> out = g.out(v);
  return out.empty() || (out.size() == 1 && out[0] == v);
}

// The blast radius from the distances: `reached` = the nodes with a distance
// (the failed ones included), sorted by id.
BlastRadius Summarize(const Graph& g, std::span<const NodeId> failed, const Bitmap& protected_set,
                      const std::vector<uint32_t>& dist, std::span<const NodeId> reached) {
  BlastRadius br;
  br.failed.assign(failed.begin(), failed.end());
  std::sort(br.failed.begin(), br.failed.end());
  br.failed.erase(std::unique(br.failed.begin(), br.failed.end()), br.failed.end());

  std::vector<uint32_t> per_kind(g.num_kinds(), 0);
  for (NodeId v : reached) {
    const uint32_t d = dist[v];
    if (protected_set.Test(v)) br.protected_reached.push_back({v, d, {}});
    if (d == 0) continue;
    br.downstream.push_back(v);
    ++per_kind[g.kind(v)];
    if (br.by_distance.size() < d) br.by_distance.resize(d, 0);
    ++br.by_distance[d - 1];
    if (IsSink(g, v)) br.sinks.push_back(v);
  }
  for (KindId k = 0; k < per_kind.size(); ++k) {
    if (per_kind[k] > 0) br.by_kind.push_back({k, per_kind[k]});
  }
  for (ProtectedHit& hit : br.protected_reached) hit.path = PathFromDistances(g, dist, hit.node);
  return br;
}

}  // namespace

std::vector<NodeId> PathFromDistances(const Graph& g, const std::vector<uint32_t>& dist,
                                      NodeId to) {
  return algo_internal::WalkBack(algo_internal::Neighbors{g, Direction::kUpstream}, dist, to);
}

BlastRadiusScratch::BlastRadiusScratch(uint32_t num_nodes)
    : dist_(num_nodes, kUnreached), visited_(num_nodes) {}

BlastRadius ComputeBlastRadius(const Graph& g, std::span<const NodeId> failed,
                               const Bitmap& protected_set) {
  ETLDAG_CHECK(protected_set.size() == g.num_nodes());
  const std::vector<uint32_t> dist = ReachDistances(g, failed, Direction::kDownstream);
  std::vector<NodeId> reached;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (dist[v] != kUnreached) reached.push_back(v);
  }
  return Summarize(g, failed, protected_set, dist, reached);
}

BlastRadius ComputeBlastRadius(const Graph& g, std::span<const NodeId> failed,
                               const Bitmap& protected_set, BlastRadiusScratch& scratch) {
  ETLDAG_CHECK(protected_set.size() == g.num_nodes());
  ETLDAG_CHECK(scratch.dist_.size() == g.num_nodes());
  for (NodeId f : failed) ETLDAG_CHECK(f < g.num_nodes());
  std::vector<NodeId>& reached = scratch.reached_;
  reached.clear();
  algo_internal::LevelSyncBfs(failed, kUnlimitedDepth,
                              algo_internal::Neighbors{g, Direction::kDownstream},
                              scratch.visited_,
                              [&](uint32_t depth, std::span<const NodeId> frontier) {
                                for (NodeId v : frontier) scratch.dist_[v] = depth;
                                reached.insert(reached.end(), frontier.begin(), frontier.end());
                                return true;
                              });
  std::sort(reached.begin(), reached.end());
  BlastRadius br = Summarize(g, failed, protected_set, scratch.dist_, reached);
  for (NodeId v : reached) {
    scratch.dist_[v] = kUnreached;
    scratch.visited_.Reset(v);
  }
  return br;
}

}  // namespace etldag
