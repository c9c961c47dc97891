// Serial brute-force oracles and small helpers shared by the algo tests.
// Deliberately naive and independent of engine/algo: Floyd-Warshall all-pairs
// distances here; the BFS oracle (distances, closures) is
// tests/testing/bfs_oracle.h, re-exported with the thread-count helpers.
#ifndef ETLDAG_TESTS_ALGO_ORACLES_H_
#define ETLDAG_TESTS_ALGO_ORACLES_H_

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
#include "tests/testing/bfs_oracle.h"
#include "tests/testing/threads.h"

namespace etldag::testing {

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
