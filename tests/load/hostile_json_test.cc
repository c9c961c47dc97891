// Hostile but valid spark_ops.json: huge names, names made of metacharacters,
// an op with 100,000 inputs. Each loads into a graph satisfying every
// invariant (fuzz_checks.h), with names unescaped exactly and found by Find.
// (Per-error-class messages live in tests/load/spark_ops_errors_test.cc.)
#include <string>
#include <string_view>
#include <vector>

#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/fuzz/graph_json.h"

namespace etldag {
namespace {

[[nodiscard]] absl::StatusOr<Graph> Ops(std::string_view text) {
  std::string p(text);
  p.append(kFileBufferPadding, '\0');
  return ParseSparkOps("t.json", std::string_view(p.data(), text.size()));
}

TEST(HostileJsonTest, NamesOfEveryMetacharacter) {
  // Unescaped name -> how it is written in the file.
  const std::vector<std::pair<std::string, std::string>> names = {
      {"q\"uote", "q\\\"uote"},
      {"back\\slash", "back\\\\slash"},
      {"sl/ash", "sl\\/ash"},
      {"emoji/\xF0\x9F\x98\x80", "emoji/\\ud83d\\ude00"},
      {"raw/\xF0\x9F\x92\xA9", "raw/\xF0\x9F\x92\xA9"},
      {"\xE5\x90\x8D\xE5\x89\x8D", "\xE5\x90\x8D\xE5\x89\x8D"},
      {" spaces ", " spaces "},
      {"a+b,c:d@e*f?g[h]", "a+b,c:d@e*f?g[h]"},
      {"#hash", "#hash"},
      {"{\"json\":[1]}", "{\\\"json\\\":[1]}"},
  };
  std::string json = "[";
  for (size_t i = 0; i < names.size(); ++i) {
    json += (i ? ",{\"name\":\"" : "{\"name\":\"") + names[i].second + "\",\"inputs\":[\"" +
            names[(i + 1) % names.size()].second + "\"]}";
  }
  json += "]";
  const absl::StatusOr<Graph> g = Ops(json);
  ASSERT_TRUE(g.ok()) << g.status();
  fuzz::CheckGraph(*g);
  EXPECT_EQ(g->num_nodes(), names.size());
  EXPECT_EQ(g->num_edges(), names.size());
  for (const auto& [name, written] : names) EXPECT_TRUE(g->Find(name).has_value()) << written;
  // Written back (escaped by graph_json.h) it loads as the same graph.
  const absl::StatusOr<Graph> again = Ops(fuzz::ToSparkOpsJson(*g));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(fuzz::SameGraph(*g, *again));
}

TEST(HostileJsonTest, HugeNames) {
  const std::string k64(65536, 'x');
  std::string escaped;  // 64 KiB of \u0079 escapes, one 'y' each
  for (int i = 0; i < 65536; ++i) escaped += "\\u0079";
  std::string emoji;  // 64 Ki emoji, 256 KiB of UTF-8
  for (int i = 0; i < 65536; ++i) emoji += "\xF0\x9F\x98\x80";
  const std::string mib(1 << 20, 'z');
  const std::string json = "[{\"name\":\"" + k64 + "\",\"inputs\":[\"" + escaped + "\"]},{\"name\":\"" + emoji +
                           "\",\"successors\":[\"" + mib + "\"]}]";
  const absl::StatusOr<Graph> g = Ops(json);
  ASSERT_TRUE(g.ok()) << g.status();
  fuzz::CheckGraph(*g);
  ASSERT_EQ(g->num_nodes(), 4u);
  EXPECT_TRUE(g->Find(k64).has_value());
  EXPECT_TRUE(g->Find(std::string(65536, 'y')).has_value());
  EXPECT_TRUE(g->Find(emoji).has_value());
  EXPECT_TRUE(g->Find(mib).has_value());
  EXPECT_EQ(g->arrays().names.size(), 65536u * 2 + 65536u * 4 + (1u << 20));
}

TEST(HostileJsonTest, OpWithOneHundredThousandInputs) {
  constexpr int kInputs = 100000;
  std::string json = "[{\"name\":\"hub\",\"inputs\":[";
  for (int i = 0; i < kInputs; ++i) json += (i ? ",\"in/" : "\"in/") + std::to_string(i) + "\"";
  json += "]},{\"name\":\"dup\",\"inputs\":[";
  for (int i = 0; i < kInputs; ++i) json += i ? ",\"hub\"" : "\"hub\"";
  json += "]}]";
  const absl::StatusOr<Graph> g = Ops(json);
  ASSERT_TRUE(g.ok()) << g.status();
  fuzz::CheckGraph(*g);
  EXPECT_EQ(g->num_nodes(), kInputs + 2u);
  EXPECT_EQ(g->num_externals(), static_cast<uint32_t>(kInputs));
  EXPECT_EQ(g->num_edges(), kInputs + 1u);  // the 100,000 repeats collapse into one edge
  EXPECT_EQ(g->in_degree(*g->Find("hub")), static_cast<uint32_t>(kInputs));
  EXPECT_EQ(g->in_degree(*g->Find("dup")), 1u);
}

}  // namespace
}  // namespace etldag
