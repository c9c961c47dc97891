// The string_view bridge (engine/base/strings.h) and ETLDAG_CHECK
// (engine/base/check.h): a failed check aborts with file:line and the
// condition; a passing one has no effect.
#include <string>
#include <string_view>

#include "engine/base/check.h"
#include "engine/base/strings.h"
#include "gtest/gtest.h"

namespace etldag {
namespace {

TEST(StringsTest, BridgeKeepsBytesAndLength) {
  const std::string s("a\0b/c", 5);
  const absl::string_view a = ToAbsl(s);
  EXPECT_EQ(a.data(), s.data());
  EXPECT_EQ(a.size(), 5u);
  const std::string_view back = ToStd(a);
  EXPECT_EQ(back.data(), s.data());
  EXPECT_EQ(back, std::string_view(s));
  EXPECT_TRUE(ToStd(ToAbsl(std::string_view())).empty());
}

TEST(CheckTest, PassingCheckDoesNothing) {
  int evaluated = 0;
  ETLDAG_CHECK(++evaluated == 1);
  EXPECT_EQ(evaluated, 1);  // the condition runs exactly once
}

TEST(CheckDeathTest, FailingCheckAbortsWithFileLineAndCondition) {
  const int two = 2;
  EXPECT_DEATH(ETLDAG_CHECK(two == 3), "strings_check_test\\.cc:[0-9]+: internal error: CHECK\\(two == 3\\) failed");
}

}  // namespace
}  // namespace etldag
