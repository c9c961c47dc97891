// The durations reader: JSON and CSV forms, one test per error class (code,
// LINE:COL, message), unknown names, and default resolution.
#include "engine/load/durations.h"

#include <cmath>
#include <string>

#include "engine/graph/graph_builder.h"
#include "engine/load/file_buffer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// ops a, b, c, "q,x" (a name with a comma); ext/raw is an external (raw -> a).
Graph TestGraph() {
  absl::StatusOr<Graph> g = BuildGraph({{"a", ""}, {"b", ""}, {"c", ""}, {"q,x", ""}},
                                       {{"ext/raw", "a"}, {"a", "b"}, {"b", "c"}});
  EXPECT_TRUE(g.ok());
  return std::move(g).value();
}

[[nodiscard]] absl::StatusOr<Durations> Parse(std::string_view text, const Graph& g) {
  const FileBuffer buf = FileBuffer::FromString(text, "d.txt");
  return ParseDurations("d.txt", buf.data(), g);
}

double Sec(const Graph& g, const Durations& d, std::string_view name) {
  return d.seconds[*g.Find(name)];
}

void ExpectError(std::string_view text, int line, int col, std::string_view what) {
  const Graph g = TestGraph();
  const absl::StatusOr<Durations> d = Parse(text, g);
  ASSERT_FALSE(d.ok()) << "accepted: " << text;
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string msg(d.status().message());
  const std::string first = msg.substr(0, msg.find('\n'));
  EXPECT_THAT(first, StartsWith("d.txt:" + std::to_string(line) + ":" + std::to_string(col) +
                                ": error: "))
      << msg;
  EXPECT_THAT(first, HasSubstr(std::string(what))) << msg;
}

TEST(Durations, JsonObject) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations d, Parse(" {\"a\": 1.5, \"c\": 20, \"q,x\": 0}\n", g));
  EXPECT_EQ(d.records, 3u);
  EXPECT_EQ(d.known, 3u);
  EXPECT_EQ(d.unknown, 0u);
  EXPECT_EQ(Sec(g, d, "a"), 1.5);
  EXPECT_EQ(Sec(g, d, "c"), 20);
  EXPECT_EQ(Sec(g, d, "q,x"), 0);
  EXPECT_TRUE(std::isnan(Sec(g, d, "b")));
}

TEST(Durations, JsonEscapedNamesAndEmptyObject) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations d, Parse("{\"\\u0061\": 3e2}", g));
  EXPECT_EQ(Sec(g, d, "a"), 300);
  ASSERT_OK_AND_ASSIGN(const Durations e, Parse("\xEF\xBB\xBF{}", g));
  EXPECT_EQ(e.records, 0u);
}

TEST(Durations, CsvWithHeaderCrlfQuotesAndNoFinalNewline) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations d,
                       Parse("name,seconds\r\n a , 1.25\r\n\r\n\"q,x\",\"7\"\r\nc,3", g));
  EXPECT_EQ(d.records, 3u);
  EXPECT_EQ(Sec(g, d, "a"), 1.25);
  EXPECT_EQ(Sec(g, d, "q,x"), 7);
  EXPECT_EQ(Sec(g, d, "c"), 3);
}

TEST(Durations, CsvWithoutHeaderAndDoubledQuotes) {
  absl::StatusOr<Graph> g = BuildGraph({{"say \"hi\"", ""}, {"b", ""}}, {});
  ASSERT_TRUE(g.ok());
  ASSERT_OK_AND_ASSIGN(const Durations d, Parse("\"say \"\"hi\"\"\",4\nb,5\n", *g));
  EXPECT_EQ(d.known, 2u);
  EXPECT_EQ(Sec(*g, d, "say \"hi\""), 4);
}

TEST(Durations, EmptyFileIsNoDurations) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations d, Parse("", g));
  EXPECT_EQ(d.records, 0u);
  ASSERT_OK_AND_ASSIGN(const Durations e, Parse(" \n\r\n", g));
  EXPECT_EQ(e.records, 0u);
}

TEST(Durations, UnknownNamesAreCountedWithExamples) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations d, Parse("a,1\nz1,1\nz2,2\nz3,3\nz4,4\nz5,5\nz6,6\n", g));
  EXPECT_EQ(d.known, 1u);
  EXPECT_EQ(d.unknown, 6u);
  EXPECT_THAT(d.unknown_examples, ElementsAre("z1", "z2", "z3", "z4", "z5"));
  ASSERT_OK_AND_ASSIGN(const Durations j, Parse("{\"nope\": 1}", g));
  EXPECT_EQ(j.unknown, 1u);
  EXPECT_THAT(j.unknown_examples, ElementsAre("nope"));
}

TEST(Durations, ErrorNegative) {
  ExpectError("a,1\nb,-2\n", 2, 3, "negative duration -2");
  ExpectError("{\"a\":\n   -0.5}", 2, 4, "negative duration");
}

TEST(Durations, ErrorNotFinite) {
  ExpectError("a,nan\n", 1, 3, "finite");
  ExpectError("b,inf\n", 1, 3, "finite");
}

TEST(Durations, ErrorNonNumeric) {
  ExpectError("a,1\nb,12s\n", 2, 3, "expected a number of seconds, found \"12s\"");
  ExpectError("a,1\nb,\n", 2, 3, "expected a number");
  ExpectError("{\"a\": \"12\"}", 1, 7, "expected a number of seconds, found a string");
  ExpectError("{\"a\": null}", 1, 7, "found null");
}

TEST(Durations, ErrorTooLarge) {
  ExpectError("a,1e12\n", 1, 3, "too large");
  ExpectError("{\"a\": 1e999}", 1, 7, "");
}

TEST(Durations, ErrorDuplicateNamesBothLines) {
  ExpectError("a,1\nb,2\na,3\n", 3, 1, "duplicate duration for \"a\" (first given at line 1)");
  ExpectError("{\"zz\": 1,\n \"zz\": 2}", 2, 2, "(first given at line 1)");
}

// Records are resolved in batches (name lookups overlapped): the error
// reported is still the first in the file, whichever kind comes first, far
// apart or inside one batch, and long files resolve every name right.
TEST(Durations, FirstErrorInFileOrderAcrossBatches) {
  std::string lines;  // 300 records of unknown names, then the test lines
  for (int i = 0; i < 300; ++i) lines += "u" + std::to_string(i) + "," + std::to_string(i) + "\n";
  ExpectError(lines + "a,1\nb,2\na,3\nc,-1\n", 303, 1, "duplicate duration for \"a\" (first given at line 301)");
  ExpectError(lines + "a,1\nc,-1\nb,2\na,3\n", 302, 3, "negative duration");
  ExpectError("a,1\n" + lines + "b,2\na,3\n", 303, 1, "(first given at line 1)");  // duplicate 300 records apart
  ExpectError(lines + "a,1\nb,2\na,3\nc,x\n", 303, 1, "duplicate duration");           // before a parse error
  ExpectError(lines + "a,1\nb,2\nc,x\na,3\n", 303, 3, "expected a number of seconds");  // after one
  std::string json = "{";
  for (int i = 0; i < 300; ++i) json += "\"u" + std::to_string(i) + "\": 1, ";
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations d, Parse(json + "\"a\": 5, \"b\": 6, \"q,x\": 7}", g));
  EXPECT_EQ(d.known, 3u);
  EXPECT_EQ(d.unknown, 300u);
  EXPECT_EQ(Sec(g, d, "a"), 5);
  EXPECT_EQ(Sec(g, d, "q,x"), 7);
}

TEST(Durations, ErrorFieldCount) {
  ExpectError("a,1,2\n", 1, 5, "expected two fields");
  ExpectError("a,1\nb\n", 2, 2, "found 1");
}

TEST(Durations, ErrorQuotes) {
  ExpectError("\"a,1\n", 1, 1, "unterminated quoted field");
  ExpectError("\"a\"x,1\n", 1, 4, "expected ','");
}

TEST(Durations, ErrorJsonSyntaxAndShape) {
  ExpectError("{\"a\": 1,}", 1, 9, "");
  ExpectError("\n  [1, 2]", 2, 3, "expected a JSON object");
  ExpectError("{\"a\": 1} x", 1, 10, "");
}

TEST(Durations, ErrorEmptyName) { ExpectError("a,1\n,2\n", 2, 1, "empty name"); }

TEST(Durations, ReadFileErrors) {
  const Graph g = TestGraph();
  EXPECT_THAT(ReadDurationsFile("/nonexistent/durations.json", g),
              testing::StatusIs(absl::StatusCode::kNotFound));
}

TEST(ResolveDurations, NoFileIsUnitWeightsExternalsZero) {
  const Graph g = TestGraph();
  const NodeDurations r = ResolveDurations(g, nullptr, std::nullopt);
  EXPECT_EQ(r.default_source, DefaultSource::kUnitWeights);
  EXPECT_EQ(r.seconds[*g.Find("a")], 1);
  EXPECT_EQ(r.seconds[*g.Find("ext/raw")], 0);
  EXPECT_EQ(r.defaulted, 4u);
}

TEST(ResolveDurations, MedianOfKnownOpsEvenAndOdd) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations even, Parse("a,1\nb,10\next/raw,1000\n", g));
  NodeDurations r = ResolveDurations(g, &even, std::nullopt);
  EXPECT_EQ(r.default_source, DefaultSource::kMedian);
  EXPECT_EQ(r.default_seconds, 5.5);
  EXPECT_EQ(r.ignored_externals, 1u);
  EXPECT_EQ(r.seconds[*g.Find("ext/raw")], 0);
  EXPECT_EQ(r.seconds[*g.Find("c")], 5.5);
  EXPECT_EQ(r.defaulted, 2u);
  ASSERT_OK_AND_ASSIGN(const Durations odd, Parse("a,1\nb,10\nc,4\n", g));
  r = ResolveDurations(g, &odd, std::nullopt);
  EXPECT_EQ(r.default_seconds, 4);
  EXPECT_EQ(r.seconds[*g.Find("q,x")], 4);
}

TEST(ResolveDurations, GivenDefaultAndNoKnown) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const Durations d, Parse("a,2\n", g));
  NodeDurations r = ResolveDurations(g, &d, 0.5);
  EXPECT_EQ(r.default_source, DefaultSource::kGiven);
  EXPECT_EQ(r.seconds[*g.Find("a")], 2);
  EXPECT_EQ(r.seconds[*g.Find("b")], 0.5);
  ASSERT_OK_AND_ASSIGN(const Durations none, Parse("zzz,2\n", g));
  r = ResolveDurations(g, &none, std::nullopt);
  EXPECT_EQ(r.default_source, DefaultSource::kNoKnownDurations);
  EXPECT_EQ(r.seconds[*g.Find("b")], 1);
}

}  // namespace
}  // namespace etldag
