// The one name-list reader (name_list.h): the three shapes operators have
// (plain list, ONLY_UNCOMMITTED answer, full answer), flags and ids, unknown
// names with lines, conflicting flags (located error), hostile inputs.
#include "engine/load/name_list.h"

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

//   raw/x -> dataset/a -> dataset/b -> model/c      (raw/x external)
Graph TestGraph() {
  absl::StatusOr<Graph> g =
      BuildGraph({{"dataset/a", ""}, {"dataset/b", ""}, {"model/c", ""}},
                 {{"raw/x", "dataset/a"}, {"dataset/a", "dataset/b"}, {"dataset/b", "model/c"}});
  EXPECT_TRUE(g.ok());
  return std::move(g).value();
}

[[nodiscard]] absl::StatusOr<NameList> Parse(std::string_view text, const Graph& g) {
  const FileBuffer buf = FileBuffer::FromString(text, "run.json");
  return ParseNameList("run.json", buf.data(), g);
}

std::vector<std::string> Names(const Graph& g, const Bitmap& b) {
  std::vector<std::string> out;
  b.ForEach([&](size_t v) { out.emplace_back(g.name(static_cast<NodeId>(v))); });
  return out;
}

TEST(NameList, PlainListHasNoFlags) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const NameList l, Parse("model/c\ndataset/a\n", g));
  EXPECT_EQ(l.format, NameList::Format::kPlainList);
  EXPECT_THAT(Names(g, l.listed), ElementsAre("dataset/a", "model/c"));
  EXPECT_EQ(l.committed.Count() + l.not_committed.Count(), 0u);
  EXPECT_EQ(l.unflagged, 2u);
  EXPECT_EQ(l.flagged, 0u);
}

TEST(NameList, OnlyUncommittedAnswer) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const NameList l, Parse(R"({"data":{"transaction":{"datasets":[
      {"name":"dataset/b"},{"name":"model/c"},{"name":"ghost/1"}]}}})", g));
  EXPECT_EQ(l.format, NameList::Format::kTransactionJson);
  EXPECT_THAT(Names(g, l.listed), ElementsAre("dataset/b", "model/c"));
  EXPECT_EQ(l.unflagged, 3u);
  EXPECT_EQ(l.flagged, 0u);
  EXPECT_EQ(l.unknown, 1u);
  ASSERT_EQ(l.unknown_examples.size(), 1u);
  EXPECT_EQ(l.unknown_examples[0].name, "ghost/1");
  EXPECT_EQ(l.unknown_examples[0].line, 2u);
  EXPECT_THAT(l.ids, IsEmpty());
}

TEST(NameList, FullAnswerKeepsFlagsAndEveryId) {
  const Graph g = TestGraph();
  ASSERT_OK_AND_ASSIGN(const NameList l, Parse(R"({"data":{"transaction":{"datasets":[
      {"id":"i-a","name":"dataset/a","committed":true},
      {"id":"i-b","name":"dataset/b","committed":false},
      {"id":"i-c","name":"model/c","committed":null},
      {"id":"i-a","name":"dataset/a","committed":true}]}}})", g));
  EXPECT_THAT(Names(g, l.committed), ElementsAre("dataset/a"));
  EXPECT_THAT(Names(g, l.not_committed), ElementsAre("dataset/b", "model/c"));
  EXPECT_EQ(l.flagged, 4u);
  EXPECT_EQ(l.not_committed_entries, 2u);
  EXPECT_EQ(l.duplicates, 1u);
  ASSERT_EQ(l.ids.size(), 3u);  // ids of uncommitted datasets too (empty-commit verdicts)
  EXPECT_THAT(IdsOf(l, *g.Find("dataset/b")), ElementsAre("i-b"));
}

TEST(NameList, ConflictingFlagsAreALocatedError) {
  const Graph g = TestGraph();
  for (const char* ghost : {"dataset/a", "ghost"}) {
    const std::string text = std::string(R"({"data":{"transaction":{"datasets":[)") +
                             "\n{\"name\":\"" + ghost + "\",\"committed\":true},\n{\"name\":\"" +
                             ghost + "\"},\n  {\"name\":\"" + ghost +
                             "\",\"committed\":false}]}}}";
    const absl::StatusOr<NameList> l = Parse(text, g);
    ASSERT_FALSE(l.ok()) << ghost;
    EXPECT_EQ(l.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(l.status().message()), StartsWith("run.json:4:3: error: \""));
    EXPECT_THAT(std::string(l.status().message()),
                HasSubstr("cannot be both committed and not"));
  }
}

TEST(NameList, HostileShapes) {
  const Graph g = TestGraph();
  EXPECT_FALSE(Parse(R"({"data":{"transaction":{"datasets":[{"name":"a","id":1}]}}})", g).ok());
  EXPECT_FALSE(Parse(R"({"data":{"transaction":{"datasets":[{"name":"a","id":["x"]}]}}})", g).ok());
  EXPECT_FALSE(Parse(R"({"data":{"transaction":{"datasets":[{"name":"a")", g).ok());  // truncated
  EXPECT_FALSE(Parse(R"({"datasets":[{"name":"a"}]})", g).ok());                       // wrong shape
  EXPECT_FALSE(Parse(R"(["dataset/a"])", g).ok());
}

TEST(NameList, MillionEntries) {
  const Graph g = TestGraph();
  std::string text = R"({"data":{"transaction":{"datasets":[)";
  for (int i = 0; i < 1000000; ++i) {
    text += i % 2 ? R"({"name":"dataset/a","committed":true},)" : R"({"name":"ghost/)" +
                                                                      std::to_string(i) + "\"},";
  }
  text += R"({"name":"model/c","committed":false}]}}})";
  ASSERT_OK_AND_ASSIGN(const NameList l, Parse(text, g));
  EXPECT_EQ(l.entries, 1000001u);
  EXPECT_EQ(l.unknown, 500000u);
  EXPECT_EQ(l.unknown_examples.size(), kMaxUnknownNameExamples);
  EXPECT_EQ(l.duplicates, 499999u);
  EXPECT_THAT(Names(g, l.committed), ElementsAre("dataset/a"));
}

}  // namespace
}  // namespace etldag
