#include "engine/algo/graph_summary.h"

#include <algorithm>

#include "engine/algo/cycles.h"
#include "engine/algo/topo_levels.h"

namespace etldag {
namespace {

// The top_n nodes of largest degree (> 0), ties by id.
template <typename DegreeOf>
std::vector<DegreeEntry> TopDegrees(const Graph& g, size_t top_n, DegreeOf degree_of) {
  std::vector<DegreeEntry> all;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (const uint32_t d = degree_of(v); d > 0) all.push_back({v, d});
  }
  const auto better = [](const DegreeEntry& a, const DegreeEntry& b) {
    return a.degree != b.degree ? a.degree > b.degree : a.node < b.node;
  };
  const size_t k = std::min(top_n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(), better);
  all.resize(k);
  return all;
}

void CountKinds(const Graph& g, GraphSummary* s) {
  std::vector<uint32_t> kind_count(g.num_kinds(), 0);
  for (NodeId v = 0; v < g.num_nodes(); ++v) ++kind_count[g.kind(v)];
  for (size_t k = 0; k < kind_count.size(); ++k) {
    if (kind_count[k] > 0) s->kinds.push_back({static_cast<KindId>(k), kind_count[k]});
  }
  std::sort(s->kinds.begin(), s->kinds.end(), [&](const KindEntry& a, const KindEntry& b) {
    return a.count != b.count ? a.count > b.count : g.kind_name(a.kind) < g.kind_name(b.kind);
  });
}

}  // namespace

GraphSummary SummarizeGraph(const Graph& g, size_t top_n) {
  GraphSummary s;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    s.sources += g.in_degree(v) == 0;
    s.sinks += g.out_degree(v) == 0;
  }
  CountKinds(g, &s);
  const absl::StatusOr<TopoLevels> levels = ComputeTopoLevels(g);
  s.dag = levels.ok();
  if (s.dag) {
    s.num_levels = levels->num_levels;
    for (uint32_t l = 0; l < levels->num_levels; ++l) {
      if (levels->level_sizes[l] > s.widest_size) {
        s.widest_size = levels->level_sizes[l];
        s.widest_level = l;
      }
    }
  }
  for (const Cycle& c : FindCycles(g)) {
    if (c.component.size() < 2) continue;  // self-loops are counted on their own
    ++s.cycles;
    s.cycle_nodes += c.component.size();
  }
  s.top_in = TopDegrees(g, top_n, [&](NodeId v) { return g.in_degree(v); });
  s.top_out = TopDegrees(g, top_n, [&](NodeId v) { return g.out_degree(v); });
  return s;
}

}  // namespace etldag
