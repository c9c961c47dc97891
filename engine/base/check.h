// CHECK for programmer errors (broken invariants), never for user input:
// "an assert must never be triggered by user input" (DuckDB).
#ifndef ETLDAG_ENGINE_BASE_CHECK_H_
#define ETLDAG_ENGINE_BASE_CHECK_H_

namespace etldag::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* cond);
}  // namespace etldag::internal

#define ETLDAG_CHECK(cond)                                              \
  do {                                                                  \
    if (!(cond)) ::etldag::internal::CheckFailed(__FILE__, __LINE__, #cond); \
  } while (0)

#endif  // ETLDAG_ENGINE_BASE_CHECK_H_
