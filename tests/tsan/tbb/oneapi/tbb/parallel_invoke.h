// oneTBB stand-in (detail_stand_in.h): parallel_invoke, each function on a
// thread of its own (the first on the caller's) when more than one thread
// is allowed.
#ifndef ETLDAG_TESTS_TSAN_TBB_PARALLEL_INVOKE_H_
#define ETLDAG_TESTS_TSAN_TBB_PARALLEL_INVOKE_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "oneapi/tbb/detail_stand_in.h"

namespace tbb {

template <typename... Functions>
void parallel_invoke(const Functions&... fs) {
  const std::vector<std::function<void()>> all = {std::function<void()>(std::cref(fs))...};
  if (stand_in::Concurrency() <= 1) {
    for (const auto& f : all) f();
    return;
  }
  stand_in::RunOnThreads(all.size(), [&](size_t k) { all[k](); });
}

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_PARALLEL_INVOKE_H_
