// The chunked loader (chunked_load.h) against the whole-document loader:
// whenever it returns a graph, that graph is byte-for-byte the whole
// loader's; it never returns a graph for a text the whole loader rejects;
// and on clean files it does return one (it is the fast path of every
// load). Chunk sizes from 1 byte up, reads that return a few bytes at a
// time, cuts forced inside strings and nested values.
#include "engine/load/internal/chunked_load.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/load/load_test_util.h"
#include "tests/load/random_spark_ops.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::fuzz::SameGraph;
using ::etldag::load_internal::ParseSparkOpsInChunks;
using ::etldag::load_internal::ParseSparkOpsInRegions;
using ::etldag::load_internal::PlanRegions;
using ::etldag::load_internal::Region;
using ::etldag::load_internal::RegionOptions;
using ::etldag::testing::Mutate;
using ::etldag::testing::ParseJson;
using ::etldag::testing::Pick;
using ::etldag::testing::RandomFile;
using ::etldag::testing::Rng;
using ::etldag::testing::Truth;

// The chunked loader over `json` in memory, each read returning at most
// `max_read` bytes. True = it returned a graph (in *g).
[[nodiscard]] absl::StatusOr<bool> Chunked(const std::string& json, size_t chunk, Graph* g, size_t max_read = SIZE_MAX,
                             LoadStats* stats = nullptr) {
  size_t at = 0;
  auto read = [&](char* dst, size_t n) -> absl::StatusOr<size_t> {
    const size_t k = std::min({n, max_read, json.size() - at});
    std::copy_n(json.data() + at, k, dst);
    at += k;
    return k;
  };
  return ParseSparkOpsInChunks("t.json", read, g, chunk, json.size(), stats);
}

constexpr size_t kChunkSizes[] = {1, 2, 3, 7, 16, 61, 200, 1000, 4096, size_t{1} << 20};

TEST(ChunkedLoad, SameGraphAsTheWholeLoaderOnRandomFiles) {
  int loaded = 0, tried = 0;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    Truth t;
    const std::string json = RandomFile(seed, t);
    ASSERT_OK_AND_ASSIGN(const Graph whole, ParseJson(json));
    for (const size_t chunk : kChunkSizes) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << " chunk " << chunk);
      Graph g;
      ASSERT_OK_AND_ASSIGN(const bool ok, Chunked(json, chunk, &g, 1 + seed % 11));
      ++tried;
      if (!ok) continue;  // a cut inside a nested value: the caller parses it whole
      ++loaded;
      ASSERT_TRUE(SameGraph(g, whole));
    }
  }
  // Most cuts land between ops; the rest fall inside nested ignored values.
  EXPECT_GT(loaded, tried / 2) << loaded << " of " << tried;
}

TEST(ChunkedLoad, NeverAcceptsWhatTheWholeLoaderRejects) {
  int rejected = 0;
  for (uint64_t seed = 0; seed < 3000; ++seed) {
    Truth t;
    Rng rng(seed);
    std::string json = RandomFile(seed % 200, t);
    for (size_t i = 0, n = 1 + Pick(rng, 3); i < n; ++i) json = Mutate(json, rng);
    SCOPED_TRACE(json);
    const absl::StatusOr<Graph> whole = ParseJson(json);
    if (!whole.ok()) ++rejected;
    for (const size_t chunk : {size_t{1}, size_t{5}, size_t{40}, size_t{300}, size_t{1} << 20}) {
      Graph g;
      const absl::StatusOr<bool> ok = Chunked(json, chunk, &g);
      ASSERT_TRUE(ok.ok()) << ok.status();
      if (!*ok) continue;
      ASSERT_TRUE(whole.ok()) << "chunk " << chunk << " accepted a text the whole loader rejects: "
                              << whole.status();
      ASSERT_TRUE(SameGraph(g, *whole)) << "chunk " << chunk;
    }
  }
  EXPECT_GT(rejected, 1000);
}

// A cut guessed inside a string or a nested value makes the chunk invalid:
// the loader must say "parse it whole", never load a wrong graph.
TEST(ChunkedLoad, BadCutsAreRejectedNotLoaded) {
  const std::string in_string = R"([{"name":"a","note":"x},{y"},{"name":"b","inputs":["a"]}])";
  const std::string nested = R"([{"name":"a","m":[{"x":1},{"y":2}]},{"name":"b","inputs":["a"]}])";
  const std::string deep = R"([{"name":"a","m":{"k":[{},{},{}]}},{"name":"b","m":[[{},{}],{}]}])";
  for (const std::string& json : {in_string, nested, deep}) {
    ASSERT_OK_AND_ASSIGN(const Graph whole, ParseJson(json));
    for (size_t chunk = 1; chunk <= json.size() + 1; ++chunk) {
      SCOPED_TRACE(::testing::Message() << json << " chunk " << chunk);
      Graph g;
      ASSERT_OK_AND_ASSIGN(const bool ok, Chunked(json, chunk, &g));
      if (ok) {
        ASSERT_TRUE(SameGraph(g, whole));
      }
    }
  }
}

TEST(ChunkedLoad, EdgesOfTheText) {
  struct Case {
    std::string json;
    bool loads;  // by the chunked loader itself
  };
  const std::vector<Case> cases = {
      {"[]", true},
      {" \n\t[ ] \n", true},
      {"\xEF\xBB\xBF[{\"name\":\"a\"}]", true},  // BOM
      {"[{\"name\":\"a\"},\n  {\"name\":\"b\",\"inputs\":[\"a\"]}\n]", true},
      {"", false},
      {"   ", false},
      {"{\"name\":\"a\"}", false},             // not an array
      {"[{\"name\":\"a\"}] x", false},         // trailing garbage
      {"[{\"name\":\"a\"},{\"name\":\"a\"}]", false},  // duplicate: located by the whole loader
      {"[{\"name\":\"a\"},", false},           // truncated
      {"[{\"name\":\"a\"},{\"name\":\"b\"}", false},
  };
  for (const Case& c : cases) {
    for (size_t chunk = 1; chunk <= c.json.size() + 1; ++chunk) {
      SCOPED_TRACE(::testing::Message() << c.json << " chunk " << chunk);
      Graph g;
      ASSERT_OK_AND_ASSIGN(const bool ok, Chunked(c.json, chunk, &g));
      EXPECT_EQ(ok, c.loads);
      if (ok) {
        ASSERT_OK_AND_ASSIGN(const Graph whole, ParseJson(c.json));
        EXPECT_TRUE(SameGraph(g, whole));
      }
    }
  }
}

// An op much larger than the chunk (100,000 inputs): the chunk grows.
TEST(ChunkedLoad, OpLargerThanTheChunk) {
  std::string json = "[{\"name\":\"hub\",\"inputs\":[";
  for (int i = 0; i < 100000; ++i) json += (i ? ",\"in/" : "\"in/") + std::to_string(i) + "\"";
  json += "]},{\"name\":\"after\",\"inputs\":[\"hub\"]}]";
  Graph g;
  LoadStats stats;
  ASSERT_OK_AND_ASSIGN(const bool ok, Chunked(json, 64, &g, SIZE_MAX, &stats));
  ASSERT_TRUE(ok);
  EXPECT_EQ(g.num_nodes(), 100002u);
  EXPECT_EQ(stats.ops, 2u);
  EXPECT_EQ(stats.raw_edges, 100001u);
  EXPECT_EQ(stats.file_bytes, json.size());
}

TEST(ChunkedLoad, ReadErrorsPassThrough) {
  int calls = 0;
  auto read = [&](char* dst, size_t n) -> absl::StatusOr<size_t> {
    if (++calls == 3) return absl::FailedPreconditionError("t.json: error: Input/output error");
    std::fill_n(dst, std::min<size_t>(n, 4), ' ');
    return std::min<size_t>(n, 4);
  };
  Graph g;
  const absl::StatusOr<bool> ok = ParseSparkOpsInChunks("t.json", read, &g, 8);
  EXPECT_EQ(ok.status().code(), absl::StatusCode::kFailedPrecondition);
}

// Through the file API: errors in a chunked file are reported exactly as the
// whole loader reports them (the fallback), and clean files load.
TEST(ChunkedLoad, FileErrorsAreLocatedLikeTheWholeLoader) {
  const std::string dir = ::testing::TempDir();
  const std::vector<std::string> texts = {
      std::string(3 << 20, ' ') + "[{\"name\":\"a\"},{\"name\":\"a\"}]",  // duplicate after 3 MiB
      "[{\"name\":\"a\"},\n{\"name\":\"b\",\"inputs\":[\"a\",]}]",
      "[{\"name\":\"a\"}]\n]",
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string path = dir + "/chunked_" + std::to_string(i) + ".json";
    std::ofstream(path, std::ios::binary) << texts[i];
    const absl::StatusOr<Graph> from_file = LoadSparkOpsFile(path);
    const absl::StatusOr<Graph> in_memory = ParseSparkOps(path, FileBuffer::FromString(texts[i]).data());
    ASSERT_FALSE(from_file.ok());
    EXPECT_EQ(from_file.status(), in_memory.status());
  }
}

// ---- regions parsed in parallel (ParseSparkOpsInRegions) ----

// `json` as a file read with pread semantics, each read returning at most
// `max_read` bytes; the file may claim `size` bytes (to test truncation).
struct MemoryFile {
  std::string json;
  size_t max_read = SIZE_MAX;
  absl::StatusOr<size_t> operator()(char* dst, size_t n, uint64_t at) const {
    if (at >= json.size()) return size_t{0};
    const size_t k = std::min({n, max_read, json.size() - static_cast<size_t>(at)});
    std::copy_n(json.data() + at, k, dst);
    return k;
  }
};

[[nodiscard]] absl::StatusOr<bool> InRegions(const MemoryFile& f, int regions, size_t chunk, Graph* g, LoadStats* stats = nullptr,
                               uint64_t size = 0) {
  RegionOptions o;
  o.regions = regions;
  o.min_region_bytes = 1;
  o.chunk_bytes = chunk;
  return ParseSparkOpsInRegions("t.json", f, size ? size : f.json.size(), o, g, stats);
}

TEST(RegionLoad, SameGraphAsTheWholeLoaderOnRandomFiles) {
  int loaded = 0, tried = 0, split = 0;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    Truth t;
    const MemoryFile f{RandomFile(seed, t), 1 + seed % 13};
    ASSERT_OK_AND_ASSIGN(const Graph whole, ParseJson(f.json));
    for (const int regions : {1, 2, 3, 5, 8}) {
      for (const size_t chunk : {size_t{7}, size_t{200}, size_t{1} << 20}) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed << " regions " << regions << " chunk " << chunk);
        Graph g;
        LoadStats stats;
        ASSERT_OK_AND_ASSIGN(const bool ok, InRegions(f, regions, chunk, &g, &stats));
        ++tried;
        if (!ok) continue;
        ++loaded;
        RegionOptions o;
        o.regions = regions;
        o.min_region_bytes = 1;
        ASSERT_OK_AND_ASSIGN(const std::vector<Region> plan, PlanRegions(f, f.json.size(), o));
        split += plan.size() > 1;
        ASSERT_TRUE(SameGraph(g, whole));
        EXPECT_EQ(stats.file_bytes, f.json.size());  // every byte once, the brackets not counted
        EXPECT_EQ(stats.ops, whole.num_ops());
      }
    }
  }
  EXPECT_GT(loaded, tried / 2) << loaded << " of " << tried;
  EXPECT_GT(split, loaded / 2) << split << " of " << loaded << " loads used several regions";
}

TEST(RegionLoad, NeverAcceptsWhatTheWholeLoaderRejects) {
  int rejected = 0;
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    Truth t;
    Rng rng(seed);
    std::string json = RandomFile(seed % 200, t);
    for (size_t i = 0, n = 1 + Pick(rng, 3); i < n; ++i) json = Mutate(json, rng);
    SCOPED_TRACE(json);
    const absl::StatusOr<Graph> whole = ParseJson(json);
    if (!whole.ok()) ++rejected;
    for (const int regions : {2, 3, 7}) {
      Graph g;
      const absl::StatusOr<bool> ok = InRegions(MemoryFile{json}, regions, 1 + seed % 50, &g);
      ASSERT_TRUE(ok.ok()) << ok.status();
      if (!*ok) continue;
      ASSERT_TRUE(whole.ok()) << regions << " regions accepted a text the whole loader rejects: " << whole.status();
      ASSERT_TRUE(SameGraph(g, *whole)) << regions << " regions";
    }
  }
  EXPECT_GT(rejected, 700);
}

// Boundaries guessed inside strings and nested values, an op defined in two
// regions, an empty array, a BOM: never a wrong graph.
TEST(RegionLoad, BadBoundariesAndCrossRegionDuplicates) {
  const std::vector<std::string> texts = {
      R"([{"name":"a","note":"x},{y},{z},{w"},{"name":"b","inputs":["a"]},{"name":"c","note":"},{"}])",
      R"([{"name":"a","m":[{"x":1},{"y":2},{"z":3},{"w":4}]},{"name":"b","inputs":["a"]}])",
      R"([{"name":"a"},{"name":"b"},{"name":"c"},{"name":"a"}])",
      R"([{"name":"a"}   ,  {"name":"b"} , {"name":"c","inputs":["a","b"]}])",
      "\xEF\xBB\xBF[{\"name\":\"a\"},{\"name\":\"b\"}]",
      "[]",
      "[{\"name\":\"a\"},{\"name\":\"b\"}] x",
  };
  for (const std::string& json : texts) {
    const absl::StatusOr<Graph> whole = ParseJson(json);
    for (int regions = 1; regions <= 12; ++regions) {
      SCOPED_TRACE(::testing::Message() << json << " regions " << regions);
      Graph g;
      ASSERT_OK_AND_ASSIGN(const bool ok, InRegions(MemoryFile{json}, regions, 3, &g));
      if (!ok) continue;
      ASSERT_TRUE(whole.ok()) << whole.status();
      ASSERT_TRUE(SameGraph(g, *whole));
    }
  }
}

TEST(RegionLoad, PlanCutsAtCommasBetweenOps) {
  std::string json = "[";
  for (int i = 0; i < 1000; ++i) json += (i ? ",\n {\"name\":\"op/" : "{\"name\":\"op/") + std::to_string(i) + "\"}";
  json += "]";
  const MemoryFile f{json, 100};
  RegionOptions o;
  o.regions = 4;
  o.min_region_bytes = 1000;
  ASSERT_OK_AND_ASSIGN(const std::vector<Region> r, PlanRegions(f, json.size(), o));
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r.front().begin, 0u);
  EXPECT_FALSE(r.front().open);
  EXPECT_EQ(r.back().end, load_internal::kToEndOfFile);
  EXPECT_FALSE(r.back().close);
  for (size_t k = 1; k < r.size(); ++k) {
    EXPECT_EQ(json[r[k - 1].end], ',');
    EXPECT_EQ(r[k].begin, r[k - 1].end + 1);
    EXPECT_TRUE(r[k].open && r[k - 1].close);
  }
  o.min_region_bytes = json.size();  // too small a file for two regions
  ASSERT_OK_AND_ASSIGN(const std::vector<Region> one, PlanRegions(f, json.size(), o));
  EXPECT_EQ(one.size(), 1u);
  ASSERT_OK_AND_ASSIGN(const std::vector<Region> none, PlanRegions(MemoryFile{"[{\"name\":\"a\"}]"}, 14, o));
  EXPECT_EQ(none.size(), 1u);  // no boundary at all: one region
  // A boundary found past several 64 KiB windows (an op of ~1 MB first).
  std::string big = "[{\"name\":\"hub\",\"inputs\":[";
  for (int i = 0; i < 100000; ++i) big += (i ? ",\"in/" : "\"in/") + std::to_string(i) + "\"";
  big += "]},{\"name\":\"after\",\"inputs\":[\"hub\"]}]";
  o.min_region_bytes = 1;
  o.regions = 2;
  ASSERT_OK_AND_ASSIGN(const std::vector<Region> two, PlanRegions(MemoryFile{big, 1000}, big.size(), o));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(big.substr(two[0].end - 1, 3), "},{");
  Graph g;
  ASSERT_OK_AND_ASSIGN(const bool ok, InRegions(MemoryFile{big, 1000}, 2, 4096, &g));
  ASSERT_TRUE(ok);
  EXPECT_EQ(g.num_nodes(), 100002u);
}

// A file shorter than its announced size (truncated while read): never the
// graph of the shorter text with a claim of the full size.
TEST(RegionLoad, ShortFileIsNotTakenForTheWholeFile) {
  Truth t;
  const std::string json = RandomFile(7, t);
  for (size_t keep = json.size() / 3; keep < json.size(); keep += json.size() / 7) {
    const MemoryFile f{json.substr(0, keep)};
    for (const int regions : {2, 4}) {
      Graph g;
      LoadStats stats;
      ASSERT_OK_AND_ASSIGN(const bool ok, InRegions(f, regions, 64, &g, &stats, json.size()));
      if (ok) {
        EXPECT_NE(stats.file_bytes, json.size()) << "keep " << keep;
      }
    }
  }
}

TEST(RegionLoad, ReadErrorsPassThrough) {
  auto read_at = [](char*, size_t, uint64_t at) -> absl::StatusOr<size_t> {
    if (at > 0) return absl::FailedPreconditionError("t.json: error: Input/output error");
    return size_t{0};
  };
  RegionOptions o;
  o.regions = 2;
  o.min_region_bytes = 1;
  Graph g;
  EXPECT_EQ(ParseSparkOpsInRegions("t.json", read_at, 100, o, &g).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace etldag
