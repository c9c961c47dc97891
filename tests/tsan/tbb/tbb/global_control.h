// oneTBB stand-in: the tbb/ spelling of oneapi/tbb/global_control.h.
#include "oneapi/tbb/global_control.h"
