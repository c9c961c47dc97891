#include "engine/base/check.h"

#include <cstdio>
#include <cstdlib>

namespace etldag::internal {

void CheckFailed(const char* file, int line, const char* cond) {
  std::fprintf(stderr, "%s:%d: internal error: CHECK(%s) failed\n", file, line, cond);  // CHECK
  std::abort();  // CHECK: programmer error, never user input
}

}  // namespace etldag::internal
