// Test matchers missing from Debian's Abseil: IsOk(), StatusIs(code),
// StatusIs(code, message_matcher), and ASSERT_OK_AND_ASSIGN.
#ifndef ETLDAG_TESTS_TESTING_STATUS_MATCHERS_H_
#define ETLDAG_TESTS_TESTING_STATUS_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace etldag::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) { return s.status(); }

MATCHER(IsOk, "is OK") {
  const absl::Status& s = GetStatus(arg);
  if (!s.ok()) *result_listener << "status is " << s.ToString();
  return s.ok();
}

MATCHER_P(StatusIs, code, "has code " + ::testing::PrintToString(code)) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "has code and message") {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == code &&
         ::testing::Matches(message_matcher)(std::string(s.message()));
}

}  // namespace etldag::testing

#define ETLDAG_TEST_CONCAT_INNER_(a, b) a##b
#define ETLDAG_TEST_CONCAT_(a, b) ETLDAG_TEST_CONCAT_INNER_(a, b)
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)                                        \
  auto ETLDAG_TEST_CONCAT_(statusor_, __LINE__) = (rexpr);                      \
  ASSERT_TRUE(ETLDAG_TEST_CONCAT_(statusor_, __LINE__).ok())                    \
      << ETLDAG_TEST_CONCAT_(statusor_, __LINE__).status().ToString();          \
  lhs = std::move(ETLDAG_TEST_CONCAT_(statusor_, __LINE__)).value()

#endif  // ETLDAG_TESTS_TESTING_STATUS_MATCHERS_H_
