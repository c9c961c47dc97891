// oneTBB stand-in (detail_stand_in.h): task_arena(n).execute(f) and
// this_task_arena::max_concurrency().
#ifndef ETLDAG_TESTS_TSAN_TBB_TASK_ARENA_H_
#define ETLDAG_TESTS_TSAN_TBB_TASK_ARENA_H_

#include <utility>

#include "oneapi/tbb/detail_stand_in.h"

namespace tbb {

class task_arena {
 public:
  explicit task_arena(int max_concurrency) : n_(max_concurrency) {}
  template <typename F>
  auto execute(F&& f) {
    struct Restore {
      int saved;
      ~Restore() { stand_in::t_arena = saved; }
    } restore{stand_in::t_arena};
    stand_in::t_arena = n_;
    return std::forward<F>(f)();
  }

 private:
  int n_;
};

namespace this_task_arena {
inline int max_concurrency() { return static_cast<int>(stand_in::Concurrency()); }
}  // namespace this_task_arena

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_TASK_ARENA_H_
