// Kahn's algorithm by whole levels; see topo_levels.h for the contract.
#include "engine/algo/topo_levels.h"

#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/algo/cycles.h"
#include "engine/algo/internal/parallel.h"

namespace etldag {
namespace {


// The error for a graph with a cycle: names the first cycle FindCycles finds.
[[nodiscard]] absl::Status CycleError(const Graph& g) {
  const std::vector<Cycle> cycles = FindCycles(g);
  if (cycles.empty()) {  // cannot happen: Kahn left nodes unordered
    return absl::InternalError("the graph is not a DAG, but no cycle was found");
  }
  std::string msg = absl::StrCat("the graph has a cycle: ",
                                 FormatCyclePath(g, cycles[0], kMaxCycleNodesInMessage));
  if (cycles.size() > 1) {
    absl::StrAppend(&msg, " (", cycles.size(), " cyclic components in all)");
  }
  return absl::FailedPreconditionError(msg);
}

}  // namespace

absl::StatusOr<TopoLevels> ComputeTopoLevels(const Graph& g) {
  const uint32_t n = g.num_nodes();
  std::vector<uint32_t> remaining(n);  // in-edges not yet consumed
  algo_internal::ParallelFor(n, [&](size_t v) { remaining[v] = g.in_degree(v); });

  TopoLevels t;
  t.level.assign(n, 0);
  t.order.reserve(n);
  std::vector<NodeId> frontier;
  for (NodeId v = 0; v < n; ++v) {
    if (remaining[v] == 0) frontier.push_back(v);
  }
  const algo_internal::Neighbors down{g, Direction::kDownstream};
  const algo_internal::IndegreeClaim claim{remaining.data()};
  for (uint32_t depth = 0; !frontier.empty(); ++depth) {
    algo_internal::ParallelFor(frontier.size(), [&](size_t i) { t.level[frontier[i]] = depth; });
    t.level_sizes.push_back(static_cast<uint32_t>(frontier.size()));
    t.order.insert(t.order.end(), frontier.begin(), frontier.end());
    frontier = algo_internal::ExpandFrontier(std::span<const NodeId>(frontier), down, claim);
  }
  if (t.order.size() != n) return CycleError(g);
  t.num_levels = static_cast<uint32_t>(t.level_sizes.size());
  return t;
}

}  // namespace etldag
