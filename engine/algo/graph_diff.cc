// Diff of two graph versions by name; see graph_diff.h.
//
// Steps: (1) merge the two sorted name orders into a NEW -> OLD id map;
// (2) classify ops and externals; (3) per common op, merge the two sorted
// input lists by name; (4) impact = one BFS in NEW from the modified set;
// (5) cycles of NEW checked edge by edge against OLD.
#include "engine/algo/graph_diff.h"

#include <algorithm>
#include <string_view>

#include "engine/algo/reachability.h"

namespace etldag {
namespace {

// match[v] = OLD id of NEW node v's name, or kInvalidNode.
std::vector<NodeId> MatchByName(const Graph& old_g, const Graph& new_g) {
  std::vector<NodeId> match(new_g.num_nodes(), kInvalidNode);
  NodeId i = 0, j = 0;
  while (i < old_g.num_nodes() && j < new_g.num_nodes()) {
    const int c = old_g.name(i).compare(new_g.name(j));
    if (c == 0) {
      match[j++] = i++;
    } else if (c < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  return match;
}

// Inputs of v in both versions compared by name (both lists sorted by id,
// hence by name).
EdgeChange CompareInputs(const Graph& old_g, NodeId ov, const Graph& new_g, NodeId nv) {
  EdgeChange e{.op = nv, .added_inputs = {}, .removed_inputs = {}};
  const auto a = old_g.in(ov);
  const auto b = new_g.in(nv);
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const int c = i == a.size()   ? 1
                  : j == b.size() ? -1
                                  : old_g.name(a[i]).compare(new_g.name(b[j]));
    if (c == 0) {
      ++i;
      ++j;
    } else if (c < 0) {
      e.removed_inputs.push_back(a[i++]);
    } else {
      e.added_inputs.push_back(b[j++]);
    }
  }
  return e;
}

bool OldHasEdge(const Graph& old_g, const std::vector<NodeId>& match, NodeId u, NodeId v) {
  if (match[u] == kInvalidNode || match[v] == kInvalidNode) return false;
  const auto out = old_g.out(match[u]);
  return std::binary_search(out.begin(), out.end(), match[v]);
}

void DiffNodes(const Graph& old_g, const Graph& new_g, const std::vector<NodeId>& match,
               GraphDiff& d) {
  Bitmap matched_old(old_g.num_nodes());
  for (NodeId v = 0; v < new_g.num_nodes(); ++v) {
    const NodeId o = match[v];
    if (o != kInvalidNode) matched_old.Set(o);
    const bool op = !new_g.is_external(v);
    const bool old_op = o != kInvalidNode && !old_g.is_external(o);
    const bool old_ext = o != kInvalidNode && old_g.is_external(o);
    if (op && !old_op) d.added_ops.push_back(v);
    if (!op && !old_ext) d.externals_appeared.push_back(v);
    if (op && old_ext) d.externals_vanished.push_back(o);
    if (!op && old_op) d.removed_ops.push_back(o);
    if (!op || !old_op) continue;
    EdgeChange e = CompareInputs(old_g, o, new_g, v);
    if (!e.added_inputs.empty() || !e.removed_inputs.empty()) {
      d.edges_added += e.added_inputs.size();
      d.edges_removed += e.removed_inputs.size();
      d.edge_changes.push_back(std::move(e));
    }
    if (old_g.kind_name(old_g.kind(o)) != new_g.kind_name(new_g.kind(v))) {
      d.kind_changes.push_back({v, old_g.kind(o), new_g.kind(v)});
    }
  }
  for (NodeId o = 0; o < old_g.num_nodes(); ++o) {
    if (matched_old.Test(o)) continue;
    (old_g.is_external(o) ? d.externals_vanished : d.removed_ops).push_back(o);
  }
  std::sort(d.removed_ops.begin(), d.removed_ops.end());
  std::sort(d.externals_vanished.begin(), d.externals_vanished.end());
}

}  // namespace

bool GraphDiff::identical() const {
  return added_ops.empty() && removed_ops.empty() && edge_changes.empty() &&
         kind_changes.empty() && externals_appeared.empty() && externals_vanished.empty();
}

GraphDiff ComputeGraphDiff(const Graph& old_g, const Graph& new_g) {
  const std::vector<NodeId> match = MatchByName(old_g, new_g);
  GraphDiff d;
  DiffNodes(old_g, new_g, match, d);
  // Edges into a new op count as added, so that edges_added covers every
  // edge of NEW that OLD lacks.
  for (NodeId v : d.added_ops) d.edges_added += new_g.in_degree(v);
  for (NodeId o : d.removed_ops) d.edges_removed += old_g.in_degree(o);
  d.modified = Bitmap(new_g.num_nodes());
  for (NodeId v : d.added_ops) d.modified.Set(v);
  for (const EdgeChange& e : d.edge_changes) d.modified.Set(e.op);
  for (const KindChange& k : d.kind_changes) d.modified.Set(k.op);
  const std::vector<NodeId> seeds = d.modified.ToVector();
  d.impact = Reach(new_g, seeds, {.include_seeds = true});
  for (Cycle& c : FindCycles(new_g)) {
    bool introduced = false;
    for (size_t i = 0; i + 1 < c.path.size() && !introduced; ++i) {
      introduced = !OldHasEdge(old_g, match, c.path[i], c.path[i + 1]);
    }
    if (introduced) d.introduced_cycles.push_back(std::move(c));
  }
  return d;
}

}  // namespace etldag
