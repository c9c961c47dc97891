// Verdicts per candidate, by per-candidate BFS or all-nodes counts; see
// safe_to_skip.h for the definitions.
#include "engine/algo/safe_to_skip.h"

#include <algorithm>

#include "engine/algo/descendant_counts.h"
#include "engine/algo/nearest_protected.h"
#include "engine/base/check.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"

namespace etldag {
namespace {

uint32_t Readers(const Graph& g, NodeId v) {
  const std::span<const NodeId> out = g.out(v);
  return static_cast<uint32_t>(out.size() - std::count(out.begin(), out.end(), v));
}

SkipVerdict Verdict(bool is_protected, uint32_t downstream, uint32_t protected_downstream) {
  if (is_protected || protected_downstream > 0) return SkipVerdict::kUnsafe;
  return downstream == 0 ? SkipVerdict::kEmptyCommitSafe : SkipVerdict::kSkipSafe;
}

// Counts (and, when asked, the hits) from one blast radius of {a.node}.
void AssessByBfs(const Graph& g, const Bitmap& prot, bool explain, SkipAssessment& a) {
  const NodeId seed[1] = {a.node};
  a = AssessFromBlastRadius(g, a.node, ComputeBlastRadius(g, seed, prot), prot, explain);
}

template <typename F>
void ForEachParallel(size_t n, const F& f) {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t i = r.begin(); i != r.end(); ++i) f(i);
  });
}

void AssessByCounts(const Graph& g, const Bitmap& protected_set, bool explain, std::vector<SkipAssessment>& out) {
  const DescendantCounts counts = ComputeDescendantCounts(g, &protected_set);
  std::vector<size_t> to_explain;
  for (size_t i = 0; i < out.size(); ++i) {
    SkipAssessment& a = out[i];
    a.downstream = counts.downstream[a.node];
    a.protected_downstream = counts.protected_downstream[a.node];
    a.verdict = Verdict(a.is_protected, a.downstream, a.protected_downstream);
    if (explain && a.protected_downstream > 0) to_explain.push_back(i);
  }
  ForEachParallel(to_explain.size(), [&](size_t i) {
    AssessByBfs(g, protected_set, true, out[to_explain[i]]);
  });
}

}  // namespace

std::string_view SkipVerdictName(SkipVerdict v) {
  switch (v) {
    case SkipVerdict::kEmptyCommitSafe: return "empty-commit-safe";
    case SkipVerdict::kSkipSafe: return "skip-safe";
    case SkipVerdict::kUnsafe: return "unsafe";
  }
  return "unknown";
}

SkipAssessment AssessFromBlastRadius(const Graph& g, NodeId c, const BlastRadius& br,
                                     const Bitmap& protected_set, bool explain) {
  SkipAssessment a{c, SkipVerdict::kUnsafe, protected_set.Test(c), Readers(g, c), 0, 0, {},
                   std::nullopt};
  a.downstream = static_cast<uint32_t>(br.downstream.size());
  for (const ProtectedHit& h : br.protected_reached) {
    if (h.distance == 0) continue;
    ++a.protected_downstream;
    if (explain) a.protected_reached.push_back(h);
  }
  a.verdict = Verdict(a.is_protected, a.downstream, a.protected_downstream);
  if (a.verdict != SkipVerdict::kUnsafe) a.protected_reached.clear();
  return a;
}

void AddNearestProtected(const Graph& g, const Bitmap& protected_set,
                         std::span<SkipAssessment> out) {
  const bool any = std::any_of(out.begin(), out.end(), [](const SkipAssessment& a) {
    return a.protected_downstream > 0;
  });
  if (!any) return;
  AddNearestProtected(ComputeNearestProtected(g, protected_set), out);
}

void AddNearestProtected(const NearestProtected& np, std::span<SkipAssessment> out) {
  for (SkipAssessment& a : out) {
    if (a.protected_downstream == 0) continue;
    if (!a.is_protected) {
      a.nearest_protected = NearestProtectedHit(np, a.node);
    } else if (!a.protected_reached.empty()) {  // the hits are sorted by id, not distance
      a.nearest_protected = *std::min_element(
          a.protected_reached.begin(), a.protected_reached.end(),
          [](const ProtectedHit& x, const ProtectedHit& y) { return x.distance < y.distance; });
    }
  }
}

std::vector<SkipAssessment> AssessSkips(const Graph& g, std::span<const NodeId> candidates,
                                        const Bitmap& protected_set,
                                        const SafeToSkipOptions& opts) {
  ETLDAG_CHECK(protected_set.size() == g.num_nodes());
  std::vector<NodeId> ids(candidates.begin(), candidates.end());
  for (NodeId v : ids) ETLDAG_CHECK(v < g.num_nodes());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

  std::vector<SkipAssessment> out(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    out[i] = {ids[i], SkipVerdict::kUnsafe, protected_set.Test(ids[i]), Readers(g, ids[i]),
              0, 0, {}, std::nullopt};
  }
  if (ids.size() <= opts.bfs_limit) {
    ForEachParallel(out.size(), [&](size_t i) {
      AssessByBfs(g, protected_set, opts.explain, out[i]);
    });
  } else {
    AssessByCounts(g, protected_set, opts.explain, out);
  }
  AddNearestProtected(g, protected_set, out);
  return out;
}
}  // namespace etldag
