// Retraction set = closure of the bad nodes ∩ committed, in topological or
// name order; see retraction_set.h for the definition and the order's reason.
#include "engine/algo/retraction_set.h"

#include "absl/status/statusor.h"
#include "engine/algo/condensation.h"
#include "engine/algo/reachability.h"
#include "engine/algo/topo_levels.h"
#include "engine/base/check.h"

namespace etldag {
namespace {

// A topological order of every node that tolerates cycles.
std::vector<NodeId> UpstreamFirstOrder(const Graph& g) {
  absl::StatusOr<TopoLevels> levels = ComputeTopoLevels(g);
  if (levels.ok()) return std::move(levels->order);
  return CondensedTopologicalOrder(g);
}

}  // namespace

RetractionSet ComputeRetractionSet(const Graph& g, std::span<const NodeId> bad,
                                   const RetractionOptions& opts) {
  if (opts.committed != nullptr) ETLDAG_CHECK(opts.committed->size() == g.num_nodes());
  RetractionSet rs;
  Bitmap set = Reach(g, bad, {.direction = Direction::kDownstream, .include_seeds = true});
  Bitmap seeds(g.num_nodes());
  for (NodeId v : bad) seeds.Set(v);
  rs.bad = static_cast<uint32_t>(seeds.Count());
  rs.downstream = static_cast<uint32_t>(set.Count()) - rs.bad;
  if (opts.committed != nullptr) {
    const size_t before = set.Count();
    set.IntersectWith(*opts.committed);
    rs.not_committed = static_cast<uint32_t>(before - set.Count());
  }
  if (opts.order == RetractionOrder::kName) {
    rs.nodes = set.ToVector<NodeId>();
    return rs;
  }
  rs.nodes.reserve(set.Count());
  for (NodeId v : UpstreamFirstOrder(g)) {
    if (set.Test(v)) rs.nodes.push_back(v);
  }
  return rs;
}

}  // namespace etldag
