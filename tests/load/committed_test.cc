// The committed-datasets reader: the plain list and the transaction JSON,
// duplicates, committed:false/null, missing ids, unknown names, and one test
// per error class (code, LINE:COL, message).
#include "engine/load/committed.h"

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
using ::testing::IsEmpty;
using ::testing::StartsWith;

// ops dataset/a, dataset/b, model/c; raw/x is an external (raw/x -> dataset/a).
Graph TestGraph() {
  absl::StatusOr<Graph> g =
      BuildGraph({{"dataset/a", ""}, {"dataset/b", ""}, {"model/c", ""}},
                 {{"raw/x", "dataset/a"}, {"dataset/a", "dataset/b"}, {"dataset/b", "model/c"}});
  EXPECT_TRUE(g.ok());
  return std::move(g).value();
}

[[nodiscard]] absl::StatusOr<CommittedDatasets> Parse(std::string_view text, const Graph& g) {
  const FileBuffer buf = FileBuffer::FromString(text, "c.json");
  return ParseCommitted("c.json", buf.data(), g);
}

std::vector<std::string> CommittedNames(const Graph& g, const CommittedDatasets& c) {
  std::vector<std::string> out;
  c.committed.ForEach([&](size_t v) { out.emplace_back(g.name(static_cast<NodeId>(v))); });
  return out;
}

std::vector<std::string> UnknownNames(const CommittedDatasets& c) {
  std::vector<std::string> out;
  for (const UnknownName& u : c.unknown_examples) out.push_back(u.name);
  return out;
}

std::vector<std::string> Ids(const Graph& g, const CommittedDatasets& c, std::string_view name) {
  std::vector<std::string> out;
  for (std::string_view id : CommittedIdsOf(c, *g.Find(name))) out.emplace_back(id);
  return out;
}

void ExpectError(std::string_view text, int line, int col, std::string_view what) {
  const Graph g = TestGraph();
  const absl::StatusOr<CommittedDatasets> c = Parse(text, g);
  ASSERT_FALSE(c.ok()) << "accepted: " << text;
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string msg(c.status().message());
  const std::string first = msg.substr(0, msg.find('\n'));
  EXPECT_THAT(first, StartsWith("c.json:" + std::to_string(line) + ":" + std::to_string(col) +
                                ": error: "))
      << msg;
  EXPECT_THAT(first, HasSubstr(std::string(what))) << msg;
}

TEST(Committed, PlainList) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const CommittedDatasets c,
                       Parse("\xEF\xBB\xBF# run 2024-01-01\r\ndataset/a\r\n\r\n  model/c \t\n"
                             "   # indented comment\nraw/x\ndataset/a\nghost/1\nghost/2\nghost/1",
                             g));
  EXPECT_EQ(c.format, CommittedDatasets::Format::kPlainList);
  EXPECT_THAT(CommittedNames(g, c), ElementsAre("dataset/a", "model/c", "raw/x"));
  EXPECT_EQ(c.entries, 7u);
  EXPECT_EQ(c.duplicates, 2u);  // dataset/a, ghost/1
  EXPECT_EQ(c.unknown, 2u);
  EXPECT_THAT(UnknownNames(c), ElementsAre("ghost/1", "ghost/2"));
  EXPECT_EQ(c.unknown_examples[1].line, 9u);
  EXPECT_EQ(c.assumed_committed, 0u);  // a plain list is explicitly committed
  EXPECT_EQ(c.not_committed, 0u);
  EXPECT_THAT(c.ids, IsEmpty());
}

TEST(Committed, EmptyFilesAreEmptyLists) {
  const Graph g = TestGraph();
  for (std::string_view text : {"", "\n\n", "# nothing\n", "   \r\n"}) {
    ASSERT_OK_AND_ASSIGN(const CommittedDatasets c, Parse(text, g));
    EXPECT_EQ(c.entries, 0u);
    EXPECT_EQ(c.committed.Count(), 0u);
  }
}

TEST(Committed, TransactionJson) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const CommittedDatasets c, Parse(R"({"data": {"transaction": {
    "id": "tx-1", "status": "COMMITTED",
    "datasets": [
      {"id": "id-b", "name": "dataset/b", "committed": true, "extra": {"x": [1, 2]}},
      {"name": "dataset/a", "id": "id-a1"},
      {"committed": false, "name": "model/c", "id": "id-c"},
      {"name": "dataset/a", "id": "id-a2", "committed": true},
      {"name": "dataset/a", "id": "id-a1"},
      {"name": "raw/x", "id": null, "committed": true},
      {"name": "ghost", "id": "id-g", "committed": true},
      {"name": "ghost2", "committed": null}
    ]}}, "extensions": {"cost": 3}})", g));
  EXPECT_EQ(c.format, CommittedDatasets::Format::kTransactionJson);
  EXPECT_THAT(CommittedNames(g, c), ElementsAre("dataset/a", "dataset/b", "raw/x"));
  EXPECT_EQ(c.entries, 8u);
  EXPECT_EQ(c.duplicates, 2u);
  EXPECT_EQ(c.not_committed, 2u);  // model/c (false), ghost2 (null)
  EXPECT_EQ(c.unknown, 2u);  // ghost, ghost2 (listed, whatever the flag)
  EXPECT_THAT(UnknownNames(c), ElementsAre("ghost", "ghost2"));
  EXPECT_EQ(c.assumed_committed, 2u);  // the two dataset/a entries without a flag
  EXPECT_THAT(Ids(g, c, "dataset/a"), ElementsAre("id-a1", "id-a2"));  // distinct, file order
  EXPECT_THAT(Ids(g, c, "dataset/b"), ElementsAre("id-b"));
  EXPECT_THAT(Ids(g, c, "model/c"), IsEmpty());  // not committed: no id
  EXPECT_THAT(Ids(g, c, "raw/x"), IsEmpty());    // committed without an id
}

TEST(Committed, EscapedNamesAndEmptyDatasets) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const CommittedDatasets c,
                       Parse(R"({"data":{"transaction":{"datasets":[{"name":"dataset\/a"}]}},
                                "errors": []})", g));
  EXPECT_THAT(CommittedNames(g, c), ElementsAre("dataset/a"));
  ASSERT_OK_AND_ASSIGN(const CommittedDatasets e,
                       Parse(R"({"data":{"transaction":{"datasets":[]}}})", g));
  EXPECT_EQ(e.entries, 0u);
}

TEST(Committed, PlainListErrors) {
  ExpectError("dataset/a\nbad\x01name\n", 2, 4, "control character (byte 0x01)");
  ExpectError("dataset/a\nx\ry\n", 2, 2, "control character (byte 0x0d)");
  ExpectError("  [\"dataset/a\"]", 1, 3, "a JSON array is not a name list");
}

TEST(Committed, JsonSyntaxErrors) {
  ExpectError("{\"data\": {\"transaction\": {\"datasets\": [\n  {\"name\": \"a\",}\n]}}}", 2, 16,
              "");
  ExpectError("{\"data\": 1", 1, 11, "");
}

TEST(Committed, JsonShapeErrors) {
  ExpectError(R"({"data":{"transaction":{"datasets":[{"name": 3}]}}})", 1, 46,
              "\"name\" must be a string");
  ExpectError(R"({"data":{"transaction":{"datasets":[{"id": "x"}]}}})", 1, 37,
              "a dataset without a \"name\"");
  ExpectError(R"({"data":{"transaction":{"datasets":[{"name": ""}]}}})", 1, 46,
              "empty dataset name");
  ExpectError(R"({"data":{"transaction":{"datasets":[{"name": "a", "id": 7}]}}})", 1, 57,
              "\"id\" must be a string");
  ExpectError(R"({"data":{"transaction":{"datasets":[{"name": "a", "id": "x y"}]}}})", 1, 57,
              "the id contains a blank");
  ExpectError(R"({"data":{"transaction":{"datasets":[{"name": "a", "committed": "yes"}]}}})",
              1, 64, "\"committed\" must be true, false or null");
  ExpectError(R"({"data":{"transaction":{"datasets":[7]}}})", 1, 37, "a dataset must be an object");
  ExpectError(R"({"data":{"transaction":{"datasets":{}}}})", 1, 36, "\"datasets\" must be an array");
  ExpectError(R"({"data":{"transaction":{"id":"t"}}})", 1, 24, "missing \"datasets\"");
  ExpectError(R"({"data":{"transaction":null}})", 1, 24, "\"transaction\" is null");
  ExpectError(R"({"data":{}})", 1, 9, "missing \"transaction\"");
  ExpectError(R"({"data":null})", 1, 9, "\"data\" is null");
  ExpectError(R"({"data":[]})", 1, 9, "\"data\" must be an object");
  ExpectError(R"({"result":{}})", 1, 1, "missing \"data\"");
  ExpectError("{\"data\":null,\n \"errors\":[{\"message\":\"transaction not found\"}]}", 2, 11,
              "the transaction query returned 1 error: transaction not found");
  ExpectError(R"({"errors":[{"message":"m1"},{"x":1}],"data":{"transaction":{"datasets":[]}}})",
              1, 11, "returned 2 errors: m1");
}

TEST(Committed, UnreadableFile) {
  const Graph g = TestGraph();
  EXPECT_THAT(ReadCommittedFile("/nonexistent/committed.txt", g),
              testing::StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace etldag
