// oneTBB stand-in (detail_stand_in.h): blocked_range.
#ifndef ETLDAG_TESTS_TSAN_TBB_BLOCKED_RANGE_H_
#define ETLDAG_TESTS_TSAN_TBB_BLOCKED_RANGE_H_

#include <cstddef>

namespace tbb {

template <typename Value>
class blocked_range {
 public:
  using const_iterator = Value;
  using size_type = size_t;
  blocked_range(Value begin, Value end, size_t grainsize = 1)
      : begin_(begin), end_(end), grainsize_(grainsize > 0 ? grainsize : 1) {}
  Value begin() const { return begin_; }
  Value end() const { return end_; }
  size_t size() const { return static_cast<size_t>(end_ - begin_); }
  bool empty() const { return !(begin_ < end_); }
  size_t grainsize() const { return grainsize_; }

 private:
  Value begin_, end_;
  size_t grainsize_;
};

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_BLOCKED_RANGE_H_
