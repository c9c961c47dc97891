#include "engine/graph/internal/name_table.h"

#include <algorithm>
#include <cstring>

// XXH3 inlined (xxhash.h is the implementation): names are 20-60 bytes, where
// it hashes in about half the time of absl::Hash's LowLevelHash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "engine/base/check.h"
#include "engine/base/strings.h"

namespace etldag::graph_internal {
namespace {

constexpr size_t kMinCapacity = 16;
constexpr size_t kBatch = 32;                          // names whose misses overlap
constexpr size_t kFirstBlock = size_t{1} << 12;        // arena blocks double up to kMaxBlock
constexpr size_t kMaxBlock = size_t{4} << 20;   // >= 2 MiB: huge pages in the etldag binary

uint64_t Hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }
// A slot keeps 32 bits of the hash, its tag, and a name's home slot is
// taken from the tag: growing the table moves slots without hashing a name
// again (capacity stays below 2^32 slots: ids are 32-bit).
uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
size_t Home(uint64_t h) { return Tag(h); }

uint32_t RecordLength(const char* record) {
  uint32_t len;
  std::memcpy(&len, record, sizeof(len));
  return len;
}

bool RecordIs(const char* record, std::string_view name) {
  return RecordLength(record) == name.size() &&
         (name.empty() || std::memcmp(record + sizeof(uint32_t), name.data(), name.size()) == 0);
}

size_t CapacityFor(size_t names) {
  size_t cap = kMinCapacity;
  while (cap < 2 * names) cap *= 2;
  return cap;
}

}  // namespace

void NameTable::Reserve(size_t names) {
  names_.reserve(names);
  if (CapacityFor(names) > capacity_) Grow(CapacityFor(names));
}

void NameTable::DropIndex() {
  slots_.reset();
  capacity_ = 0;
}

void NameTable::Grow(size_t min_capacity) {
  const size_t cap = std::max(min_capacity, kMinCapacity);
  std::unique_ptr<Slot[]> slots(new Slot[cap]());
  const size_t mask = cap - 1;
  for (size_t i = 0; i < capacity_; ++i) {
    const Slot& s = slots_[i];
    if (s.record == nullptr) continue;
    size_t p = s.tag & mask;
    while (slots[p].record != nullptr) p = (p + 1) & mask;
    slots[p] = s;
  }
  slots_ = std::move(slots);
  capacity_ = cap;
}

const char* NameTable::CopyRecord(std::string_view name) {
  const size_t need = sizeof(uint32_t) + name.size();
  if (need > block_cap_ - block_used_) {
    const size_t size = std::max(block_cap_ == 0 ? kFirstBlock : std::min(kMaxBlock, 2 * block_cap_), need);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));  // not zeroed
    block_cap_ = size;
    block_used_ = 0;
  }
  char* dst = blocks_.back().get() + block_used_;
  // A name lies inside one JSON document (< 4 GiB, file_buffer.h), so its
  // length fits the record's 32 bits.
  ETLDAG_CHECK(name.size() <= UINT32_MAX);
  const uint32_t len = static_cast<uint32_t>(name.size());
  std::memcpy(dst, &len, sizeof(len));
  if (!name.empty()) std::memcpy(dst + sizeof(len), name.data(), name.size());
  block_used_ += need;
  return dst;
}

NameTable::Pid NameTable::Insert(std::string_view name, uint64_t hash, size_t pos) {
  const Pid pid = static_cast<Pid>(names_.size());
  const char* record = CopyRecord(name);
  names_.emplace_back(record + sizeof(uint32_t), name.size());
  slots_[pos] = Slot{Tag(hash), pid, record};
  return pid;
}

// The slot holding `name` (hash h), or the empty slot that ends its probe.
size_t NameTable::Probe(std::string_view name, uint64_t h) const {
  const uint32_t tag = Tag(h);
  const size_t mask = capacity_ - 1;
  size_t p = Home(h) & mask;
  while (slots_[p].record != nullptr && !(slots_[p].tag == tag && RecordIs(slots_[p].record, name))) p = (p + 1) & mask;
  return p;
}

NameTable::Pid NameTable::Intern(std::string_view name) {
  ETLDAG_CHECK(name.size() <= UINT32_MAX);
  if (2 * (names_.size() + 1) > capacity_) Grow(std::max(kMinCapacity, 2 * capacity_));
  const uint64_t h = Hash(name);
  const size_t p = Probe(name, h);
  return slots_[p].record == nullptr ? Insert(name, h, p) : slots_[p].pid;
}

NameTable::Pid NameTable::Find(std::string_view name) const {
  if (capacity_ == 0) return kNotFound;
  const size_t p = Probe(name, Hash(name));
  return slots_[p].record == nullptr ? kNotFound : slots_[p].pid;
}

void NameTable::InternBatch(std::span<const std::string_view> names, Pid* out) {
  uint64_t hash[kBatch];
  const char* record[kBatch];
  Pid pid[kBatch];
  for (size_t base = 0; base < names.size(); base += kBatch) {
    const size_t k = std::min(kBatch, names.size() - base);
    const std::string_view* batch = names.data() + base;
    if (2 * (names_.size() + k) > capacity_) Grow(CapacityFor(names_.size() + k));
    const size_t mask = capacity_ - 1;
    // 1. hash every name and prefetch its home slot
    for (size_t i = 0; i < k; ++i) {
      hash[i] = Hash(batch[i]);
      __builtin_prefetch(&slots_[Home(hash[i]) & mask]);
    }
    // 2. the first slot whose tag matches (or the empty slot ending the
    //    probe); prefetch the candidate's record
    for (size_t i = 0; i < k; ++i) {
      const uint32_t tag = Tag(hash[i]);
      size_t p = Home(hash[i]) & mask;
      while (slots_[p].record != nullptr && slots_[p].tag != tag) p = (p + 1) & mask;
      record[i] = slots_[p].record;
      pid[i] = slots_[p].pid;
      if (record[i] != nullptr) __builtin_prefetch(record[i]);
    }
    // 3. a candidate that matches is the answer; anything else (a new name,
    //    a tag collision, a name new twice in the batch) takes the full path
    for (size_t i = 0; i < k; ++i) {
      out[base + i] = record[i] != nullptr && RecordIs(record[i], batch[i]) ? pid[i] : Intern(batch[i]);
    }
  }
}

}  // namespace etldag::graph_internal
