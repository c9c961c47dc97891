// Internal oneTBB idioms of the algo module, written once (docs/style.md, rule 10).
// INTERNAL: include only from engine/algo/*.cc — oneTBB never leaves the module.
//
// ExpandFrontier: one level-synchronous step. Every neighbour w of a frontier
// node that the Claim accepts joins the next frontier. A Claim accepts each
// node at most once: Serial(w) for the single-threaded path, Atomic(w) when
// called concurrently (BitmapClaim for BFS, IndegreeClaim for Kahn). Frontiers
// below ParallelThreshold() run serially; larger ones run a parallel_for over
// the frontier with enumerable_thread_specific buffers merged after the step.
// The next frontier is SORTED either way, so it (and everything derived from
// it) is identical for any thread count.
// LevelSyncBfs: the BFS driver over ExpandFrontier, one callback per level.
// Reference: Shun & Blelloch, "Ligra", PPoPP 2013 (edgeMap); gapbs bfs.cc.
#ifndef ETLDAG_ENGINE_ALGO_INTERNAL_PARALLEL_H_
#define ETLDAG_ENGINE_ALGO_INTERNAL_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/algo/internal/parallel_threshold.h"
#include "engine/algo/reachability.h"
#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/enumerable_thread_specific.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/parallel_sort.h"

namespace etldag::algo_internal {

// Steps over fewer items than ParallelThreshold() (parallel_threshold.h,
// default 4096) run serially.
inline constexpr size_t kParallelGrain = 1024;

// Neighbours along a direction: out(v) downstream, in(v) upstream.
struct Neighbors {
  const Graph& g;
  Direction dir;
  std::span<const NodeId> operator()(NodeId v) const {
    return dir == Direction::kDownstream ? g.out(v) : g.in(v);
  }
};

// First visit of a node, via a visited bitmap.
struct BitmapClaim {
  Bitmap& visited;
  bool Serial(NodeId w) const {
    if (visited.Test(w)) return false;
    visited.Set(w);
    return true;
  }
  bool Atomic(NodeId w) const { return visited.TrySetAtomic(w); }
};

// Kahn: a node is claimed when its last remaining in-edge is consumed.
struct IndegreeClaim {
  uint32_t* remaining;
  bool Serial(NodeId w) const { return --remaining[w] == 0; }
  bool Atomic(NodeId w) const {
    return std::atomic_ref<uint32_t>(remaining[w]).fetch_sub(1, std::memory_order_relaxed) == 1;
  }
};

// f(i) for i in [0, n), in parallel when n is large. f must not throw.
template <typename F>
void ParallelFor(size_t n, const F& f) {
  if (n < ParallelThreshold()) {
    for (size_t i = 0; i < n; ++i) f(i);
    return;
  }
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, kParallelGrain),
                    [&](const tbb::blocked_range<size_t>& r) {
                      for (size_t i = r.begin(); i != r.end(); ++i) f(i);
                    });
}

// The next frontier: neighbours of `frontier` accepted by `claim`, sorted
// unless `sort` is false (then in an order that may depend on scheduling;
// only for callers that use the set, never the order).
template <typename Nbrs, typename Claim>
std::vector<NodeId> ExpandFrontier(std::span<const NodeId> frontier, const Nbrs& nbrs,
                                   const Claim& claim, bool sort = true) {
  std::vector<NodeId> next;
  if (frontier.size() < ParallelThreshold()) {
    for (NodeId v : frontier) {
      for (NodeId w : nbrs(v)) {
        if (claim.Serial(w)) next.push_back(w);
      }
    }
  } else {
    tbb::enumerable_thread_specific<std::vector<NodeId>> local;
    tbb::parallel_for(tbb::blocked_range<size_t>(0, frontier.size(), kParallelGrain / 4),
                      [&](const tbb::blocked_range<size_t>& r) {
                        std::vector<NodeId>& buf = local.local();
                        for (size_t i = r.begin(); i != r.end(); ++i) {
                          for (NodeId w : nbrs(frontier[i])) {
                            if (claim.Atomic(w)) buf.push_back(w);
                          }
                        }
                      });
    size_t total = 0;
    for (const std::vector<NodeId>& buf : local) total += buf.size();
    next.reserve(total);
    for (const std::vector<NodeId>& buf : local) next.insert(next.end(), buf.begin(), buf.end());
  }
  if (sort) tbb::parallel_sort(next.begin(), next.end());  // serial below ~500 items
  return next;
}

// Level-synchronous BFS from `seeds` along nbrs. Bits already set in `visited`
// are never entered; seeds are marked. Calls visit(depth, frontier) for depth
// 0 (the distinct unvisited seeds, sorted), 1, 2, ... while the frontier is
// non-empty; stops after depth max_depth, or as soon as visit returns false.
// On return `visited` holds exactly the levels passed to visit. With
// `sorted_frontiers` false, frontiers after depth 0 come in no fixed order
// (the levels, as sets, are the same): for callers that only read `visited`.
template <typename Nbrs, typename Visit>
void LevelSyncBfs(std::span<const NodeId> seeds, uint32_t max_depth, const Nbrs& nbrs,
                  Bitmap& visited, const Visit& visit, bool sorted_frontiers = true) {
  const BitmapClaim claim{visited};
  std::vector<NodeId> frontier;
  for (NodeId s : seeds) {
    if (claim.Serial(s)) frontier.push_back(s);
  }
  std::sort(frontier.begin(), frontier.end());
  for (uint32_t depth = 0; !frontier.empty(); ++depth) {
    if (!visit(depth, std::span<const NodeId>(frontier)) || depth == max_depth) return;
    frontier = ExpandFrontier(std::span<const NodeId>(frontier), nbrs, claim, sorted_frontiers);
  }
}

}  // namespace etldag::algo_internal

#endif  // ETLDAG_ENGINE_ALGO_INTERNAL_PARALLEL_H_
