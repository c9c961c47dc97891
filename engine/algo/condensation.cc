// SCC condensation in a deterministic topological order; see condensation.h.
//
// Steps:
//   1. provisional component of every node (identity on a DAG; on a cyclic
//      graph, cyclic SCCs from FindCycles collapse onto their smallest id),
//      numbered by smallest member id
//   2. topological order of the components (ComputeTopoLevels on a DAG, else
//      a serial level-by-level Kahn over the components)
//   3. members grouped by position (counting sort, stable -> sorted by id)
//   4. out CSR in position space: gather, then sort + dedupe per list (parallel)
#include "engine/algo/condensation.h"

#include <algorithm>
#include <numeric>

#include "absl/status/statusor.h"
#include "engine/algo/cycles.h"
#include "engine/algo/topo_levels.h"
#include "engine/base/check.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"

namespace etldag {
namespace {

struct Provisional {
  std::vector<uint32_t> comp;   // per node
  uint32_t count = 0;
  std::vector<uint8_t> cyclic;  // per provisional component
  std::vector<uint32_t> order;  // provisional components, topological
};

// Step 1 on a cyclic graph.
Provisional CollapseCycles(const Graph& g, const std::vector<Cycle>& cycles) {
  const uint32_t n = g.num_nodes();
  std::vector<NodeId> rep(n);
  std::iota(rep.begin(), rep.end(), 0);
  for (const Cycle& c : cycles) {
    for (NodeId v : c.component) rep[v] = c.component[0];
  }
  Provisional p;
  p.comp.resize(n);
  for (NodeId v = 0; v < n; ++v) p.comp[v] = rep[v] == v ? p.count++ : p.comp[rep[v]];
  p.cyclic.assign(p.count, 0);
  for (const Cycle& c : cycles) p.cyclic[p.comp[c.component[0]]] = 1;
  return p;
}

// Step 2 on a cyclic graph: Kahn by levels over the provisional components.
void OrderComponents(const Graph& g, Provisional& p) {
  const uint32_t n = g.num_nodes();
  std::vector<uint32_t> offsets(p.count + 1, 0), nodes(n);
  for (NodeId v = 0; v < n; ++v) ++offsets[p.comp[v] + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (NodeId v = 0; v < n; ++v) nodes[fill[p.comp[v]]++] = v;

  std::vector<uint32_t> remaining(p.count, 0);  // in-edges from other components
  for (NodeId u = 0; u < n; ++u) {
    for (NodeId w : g.out(u)) remaining[p.comp[w]] += p.comp[w] != p.comp[u];
  }
  std::vector<uint32_t> frontier, next;
  for (uint32_t c = 0; c < p.count; ++c) {
    if (remaining[c] == 0) frontier.push_back(c);
  }
  p.order.reserve(p.count);
  while (!frontier.empty()) {
    p.order.insert(p.order.end(), frontier.begin(), frontier.end());
    next.clear();
    for (uint32_t c : frontier) {
      for (uint32_t i = offsets[c]; i < offsets[c + 1]; ++i) {
        for (NodeId w : g.out(nodes[i])) {
          if (p.comp[w] != c && --remaining[p.comp[w]] == 0) next.push_back(p.comp[w]);
        }
      }
    }
    std::sort(next.begin(), next.end());
    frontier.swap(next);
  }
  ETLDAG_CHECK(p.order.size() == p.count);  // the component graph is a DAG
}

// Steps 3 and 4.
Condensation Layout(const Graph& g, const Provisional& p) {
  const uint32_t n = g.num_nodes();
  Condensation cd;
  cd.num_components = p.count;
  std::vector<uint32_t> pos_of(p.count);
  for (uint32_t i = 0; i < p.count; ++i) pos_of[p.order[i]] = i;
  cd.position.resize(n);
  cd.member_offsets.assign(p.count + 1, 0);
  for (NodeId v = 0; v < n; ++v) {
    cd.position[v] = pos_of[p.comp[v]];
    ++cd.member_offsets[cd.position[v] + 1];
  }
  std::partial_sum(cd.member_offsets.begin(), cd.member_offsets.end(), cd.member_offsets.begin());
  cd.members.resize(n);
  std::vector<uint32_t> fill(cd.member_offsets.begin(), cd.member_offsets.end() - 1);
  for (NodeId v = 0; v < n; ++v) cd.members[fill[cd.position[v]]++] = v;
  cd.cyclic.resize(p.count);
  for (uint32_t c = 0; c < p.count; ++c) cd.cyclic[pos_of[c]] = p.cyclic.empty() ? 0 : p.cyclic[c];
  cd.num_cyclic = static_cast<uint32_t>(std::count(cd.cyclic.begin(), cd.cyclic.end(), 1));

  // Gather every out-edge per position (upper bound), then sort + dedupe.
  std::vector<uint32_t> bound(p.count + 1, 0);
  for (NodeId v = 0; v < n; ++v) bound[cd.position[v] + 1] += g.out_degree(v);
  std::partial_sum(bound.begin(), bound.end(), bound.begin());
  std::vector<uint32_t> gathered(bound.back()), kept(p.count, 0);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, p.count, 256),
                    [&](const tbb::blocked_range<uint32_t>& r) {
    for (uint32_t q = r.begin(); q != r.end(); ++q) {
      uint32_t* out = gathered.data() + bound[q];
      uint32_t k = 0;
      for (NodeId v : cd.component(q)) {
        for (NodeId w : g.out(v)) {
          if (cd.position[w] != q) out[k++] = cd.position[w];
        }
      }
      std::sort(out, out + k);
      kept[q] = static_cast<uint32_t>(std::unique(out, out + k) - out);
    }
  });
  cd.out_offsets.assign(p.count + 1, 0);
  for (uint32_t q = 0; q < p.count; ++q) cd.out_offsets[q + 1] = cd.out_offsets[q] + kept[q];
  cd.out_targets.resize(cd.out_offsets.back());
  for (uint32_t q = 0; q < p.count; ++q) {
    std::copy_n(gathered.begin() + bound[q], kept[q], cd.out_targets.begin() + cd.out_offsets[q]);
  }
  return cd;
}

}  // namespace

Condensation Condense(const Graph& g) {
  Provisional p;
  absl::StatusOr<TopoLevels> levels = ComputeTopoLevels(g);
  if (levels.ok()) {
    p.count = g.num_nodes();
    p.comp.resize(p.count);
    std::iota(p.comp.begin(), p.comp.end(), 0);
    p.order = std::move(levels->order);
  } else {
    p = CollapseCycles(g, FindCycles(g));
    OrderComponents(g, p);
  }
  return Layout(g, p);
}

std::vector<NodeId> CondensedTopologicalOrder(const Graph& g) {
  return std::move(Condense(g).members);
}

}  // namespace etldag
