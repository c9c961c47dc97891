// oneTBB stand-in (detail_stand_in.h): enumerable_thread_specific. A thread
// claims a slot by a relaxed CAS of its token (no happens-before edge between
// the threads that call local()); the owner alone constructs and uses its
// value until the parallel call that used it has joined.
#ifndef ETLDAG_TESTS_TSAN_TBB_ENUMERABLE_THREAD_SPECIFIC_H_
#define ETLDAG_TESTS_TSAN_TBB_ENUMERABLE_THREAD_SPECIFIC_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "oneapi/tbb/detail_stand_in.h"

namespace tbb {

namespace stand_in {
inline std::atomic<uint64_t> g_next_token{1};
inline uint64_t ThreadToken() {
  thread_local const uint64_t token = g_next_token.fetch_add(1, std::memory_order_relaxed);
  return token;
}
}  // namespace stand_in

template <typename T>
class enumerable_thread_specific {
  static constexpr size_t kSlots = 256;
  struct Slot {
    std::atomic<uint64_t> owner{0};
    std::optional<T> value;
  };
  // Values in slot order (the caller iterates only after the parallel call joined).
  std::vector<T*> Values() {
    std::vector<T*> out;
    for (Slot& s : *slots_) {
      if (s.value.has_value()) out.push_back(&*s.value);
    }
    return out;
  }

 public:
  enumerable_thread_specific() : init_([] { return T(); }) {}
  // Each thread's value from finit(), or from T(args...), as oneTBB.
  template <typename Finit>
    requires std::is_invocable_r_v<T, Finit>
  explicit enumerable_thread_specific(Finit finit) : init_(std::move(finit)) {}
  template <typename P1, typename... P>
    requires(!std::is_invocable_r_v<T, P1> && std::is_constructible_v<T, P1, P...>)
  explicit enumerable_thread_specific(P1&& arg1, P&&... args)
      : init_([arg1 = std::decay_t<P1>(std::forward<P1>(arg1)), ... args = std::decay_t<P>(std::forward<P>(args))] {
          return T(arg1, args...);
        }) {}

  T& local() {
    const uint64_t me = stand_in::ThreadToken();
    for (Slot& s : *slots_) {
      uint64_t owner = s.owner.load(std::memory_order_relaxed);
      if (owner == me) return *s.value;
      if (owner == 0 && s.owner.compare_exchange_strong(owner, me, std::memory_order_relaxed)) {
        s.value.emplace(init_());
        return *s.value;
      }
    }
    std::abort();  // more threads than slots
  }

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = T*;
    using reference = T&;
    iterator() = default;
    iterator(std::shared_ptr<std::vector<T*>> values, size_t i) : values_(std::move(values)), i_(i) {}
    T& operator*() const { return *(*values_)[i_]; }
    T* operator->() const { return (*values_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++i_;
      return old;
    }
    bool operator==(const iterator& o) const { return i_ == o.i_; }
    bool operator!=(const iterator& o) const { return i_ != o.i_; }

   private:
    std::shared_ptr<std::vector<T*>> values_;
    size_t i_ = 0;
  };
  using const_iterator = iterator;

  iterator begin() { return iterator(std::make_shared<std::vector<T*>>(Values()), 0); }
  iterator end() { return iterator(nullptr, Values().size()); }
  iterator begin() const { return const_cast<enumerable_thread_specific*>(this)->begin(); }
  iterator end() const { return const_cast<enumerable_thread_specific*>(this)->end(); }

 private:
  std::function<T()> init_;
  std::unique_ptr<std::array<Slot, kSlots>> slots_ = std::make_unique<std::array<Slot, kSlots>>();
};

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_ENUMERABLE_THREAD_SPECIFIC_H_
