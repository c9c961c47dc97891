// dbt run results reader (engine/load/run_results.h): fields, optional
// execution_time, and one test per error class with its location.
#include "engine/load/file_buffer.h"
#include "engine/load/run_results.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;

[[nodiscard]] absl::StatusOr<std::vector<RunResult>> Parse(const std::string& json) {
  const FileBuffer buf = FileBuffer::FromString(json, "r.json");
  return ParseRunResults("r.json", buf.data());
}

TEST(RunResultsTest, ReadsResults) {
  absl::StatusOr<std::vector<RunResult>> r = Parse(
      R"({"metadata": {}, "results": [{"unique_id": "model.p.a", "status": "error", "execution_time": 2.5,
          "adapter_response": {}}, {"status": "pass", "unique_id": "source.p.s.t"}], "elapsed_time": 3})");
  ASSERT_THAT(r.status(), IsOk());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].unique_id, "model.p.a");
  EXPECT_EQ((*r)[0].status, "error");
  EXPECT_EQ((*r)[0].execution_time, 2.5);
  EXPECT_FALSE((*r)[1].execution_time.has_value());
}

TEST(RunResultsTest, ErrorsAreLocated) {
  using Code = absl::StatusCode;
  EXPECT_THAT(Parse("[]").status(), StatusIs(Code::kInvalidArgument, HasSubstr("r.json:1:1: error: dbt run results must be")));
  EXPECT_THAT(Parse("{}").status(), StatusIs(Code::kInvalidArgument, HasSubstr("r.json:1:1: error: no \"results\" array")));
  EXPECT_THAT(Parse(R"({"results": {}})").status(), StatusIs(Code::kInvalidArgument, HasSubstr("1:13: error: \"results\" must be an array, found an object")));
  EXPECT_THAT(Parse(R"({"results": [{"status": "x"}]})").status(), StatusIs(Code::kInvalidArgument, HasSubstr("1:14: error: a result has no \"unique_id\"")));
  EXPECT_THAT(Parse(R"({"results": [{"unique_id": "a"}]})").status(), StatusIs(Code::kInvalidArgument, HasSubstr("a result has no \"status\"")));
  EXPECT_THAT(Parse(R"({"results": [{"unique_id": 1, "status": "x"}]})").status(), StatusIs(Code::kInvalidArgument, HasSubstr("\"unique_id\" must be a string, found a number")));
  EXPECT_THAT(Parse(R"({"results": [{"unique_id": "a", "status": "x", "execution_time": -1}]})").status(), StatusIs(Code::kInvalidArgument, HasSubstr("must be a finite number >= 0")));
  EXPECT_THAT(Parse(R"({"results": [{"unique_id": "a", "status": "x", "execution_time": "1"}]})").status(), StatusIs(Code::kInvalidArgument, HasSubstr("\"execution_time\" must be a number of seconds, found a string")));
  EXPECT_THAT(Parse(R"({"results": [)").status(), StatusIs(Code::kInvalidArgument, HasSubstr("r.json:1:")));
}

}  // namespace
}  // namespace etldag
