// Diff of two versions of a graph, nodes matched by name (no rename
// detection: a renamed op is one removed and one added).
//
// With ops(G) the non-external nodes and in(v) v's input names:
//   added_ops      ops(NEW) − ops(OLD)        removed_ops  ops(OLD) − ops(NEW)
//   edge changes   for v ∈ ops(OLD) ∩ ops(NEW): in_NEW(v) − in_OLD(v) (added
//                  inputs) and in_OLD(v) − in_NEW(v) (removed inputs)
//   kind changes   v ∈ ops(OLD) ∩ ops(NEW) whose kind name differs
//   externals      appeared: ext(NEW) − ext(OLD); vanished: ext(OLD) − ext(NEW)
//   cycles         cycles of NEW (cycles.h) whose witness path uses an edge
//                  that OLD does not have: introduced by NEW
//   modified       added ops ∪ ops with added/removed inputs or a new kind
//                  (dbt's state:modified for a spark_ops graph)
//   impact         modified ∪ downstream_NEW(modified)  (state:modified+)
// identical() = no added/removed op, no edge or kind change, no external
// appeared or vanished. Lists hold NEW ids (OLD ids for removed ops and
// vanished externals, and for removed inputs' sources) and are sorted by
// name (ids follow names in both graphs, so a linear merge of the two name
// orders matches the nodes). O(n_OLD + n_NEW + m_OLD + m_NEW) plus one BFS
// and one cycle search in NEW; no recursion.
#ifndef ETLDAG_ENGINE_ALGO_GRAPH_DIFF_H_
#define ETLDAG_ENGINE_ALGO_GRAPH_DIFF_H_

#include <cstdint>
#include <vector>

#include "engine/algo/cycles.h"
#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

struct EdgeChange {
  NodeId op;                           // NEW id of the reading op
  std::vector<NodeId> added_inputs;    // NEW ids, sorted
  std::vector<NodeId> removed_inputs;  // OLD ids, sorted
};

struct KindChange {
  NodeId op;  // NEW id
  KindId old_kind, new_kind;
};

struct GraphDiff {
  std::vector<NodeId> added_ops;            // NEW ids
  std::vector<NodeId> removed_ops;          // OLD ids
  std::vector<EdgeChange> edge_changes;     // by op
  std::vector<KindChange> kind_changes;     // by op
  std::vector<NodeId> externals_appeared;   // NEW ids
  std::vector<NodeId> externals_vanished;   // OLD ids
  std::vector<Cycle> introduced_cycles;     // NEW ids
  uint64_t edges_added = 0, edges_removed = 0;
  Bitmap modified;  // NEW nodes
  Bitmap impact;    // NEW nodes
  bool identical() const;
};

GraphDiff ComputeGraphDiff(const Graph& old_g, const Graph& new_g);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_GRAPH_DIFF_H_
