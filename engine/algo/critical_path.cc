// Node-weighted CPM by topological levels; see critical_path.h.
#include "engine/algo/critical_path.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "engine/algo/internal/parallel.h"
#include "engine/algo/topo_levels.h"
#include "engine/base/status.h"

namespace etldag {
namespace {

// Calls f(level_nodes) for every level, in order (or in reverse order).
template <typename F>
void ForEachLevel(const TopoLevels& t, bool reverse, const F& f) {
  std::vector<size_t> begin(t.num_levels + 1, 0);
  for (uint32_t l = 0; l < t.num_levels; ++l) begin[l + 1] = begin[l] + t.level_sizes[l];
  for (uint32_t i = 0; i < t.num_levels; ++i) {
    const uint32_t l = reverse ? t.num_levels - 1 - i : i;
    f(std::span<const NodeId>(t.order).subspan(begin[l], begin[l + 1] - begin[l]));
  }
}

void ForwardPass(const Graph& g, const TopoLevels& t, std::span<const Ticks> w, CriticalPath& cp) {
  ForEachLevel(t, /*reverse=*/false, [&](std::span<const NodeId> level) {
    algo_internal::ParallelFor(level.size(), [&](size_t i) {
      const NodeId v = level[i];
      Ticks es = 0;
      for (NodeId u : g.in(v)) es = std::max(es, cp.earliest_finish[u]);
      cp.earliest_start[v] = es;
      cp.earliest_finish[v] = es + w[v];
    });
  });
  for (Ticks ef : cp.earliest_finish) cp.total = std::max(cp.total, ef);
}

void BackwardPass(const Graph& g, const TopoLevels& t, std::span<const Ticks> w, CriticalPath& cp) {
  ForEachLevel(t, /*reverse=*/true, [&](std::span<const NodeId> level) {
    algo_internal::ParallelFor(level.size(), [&](size_t i) {
      const NodeId v = level[i];
      Ticks lf = cp.total;
      for (NodeId s : g.out(v)) lf = std::min(lf, cp.latest_start[s]);
      cp.latest_finish[v] = lf;
      cp.latest_start[v] = lf - w[v];
    });
  });
}

// Appends the chain after v: each step to the smallest-id successor s with
// LS(s) == LF(current) (one exists whenever out(current) is not empty).
void AppendChainFrom(const Graph& g, const CriticalPath& cp, NodeId v, std::vector<NodeId>& chain) {
  while (g.out_degree(v) > 0) {
    for (NodeId s : g.out(v)) {
      if (cp.latest_start[s] == cp.latest_finish[v]) {
        v = s;
        break;
      }
    }
    chain.push_back(v);
  }
}

}  // namespace

absl::StatusOr<CriticalPath> ComputeCriticalPath(const Graph& g, std::span<const Ticks> weight) {
  const uint32_t n = g.num_nodes();
  if (weight.size() != n) {
    return absl::InvalidArgumentError("ComputeCriticalPath: one weight per node is required");
  }
  if (std::any_of(weight.begin(), weight.end(), [](Ticks x) { return x < 0; })) {
    return absl::InvalidArgumentError("ComputeCriticalPath: weights must be >= 0");
  }
  ASSIGN_OR_RETURN(const TopoLevels t, ComputeTopoLevels(g));
  CriticalPath cp;
  cp.earliest_start.assign(n, 0);
  cp.earliest_finish.assign(n, 0);
  cp.latest_start.assign(n, 0);
  cp.latest_finish.assign(n, 0);
  ForwardPass(g, t, weight, cp);
  BackwardPass(g, t, weight, cp);
  for (NodeId v = 0; v < n; ++v) {
    if (g.in_degree(v) == 0 && cp.latest_start[v] == 0) {  // a zero-slack source
      cp.chain.push_back(v);
      AppendChainFrom(g, cp, v, cp.chain);
      break;
    }
  }
  return cp;
}

std::vector<NodeId> LongestChainTo(const Graph& g, const CriticalPath& cp, NodeId v) {
  std::vector<NodeId> chain{v};
  while (g.in_degree(v) > 0) {
    for (NodeId u : g.in(v)) {
      if (cp.earliest_finish[u] == cp.earliest_start[v]) {
        v = u;
        break;
      }
    }
    chain.push_back(v);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::vector<NodeId> LongestChainThrough(const Graph& g, const CriticalPath& cp, NodeId v) {
  std::vector<NodeId> chain = LongestChainTo(g, cp, v);
  AppendChainFrom(g, cp, v, chain);
  return chain;
}

std::vector<NodeId> NearCritical(const Graph& g, const CriticalPath& cp, size_t k) {
  std::vector<std::pair<Ticks, NodeId>> cand;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (cp.slack(v) > 0 && !g.is_external(v)) cand.emplace_back(cp.slack(v), v);
  }
  k = std::min(k, cand.size());
  std::partial_sort(cand.begin(), cand.begin() + k, cand.end());
  std::vector<NodeId> out;
  out.reserve(k);
  for (size_t i = 0; i < k; ++i) out.push_back(cand[i].second);
  return out;
}

}  // namespace etldag
