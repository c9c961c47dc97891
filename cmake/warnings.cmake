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
target_include_directories(etldag_options INTERFACE ${PROJECT_SOURCE_DIR})

# etldag_module(NAME DEPS...) — one library per engine module; sources are the
# module's *.cc files (tests live under tests/, never here).
function(etldag_module name)
  cmake_parse_arguments(M "" "" "PUBLIC;PRIVATE" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  if(srcs)
    add_library(etldag_${name} STATIC ${srcs})
    target_link_libraries(etldag_${name} PUBLIC etldag_options ${M_PUBLIC} PRIVATE ${M_PRIVATE})
  else()  # a module whose sources have not landed yet
    add_library(etldag_${name} INTERFACE)
    target_link_libraries(etldag_${name} INTERFACE etldag_options ${M_PUBLIC})
  endif()
endfunction()

# etldag_test_dir(NAME DEPS...) — one gtest binary per tests/ subfolder.
function(etldag_test_dir name)
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  add_executable(etldag_${name}_test ${srcs})
  target_link_libraries(etldag_${name}_test PRIVATE etldag_testing ${ARGN} GTest::gtest GTest::gmock GTest::gtest_main)
  include(GoogleTest)
  gtest_discover_tests(etldag_${name}_test DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "ETLDAG_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
