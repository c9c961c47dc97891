// Helpers for the load tests: parse an in-memory spark_ops.json and check a
// located error.
#ifndef ETLDAG_TESTS_LOAD_LOAD_TEST_UTIL_H_
#define ETLDAG_TESTS_LOAD_LOAD_TEST_UTIL_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"

namespace etldag::testing {

// ParseSparkOps over a padded copy of `json`, as file "t.json".
[[nodiscard]] inline absl::StatusOr<Graph> ParseJson(std::string_view json) {
  std::string padded(json);
  padded.append(kFileBufferPadding, '\0');
  return ParseSparkOps("t.json", std::string_view(padded.data(), json.size()));
}

// The first line of a status message.
inline std::string FirstLine(const absl::Status& s) {
  const std::string_view m(s.message().data(), s.message().size());
  return std::string(m.substr(0, m.find('\n')));
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_LOAD_LOAD_TEST_UTIL_H_
