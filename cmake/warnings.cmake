# etldag_options: compile flags every project target links (warnings, sanitizers).
add_library(etldag_options INTERFACE)
target_compile_options(etldag_options INTERFACE -Wall -Wextra)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 false positive on std::string appends at -O3 (GCC bug 105329).
  target_compile_options(etldag_options INTERFACE -Wno-restrict)
endif()
if(ETLDAG_WERROR)
  target_compile_options(etldag_options INTERFACE -Werror)
endif()
if(ETLDAG_SANITIZE)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # Sanitizer instrumentation makes GCC 12's flow analysis report false
    # -Wmaybe-uninitialized inside libstdc++ (regex, std::function): keep the
    # warning visible, never fatal, in the sanitizer build only.
    target_compile_options(etldag_options INTERFACE -Wno-error=maybe-uninitialized)
  endif()
  target_compile_options(etldag_options INTERFACE
    -fsanitize=${ETLDAG_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(etldag_options INTERFACE -fsanitize=${ETLDAG_SANITIZE})
endif()
if(ETLDAG_FUZZ)  # libFuzzer coverage + ASan + UBSan everywhere; tests/fuzz links -fsanitize=fuzzer
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ETLDAG_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  target_compile_options(etldag_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(etldag_options INTERFACE -fsanitize=address,undefined)
endif()

# Include paths are written from the repository root ("engine/load/x.h"), but
# no target sees the root: each target sees only the folders it is given,
# through symlinks under the build tree (etldag_include/). So a header a
# target has no right to (another module's private header, a module it does
# not link) is "file not found" at build time. engine/README.md, "Module
# table", lists who may use what; tests/boundaries checks the include lines.
set(ETLDAG_INCLUDE_STAGE ${PROJECT_BINARY_DIR}/etldag_include)

# etldag_expose_dir(TARGET SCOPE DIR): TARGET (SCOPE: PUBLIC, PRIVATE or
# INTERFACE) sees every header under the repository folder DIR as "DIR/...".
function(etldag_expose_dir target scope dir)
  string(REPLACE "/" "_" key "${dir}")
  set(stage ${ETLDAG_INCLUDE_STAGE}/dir_${key})
  get_filename_component(parent ${stage}/${dir} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  file(REMOVE ${stage}/${dir})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${dir} ${stage}/${dir} SYMBOLIC)
  target_include_directories(${target} ${scope} ${stage})
endfunction()

# etldag_module(NAME PUBLIC deps... PRIVATE deps...) — one library per engine
# module, built from the module's *.cc and internal/*.cc. Consumers of
# etldag_NAME see only its public headers (engine/NAME/*.h) and, through its
# PUBLIC links, those of its declared dependencies. The private headers
# (engine/NAME/internal/) are seen by the module itself and by whoever links
# etldag_NAME_internal (the module's white-box tests).
function(etldag_module name)
  cmake_parse_arguments(M "" "" "PUBLIC;PRIVATE" ${ARGN})
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc
       ${CMAKE_CURRENT_SOURCE_DIR}/internal/*.cc)
  file(GLOB public_headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  set(stage ${ETLDAG_INCLUDE_STAGE}/module_${name})
  file(REMOVE_RECURSE ${stage})
  file(MAKE_DIRECTORY ${stage}/${rel})
  foreach(h ${public_headers})
    get_filename_component(f ${h} NAME)
    file(CREATE_LINK ${h} ${stage}/${rel}/${f} SYMBOLIC)
  endforeach()
  if(srcs)
    add_library(etldag_${name} STATIC ${srcs})
    target_include_directories(etldag_${name} PUBLIC ${stage})
    target_link_libraries(etldag_${name} PUBLIC etldag_options ${M_PUBLIC} PRIVATE ${M_PRIVATE})
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/internal)
      etldag_expose_dir(etldag_${name} PRIVATE ${rel}/internal)
    endif()
  else()  # a header-only module: an interface library
    add_library(etldag_${name} INTERFACE)
    target_include_directories(etldag_${name} INTERFACE ${stage})
    target_link_libraries(etldag_${name} INTERFACE etldag_options ${M_PUBLIC})
  endif()
  add_library(etldag_${name}_internal INTERFACE)
  target_link_libraries(etldag_${name}_internal INTERFACE etldag_${name} ${M_PRIVATE})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/internal)
    etldag_expose_dir(etldag_${name}_internal INTERFACE ${rel}/internal)
  endif()
endfunction()

# etldag_test_dir(NAME DEPS...) — one gtest binary per tests/ subfolder; it
# sees tests/ (through etldag_testing) and the modules in DEPS. Files named
# *_slow_test.cc (1,000,000-node shapes) form a second binary,
# etldag_NAME_slow_test, whose tests are named slow.* and labelled `slow`
# (tools/scripts/test.sh runs them in the release stage only).
function(etldag_test_dir name)
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB slow_srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_slow_test.cc)
  if(slow_srcs)
    list(REMOVE_ITEM srcs ${slow_srcs})
  endif()
  include(GoogleTest)
  add_executable(etldag_${name}_test ${srcs})
  target_link_libraries(etldag_${name}_test PRIVATE etldag_testing ${ARGN} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(etldag_${name}_test DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "ETLDAG_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  if(slow_srcs)
    add_executable(etldag_${name}_slow_test ${slow_srcs})
    target_link_libraries(etldag_${name}_slow_test PRIVATE etldag_testing ${ARGN} GTest::gtest GTest::gmock GTest::gtest_main)
    gtest_discover_tests(etldag_${name}_slow_test DISCOVERY_TIMEOUT 60 TEST_PREFIX "slow."
      PROPERTIES ENVIRONMENT "ETLDAG_SOURCE_DIR=${PROJECT_SOURCE_DIR}" LABELS slow TIMEOUT 900)
  endif()
endfunction()
