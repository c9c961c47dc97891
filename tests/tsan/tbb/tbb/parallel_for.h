// oneTBB stand-in: the tbb/ spelling of oneapi/tbb/parallel_for.h.
#include "oneapi/tbb/parallel_for.h"
