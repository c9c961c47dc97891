# All third-party packages, from Debian 12:
#   libboost-graph-dev libsimdjson-dev libabsl-dev libtbb-dev libgtest-dev libbenchmark-dev
#   libxxhash-dev (snapshot checksums) zlib1g-dev (gzip-compressed inputs)
find_package(Threads REQUIRED)
find_package(absl CONFIG REQUIRED)
# Debian ships Abseil both as ~40 shared objects and as static archives. A
# one-shot command pays for every shared object at start-up (mapping,
# relocations, page faults: ~2 ms of a 15 ms snapshot query), so by default
# every absl:: target points at its archive instead, when the archive is
# there (same code, same versions; the shared ones stay the fallback).
option(ETLDAG_STATIC_ABSEIL "Link Abseil's static archives when present" ON)
if(ETLDAG_STATIC_ABSEIL)
  get_target_property(_etldag_absl_base absl::base IMPORTED_LOCATION_NONE)
  if(_etldag_absl_base)
    get_filename_component(_etldag_absl_dir "${_etldag_absl_base}" DIRECTORY)
    file(GLOB _etldag_absl_archives "${_etldag_absl_dir}/libabsl_*.a")
    foreach(_a ${_etldag_absl_archives})
      get_filename_component(_n "${_a}" NAME_WE)
      string(REGEX REPLACE "^libabsl_" "" _n "${_n}")
      if(TARGET absl::${_n})
        set_target_properties(absl::${_n} PROPERTIES IMPORTED_LOCATION_NONE "${_a}" IMPORTED_LOCATION "${_a}"
                                                     IMPORTED_NO_SONAME TRUE)
      endif()
    endforeach()
  endif()
endif()
find_package(simdjson CONFIG REQUIRED)
# The ThreadSanitizer stage (tools/scripts/test.sh) sets ETLDAG_TBB_STAND_IN:
# the oneTBB API etldag uses, run on std::thread (tests/tsan/tbb), in place of
# Debian's libtbb, which is not built with TSan (tests/README.md, "ThreadSanitizer").
option(ETLDAG_TBB_STAND_IN "Build against the std::thread stand-in for oneTBB (ThreadSanitizer stage)" OFF)
if(ETLDAG_TBB_STAND_IN)
  add_library(TBB::tbb INTERFACE IMPORTED)
  set_target_properties(TBB::tbb PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${PROJECT_SOURCE_DIR}/tests/tsan/tbb"
                                            INTERFACE_LINK_LIBRARIES Threads::Threads)
else()
  find_package(TBB CONFIG REQUIRED)
endif()
find_package(ZLIB REQUIRED)
# libxxhash-dev ships no CMake config: header + library, as an imported target.
find_path(XXHASH_INCLUDE_DIR xxhash.h REQUIRED)
find_library(XXHASH_LIBRARY NAMES xxhash REQUIRED)
add_library(xxhash::xxhash UNKNOWN IMPORTED)
set_target_properties(xxhash::xxhash PROPERTIES IMPORTED_LOCATION "${XXHASH_LIBRARY}"
                                                INTERFACE_INCLUDE_DIRECTORIES "${XXHASH_INCLUDE_DIR}")
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS graph)
if(ETLDAG_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()
if(ETLDAG_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
