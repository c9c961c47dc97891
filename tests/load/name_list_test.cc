// The one name-list reader (name_list.h): the three shapes operators have
// (plain list, ONLY_UNCOMMITTED answer, full answer), flags and ids, unknown
// names with lines, conflicting flags (located error), hostile inputs.
#include "engine/load/name_list.h"

#include <cstdio>
#include <string>
#include <vector>

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

// A flag conflict before a shape error is the error (a single pass stops
// there); a shape error before a conflict is the error. Entries are matched
// only after the whole file is read, so the order must be kept explicitly.
TEST(NameList, FirstErrorInFileOrderWins) {
  const Graph g = TestGraph();
  const absl::StatusOr<NameList> conflict_first = Parse(
      R"({"data":{"transaction":{"datasets":[{"name":"dataset/a","committed":true},)"
      "\n{\"name\":\"dataset/a\",\"committed\":false},\n{\"name\":7}]}}}",
      g);
  ASSERT_FALSE(conflict_first.ok());
  EXPECT_THAT(std::string(conflict_first.status().message()), StartsWith("run.json:2:1: error: "));
  EXPECT_THAT(std::string(conflict_first.status().message()), HasSubstr("both committed"));
  const absl::StatusOr<NameList> shape_first = Parse(
      R"({"data":{"transaction":{"datasets":[{"name":"dataset/a","committed":true},)"
      "\n{\"name\":7},\n{\"name\":\"dataset/a\",\"committed\":false}]}}}",
      g);
  ASSERT_FALSE(shape_first.ok());
  EXPECT_THAT(std::string(shape_first.status().message()), StartsWith("run.json:2:"));
  EXPECT_THAT(std::string(shape_first.status().message()), HasSubstr("\"name\" must be a string"));
}

// PendingNameList (read without the graph, resolved later) gives
// ReadNameListFile's answer and errors: escaped names (unescaped copies kept
// past the parser), unknown names, ids, a conflict.
TEST(NameList, PendingEqualsOnePass) {
  const Graph g = TestGraph();
  const std::string dir = ::testing::TempDir();
  const std::vector<std::string> texts = {
      R"({"data":{"transaction":{"datasets":[{"id":"ri.1","name":"dataset\/a","committed":true},)"
      R"({"name":"ghost"},{"id":"ri.2","name":"model/c"},{"name":"dataset/b","committed":null}]}}})",
      "dataset/b\n# comment\nmodel/c\nghost\n",
      R"({"data":{"transaction":{"datasets":[{"name":"model/c","committed":true},{"name":"model/c","committed":false}]}}})",
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string path = dir + "/pending_" + std::to_string(i) + ".txt";
    {
      std::FILE* f = std::fopen(path.c_str(), "wb");
      ASSERT_NE(f, nullptr);
      std::fwrite(texts[i].data(), 1, texts[i].size(), f);
      std::fclose(f);
    }
    const absl::StatusOr<NameList> one = ReadNameListFile(path, g);
    ASSERT_OK_AND_ASSIGN(const PendingNameList pending, PendingNameList::Read(path));
    const absl::StatusOr<NameList> two = pending.Resolve(g);
    ASSERT_EQ(one.ok(), two.ok()) << i;
    if (!one.ok()) {
      EXPECT_EQ(one.status(), two.status()) << i;
      continue;
    }
    EXPECT_EQ(Names(g, one->listed), Names(g, two->listed)) << i;
    EXPECT_EQ(Names(g, one->committed), Names(g, two->committed)) << i;
    EXPECT_EQ(Names(g, one->not_committed), Names(g, two->not_committed)) << i;
    EXPECT_EQ(one->ids, two->ids) << i;
    EXPECT_EQ(one->entries, two->entries) << i;
    EXPECT_EQ(one->unknown, two->unknown) << i;
    if (i == 0) {
      EXPECT_THAT(Names(g, two->committed), ElementsAre("dataset/a"));
      EXPECT_EQ(two->ids.size(), 2u);
    }
  }
  EXPECT_FALSE(PendingNameList::Read(dir + "/no_such_file").ok());
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
