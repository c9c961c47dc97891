// Basic vocabulary of the engine: node ids, edge indices and their limits.
#ifndef ETLDAG_ENGINE_BASE_TYPES_H_
#define ETLDAG_ENGINE_BASE_TYPES_H_

#include <cstdint>
#include <limits>

namespace etldag {

// Dense node id: ids are assigned in lexicographic (byte-wise) name order, so
// sorting ids sorts names and a name lookup is a binary search.
using NodeId = uint32_t;
// Index into a CSR target array. 32 bits: a graph is limited to 2^32-1 edges
// (a >100 GB spark_ops.json); the builder rejects more with a clear error.
using EdgeIndex = uint32_t;

inline constexpr NodeId kInvalidNode = std::numeric_limits<NodeId>::max();
inline constexpr uint64_t kMaxNodes = std::numeric_limits<NodeId>::max() - 1;
inline constexpr uint64_t kMaxEdges = std::numeric_limits<EdgeIndex>::max() - 1;
// The names arena is indexed with 32-bit offsets.
inline constexpr uint64_t kMaxNameBytes = std::numeric_limits<uint32_t>::max() - 1;

// Index of a node kind in Graph::kind_name().
using KindId = uint16_t;
inline constexpr uint64_t kMaxKinds = std::numeric_limits<KindId>::max();

}  // namespace etldag

#endif  // ETLDAG_ENGINE_BASE_TYPES_H_
