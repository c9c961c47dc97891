#include "engine/graph/name_lookup.h"

#include "absl/hash/hash.h"
#include "engine/base/strings.h"

namespace etldag {
namespace {

uint64_t Hash(std::string_view s) { return absl::Hash<absl::string_view>()(ToAbsl(s)); }

}  // namespace

void NameLookup::BuildIndex() {
  const NodeId n = g_.num_nodes();
  uint64_t cap = 16;
  while (cap < 2 * uint64_t{n}) cap *= 2;
  slots_.assign(cap, 0);
  mask_ = cap - 1;
  for (NodeId v = 0; v < n; ++v) {
    const uint64_t h = Hash(g_.name(v));
    uint64_t p = h & mask_;
    while (slots_[p] != 0) p = (p + 1) & mask_;
    slots_[p] = (h >> 32 << 32) | (uint64_t{v} + 1);
  }
}

std::optional<NodeId> NameLookup::Find(std::string_view name) {
  if (slots_.empty()) {
    if (++lookups_ <= kEagerLookups || g_.num_nodes() == 0) return g_.Find(name);
    BuildIndex();
  }
  const uint64_t h = Hash(name), tag = h >> 32;
  for (uint64_t p = h & mask_; slots_[p] != 0; p = (p + 1) & mask_) {
    if ((slots_[p] >> 32) != tag) continue;
    const NodeId v = static_cast<NodeId>((slots_[p] & 0xffffffffu) - 1);
    if (g_.name(v) == name) return v;
  }
  return std::nullopt;
}

}  // namespace etldag
