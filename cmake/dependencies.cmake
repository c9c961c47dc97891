# All third-party packages, from Debian 12:
#   libboost-graph-dev libsimdjson-dev libabsl-dev libtbb-dev libgtest-dev libbenchmark-dev
find_package(Threads REQUIRED)
find_package(absl CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(TBB CONFIG REQUIRED)
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS graph)
if(ETLDAG_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()
if(ETLDAG_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
