// Seconds <-> Ticks conversion and exact decimal formatting.
#include "engine/algo/weights.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::testing::ElementsAre;

TEST(Weights, FromSecondsRoundsToMicroseconds) {
  const std::vector<double> s = {0, 1, 1.5, 0.0000004, 0.0000006, 3600.25};
  ASSERT_OK_AND_ASSIGN(const std::vector<Ticks> w, WeightsFromSeconds(s));
  EXPECT_THAT(w, ElementsAre(0, 1'000'000, 1'500'000, 0, 1, 3'600'250'000));
}

TEST(Weights, FromSecondsRejectsBadValues) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (double bad : {nan, inf, -1.0, 1e300}) {
    EXPECT_THAT(WeightsFromSeconds(std::vector<double>{1, bad}),
                testing::StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
  }
  const std::vector<double> huge(3, 2e12);  // each fits, the sum does not
  EXPECT_THAT(WeightsFromSeconds(huge), testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Weights, FormatSecondsIsExactDecimal) {
  EXPECT_EQ(FormatSeconds(0), "0");
  EXPECT_EQ(FormatSeconds(2'000'000), "2");
  EXPECT_EQ(FormatSeconds(1'500'000), "1.5");
  EXPECT_EQ(FormatSeconds(1), "0.000001");
  EXPECT_EQ(FormatSeconds(123'456'789), "123.456789");
  EXPECT_EQ(FormatSeconds(-2'500'000), "-2.5");
  EXPECT_EQ(FormatSeconds(INT64_MIN), "-9223372036854.775808");
  EXPECT_EQ(TicksToSeconds(1'500'000), 1.5);
}

}  // namespace
}  // namespace etldag
