// Steps after the inputs are drawn (internal to the generator):
// (5) thread one cycle along first inputs, (6) mark K one-sided edges,
// (7) build successors by counting sort over the inputs, so each list is
// sorted by reader id and is exactly the reverse of the inputs except where
// a disagreement dropped an edge from the successors side.
#ifndef ETLDAG_TOOLS_GEN_TOPOLOGY_EDITS_H_
#define ETLDAG_TOOLS_GEN_TOPOLOGY_EDITS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/gen/rng.h"
#include "tools/gen/topology.h"

namespace etldag::gen {

// Picks a deep op d, follows first inputs back up to 5 hops to an ancestor a,
// and adds d to a's inputs: the cycle a -> ... -> d -> a (t.cycle). Returns
// the in_ids position of the new edge. Needs at least 3 layers.
[[nodiscard]] absl::StatusOr<uint64_t> InjectCycle(Topology& t, Rng& rng);

// Marks k distinct op-to-op input positions (never `cycle_pos`) as declared
// on one side only, filling t.drop and t.dropped.
[[nodiscard]] absl::Status InjectDisagreements(Topology& t, Rng& rng, uint64_t k, uint64_t cycle_pos);

void BuildSuccessors(Topology& t);

}  // namespace etldag::gen

#endif  // ETLDAG_TOOLS_GEN_TOPOLOGY_EDITS_H_
