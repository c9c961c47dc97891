// oneTBB stand-in (detail_stand_in.h): global_control, max_allowed_parallelism only.
#ifndef ETLDAG_TESTS_TSAN_TBB_GLOBAL_CONTROL_H_
#define ETLDAG_TESTS_TSAN_TBB_GLOBAL_CONTROL_H_

#include <algorithm>
#include <cstddef>
#include <mutex>

#include "oneapi/tbb/detail_stand_in.h"

namespace tbb {

class global_control {
 public:
  enum parameter { max_allowed_parallelism };
  global_control(parameter, size_t value) : value_(value) {
    std::lock_guard<std::mutex> lock(stand_in::g_limit_mu);
    stand_in::Limits().push_back(value_);
    Publish();
  }
  ~global_control() {
    std::lock_guard<std::mutex> lock(stand_in::g_limit_mu);
    auto& limits = stand_in::Limits();
    limits.erase(std::find(limits.begin(), limits.end(), value_));
    Publish();
  }
  global_control(const global_control&) = delete;
  global_control& operator=(const global_control&) = delete;
  static size_t active_value(parameter) {
    const size_t limit = stand_in::g_limit.load(std::memory_order_relaxed);
    return limit > 0 ? limit : stand_in::DefaultConcurrency();
  }

 private:
  static void Publish() {  // the smallest limit in force, as oneTBB
    const auto& limits = stand_in::Limits();
    stand_in::g_limit.store(limits.empty() ? 0 : *std::min_element(limits.begin(), limits.end()),
                            std::memory_order_relaxed);
  }
  size_t value_;
};

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_GLOBAL_CONTROL_H_
