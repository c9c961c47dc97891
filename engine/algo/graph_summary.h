// Graph summary: the whole-graph figures of `etldag stats` — sources
// (in-degree 0) and sinks (out-degree 0), nodes per kind, the number of
// topological levels and the widest level when the graph is a DAG, the
// cycles (strongly connected components of 2+ nodes; self-loops are left to
// Graph::self_loops()) and the nodes of largest in- and out-degree.
//
// Invariants of the result: `kinds` lists every kind with at least one node,
// by count descending then kind name; `top_in`/`top_out` hold at most top_n
// nodes of degree > 0, by degree descending then id (= name) ascending;
// the widest level is the first of the largest size. Deterministic (serial
// apart from ComputeTopoLevels, whose result is thread-independent).
// O(n + m) plus O(n log top_n) for the leaders.
#ifndef ETLDAG_ENGINE_ALGO_GRAPH_SUMMARY_H_
#define ETLDAG_ENGINE_ALGO_GRAPH_SUMMARY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct DegreeEntry {
  NodeId node;
  uint32_t degree;
};

struct KindEntry {
  KindId kind;
  uint32_t count;
};

struct GraphSummary {
  uint32_t sources = 0, sinks = 0;
  bool dag = true;
  uint32_t num_levels = 0;    // 0 when not a DAG (or empty)
  uint32_t widest_level = 0;  // 0-based
  uint32_t widest_size = 0;
  size_t cycles = 0, cycle_nodes = 0;  // components of 2+ nodes, their nodes
  std::vector<KindEntry> kinds;
  std::vector<DegreeEntry> top_in, top_out;
};

GraphSummary SummarizeGraph(const Graph& g, size_t top_n);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_GRAPH_SUMMARY_H_
