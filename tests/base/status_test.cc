// RETURN_IF_ERROR / ASSIGN_OR_RETURN (engine/base/status.h): early return on
// error, pass-through on success, and each argument evaluated exactly once.
#include "engine/base/status.h"

#include <memory>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;

// The value of an OK StatusOr, or `fallback` (which the test never expects).
template <typename T>
T ValueOr(const absl::StatusOr<T>& s, T fallback) {
  return s.ok() ? *s : fallback;
}

[[nodiscard]] absl::Status Fails() { return absl::InvalidArgumentError("bad input"); }
absl::StatusOr<int> FortyTwo() { return 42; }
[[nodiscard]] absl::StatusOr<int> NoInt() { return absl::NotFoundError("no int"); }

// Runs `s` through RETURN_IF_ERROR; `after` tells whether the code after it ran.
[[nodiscard]] absl::Status ReturnIfError(absl::Status s, bool* after) {
  RETURN_IF_ERROR(std::move(s));
  *after = true;
  return absl::OkStatus();
}

TEST(ReturnIfErrorTest, ReturnsTheErrorAndSkipsTheRest) {
  bool after = false;
  EXPECT_THAT(ReturnIfError(Fails(), &after), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad input")));
  EXPECT_FALSE(after);
}

TEST(ReturnIfErrorTest, ContinuesOnOk) {
  bool after = false;
  EXPECT_THAT(ReturnIfError(absl::OkStatus(), &after), IsOk());
  EXPECT_TRUE(after);
}

TEST(ReturnIfErrorTest, EvaluatesItsArgumentOnce) {
  int calls = 0;
  auto count = [&] {
    ++calls;
    return absl::OkStatus();
  };
  auto f = [&]() -> absl::Status {
    RETURN_IF_ERROR(count());
    return absl::OkStatus();
  };
  EXPECT_THAT(f(), IsOk());
  EXPECT_EQ(calls, 1);
}

[[nodiscard]] absl::StatusOr<int> PlusOne(absl::StatusOr<int> in) {
  ASSIGN_OR_RETURN(const int v, std::move(in));
  return v + 1;
}

TEST(AssignOrReturnTest, AssignsOnSuccess) {
  const absl::StatusOr<int> got = PlusOne(FortyTwo());
  EXPECT_THAT(got, IsOk());
  EXPECT_EQ(ValueOr(got, -1), 43);
}

TEST(AssignOrReturnTest, ReturnsTheStatusOnError) {
  EXPECT_THAT(PlusOne(NoInt()), StatusIs(absl::StatusCode::kNotFound, HasSubstr("no int")));
}

TEST(AssignOrReturnTest, MovesOnlyTypesAndTwoUsesInOneFunction) {
  auto f = []() -> absl::StatusOr<std::string> {
    ASSIGN_OR_RETURN(std::unique_ptr<std::string> a, absl::StatusOr<std::unique_ptr<std::string>>(
                                                         std::make_unique<std::string>("a")));
    ASSIGN_OR_RETURN(std::unique_ptr<std::string> b, absl::StatusOr<std::unique_ptr<std::string>>(
                                                         std::make_unique<std::string>("b")));
    return *a + *b;
  };
  EXPECT_EQ(ValueOr(f(), std::string("error")), "ab");
}

TEST(AssignOrReturnTest, AssignsToAnExistingVariable) {
  auto f = []() -> absl::StatusOr<int> {
    int v = 0;
    ASSIGN_OR_RETURN(v, FortyTwo());
    return v;
  };
  EXPECT_EQ(ValueOr(f(), -1), 42);
}

}  // namespace
}  // namespace etldag
