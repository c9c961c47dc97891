// Serial brute-force oracles and small helpers shared by the algo tests.
// Deliberately naive and independent of engine/algo: explicit-stack DFS,
// std::deque BFS, Floyd-Warshall all-pairs distances.
#ifndef ETLDAG_TESTS_ALGO_ORACLES_H_
#define ETLDAG_TESTS_ALGO_ORACLES_H_

#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/algo/reachability.h"
#include "engine/base/bitmap.h"
#include "engine/base/check.h"
#include "engine/graph/graph.h"
#include "engine/graph/graph_builder.h"
#include "tests/testing/threads.h"

namespace etldag::testing {

inline constexpr uint32_t kInf = 0xffffffffu;

inline std::span<const NodeId> Nbrs(const Graph& g, NodeId v, Direction dir) {
  return dir == Direction::kDownstream ? g.out(v) : g.in(v);
}

// A graph from name edges ("a", "b") meaning a -> b, plus isolated nodes.
inline Graph Arrows(const std::vector<std::pair<std::string_view, std::string_view>>& edges,
                    const std::vector<std::string_view>& isolated = {}) {
  std::set<std::string_view> names(isolated.begin(), isolated.end());
  for (const auto& [u, v] : edges) {
    names.insert(u);
    names.insert(v);
  }
  std::vector<OpSpec> ops;
  for (std::string_view n : names) ops.push_back({n, "test"});
  absl::StatusOr<Graph> g = BuildGraph(ops, edges);
  ETLDAG_CHECK(g.ok());
  return std::move(g).value();
}

inline NodeId Id(const Graph& g, std::string_view name) {
  std::optional<NodeId> id = g.Find(name);
  ETLDAG_CHECK(id.has_value());
  return *id;
}

inline std::vector<std::string> Names(const Graph& g, const std::vector<NodeId>& ids) {
  std::vector<std::string> out;
  for (NodeId v : ids) out.emplace_back(g.name(v));
  return out;
}

// Nodes reachable by >= 1 edge from any seed (seeds included only if so
// reached). Explicit-stack DFS.
inline std::vector<bool> DfsClosure(const Graph& g, const std::vector<NodeId>& seeds,
                                    Direction dir) {
  std::vector<bool> seen(g.num_nodes(), false);
  std::vector<NodeId> stack;
  for (NodeId s : seeds) {
    for (NodeId w : Nbrs(g, s, dir)) stack.push_back(w);
  }
  while (!stack.empty()) {
    const NodeId v = stack.back();
    stack.pop_back();
    if (seen[v]) continue;
    seen[v] = true;
    for (NodeId w : Nbrs(g, v, dir)) stack.push_back(w);
  }
  return seen;
}

// Multi-source BFS distances with a std::deque (kInf = unreached).
inline std::vector<uint32_t> QueueBfs(const Graph& g, const std::vector<NodeId>& seeds,
                                      Direction dir) {
  std::vector<uint32_t> dist(g.num_nodes(), kInf);
  std::deque<NodeId> q;
  for (NodeId s : seeds) {
    if (dist[s] == kInf) q.push_back(s);
    dist[s] = 0;
  }
  while (!q.empty()) {
    const NodeId v = q.front();
    q.pop_front();
    for (NodeId w : Nbrs(g, v, dir)) {
      if (dist[w] == kInf) {
        dist[w] = dist[v] + 1;
        q.push_back(w);
      }
    }
  }
  return dist;
}

// Floyd-Warshall all-pairs hop distances along out-edges: d[u][v], kInf if
// unreachable, d[v][v] = 0. O(n^3): small graphs only.
inline std::vector<std::vector<uint32_t>> AllPairs(const Graph& g) {
  const uint32_t n = g.num_nodes();
  std::vector<std::vector<uint32_t>> d(n, std::vector<uint32_t>(n, kInf));
  for (NodeId u = 0; u < n; ++u) {
    d[u][u] = 0;
    for (NodeId v : g.out(u)) {
      if (v != u) d[u][v] = 1;
    }
  }
  for (uint32_t k = 0; k < n; ++k) {
    for (uint32_t i = 0; i < n; ++i) {
      if (d[i][k] == kInf) continue;
      for (uint32_t j = 0; j < n; ++j) {
        if (d[k][j] != kInf && d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
      }
    }
  }
  return d;
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_ALGO_ORACLES_H_
