// oneTBB stand-in: the tbb/ spelling of oneapi/tbb/parallel_invoke.h.
#include "oneapi/tbb/parallel_invoke.h"
