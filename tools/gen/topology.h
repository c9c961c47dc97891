// The shape of a generated graph, before any text is written.
//
// Ops get dense ids 0..n-1 in layer order; externals are ids n..n+E-1 (a pool
// of E candidate names, of which only the referenced ones appear). Layer 0 is
// raw/ (reads externals), layer 1 contracts, the middle datasets, the top
// models and policies. Every op of layer k >= 1 reads its FIRST input from
// layer k-1, so its longest-path level is exactly k+1 (externals are level 0)
// and the first inputs form a spanning forest a cycle can be threaded along.
// Other inputs come (O(1) each) from: a handful of hub contracts, a
// preferential-attachment urn over all lower layers (Price's model, giving
// the heavy-tailed fan-out; 2% of ops enter it with 8..64 copies), the three
// layers just below, or an external. Archives are never read and policies
// seldom, so the top of the graph is mostly sinks. Fan-in follows a fixed
// integer table (mostly 1..10, tail to 30) plus rare (1/1500) aggregators
// with 100..550 inputs. Inputs of an op are distinct.
//
// Successors are the exact reverse of inputs, except the K disagreements,
// each edge dropped from one side only (`drop`). Externals never have a
// successors list (they are not ops).
#ifndef ETLDAG_TOOLS_GEN_TOPOLOGY_H_
#define ETLDAG_TOOLS_GEN_TOPOLOGY_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/gen/words.h"

namespace etldag::gen {

// Marks of an input position when disagreements are injected.
inline constexpr uint8_t kDropFromInputs = 1;      // declared in successors only
inline constexpr uint8_t kDropFromSuccessors = 2;  // declared in inputs only

struct Topology {
  uint32_t num_ops = 0;
  uint32_t external_pool = 0;           // E: ids num_ops..num_ops+E-1
  std::vector<uint32_t> layer_start;    // layers+1 offsets into op ids
  std::vector<Role> roles;              // per op
  std::vector<uint64_t> in_offsets;     // num_ops+1
  std::vector<uint32_t> in_ids;         // op or external ids
  std::vector<uint64_t> succ_offsets;   // num_ops+1
  std::vector<uint32_t> succ_ids;       // op ids only
  std::vector<uint8_t> drop;            // per in_ids position; empty if K = 0
  uint32_t max_level = 0;               // longest path, externals at level 0
  uint32_t externals_used = 0;          // distinct externals referenced
  uint64_t external_refs = 0;           // input positions naming an external
  std::vector<uint32_t> cycle;          // op ids a -> ... -> d (-> a), or empty
  std::vector<uint64_t> dropped;        // in_ids positions with a drop mark
};

// Builds the topology of `num_ops` ops for `seed`, with one injected cycle if
// `cycle` and `disagreements` one-sided edges. InvalidArgument when the
// request cannot be met (too few ops for a cycle, K > op-to-op edges).
[[nodiscard]] absl::StatusOr<Topology> BuildTopology(uint64_t num_ops, uint64_t seed, bool cycle,
                                       uint64_t disagreements);

}  // namespace etldag::gen

#endif  // ETLDAG_TOOLS_GEN_TOPOLOGY_H_
