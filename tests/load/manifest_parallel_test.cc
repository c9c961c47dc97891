// The parallel manifest reader (manifest_parallel.h) against the one-reader
// path (ParseDbtManifestWhole): whenever it returns a graph, that graph is
// byte for byte the whole reader's (snapshots compared, attributes
// included); it never returns a graph for a text the whole reader rejects;
// on valid manifests it does return one. Random manifests (escaped ids,
// ignored map edges, disagreeing maps, values in between, any spacing) and
// the shared real ones, with 2 to 8 readers and ranges split down to a byte.
#include "engine/load/internal/manifest_parallel.h"

#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/graph/snapshot.h"
#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/load/gzip.h"
#include "engine/load/internal/manifest_reader.h"
#include "engine/load/internal/op_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/etldag_binary.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using load_internal::JsonInput;
using load_internal::ManifestParse;
using load_internal::ReaderOptions;
using load_internal::ReadManifestInParallel;
using ::etldag::testing::IsOk;

struct Rng {
  explicit Rng(uint64_t seed) : engine(seed) {}
  uint64_t Uniform(uint64_t bound) { return std::uniform_int_distribution<uint64_t>(0, bound - 1)(engine); }
  std::mt19937_64 engine;
};

// The snapshot bytes of `g` (every array, attributes included).
std::string Bytes(const Graph& g) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("g.etldag");
  EXPECT_THAT(WriteSnapshot(g, path), IsOk());
  return testing::ReadFile(path);
}

// The parallel reader: nullopt when it declined ("read it whole").
std::optional<Graph> Parallel(const FileBuffer& buf, size_t readers, uint64_t min_split) {
  const JsonInput in{"m.json", buf.data(), 0};
  ReaderOptions options;
  options.readers = readers;
  options.min_range_bytes = 1;
  options.min_split_bytes = min_split;
  ManifestParse parse;
  absl::StatusOr<bool> ok = ReadManifestInParallel(in, options, &parse);
  EXPECT_THAT(ok.status(), IsOk());
  if (!ok.ok() || !*ok) return std::nullopt;
  absl::StatusOr<Graph> g = load_internal::BuildLoadedGraph("m.json", std::move(parse.builder));
  EXPECT_THAT(g.status(), IsOk());
  if (!g.ok()) return std::nullopt;
  return *std::move(g);
}

// A random manifest: nodes with attributes and parents (some escaped, some
// undefined: externals), sources, values the reader skips, parent_map and
// child_map that agree with depends_on except for a few edges, some between
// undefined ids (ignored).
std::string RandomManifest(uint64_t seed) {
  Rng rng(seed);
  const bool pretty = rng.Uniform(2) == 0;
  const std::string sep = pretty ? ",\n  " : ",", colon = pretty ? ": " : ":";
  const int n = 1 + static_cast<int>(rng.Uniform(120));
  auto id = [&](int i) {
    // Every 7th id is escaped in its key ("\u0041" = "A"); references use
    // either spelling.
    return i % 7 == 3 ? absl::StrCat("model.p.m", i, "\\u0041") : absl::StrCat("model.p.m", i, i % 7 == 3 ? "A" : "");
  };
  auto ref = [&](int i) { return i % 7 == 3 && rng.Uniform(2) == 0 ? absl::StrCat("model.p.m", i, "A") : id(i); };
  std::vector<std::vector<int>> parents(n);
  for (int v = 1; v < n; ++v) {
    for (int k = static_cast<int>(rng.Uniform(4)); k > 0; --k) parents[v].push_back(static_cast<int>(rng.Uniform(v)));
  }
  std::string s = "{\"metadata\"" + colon + "{\"dbt_schema_version\"" + colon +
                  "\"https://schemas.getdbt.com/dbt/manifest/v12.json\"" + sep + "\"project_name\"" + colon + "\"p\"}";
  auto field = [&](const std::string& key, const std::string& value) { s += sep + "\"" + key + "\"" + colon + value; };
  auto filler = [&] {  // values that are only validated
    switch (rng.Uniform(4)) {
      case 0: field("docs", "{\"doc.p.a\"" + colon + "{\"x\"" + colon + "[1, 2.5e3, null, true]}}"); break;
      case 1: field("selectors", "[]"); break;
      case 2: field("group_map", "null"); break;
      default: field("macros", "{\"macro.p.m\"" + colon + "{\"name\"" + colon + "\"m\\n\"}" + sep + "\"macro.p.n\"" + colon + "{}}"); break;
    }
  };
  filler();
  std::string nodes = "{";
  for (int v = 0; v < n; ++v) {
    if (v > 0) nodes += sep;
    nodes += "\"" + id(v) + "\"" + colon + "{\"resource_type\"" + colon + "\"" + (v % 11 == 5 ? "test" : "model") + "\"";
    nodes += sep + "\"name\"" + colon + "\"m" + std::to_string(v) + "\"" + sep + "\"package_name\"" + colon + "\"p\"";
    nodes += sep + "\"fqn\"" + colon + "[\"p\"" + sep + "\"dir" + std::to_string(v % 3) + "\"" + sep + "\"m" + std::to_string(v) + "\"]";
    nodes += sep + "\"tags\"" + colon + (v % 4 == 0 ? "[\"x\"" + sep + "\"t" + std::to_string(v % 5) + "\"]" : "[]");
    nodes += sep + "\"config\"" + colon + "{\"materialized\"" + colon + "\"" + (v % 2 ? "table" : "view") + "\"" + sep +
             "\"enabled\"" + colon + "true}";
    nodes += sep + "\"checksum\"" + colon + "{\"name\"" + colon + "\"sha256\"" + sep + "\"checksum\"" + colon + "\"c" +
             std::to_string(v % 13) + "\"}";
    nodes += sep + "\"columns\"" + colon + "{\"a\"" + colon + "{\"description\"" + colon + "\"x \\\" y\"}}";
    nodes += sep + "\"depends_on\"" + colon + "{\"macros\"" + colon + "[]" + sep + "\"nodes\"" + colon + "[";
    for (size_t k = 0; k < parents[v].size(); ++k) nodes += (k ? sep : "") + "\"" + ref(parents[v][k]) + "\"";
    if (v % 9 == 8) nodes += std::string(parents[v].empty() ? "" : sep) + "\"source.p.external" + std::to_string(v) + "\"";
    nodes += "]}}";
  }
  nodes += "}";
  field("nodes", nodes);
  if (rng.Uniform(3) == 0) filler();
  field("sources", "{\"source.p.raw.a\"" + colon + "{\"source_name\"" + colon + "\"raw\"" + sep + "\"name\"" + colon + "\"a\"}}");
  filler();
  auto map = [&](bool parent_side) {
    std::string m = "{";
    for (int v = 0; v < n; ++v) {
      if (v > 0) m += sep;
      m += "\"" + ref(v) + "\"" + colon + "[";
      std::vector<int> list;
      if (parent_side) {
        list = parents[v];
      } else {
        for (int c = v + 1; c < n; ++c) {
          for (int p : parents[c]) {
            if (p == v) list.push_back(c);
          }
        }
      }
      if (rng.Uniform(10) == 0 && v + 1 < n) list.push_back(v + 1);  // disagrees with depends_on
      for (size_t k = 0; k < list.size(); ++k) m += (k ? sep : "") + "\"" + ref(list[k]) + "\"";
      m += "]";
    }
    if (rng.Uniform(2) == 0) m += sep + "\"model.p.gone\"" + colon + "[\"model.p.gone2\"]";  // ignored
    return m + "}";
  };
  if (rng.Uniform(4) != 0) field("parent_map", map(true));
  if (rng.Uniform(3) == 0) filler();
  if (rng.Uniform(4) != 0) field("child_map", map(false));
  return s + (pretty ? "\n}\n" : "}");
}

constexpr size_t kReaders[] = {2, 3, 8};
constexpr uint64_t kMinSplit[] = {1, 300, uint64_t{1} << 40};

TEST(ManifestParallel, SameGraphAsTheWholeReaderOnRandomManifests) {
  for (uint64_t seed = 0; seed < 60; ++seed) {
    const std::string json = RandomManifest(seed);
    const FileBuffer buf = FileBuffer::FromString(json, "m.json");
    ASSERT_OK_AND_ASSIGN(const Graph whole, ParseDbtManifestWhole("m.json", buf.data()));
    const std::string want = Bytes(whole);
    for (const size_t readers : kReaders) {
      for (const uint64_t split : kMinSplit) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed << " readers " << readers << " split " << split);
        const std::optional<Graph> g = Parallel(buf, readers, split);
        ASSERT_TRUE(g.has_value()) << "declined a valid manifest";
        ASSERT_EQ(Bytes(*g), want);
      }
    }
  }
}

// Two readers cut at every byte offset t: [start, t) and [t, end) read
// together what one reader reads (the entry whose key starts at or after t
// is the second reader's, whatever lies around t).
TEST(ManifestParallel, TwoRangesCutAnywhereReadTheWholeDocument) {
  namespace od = simdjson::ondemand;
  for (uint64_t seed : {1u, 4u, 6u}) {
    const std::string json = RandomManifest(seed);
    const FileBuffer buf = FileBuffer::FromString(json, "m.json");
    const JsonInput in{"m.json", buf.data(), 0};
    ASSERT_OK_AND_ASSIGN(const Graph whole, ParseDbtManifestWhole("m.json", buf.data()));
    const std::string want = Bytes(whole);
    // Offsets evenly spread, and the quotes that open ids (entry keys among
    // them: a cut exactly at a key).
    std::vector<size_t> cuts;
    for (size_t t = 0; t <= json.size(); t += 1 + json.size() / 100) cuts.push_back(t);
    std::vector<size_t> quotes;
    for (size_t t = json.find("\"model.p."); t != std::string::npos; t = json.find("\"model.p.", t + 1)) quotes.push_back(t);
    for (size_t i = 0; i < quotes.size(); i += 1 + quotes.size() / 100) cuts.push_back(quotes[i]);
    for (const size_t t : cuts) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << " cut at " << t);
      const char* cut = buf.data().data() + t;
      GraphBuilder first_builder, second_builder;
      load_internal::ManifestReader first(in, first_builder), second(in, second_builder);
      load_internal::RangeControl control;
      control.until.store(cut);
      od::parser p1, p2;
      od::document d1, d2;
      const simdjson::padded_string_view view(buf.data().data(), json.size(), json.size() + kFileBufferPadding);
      ASSERT_FALSE(p1.iterate(view).get(d1));
      ASSERT_FALSE(p2.iterate(view).get(d2));
      ASSERT_THAT(first.ReadRange(d1, nullptr, &control), IsOk());
      ASSERT_THAT(second.ReadRange(d2, cut, nullptr), IsOk());
      ASSERT_TRUE(first_builder.MergeFrom(std::move(second_builder)));
      first.AddMapEdges(first.map_edges());
      first.AddMapEdges(second.map_edges());
      ASSERT_OK_AND_ASSIGN(const Graph g, load_internal::BuildLoadedGraph("m.json", std::move(first_builder)));
      ASSERT_EQ(Bytes(g), want);
    }
  }
}

TEST(ManifestParallel, NeverAcceptsWhatTheWholeReaderRejects) {
  int rejected = 0;
  for (uint64_t seed = 0; seed < 400; ++seed) {
    std::string json = RandomManifest(seed % 40);
    Rng rng(seed);
    // One byte changed, dropped or doubled anywhere: most such texts are
    // invalid, a few are another valid manifest.
    const size_t at = rng.Uniform(json.size());
    switch (seed % 3) {
      case 0: json[at] = "{}[],:\"\\ a1"[rng.Uniform(12)]; break;
      case 1: json.erase(at, 1); break;
      default: json.insert(at, 1, json[at]); break;
    }
    const FileBuffer buf = FileBuffer::FromString(json, "m.json");
    const absl::StatusOr<Graph> whole = ParseDbtManifestWhole("m.json", buf.data());
    SCOPED_TRACE(::testing::Message() << "seed " << seed << " at " << at);
    const std::optional<Graph> g = Parallel(buf, 2 + seed % 3, seed % 2 ? 1 : 1000);
    if (!whole.ok()) {
      ++rejected;
      ASSERT_FALSE(g.has_value()) << "accepted what the whole reader rejects: " << whole.status();
      // The public entry point reads it whole again: the same located error.
      const absl::StatusOr<Graph> pub = ParseDbtManifest("m.json", buf.data());
      ASSERT_EQ(pub.status(), whole.status());
    } else if (g.has_value()) {
      ASSERT_EQ(Bytes(*g), Bytes(*whole));
    }
  }
  EXPECT_GT(rejected, 100);
}

TEST(ManifestParallel, AnIdDefinedInTwoRangesIsLeftToTheWholeReader) {
  std::string nodes;
  for (int i = 0; i < 200; ++i) {
    nodes += absl::StrCat(i ? ", " : "", "\"model.p.m", i == 199 ? 0 : i, "\": {\"resource_type\": \"model\"}");
  }
  const std::string json =
      "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"}, \"nodes\": {" +
      nodes + "}}";
  const FileBuffer buf = FileBuffer::FromString(json, "m.json");
  EXPECT_FALSE(Parallel(buf, 4, 1).has_value());
  const absl::StatusOr<Graph> whole = ParseDbtManifestWhole("m.json", buf.data());
  EXPECT_THAT(std::string(whole.status().message()), ::testing::HasSubstr("duplicate unique_id \"model.p.m0\""));
}

TEST(ManifestParallel, SameGraphOnTheRealManifests) {
  const char* src = std::getenv("ETLDAG_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  for (const char* name : {"tuva", "fivetran_hubspot", "gnosis_cerebro", "flipside_thorchain"}) {
    SCOPED_TRACE(name);
    const std::string gz = testing::ReadFile(absl::StrCat(src, "/data/dbt/", name, ".manifest.json.gz"));
    ASSERT_OK_AND_ASSIGN(const FileBuffer buf, InflateGzip(name, gz));
    ASSERT_OK_AND_ASSIGN(const Graph whole, ParseDbtManifestWhole("m.json", buf.data()));
    const std::string want = Bytes(whole);
    for (const size_t readers : kReaders) {
      for (const uint64_t split : {uint64_t{1}, uint64_t{4096}, uint64_t{1} << 40}) {
        SCOPED_TRACE(::testing::Message() << "readers " << readers << " split " << split);
        const std::optional<Graph> g = Parallel(buf, readers, split);
        ASSERT_TRUE(g.has_value());
        ASSERT_EQ(Bytes(*g), want);
      }
    }
  }
}

TEST(ManifestParallel, TasksAreBoundedByTheIndexMemory) {
  const std::string json = RandomManifest(5);
  const FileBuffer buf = FileBuffer::FromString(json, "m.json");
  const JsonInput in{"m.json", buf.data(), 0};
  ReaderOptions options;
  options.readers = 8;
  options.min_range_bytes = 1;
  options.min_split_bytes = uint64_t{1} << 40;  // no splits: one range per task
  options.max_index_bytes = 3 * json.size();
  ManifestParse parse;
  ASSERT_OK_AND_ASSIGN(const bool ok, ReadManifestInParallel(in, options, &parse));
  ASSERT_TRUE(ok);
  EXPECT_EQ(parse.tasks, 3u);
  EXPECT_EQ(parse.ranges, 3u);
  options.max_index_bytes = 1;  // two tasks whatever the size
  ManifestParse two;
  ASSERT_OK_AND_ASSIGN(const bool ok_two, ReadManifestInParallel(in, options, &two));
  ASSERT_TRUE(ok_two);
  EXPECT_EQ(two.tasks, 2u);
}

TEST(ManifestParallel, OneReaderOrASmallDocumentIsReadWhole) {
  const std::string json = RandomManifest(3);
  const FileBuffer buf = FileBuffer::FromString(json, "m.json");
  const JsonInput in{"m.json", buf.data(), 0};
  ManifestParse parse;
  ReaderOptions one;
  one.readers = 1;
  one.min_range_bytes = 1;
  ASSERT_OK_AND_ASSIGN(const bool with_one, ReadManifestInParallel(in, one, &parse));
  EXPECT_FALSE(with_one);
  ReaderOptions small;  // 1 MiB per reader at least
  ASSERT_OK_AND_ASSIGN(const bool with_small, ReadManifestInParallel(in, small, &parse));
  EXPECT_FALSE(with_small);
}

}  // namespace
}  // namespace etldag
