// Truncated and damaged inputs, systematically: every prefix of a rich valid
// spark_ops.json, durations file and committed file (a download cut at any
// structural position), and every byte of them replaced by hostile bytes.
// The answer is always either the graph/file of a complete document or a
// located InvalidArgument error (FILE:LINE:COL at a real position) — never a
// crash, never a partial graph. Unit tests under tests/load check each error
// class's exact message; here the point is "every position".
#include <string>
#include <string_view>

#include "engine/load/committed.h"
#include "engine/load/durations.h"
#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fuzz/fixed_graph.h"
#include "tests/fuzz/fuzz_checks.h"

namespace etldag {
namespace {

// Every construct of the format once: BOM-free, escapes, unicode, nested
// ignored fields of every JSON type, null lists, both edge sides, kinds.
constexpr std::string_view kOps =
    "[\n"
    "  {\"name\": \"dataset/a\", \"inputs\": [\"raw/x\", \"q\\\"uote\\\\\"], \"owner\": {\"team\": [1, -2.5e3, "
    "true, false, null, {}, []]}},\n"
    "  {\"successors\": [\"model/\\u00e9\\ud83d\\ude00\"], \"name\": \"dataset/b\", \"type\": \"table\","
    " \"inputs\": null},\n"
    "  {\"name\": \"model/\xC3\xA9\xF0\x9F\x98\x80\", \"kind\": \"ml\", \"inputs\": [\"dataset/a\", "
    "\"dataset/b\"], \"successors\": []}\n"
    "]\n";

constexpr std::string_view kDurationsJson =
    "{\"dataset/a\": 1.5, \"model/m\": 1e2, \"q\\\"uote\": 0, \"unknown/x\": 3}\n";
constexpr std::string_view kDurationsCsv = "name,seconds\r\ndataset/a,1.5\r\n\"comma,name\", 2\r\nmodel/m,3";
constexpr std::string_view kCommittedJson =
    "{\"data\": {\"transaction\": {\"datasets\": [{\"id\": \"ri.1\", \"name\": \"dataset/a\", "
    "\"committed\": true}, {\"name\": \"model/m\", \"committed\": false, \"x\": [null]}]}}}\n";
constexpr std::string_view kCommittedList = "dataset/a\r\n# note\r\n\r\n  model/m  \r\ncyc/1";

std::string Padded(std::string_view text) {
  std::string s(text);
  s.append(kFileBufferPadding, '\0');
  return s;
}

[[nodiscard]] absl::StatusOr<Graph> Ops(std::string_view text) {
  const std::string p = Padded(text);
  return ParseSparkOps("t.json", std::string_view(p.data(), text.size()));
}

[[nodiscard]] absl::StatusOr<Durations> Dur(std::string_view text) {
  const std::string p = Padded(text);
  return ParseDurations("d", std::string_view(p.data(), text.size()), fuzz::FixedGraph());
}

[[nodiscard]] absl::StatusOr<CommittedDatasets> Com(std::string_view text) {
  const std::string p = Padded(text);
  return ParseCommitted("c", std::string_view(p.data(), text.size()), fuzz::FixedGraph());
}

// Where a JSON document ends (one past its last non-blank byte).
size_t JsonEnd(std::string_view text) { return text.find_last_not_of(" \t\r\n") + 1; }

TEST(TruncationTest, SparkOpsEveryPrefix) {
  const absl::StatusOr<Graph> full = Ops(kOps);
  ASSERT_TRUE(full.ok()) << full.status();
  fuzz::CheckGraph(*full);
  ASSERT_EQ(full->num_ops(), 3u);
  for (size_t len = 0; len < kOps.size(); ++len) {
    const std::string_view prefix = kOps.substr(0, len);
    const absl::StatusOr<Graph> g = Ops(prefix);
    if (len >= JsonEnd(kOps)) {
      ASSERT_TRUE(g.ok()) << len;
      EXPECT_TRUE(fuzz::SameGraph(*g, *full)) << len;
      continue;
    }
    ASSERT_FALSE(g.ok()) << "a prefix of " << len << " bytes was accepted";
    ASSERT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << len;
    fuzz::CheckLocatedError(g.status(), "t.json", prefix);
  }
}

// Each byte replaced by a byte that breaks JSON somewhere: the result is a
// valid graph or a located error; never a crash or a broken graph.
TEST(TruncationTest, SparkOpsEveryByteReplaced) {
  int accepted = 0, rejected = 0;
  for (size_t i = 0; i < kOps.size(); ++i) {
    for (char c : std::string_view("\0\"\\[]{},:\xFF\xC3 x1\n", 16)) {
      std::string text(kOps);
      text[i] = c;
      const absl::StatusOr<Graph> g = Ops(text);
      if (g.ok()) {
        ++accepted;
        fuzz::CheckGraph(*g);
      } else {
        ++rejected;
        fuzz::CheckLocatedError(g.status(), "t.json", text);
      }
    }
  }
  EXPECT_GT(accepted, 0);
  EXPECT_GT(rejected, accepted);
}

TEST(TruncationTest, DurationsEveryPrefix) {
  ASSERT_TRUE(Dur(kDurationsJson).ok()) << Dur(kDurationsJson).status();
  for (size_t len = 0; len < kDurationsJson.size(); ++len) {
    const std::string_view prefix = kDurationsJson.substr(0, len);
    const absl::StatusOr<Durations> d = Dur(prefix);
    // A blank prefix is an empty CSV file (no durations); a JSON prefix
    // before the closing brace is an error.
    if (len == 0 || len >= JsonEnd(kDurationsJson)) {
      ASSERT_TRUE(d.ok()) << len << ": " << d.status();
    } else {
      ASSERT_FALSE(d.ok()) << len;
      fuzz::CheckLocatedError(d.status(), "d", prefix);
    }
  }
  const absl::StatusOr<Durations> full = Dur(kDurationsCsv);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->known, 3u);
  for (size_t len = 0; len < kDurationsCsv.size(); ++len) {
    const std::string_view prefix = kDurationsCsv.substr(0, len);
    const absl::StatusOr<Durations> d = Dur(prefix);
    // CSV has no end marker: a cut record is either an error or a shorter
    // valid record (a number cut short); never more records than the file.
    if (d.ok()) {
      EXPECT_LE(d->records, full->records) << len;
    } else {
      fuzz::CheckLocatedError(d.status(), "d", prefix);
    }
  }
}

TEST(TruncationTest, CommittedEveryPrefix) {
  ASSERT_TRUE(Com(kCommittedJson).ok()) << Com(kCommittedJson).status();
  for (size_t len = 0; len < kCommittedJson.size(); ++len) {
    const std::string_view prefix = kCommittedJson.substr(0, len);
    const absl::StatusOr<CommittedDatasets> c = Com(prefix);
    if (len == 0 || len >= JsonEnd(kCommittedJson)) {
      ASSERT_TRUE(c.ok()) << len << ": " << c.status();
    } else {
      ASSERT_FALSE(c.ok()) << len;
      fuzz::CheckLocatedError(c.status(), "c", prefix);
    }
  }
  for (size_t len = 0; len <= kCommittedList.size(); ++len) {
    const absl::StatusOr<CommittedDatasets> c = Com(kCommittedList.substr(0, len));
    ASSERT_TRUE(c.ok()) << len << ": " << c.status();  // any prefix of a list is a list
    EXPECT_LE(c->committed.Count(), 3u);
  }
}

}  // namespace
}  // namespace etldag
