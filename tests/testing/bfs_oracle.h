// The BFS oracle of the tests: a plain serial std::deque BFS that shares no
// code with engine/algo, over any adjacency (a Graph in either direction, or
// the independent readings of tests/gen/parsed_ops.h). Every reachability,
// distance and closure that a test compares the engine against comes from
// BfsDistances.
#ifndef ETLDAG_TESTS_TESTING_BFS_ORACLE_H_
#define ETLDAG_TESTS_TESTING_BFS_ORACLE_H_

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "engine/algo/reachability.h"
#include "engine/graph/graph.h"

namespace etldag::testing {

inline constexpr uint32_t kInf = 0xffffffffu;  // unreached

// Hop distances from the nearest of `seeds` (0 for a seed) along nbrs(v), a
// range of the neighbours of node v in [0, n); kInf when unreached within
// max_depth hops.
template <typename NbrsOf>
std::vector<uint32_t> BfsDistances(uint32_t n, std::span<const uint32_t> seeds, const NbrsOf& nbrs,
                                   uint32_t max_depth = kInf) {
  std::vector<uint32_t> dist(n, kInf);
  std::deque<uint32_t> q;
  for (uint32_t s : seeds) {
    if (dist[s] == kInf) q.push_back(s);
    dist[s] = 0;
  }
  while (!q.empty()) {
    const uint32_t v = q.front();
    q.pop_front();
    if (dist[v] >= max_depth) continue;
    for (uint32_t w : nbrs(v)) {
      if (dist[w] == kInf) {
        dist[w] = dist[v] + 1;
        q.push_back(w);
      }
    }
  }
  return dist;
}

inline std::span<const NodeId> Nbrs(const Graph& g, NodeId v, Direction dir) {
  return dir == Direction::kDownstream ? g.out(v) : g.in(v);
}

// BfsDistances on g along `dir`.
inline std::vector<uint32_t> QueueBfs(const Graph& g, const std::vector<NodeId>& seeds, Direction dir,
                                      uint32_t max_depth = kInf) {
  return BfsDistances(g.num_nodes(), std::span<const NodeId>(seeds), [&](NodeId v) { return Nbrs(g, v, dir); },
                      max_depth);
}

// Nodes reachable by >= 1 edge from any seed along `dir` (a seed is in it
// only when reached from a seed): BFS from the seeds' neighbours.
inline std::vector<bool> Closure(const Graph& g, const std::vector<NodeId>& seeds, Direction dir) {
  std::vector<NodeId> first;
  for (NodeId s : seeds) {
    for (NodeId w : Nbrs(g, s, dir)) first.push_back(w);
  }
  const std::vector<uint32_t> dist = QueueBfs(g, first, dir);
  std::vector<bool> in(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) in[v] = dist[v] != kInf;
  return in;
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_TESTING_BFS_ORACLE_H_
