// oneTBB stand-in: the tbb/ spelling of oneapi/tbb/task_arena.h.
#include "oneapi/tbb/task_arena.h"
