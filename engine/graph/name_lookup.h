// NameLookup: name -> id for many lookups against one graph (a durations
// file, a committed list, a file: selector). Graph::Find is a binary search
// over the name arena: ~17 string comparisons, each a cache miss, per
// lookup at 100,000 nodes (measured: 65 ms for a 100,000-line durations
// file). NameLookup answers the first kEagerLookups lookups with Find, then
// builds a hash index once (O(n): one 16-byte slot per node, hash tag, id
// and the name's place in the arena, open addressing, load <= 1/2) and
// answers the rest in O(1) expected, two cache misses (the slot, the name):
// a small file costs nothing extra, a big one stops paying log n misses.
//
// A lookup first tries the node after the last one found (node ids follow
// name order), so a list in name order costs one comparison a name.
//
// Same answers as Graph::Find, always. Holds a reference to the graph (it
// must outlive the lookup). Not thread-safe (the index is built lazily).
#ifndef ETLDAG_ENGINE_GRAPH_NAME_LOOKUP_H_
#define ETLDAG_ENGINE_GRAPH_NAME_LOOKUP_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

class NameLookup {
 public:
  static constexpr uint32_t kEagerLookups = 64;

  explicit NameLookup(const Graph& g) : g_(g) {}

  std::optional<NodeId> Find(std::string_view name);
  // out[i] = Find(names[i]) for every i; once the index exists, the batch's
  // cache misses overlap (hash and prefetch every slot, probe and prefetch
  // every candidate name, then compare).
  void FindBatch(std::span<const std::string_view> names, std::optional<NodeId>* out);

 private:
  std::optional<NodeId> FindUnhinted(std::string_view name);
  void BuildIndex();

  const Graph& g_;
  uint32_t lookups_ = 0;
  NodeId next_ = 0;  // the node after the last one found (names are in id order)
  struct Slot {
    uint32_t tag, id_plus_1;  // id_plus_1 == 0: empty
    uint32_t offset, size;    // the name in the graph's arena
  };
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_NAME_LOOKUP_H_
