// oneTBB stand-in: the tbb/ spelling of oneapi/tbb/blocked_range.h.
#include "oneapi/tbb/blocked_range.h"
