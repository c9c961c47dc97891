// Triage of a run's commit state; see triage.h for the definitions.
#include "engine/algo/triage.h"

#include <algorithm>
#include <bit>
#include <tuple>

#include "engine/algo/reachability.h"
#include "engine/base/check.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/enumerable_thread_specific.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/parallel_invoke.h"

namespace etldag {
namespace {

// Kahn's algorithm, smallest id first among the ready nodes is not needed:
// any topological order gives the same propagation result.
std::vector<NodeId> TopologicalOrder(const Graph& g) {
  const uint32_t n = g.num_nodes();
  std::vector<uint32_t> indeg(n);
  std::vector<NodeId> order;
  order.reserve(n);
  for (NodeId v = 0; v < n; ++v) {
    indeg[v] = g.in_degree(v);
    if (indeg[v] == 0) order.push_back(v);
  }
  for (size_t i = 0; i < order.size(); ++i) {
    for (NodeId w : g.out(order[i])) {
      if (--indeg[w] == 0) order.push_back(w);
    }
  }
  ETLDAG_CHECK(order.size() == n);  // triage needs a DAG (the caller checks)
  return order;
}

// R = the members of S with no other member of S upstream: S minus
// everything reachable from S in one hop or more.
std::vector<NodeId> MinimalMembers(const Graph& g, const Bitmap& s) {
  std::vector<NodeId> next;
  s.ForEach([&](size_t v) {
    for (NodeId w : g.out(static_cast<NodeId>(v))) next.push_back(w);
  });
  const Bitmap below = Reach(g, next, {.include_seeds = true});
  std::vector<NodeId> roots;
  s.ForEach([&](size_t v) {
    if (!below.Test(v)) roots.push_back(static_cast<NodeId>(v));
  });
  return roots;
}

// roots_upstream[v] for every node: 64 roots per pass, each pass ORs the
// in-neighbours' masks in topological order, over the nodes downstream of a
// root only (`below`: the others have no root upstream and keep mask 0).
std::vector<uint32_t> CountRootsUpstream(const Graph& g, const std::vector<NodeId>& order,
                                         const std::vector<uint32_t>& root_dist,
                                         const std::vector<NodeId>& roots) {
  std::vector<uint32_t> count(g.num_nodes(), 0);
  std::vector<uint64_t> mask(g.num_nodes(), 0);
  std::vector<NodeId> below;
  for (NodeId v : order) {
    if (root_dist[v] != kUnreached) below.push_back(v);
  }
  for (size_t base = 0; base < roots.size(); base += 64) {
    for (NodeId v : below) mask[v] = 0;
    for (size_t i = base; i < roots.size() && i < base + 64; ++i) {
      mask[roots[i]] |= uint64_t{1} << (i - base);
    }
    for (NodeId v : below) {
      uint64_t m = mask[v];
      for (NodeId u : g.in(v)) m |= mask[u];
      mask[v] = m;
      count[v] += static_cast<uint32_t>(std::popcount(m));
    }
  }
  return count;
}

// One blast radius of r (from this thread's scratch): the verdict, the
// counts by kind, the protected nodes reached and the clear list.
TriageRoot AssessRoot(const Graph& g, const Triage& t, NodeId root, const Bitmap& protected_set,
                      BlastRadiusScratch& scratch) {
  TriageRoot r;
  r.node = root;
  const NodeId seed[] = {root};
  BlastRadius br = ComputeBlastRadius(g, seed, protected_set, scratch);
  r.skip = AssessFromBlastRadius(g, root, br, protected_set, /*explain=*/true);
  r.downstream = static_cast<uint32_t>(br.downstream.size());
  r.by_kind = std::move(br.by_kind);
  r.protected_reached = std::move(br.protected_reached);
  for (NodeId v : br.downstream) {
    if (t.cls[v] == RunClass::kCollateral) r.clear.push_back(v);
  }
  return r;
}

bool MoreHarmful(const TriageRoot& a, const TriageRoot& b) {
  return std::make_tuple(!a.skip.is_protected, -static_cast<int64_t>(a.protected_reached.size()),
                         -static_cast<int64_t>(a.downstream), a.node) <
         std::make_tuple(!b.skip.is_protected, -static_cast<int64_t>(b.protected_reached.size()),
                         -static_cast<int64_t>(b.downstream), b.node);
}

}  // namespace

std::string_view RunClassName(RunClass c) {
  switch (c) {
    case RunClass::kCommitted: return "committed";
    case RunClass::kRootFailure: return "root-failure";
    case RunClass::kCollateral: return "collateral";
    case RunClass::kPending: return "pending";
    case RunClass::kExternal: return "external";
  }
  return "?";
}

Triage ComputeTriage(const Graph& g, const TriageInput& in) {
  const uint32_t n = g.num_nodes();
  ETLDAG_CHECK(in.uncommitted != nullptr && in.uncommitted->size() == n);
  ETLDAG_CHECK(in.protected_set != nullptr && in.protected_set->size() == n);
  const std::vector<NodeId> order = TopologicalOrder(g);
  Triage t;
  t.inferred = in.failed == nullptr;
  Bitmap unc = *in.uncommitted;  // U' = U ∪ F, ops only
  if (in.failed != nullptr) unc.UnionWith(*in.failed);
  Bitmap seeds = in.failed != nullptr ? *in.failed : unc;
  for (NodeId v = 0; v < n; ++v) {
    if (g.is_external(v)) {
      unc.Reset(v);
      seeds.Reset(v);
    }
  }
  const std::vector<NodeId> roots = MinimalMembers(g, seeds);
  t.root_dist = ReachDistances(g, roots, Direction::kDownstream);
  t.cls.assign(n, RunClass::kCommitted);
  for (NodeId v = 0; v < n; ++v) {
    const bool below = t.root_dist[v] != kUnreached && t.root_dist[v] > 0;
    if (g.is_external(v)) {
      t.cls[v] = RunClass::kExternal;
    } else if (t.root_dist[v] == 0) {
      t.cls[v] = RunClass::kRootFailure;
    } else if (unc.Test(v)) {
      t.cls[v] = below ? RunClass::kCollateral : RunClass::kPending;
      (below ? t.collateral : t.pending).push_back(v);
    } else if (below) {
      t.stale.push_back(v);
    }
  }
  if (!in.assess_roots) {
    t.roots_upstream = CountRootsUpstream(g, order, t.root_dist, roots);
    for (NodeId r : roots) {
      t.roots.emplace_back();
      t.roots.back().node = r;
    }
  } else {
    // Three independent parts side by side: the roots-upstream counts (serial
    // passes), the reverse BFS from the protected nodes (serial), and one
    // blast radius per root (parallel); each reads only g and t.cls.
    t.roots.resize(roots.size());
    tbb::enumerable_thread_specific<BlastRadiusScratch> scratch(n);
    NearestProtected np;
    tbb::parallel_invoke(
        [&] { t.roots_upstream = CountRootsUpstream(g, order, t.root_dist, roots); },
        [&] { np = ComputeNearestProtected(g, *in.protected_set); },
        [&] {
          tbb::parallel_for(tbb::blocked_range<size_t>(0, roots.size(), 1),
                            [&](const tbb::blocked_range<size_t>& range) {
                              BlastRadiusScratch& mine = scratch.local();
                              for (size_t i = range.begin(); i != range.end(); ++i) {
                                t.roots[i] = AssessRoot(g, t, roots[i], *in.protected_set, mine);
                              }
                            });
        });
    std::vector<SkipAssessment> skips(t.roots.size());
    for (size_t i = 0; i < t.roots.size(); ++i) skips[i] = std::move(t.roots[i].skip);
    AddNearestProtected(np, skips);
    for (size_t i = 0; i < t.roots.size(); ++i) t.roots[i].skip = std::move(skips[i]);
    std::sort(t.roots.begin(), t.roots.end(), MoreHarmful);
  }
  for (NodeId v = 0; v < n; ++v) {
    if (t.cls[v] != RunClass::kCollateral) t.roots_upstream[v] = 0;
  }
  return t;
}

std::vector<NodeId> NearestRootPath(const Graph& g, const Triage& t, NodeId v) {
  if (t.root_dist[v] == kUnreached) return {};
  return PathFromDistances(g, t.root_dist, v);
}

}  // namespace etldag
