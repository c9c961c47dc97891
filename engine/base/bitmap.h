// A fixed-size bitmap over node ids: the visited set of every traversal and the
// node-set representation of selectors. Set() is serial; TrySetAtomic() may be
// called concurrently (it claims a bit and tells whether this call set it).
#ifndef ETLDAG_ENGINE_BASE_BITMAP_H_
#define ETLDAG_ENGINE_BASE_BITMAP_H_

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace etldag {

class Bitmap {
 public:
  Bitmap() = default;
  explicit Bitmap(size_t size) : size_(size), words_((size + 63) / 64, 0) {}

  size_t size() const { return size_; }
  bool Test(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1u; }
  void Set(size_t i) { words_[i >> 6] |= uint64_t{1} << (i & 63); }
  void Reset(size_t i) { words_[i >> 6] &= ~(uint64_t{1} << (i & 63)); }
  void Clear() { std::fill(words_.begin(), words_.end(), 0); }

  // Atomically sets bit i; returns true when this call changed it 0 -> 1.
  bool TrySetAtomic(size_t i) {
    std::atomic_ref<uint64_t> word(words_[i >> 6]);
    const uint64_t mask = uint64_t{1} << (i & 63);
    if (word.load(std::memory_order_relaxed) & mask) return false;
    return (word.fetch_or(mask, std::memory_order_relaxed) & mask) == 0;
  }

  size_t Count() const {
    size_t c = 0;
    for (uint64_t w : words_) c += std::popcount(w);
    return c;
  }
  void UnionWith(const Bitmap& o) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] |= o.words_[i];
  }
  void IntersectWith(const Bitmap& o) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] &= o.words_[i];
  }
  void Subtract(const Bitmap& o) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] &= ~o.words_[i];
  }

  // Calls f(i) for every set bit, in increasing order.
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t w = 0; w < words_.size(); ++w) {
      for (uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        f(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
      }
    }
  }
  // The set bits in increasing order (node ids sort like names).
  template <typename Id = uint32_t>
  std::vector<Id> ToVector() const {
    std::vector<Id> out;
    out.reserve(Count());
    ForEach([&](size_t i) { out.push_back(static_cast<Id>(i)); });
    return out;
  }

  const std::vector<uint64_t>& words() const { return words_; }
  std::vector<uint64_t>& mutable_words() { return words_; }
  bool operator==(const Bitmap& o) const = default;

 private:
  size_t size_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_BASE_BITMAP_H_
