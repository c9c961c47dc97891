// NameTable: the builder's name interner (internal to the graph module).
// Names -> provisional ids in insertion order, each name copied once into
// stable arena blocks.
//
// Why not absl::flat_hash_map<string_view, Pid>: interning is most of the
// load's CPU (~1 lookup per name reference, ~10 per op) and each lookup is
// memory-bound: Abseil's map touches its control bytes, then its slot, then
// the name in the arena, three dependent cache misses. Here a slot holds a
// 32-bit hash tag, the id and a pointer to the arena record [len][bytes]:
// one miss for the slot, one for the name. And InternBatch looks up a list
// of names in three passes (hash and prefetch every slot; probe and
// prefetch every candidate record; compare), so the misses of a list overlap
// instead of queueing.
//
// Open addressing, linear probing, power-of-two capacity, load <= 1/2.
// Empty slot = null record. Hash: XXH3-64 (inlined); a slot keeps its upper
// 32 bits as a tag, which also gives the home slot, so growing the table
// moves slots without hashing names again. Results never depend on the
// hash: ids are insertion order, and the graph is laid out by name anyway.
#ifndef ETLDAG_ENGINE_GRAPH_INTERNAL_NAME_TABLE_H_
#define ETLDAG_ENGINE_GRAPH_INTERNAL_NAME_TABLE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace etldag::graph_internal {

class NameTable {
 public:
  using Pid = uint32_t;

  NameTable() = default;
  NameTable(NameTable&&) noexcept = default;
  NameTable& operator=(NameTable&&) noexcept = default;

  void Reserve(size_t names);
  // The id of `name`, interning a copy as id size() when it is new.
  Pid Intern(std::string_view name);
  // out[i] = Intern(names[i]) for every i, in order (so a name new to the
  // table gets the same id it would get one by one).
  void InternBatch(std::span<const std::string_view> names, Pid* out);
  // The id of `name` if it is interned, else kNotFound (nothing is added).
  static constexpr Pid kNotFound = ~Pid{0};
  Pid Find(std::string_view name) const;

  size_t size() const { return names_.size(); }
  // The stored copy of id `pid`'s name: valid as long as the table.
  std::string_view name(Pid pid) const { return names_[pid]; }
  const std::vector<std::string_view>& names() const { return names_; }
  // Frees the index; the names stay readable, nothing may be interned after.
  void DropIndex();

 private:
  struct Slot {
    uint32_t tag;
    Pid pid;
    const char* record;  // [uint32_t len][len bytes]; null = empty
  };
  size_t Probe(std::string_view name, uint64_t hash) const;
  Pid Insert(std::string_view name, uint64_t hash, size_t pos);
  void Grow(size_t min_capacity);
  const char* CopyRecord(std::string_view name);

  std::unique_ptr<Slot[]> slots_;
  size_t capacity_ = 0;  // 0 or a power of two
  std::vector<std::string_view> names_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_cap_ = 0, block_used_ = 0;
};

}  // namespace etldag::graph_internal

#endif  // ETLDAG_ENGINE_GRAPH_INTERNAL_NAME_TABLE_H_
