#include "engine/graph/name_lookup.h"

#include <algorithm>

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
  slots_.assign(cap, Slot{0, 0, 0, 0});
  mask_ = cap - 1;
  const GraphArrays& a = g_.arrays();
  for (NodeId v = 0; v < n; ++v) {
    const uint64_t h = Hash(g_.name(v));
    uint64_t p = h & mask_;
    while (slots_[p].id_plus_1 != 0) p = (p + 1) & mask_;
    slots_[p] = Slot{static_cast<uint32_t>(h >> 32), v + 1, a.name_offsets[v], a.name_offsets[v + 1] - a.name_offsets[v]};
  }
}

std::optional<NodeId> NameLookup::Find(std::string_view name) {
  // A list in name order (= id order) names the node after the last one
  // found: one comparison, no hashing, and no index for such a list.
  if (next_ < g_.num_nodes() && g_.name(next_) == name) return next_++;
  const std::optional<NodeId> v = FindUnhinted(name);
  if (v.has_value()) next_ = *v + 1;
  return v;
}

std::optional<NodeId> NameLookup::FindUnhinted(std::string_view name) {
  if (slots_.empty()) {
    if (++lookups_ <= kEagerLookups || g_.num_nodes() == 0) return g_.Find(name);
    BuildIndex();
  }
  const uint64_t h = Hash(name);
  const uint32_t tag = static_cast<uint32_t>(h >> 32);
  const char* arena = g_.arrays().names.data();
  for (uint64_t p = h & mask_; slots_[p].id_plus_1 != 0; p = (p + 1) & mask_) {
    const Slot& s = slots_[p];
    if (s.tag == tag && s.size == name.size() && std::string_view(arena + s.offset, s.size) == name) {
      return s.id_plus_1 - 1;
    }
  }
  return std::nullopt;
}

void NameLookup::FindBatch(std::span<const std::string_view> names, std::optional<NodeId>* out) {
  constexpr size_t kWindow = 64;
  size_t i = 0;
  for (; i < names.size() && slots_.empty(); ++i) out[i] = Find(names[i]);  // until the index exists
  const char* arena = g_.arrays().names.data();
  uint64_t hash[kWindow];
  const Slot* candidate[kWindow];
  for (size_t base = i; base < names.size(); base += kWindow) {
    const size_t k = std::min(kWindow, names.size() - base);
    for (size_t j = 0; j < k; ++j) {
      hash[j] = Hash(names[base + j]);
      __builtin_prefetch(&slots_[hash[j] & mask_]);
    }
    for (size_t j = 0; j < k; ++j) {  // the first slot whose tag and size match
      const uint32_t tag = static_cast<uint32_t>(hash[j] >> 32);
      const std::string_view name = names[base + j];
      uint64_t p = hash[j] & mask_;
      while (slots_[p].id_plus_1 != 0 && (slots_[p].tag != tag || slots_[p].size != name.size())) p = (p + 1) & mask_;
      candidate[j] = slots_[p].id_plus_1 != 0 ? &slots_[p] : nullptr;
      if (candidate[j] != nullptr) __builtin_prefetch(arena + candidate[j]->offset);
    }
    for (size_t j = 0; j < k; ++j) {
      const std::string_view name = names[base + j];
      const Slot* s = candidate[j];
      out[base + j] = s == nullptr ? std::nullopt
                      : std::string_view(arena + s->offset, s->size) == name ? std::optional<NodeId>(s->id_plus_1 - 1)
                                                                             : Find(name);  // a tag collision: probe on
    }
  }
}

}  // namespace etldag
