// oneTBB stand-in: the tbb/ spelling of oneapi/tbb/parallel_sort.h.
#include "oneapi/tbb/parallel_sort.h"
