// Descendant counts: the EXACT size of the downstream closure of every node,
// and how many protected nodes it holds — the all-nodes blast-radius ranking.
//
// downstream[v] = |Reach(g, {v})| (reachability.h: v itself is never counted,
// even on a cycle); protected_downstream[v] = |Reach(g, {v}) ∩ protected|.
// Cycles are allowed: the graph is condensed into its SCC DAG (condensation.h);
// every node of a cyclic component reaches all the other members.
//
// Algorithm (blocked bitsets): the n nodes get slots in topological order.
// Targets are processed in blocks of B = 64·k slots. For one block, every
// component p, from the last position of the block down to 0, pulls
//   R(p) = OR over out-neighbours q of (R(q) | self(q))   (k words)
// where self(q) = the slots of q's members inside the block; nodes later in
// topological order cannot reach the block and are never touched, and
// components whose pull is empty are skipped without touching their words
// (a per-block stamp marks non-empty ones, so nothing is cleared between
// blocks). count(p) += popcount(R(p)); protected likewise with a block mask.
// Blocks run concurrently (oneTBB), each worker with its own bitset buffer
// (8·k bytes per component) and count arrays, summed at the end: the result
// is identical for any thread count. Work O(n·m/64) words in the worst case,
// memory O(workers · k · n) bounded by the options.
// Reference: the "bit-parallel transitive closure" of Warren/Purdom; Yellin,
// "Speeding up dynamic transitive closure for bounded degree graphs", 1993.
#ifndef ETLDAG_ENGINE_ALGO_DESCENDANT_COUNTS_H_
#define ETLDAG_ENGINE_ALGO_DESCENDANT_COUNTS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

// The default of DescendantCountsOptions::memory_budget_bytes, in MiB.
inline constexpr uint64_t kDefaultMemoryBudgetMiB = 512;

struct DescendantCountsOptions {
  // Words per block (B = 64·k target slots), rounded down to a power of two
  // in [1, kMaxBlockWords]; 0 = kDefaultBlockWords, or the largest power of
  // two below it whose buffers fit `memory_budget_bytes`. (8 measured best
  // on generated 100k-op graphs: 64-byte rows, one cache line per pull.)
  uint32_t block_words = 0;
  // Bound on the bitset buffers of all workers together (approximate).
  size_t memory_budget_bytes = size_t{kDefaultMemoryBudgetMiB} << 20;
};
inline constexpr uint32_t kMaxBlockWords = 16;
inline constexpr uint32_t kDefaultBlockWords = 8;

struct DescendantCounts {
  std::vector<uint32_t> downstream;            // per node
  std::vector<uint32_t> protected_downstream;  // per node (zeros without a set)
};

struct DescendantCountsStats {  // optional out-parameter
  uint32_t block_words = 0;
  uint32_t num_blocks = 0;
  uint32_t num_components = 0;
  uint64_t words_ored = 0;  // total k-word pulls, summed over blocks
  uint64_t buffer_bytes = 0;  // bitset buffers of all workers (what the budget bounds)
};

// `protected_set` may be null (no protected nodes); else of size num_nodes.
DescendantCounts ComputeDescendantCounts(const Graph& g, const Bitmap* protected_set,
                                         const DescendantCountsOptions& opts = {},
                                         DescendantCountsStats* stats = nullptr);

struct RankedNode {
  NodeId node;
  uint32_t downstream;
  uint32_t protected_downstream;
};
// The `limit` nodes with the largest downstream counts, ties broken by id
// (= name order); only nodes of `among` when given (size num_nodes).
// Deterministic.
std::vector<RankedNode> TopByDownstream(const DescendantCounts& counts, size_t limit,
                                        const Bitmap* among = nullptr);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_DESCENDANT_COUNTS_H_
