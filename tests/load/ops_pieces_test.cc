// A spark_ops.json text read in pieces (ReadSparkOpsInPieces, the path of
// texts larger than one simdjson document) against the one-document reader:
// the same graph, and the same located error - the strict scanner's first
// syntax error when the text has one, else the same first semantic error.
// Pieces of 0 bytes (one op each) up to the whole text, on random and
// randomly corrupted files.
#include "engine/load/internal/ops_pieces.h"

#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/op_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/load/load_test_util.h"
#include "tests/load/random_spark_ops.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::fuzz::SameGraph;
using ::etldag::load_internal::JsonInput;
using ::etldag::load_internal::NextOpsPiece;
using ::etldag::load_internal::OpsPiece;
using ::etldag::testing::Mutate;
using ::etldag::testing::ParseJson;
using ::etldag::testing::Pick;
using ::etldag::testing::RandomFile;
using ::etldag::testing::Rng;
using ::etldag::testing::Truth;

// `json` read in pieces of `piece_bytes`, named "t.json" like ParseJson.
absl::StatusOr<Graph> Pieces(const std::string& json, size_t piece_bytes) {
  std::string padded = json;
  padded.append(kFileBufferPadding, '\0');
  const JsonInput in{"t.json", std::string_view(padded.data(), json.size()), Utf8BomLength(json)};
  GraphBuilder builder;
  uint64_t ops = 0;
  RETURN_IF_ERROR(load_internal::ReadSparkOpsInPieces(in, builder, &ops, piece_bytes));
  return load_internal::BuildLoadedGraph("t.json", std::move(builder));
}

bool StartsWithArray(const std::string& json) {
  size_t i = Utf8BomLength(json);
  while (i < json.size() && load_internal::IsJsonWhitespace(json[i])) ++i;
  return i < json.size() && json[i] == '[';
}

constexpr size_t kPieceSizes[] = {0, 1, 10, 100, 1000, size_t{1} << 20};

TEST(OpsPieces, SameGraphAsOneDocument) {
  for (uint64_t seed = 0; seed < 300; ++seed) {
    Truth t;
    const std::string json = RandomFile(seed, t);
    ASSERT_OK_AND_ASSIGN(const Graph whole, ParseJson(json));
    for (const size_t piece : kPieceSizes) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << " piece " << piece);
      ASSERT_OK_AND_ASSIGN(const Graph g, Pieces(json, piece));
      ASSERT_TRUE(SameGraph(g, whole));
    }
  }
}

TEST(OpsPieces, SameErrorAsOneDocument) {
  int rejected = 0, semantic = 0;
  for (uint64_t seed = 0; seed < 3000; ++seed) {
    Truth t;
    Rng rng(seed);
    std::string json = RandomFile(seed % 200, t);
    for (size_t i = 0, n = 1 + Pick(rng, 3); i < n; ++i) json = Mutate(json, rng);
    if (!StartsWithArray(json)) continue;  // ParseSparkOps rejects it before reading ops
    SCOPED_TRACE(json);
    const absl::StatusOr<Graph> whole = ParseJson(json);
    const auto syntax = load_internal::FindJsonSyntaxError(json.substr(Utf8BomLength(json)));
    if (!whole.ok()) ++rejected;
    if (!whole.ok() && !syntax) ++semantic;
    for (const size_t piece : kPieceSizes) {
      SCOPED_TRACE(::testing::Message() << "piece " << piece);
      const absl::StatusOr<Graph> g = Pieces(json, piece);
      ASSERT_EQ(g.ok(), whole.ok()) << (g.ok() ? whole.status() : g.status());
      if (g.ok()) {
        ASSERT_TRUE(SameGraph(*g, *whole));
      } else if (!syntax) {  // valid JSON: the same first semantic error, located alike
        ASSERT_EQ(g.status().message(), whole.status().message());
      } else {  // the first syntax error of the whole text
        ASSERT_THAT(::etldag::testing::FirstLine(g.status()),
                    ::testing::HasSubstr(": error: " + syntax->message));
      }
    }
  }
  EXPECT_GT(rejected, 1000);
  EXPECT_GT(semantic, 20);
}

// Cuts only at top-level commas: not in strings (escaped quotes included),
// not in nested values; an empty element or a trailing comma is an error.
TEST(OpsPieces, CutsAtTopLevelCommasOnly) {
  const std::string json = R"([{"name":"a","s":"x\",{y"},{"name":"b","m":[{"k":1},{"k":2}]} , {"name":"c"}])";
  std::vector<std::string> pieces;
  size_t from = 1;
  while (true) {
    const OpsPiece p = NextOpsPiece(json, from, 0, 1000);
    ASSERT_NE(p.kind, OpsPiece::kInvalid);
    ASSERT_NE(p.kind, OpsPiece::kTooLarge);
    pieces.push_back(json.substr(p.begin, p.end - p.begin));
    if (p.kind == OpsPiece::kLast) break;
    from = p.end + 1;
  }
  EXPECT_THAT(pieces, ::testing::ElementsAre(R"({"name":"a","s":"x\",{y"})",
                                             R"({"name":"b","m":[{"k":1},{"k":2}]} )", R"({"name":"c"}])"));
  EXPECT_EQ(NextOpsPiece(R"([{"name":"a"}] x)", 1, 0, 100).kind, OpsPiece::kInvalid);  // trailing content
  EXPECT_EQ(NextOpsPiece(R"([{"name":"a"})", 1, 0, 100).kind, OpsPiece::kInvalid);     // unclosed
  EXPECT_EQ(NextOpsPiece(std::string("[{\"name\":\"a\"}\0]", 15), 1, 0, 100).kind, OpsPiece::kInvalid);
  EXPECT_EQ(NextOpsPiece(R"([{"name":"aaaaaaaaaa"},{}])", 1, 0, 5).kind, OpsPiece::kTooLarge);
  for (const char* bad : {R"([{"name":"a"},])", R"([,{"name":"a"}])", R"([{"name":"a"},,{"name":"b"}])"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Pieces(bad, 0).ok());
    EXPECT_EQ(::etldag::testing::FirstLine(Pieces(bad, 0).status()),
              ::etldag::testing::FirstLine(ParseJson(bad).status()));
  }
}

// A duplicate op name in a later piece names the first definition's line.
TEST(OpsPieces, DuplicateAcrossPiecesIsLocated) {
  const std::string json = "[\n{\"name\":\"a\"},\n{\"name\":\"b\"},\n  {\"name\":\"a\"}]";
  const absl::StatusOr<Graph> g = Pieces(json, 0);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(), ParseJson(json).status().message());
  EXPECT_THAT(std::string(g.status().message()), ::testing::HasSubstr("t.json:4:11: error: duplicate op name \"a\" (first defined at 2:9)"));
}

}  // namespace
}  // namespace etldag
