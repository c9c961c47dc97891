// oneTBB stand-in (detail_stand_in.h): partitioners. Every chunk holds at
// most the range's grain size, whichever partitioner is named.
#ifndef ETLDAG_TESTS_TSAN_TBB_PARTITIONER_H_
#define ETLDAG_TESTS_TSAN_TBB_PARTITIONER_H_

namespace tbb {

class auto_partitioner {};
class simple_partitioner {};
class static_partitioner {};

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_PARTITIONER_H_
