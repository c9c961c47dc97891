#include "engine/algo/topo_order.h"

#include <algorithm>
#include <functional>
#include <queue>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/algo/cycles.h"

namespace etldag {
namespace {

// One cycle among the left-over nodes (each has a left-over in-neighbour):
// walk in-edges (smallest id first) until a node repeats; the cycle is
// returned along the data flow, from its smallest id back to it.
std::vector<NodeId> LeftOverCycle(const Graph& g, const Bitmap& left, NodeId start) {
  std::vector<uint32_t> seen_at(g.num_nodes(), UINT32_MAX);
  std::vector<NodeId> walk;
  NodeId v = start;
  while (seen_at[v] == UINT32_MAX) {
    seen_at[v] = static_cast<uint32_t>(walk.size());
    walk.push_back(v);
    for (NodeId u : g.in(v)) {
      if (left.Test(u)) {
        v = u;
        break;
      }
    }
  }
  // walk[seen_at[v]..] is the cycle against the data flow: reverse it.
  std::vector<NodeId> cycle(walk.begin() + seen_at[v], walk.end());
  std::reverse(cycle.begin(), cycle.end());
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  cycle.push_back(cycle.front());
  return cycle;
}

}  // namespace

absl::StatusOr<std::vector<NodeId>> TopologicalOrderOf(const Graph& g, const Bitmap& nodes) {
  std::vector<uint32_t> pending(g.num_nodes(), 0);  // in-edges from inside the set
  std::priority_queue<NodeId, std::vector<NodeId>, std::greater<NodeId>> ready;
  size_t total = 0;
  nodes.ForEach([&](size_t i) {
    const NodeId v = static_cast<NodeId>(i);
    ++total;
    for (NodeId u : g.in(v)) pending[v] += nodes.Test(u) ? 1 : 0;
    if (pending[v] == 0) ready.push(v);
  });
  std::vector<NodeId> order;
  order.reserve(total);
  while (!ready.empty()) {
    const NodeId u = ready.top();
    ready.pop();
    order.push_back(u);
    for (NodeId v : g.out(u)) {
      if (nodes.Test(v) && --pending[v] == 0) ready.push(v);
    }
  }
  if (order.size() == total) return order;
  Bitmap left = nodes;
  for (NodeId v : order) left.Reset(v);
  const std::vector<NodeId> rest = left.ToVector();
  const Cycle c{.component = {}, .path = LeftOverCycle(g, left, rest.front())};
  return absl::FailedPreconditionError(absl::StrCat(
      "the selection has a cycle: ", FormatCyclePath(g, c, kMaxCycleNodesInMessage)));
}

}  // namespace etldag
