# The version `etldag --version` prints: the project version, the commit the
# build was configured at (`git describe --always --dirty`; "unknown" outside
# a git checkout or without git) and the build type, e.g.
#   0.1.0 (commit 52226d8-dirty, Release)
find_package(Git QUIET)
set(ETLDAG_GIT_COMMIT unknown)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE _etldag_describe OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE _etldag_git_rc ERROR_QUIET)
  if(_etldag_git_rc EQUAL 0 AND _etldag_describe)
    set(ETLDAG_GIT_COMMIT ${_etldag_describe})
  endif()
endif()
if(CMAKE_BUILD_TYPE)
  set(_etldag_build_type ${CMAKE_BUILD_TYPE})
else()
  set(_etldag_build_type "no build type")
endif()
set(ETLDAG_VERSION_STRING "${PROJECT_VERSION} (commit ${ETLDAG_GIT_COMMIT}, ${_etldag_build_type})")
