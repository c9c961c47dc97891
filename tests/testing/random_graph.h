// Seeded graph generators for tests (header-only; link etldag_graph).
//
// Node i is named NodeName(i, n) = "n" + i zero-padded to the width of n-1, so
// names sort like numbers and node i gets id i in the built Graph. Every node
// is an op of kind "test" (no externals). Edges are declared on both sides;
// duplicates collapse in the builder. Same arguments -> same graph.
#ifndef ETLDAG_TESTS_TESTING_RANDOM_GRAPH_H_
#define ETLDAG_TESTS_TESTING_RANDOM_GRAPH_H_

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/check.h"
#include "engine/graph/graph.h"
#include "engine/graph/graph_builder.h"

namespace etldag::testing {

using EdgeList = std::vector<std::pair<NodeId, NodeId>>;

inline std::string NodeName(uint32_t i, uint32_t n) {
  const size_t width = std::to_string(n > 0 ? n - 1 : 0).size();
  std::string digits = std::to_string(i);
  return "n" + std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

// The graph with nodes 0..n-1 and `edges` (aborts if the builder fails).
inline Graph GraphFromEdges(uint32_t n, const EdgeList& edges) {
  GraphBuilder b;
  b.Reserve(n, edges.size());
  for (uint32_t i = 0; i < n; ++i) {
    const GraphBuilder::Pid pid = b.Intern(NodeName(i, n));
    ETLDAG_CHECK(pid == i);
    ETLDAG_CHECK(b.DefineOp(pid, "test"));
  }
  for (const auto& [u, v] : edges) b.AddEdge(u, v, EdgeSide::kBoth);
  absl::StatusOr<Graph> g = std::move(b).Build();
  ETLDAG_CHECK(g.ok());
  return std::move(g).value();
}

// Every edge u -> v of g, by u then v.
inline EdgeList EdgesOf(const Graph& g) {
  EdgeList edges;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    for (NodeId v : g.out(u)) edges.emplace_back(u, v);
  }
  return edges;
}

inline uint64_t Uniform(std::mt19937_64& rng, uint64_t bound) {  // in [0, bound)
  return std::uniform_int_distribution<uint64_t>(0, bound - 1)(rng);
}

// DAG: a random permutation `perm` of the nodes (a hidden topological order,
// unrelated to ids); m random position pairs a < b give perm[a] -> perm[b].
// Then `back_edges` edges perm[b] -> perm[a] with a <= b close cycles (a == b
// is a self-loop, only when self_loops). back_edges = 0 keeps it a DAG.
inline Graph RandomGraph(uint32_t n, uint64_t m, uint32_t back_edges, uint64_t seed,
                         bool self_loops = false) {
  std::mt19937_64 rng(seed);
  std::vector<NodeId> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), rng);
  EdgeList edges;
  for (uint64_t i = 0; n >= 2 && i < m; ++i) {
    uint64_t a = Uniform(rng, n), b = Uniform(rng, n - 1);
    if (b >= a) ++b;  // b != a
    if (a > b) std::swap(a, b);
    edges.emplace_back(perm[a], perm[b]);
  }
  for (uint32_t i = 0; n >= 1 && i < back_edges; ++i) {
    uint64_t a = Uniform(rng, n), b = Uniform(rng, n);
    if (a == b && !self_loops) {
      if (n < 2) continue;
      b = (a + 1) % n;
    }
    if (a > b) std::swap(a, b);
    edges.emplace_back(perm[b], perm[a]);
  }
  return GraphFromEdges(n, edges);
}

inline Graph RandomDag(uint32_t n, uint64_t m, uint64_t seed) {
  return RandomGraph(n, m, 0, seed);
}

// Uniform random digraph: m edges with independent uniform ends (cycles and
// self-loops likely).
inline Graph RandomDigraph(uint32_t n, uint64_t m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  EdgeList edges;
  for (uint64_t i = 0; n >= 1 && i < m; ++i) {
    const NodeId u = static_cast<NodeId>(Uniform(rng, n));
    edges.emplace_back(u, static_cast<NodeId>(Uniform(rng, n)));
  }
  return GraphFromEdges(n, edges);
}

// 0 -> 1 -> ... -> n-1; with `closed`, also n-1 -> 0 (a ring: one big cycle).
inline Graph Chain(uint32_t n, bool closed = false) {
  EdgeList edges;
  edges.reserve(n);
  for (uint32_t i = 0; i + 1 < n; ++i) edges.emplace_back(i, i + 1);
  if (closed && n >= 1) edges.emplace_back(n - 1, 0);
  return GraphFromEdges(n, edges);
}

// Center 0 and leaves 1..leaves: 0 -> leaf (outward) or leaf -> 0 (inward).
inline Graph Star(uint32_t leaves, bool outward = true) {
  EdgeList edges;
  edges.reserve(leaves);
  for (uint32_t i = 1; i <= leaves; ++i) {
    edges.push_back(outward ? std::pair<NodeId, NodeId>{0, i} : std::pair<NodeId, NodeId>{i, 0});
  }
  return GraphFromEdges(leaves + 1, edges);
}

// Loader-like graph (names, externals and kinds as a spark_ops.json gives
// them), for code that depends on names and kinds: 1 to 400 nodes (1 to
// 6,000 when seed % 4 == 0) named from a few prefixes (shared prefixes,
// non-ASCII) plus a unique suffix; ~1 in 7 nodes external, the others ops of
// kind "" (derived) or "k0".."k4"; edges declared on random sides, with
// duplicates and self-loops; every edge has an op at one end and every
// external feeds some op, as the loader guarantees.
inline Graph RandomLoaderGraph(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const uint32_t n = 1 + static_cast<uint32_t>(rng() % (seed % 4 == 0 ? 6000 : 400));
  static constexpr const char* kPrefixes[] = {"dataset/", "model/", "nu-mx/policy/", "raw/", "", "\xC3\xA9/"};
  GraphBuilder b;
  for (uint32_t i = 0; i < n; ++i) {
    const auto pid = b.Intern(std::string(kPrefixes[rng() % 6]) + std::to_string(rng() % 5000) + "_" +
                              std::to_string(i));
    if (rng() % 7 != 0) ETLDAG_CHECK(b.DefineOp(pid, rng() % 4 == 0 ? "k" + std::to_string(rng() % 5) : ""));
  }
  const uint64_t m = rng() % (3 * uint64_t{n} + 1);
  uint32_t op = n;
  for (uint32_t v = 0; v < n && op == n; ++v) op = b.is_defined(v) ? v : n;
  if (op == n) ETLDAG_CHECK(b.DefineOp(op = 0));
  for (uint64_t i = 0; i < m; ++i) {
    const uint32_t u = rng() % n, v = rng() % n;
    if (b.is_defined(u) || b.is_defined(v)) b.AddEdge(u, v, static_cast<EdgeSide>(1 + rng() % 3));
  }
  for (uint32_t v = 0; v < n; ++v) {
    if (!b.is_defined(v)) b.AddEdge(v, op, EdgeSide::kInputs);
  }
  absl::StatusOr<Graph> g = std::move(b).Build();
  ETLDAG_CHECK(g.ok());
  return std::move(g).value();
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_TESTING_RANDOM_GRAPH_H_
