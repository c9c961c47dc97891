// Selector evaluation: methods, error messages, notes for empty matches, the
// name-list file format, and a 1M-node graph.
#include "engine/query/select.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::set<std::string> Names(const Graph& g, const Bitmap& b) {
  std::set<std::string> out;
  b.ForEach([&](size_t v) { out.emplace(g.name(static_cast<NodeId>(v))); });
  return out;
}

std::set<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::set<std::string> out;
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

//   raw/events* --> dataset/events --> model/score --> policy/limits
//                                      ^
//   dataset/users ---------------------+--> nu-mx/policy/credit
//
//   s3://bucket/raw* --> dataset/orders --> contract/orders (type "contract")
//
// (* = external: referenced, not an op.) Kinds: the first name segment, or
// "external"; contract/orders has an explicit type "contract".
class SelectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Graph> g = BuildGraph(
        {{"dataset/events", {}}, {"dataset/users", {}}, {"dataset/orders", {}}, {"model/score", {}},
         {"policy/limits", {}}, {"nu-mx/policy/credit", {}}, {"contract/orders", "contract"}},
        {{"raw/events", "dataset/events"}, {"dataset/events", "model/score"},
         {"dataset/users", "model/score"}, {"model/score", "policy/limits"},
         {"dataset/users", "nu-mx/policy/credit"}, {"s3://bucket/raw", "dataset/orders"},
         {"dataset/orders", "contract/orders"}});
    ASSERT_THAT(g, IsOk());
    g_ = std::move(*g);
    dir_ = ::testing::TempDir() + "/etldag_select_test";
    std::filesystem::create_directories(dir_);
  }
  std::set<std::string> Sel(std::vector<std::string> include, std::vector<std::string> exclude = {}) {
    absl::StatusOr<Selection> s = Select(g_, include, exclude);
    EXPECT_THAT(s, IsOk());
    return s.ok() ? Names(g_, s->nodes) : std::set<std::string>{"<error>"};
  }
  std::string WriteFile(const std::string& name, const std::string& contents) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }
  Graph g_;
  std::string dir_;
};

TEST_F(SelectTest, Methods) {
  EXPECT_EQ(Sel({"kind:dataset"}), Split("dataset/events dataset/users dataset/orders"));
  EXPECT_EQ(Sel({"kind:d*"}), Split("dataset/events dataset/users dataset/orders"));
  EXPECT_EQ(Sel({"kind:contract"}), Split("contract/orders"));
  EXPECT_EQ(Sel({"kind:external"}), Split("raw/events s3://bucket/raw"));
  EXPECT_EQ(Sel({"external:true"}), Split("raw/events s3://bucket/raw"));
  EXPECT_EQ(Sel({"external:false"}).size(), 7u);
  EXPECT_EQ(Sel({"\"s3://bucket/raw\"+"}), Split("s3://bucket/raw dataset/orders contract/orders"));
  EXPECT_EQ(Sel({"name:\"s3://bucket/raw\"+"}), Split("s3://bucket/raw dataset/orders contract/orders"));
  EXPECT_EQ(Sel({"name:s3://bucket/raw"}), Split("s3://bucket/raw"));
  EXPECT_EQ(Sel({"*/policy/*"}), Split("nu-mx/policy/credit"));  // needs a segment before policy/
  EXPECT_EQ(Sel({"*policy/*"}), Split("nu-mx/policy/credit policy/limits"));
  EXPECT_EQ(Sel({"dataset/*"}), Split("dataset/events dataset/users dataset/orders"));
  EXPECT_EQ(Sel({"dataset/[eu]*"}), Split("dataset/events dataset/users"));
  EXPECT_EQ(Sel({"external:true+1"}), Split("raw/events s3://bucket/raw dataset/events dataset/orders"));
  EXPECT_EQ(Sel({"kind:dataset,*s"}), Split("dataset/events dataset/users dataset/orders"));
  EXPECT_EQ(Sel({"kind:dataset,*s", "+policy/limits"}, {"external:true", "dataset/orders"}),
            Split("dataset/events dataset/users model/score policy/limits"));
  EXPECT_EQ(Sel({"@dataset/users"}),
            Split("dataset/users model/score policy/limits nu-mx/policy/credit dataset/events raw/events"));
}

TEST(SelectSpecialNamesTest, PlusAndColonInNames) {
  absl::StatusOr<Graph> g = BuildGraph({{"a+b", {}}, {"c", {}}, {"12", {}}, {"d:e", {}}},
                                       {{"a+b", "c"}, {"12", "c"}, {"c", "d:e"}});
  ASSERT_THAT(g, IsOk());
  auto names = [&](std::vector<std::string> args) {
    absl::StatusOr<Selection> s = Select(*g, args);
    EXPECT_THAT(s, IsOk());
    return s.ok() ? Names(*g, s->nodes) : std::set<std::string>{"<error>"};
  };
  EXPECT_EQ(names({"a[+]b+1"}), Split("a+b c"));
  EXPECT_EQ(names({"a\\+b*"}), Split("a+b"));  // an escaped '+' inside a glob
  EXPECT_EQ(names({"\"12\"+1"}), Split("12 c"));
  EXPECT_EQ(names({"'12'+1"}), Split("12 c"));
  EXPECT_EQ(names({"1+name:d:e"}), Split("c d:e"));
  EXPECT_EQ(names({"name:a+b"}), Split("a+b"));  // name: is literal: '+' included
  EXPECT_THAT(Select(*g, {"name:12+1"}), StatusIs(absl::StatusCode::kNotFound, HasSubstr("\"12+1\"")));
  EXPECT_EQ(names({"+d?e"}), Split("a+b c 12 d:e"));
  EXPECT_THAT(Select(*g, {"12+"}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing value")));
}

TEST_F(SelectTest, NoIncludeMeansEverything) {
  EXPECT_EQ(Sel({}).size(), 9u);
  EXPECT_EQ(Sel({}, {"kind:dataset+"}), Split("raw/events s3://bucket/raw"));
}

TEST_F(SelectTest, UnknownNameSuggests) {
  EXPECT_THAT(Select(g_, {"dataset/event+"}),
              StatusIs(absl::StatusCode::kNotFound, StartsWith("unknown node \"dataset/event\"; did you mean "
                                                               "\"dataset/events\"")));
  EXPECT_THAT(Select(g_, {"zzzzzzzzzzzz"}), StatusIs(absl::StatusCode::kNotFound, "unknown node \"zzzzzzzzzzzz\""));
  // In an exclude too: a typo must not silently exclude nothing.
  EXPECT_THAT(Select(g_, {"*"}, {"model/scor"}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("unknown node \"model/scor\"")));
  // Even when another atom of the intersection is empty.
  EXPECT_THAT(Select(g_, {"nothing*,model/scor"}), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(SelectTest, UnknownKindListsKinds) {
  EXPECT_THAT(Select(g_, {"kind:datset"}),
              StatusIs(absl::StatusCode::kNotFound,
                       StartsWith("unknown kind \"datset\"; did you mean \"dataset\"? (known kinds: ")));
  EXPECT_THAT(Select(g_, {"kind:zzzzzzzz"}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("\"contract\"")));
}

TEST_F(SelectTest, EmptyMatchesAreNotesNotErrors) {
  absl::StatusOr<Selection> s = Select(g_, {"nothing/* kind:z* dataset/events", "kind:dataset,model/*"});
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->count, 1u);
  EXPECT_FALSE(s->empty());
  EXPECT_THAT(s->unmatched, ElementsAre("nothing/*", "kind:z*", "kind:dataset,model/*"));
  absl::StatusOr<Selection> none = Select(g_, {"nothing/*"});
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(none->nodes.size(), g_.num_nodes());
  // Excluding everything is empty but not "unmatched".
  absl::StatusOr<Selection> all_gone = Select(g_, {"dataset/events"}, {"*"});
  ASSERT_THAT(all_gone, IsOk());
  EXPECT_TRUE(all_gone->empty());
  EXPECT_TRUE(all_gone->unmatched.empty());
}

TEST_F(SelectTest, FileMethod) {
  const std::string path = WriteFile(
      "names.txt", "\xEF\xBB\xBF# failed last night\r\ndataset/events\r\n\r\n  model/score \t\r\n#x\n\ndataset/events");
  EXPECT_EQ(Sel({"file:" + path}), Split("dataset/events model/score"));
  EXPECT_EQ(Sel({"file:" + path + "+1"}), Split("dataset/events model/score policy/limits"));
  EXPECT_EQ(Sel({"kind:model,file:" + path}), Split("model/score"));
  const std::string empty = WriteFile("empty.txt", "# nothing\n\n");
  absl::StatusOr<Selection> s = Select(g_, {"file:" + empty});
  ASSERT_THAT(s, IsOk());
  EXPECT_TRUE(s->empty());
}

TEST_F(SelectTest, FileWithUnknownNamesWarns) {
  const std::string path = WriteFile("bad.txt", "dataset/events\ndataset/event\nzzzzzzzzzzzz\n");
  ASSERT_OK_AND_ASSIGN(const Selection s, Select(g_, {"file:" + path}));
  EXPECT_EQ(s.count, 1u);
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0], "file:" + path + ": 2 names are not in the graph (not selected): "
                           "\"dataset/event\" (line 2; did you mean \"dataset/events\"?), "
                           "\"zzzzzzzzzzzz\" (line 3)");
  std::string many;
  for (int i = 0; i < 8; ++i) many += "qqqqqqqqqq" + std::to_string(i) + "\n";
  ASSERT_OK_AND_ASSIGN(const Selection m, Select(g_, {"file:" + WriteFile("many.txt", many)}));
  ASSERT_EQ(m.warnings.size(), 1u);
  EXPECT_THAT(m.warnings[0], HasSubstr("8 names are not in the graph (not selected): \"qqqqqqqqqq0\" (line 1)"));
  EXPECT_THAT(m.warnings[0], HasSubstr("(line 5), and 3 more"));
  EXPECT_THAT(Select(g_, {"file:" + dir_ + "/no_such_file.txt"}),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("no_such_file.txt: error: No such file")));
  EXPECT_THAT(Select(g_, {"file:" + dir_}), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(Select(g_, {"file:" + WriteFile("bad.json", "{\"data\": 1")}),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("bad.json:1:")));
}

TEST_F(SelectTest, FileTakesTheTransactionAnswer) {
  const std::string path = WriteFile(
      "tx.json", R"({"data":{"transaction":{"datasets":[{"name":"dataset/events"},{"name":"model/score","committed":false}]}}})");
  EXPECT_EQ(Sel({"file:" + path}), Split("dataset/events model/score"));
}

TEST_F(SelectTest, StateMethod) {
  std::map<std::string, Bitmap, std::less<>> sets;
  Bitmap b(g_.num_nodes());
  b.Set(*g_.Find("dataset/events"));
  sets.emplace("committed", b);
  SelectOptions opts{.state = &sets, .state_help = "see --run"};
  ASSERT_OK_AND_ASSIGN(const Selection s, Select(g_, {"state:committed"}, {}, opts));
  EXPECT_EQ(s.count, 1u);
  ASSERT_OK_AND_ASSIGN(const Selection plus, Select(g_, {"state:committed+"}, {}, opts));
  EXPECT_GT(plus.count, 1u);
  EXPECT_THAT(Select(g_, {"state:modified"}, {}, opts),
              StatusIs(absl::StatusCode::kNotFound,
                       "state:modified is not available (available: committed); see --run"));
  EXPECT_THAT(Select(g_, {"state:committed"}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no state is loaded")));
}

TEST(SelectEmptyGraphTest, Works) {
  const Graph g;
  absl::StatusOr<Selection> all = Select(g, {"*"});
  ASSERT_THAT(all, IsOk());
  EXPECT_TRUE(all->empty());
  EXPECT_THAT(Select(g, {"x"}), StatusIs(absl::StatusCode::kNotFound, "unknown node \"x\""));
  EXPECT_THAT(Select(g, {"kind:x"}), StatusIs(absl::StatusCode::kNotFound, HasSubstr("none")));
}

// 1M-node chain n000000 -> ... -> n999999: globs use the prefix range, graph
// operators one BFS. No timing assertion; the test just has to finish.
TEST(SelectLargeTest, MillionNodeChain) {
  const uint32_t n = 1000000;
  const Graph g = testing::Chain(n);
  auto count = [&](std::vector<std::string> args) {
    absl::StatusOr<Selection> s = Select(g, args);
    EXPECT_THAT(s, IsOk());
    return s.ok() ? s->count : 0u;
  };
  EXPECT_EQ(count({"n0000*"}), 100u);
  EXPECT_EQ(count({"n12345?"}), 10u);
  EXPECT_EQ(count({"*99"}), 10000u);
  EXPECT_EQ(count({"*"}), n);
  EXPECT_EQ(count({"n999*,*0"}), 100u);
  EXPECT_EQ(count({"n500000+"}), 500000u);
  EXPECT_EQ(count({"+n500000"}), 500001u);
  EXPECT_EQ(count({"3+n500000+2"}), 6u);
  EXPECT_EQ(count({"@n999998"}), n);
  EXPECT_EQ(count({"n0*+1"}), 100001u);
}

}  // namespace
}  // namespace etldag
