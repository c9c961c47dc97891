// Running `etldag ARGS...` in-process (etldag::cli::Main) from the source
// directory, with stdout and stderr captured (gtest's fd capture).
#ifndef ETLDAG_TESTS_CLI_CLI_RUNNER_H_
#define ETLDAG_TESTS_CLI_CLI_RUNNER_H_

#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/check.h"
#include "gtest/gtest.h"
#include "tools/etldag/commands.h"

namespace etldag::testing {

struct InProcessResult {
  int code = -1;
  std::string out, err;
};

inline InProcessResult RunEtldag(std::vector<std::string_view> args) {
  ETLDAG_CHECK(::chdir(ETLDAG_SOURCE_DIR_PATH) == 0);
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  InProcessResult r;
  r.code = cli::Main(args);
  std::fflush(stdout);
  std::fflush(stderr);
  r.out = ::testing::internal::GetCapturedStdout();
  r.err = ::testing::internal::GetCapturedStderr();
  return r;
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_CLI_CLI_RUNNER_H_
