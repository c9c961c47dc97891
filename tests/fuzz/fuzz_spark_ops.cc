// Fuzz target: the spark_ops.json loader (ParseSparkOps on a padded copy).
//
// Checks, for every input:
//   - accepted: the graph satisfies every invariant (fuzz_checks.h); the load
//     statistics agree with it; the text is valid JSON by the strict scanner
//     (json_syntax.h), i.e. simdjson's On-Demand skipping accepted nothing
//     invalid; and writing the graph back as JSON (graph_json.h) and loading
//     that gives the same graph, array for array (names escape and unescape
//     losslessly, kinds, externals, sides of edges all survive);
//   - rejected: InvalidArgument whose first line is "fuzz.json:LINE:COL:
//     error: ..." at a real position of the input;
//   - the strict scanner's verdict and the loader's agree: text the scanner
//     rejects is never loaded;
//   - on every valid JSON text the loader agrees with a naive model of the
//     format (spark_ops_oracle.h): same verdict, and when accepted the same
//     names, externals, kinds, edges, disagreements and self-loops;
//   - the chunked loader (chunked_load.h, what regular files go through), at
//     a chunk size taken from the input's length, returns a graph only for
//     texts the whole loader accepts, and then exactly the same graph.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "engine/load/internal/chunked_load.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/spark_ops.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/fuzz/graph_json.h"
#include "tests/fuzz/spark_ops_oracle.h"

namespace etldag::fuzz {
namespace {

constexpr std::string_view kFile = "fuzz.json";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

[[nodiscard]] absl::StatusOr<Graph> Parse(std::string_view text, LoadStats* stats) {
  std::string padded(text);
  padded.append(kFileBufferPadding, '\0');
  return ParseSparkOps(kFile, std::string_view(padded.data(), text.size()), stats);
}

void CheckRoundTrip(const Graph& g) {
  const std::string json = ToSparkOpsJson(g);
  absl::StatusOr<Graph> again = Parse(json, nullptr);
  if (!again.ok()) Fail("the graph written back as JSON does not load", std::string(again.status().message()) + "\n" + json);
  if (!SameGraph(g, *again)) Fail("the graph written back as JSON loads as another graph", json);
}

void CheckAgainstModel(const Graph& g, const ExpectedGraph& e) {
  Check(g.num_nodes() == e.kind.size(), "node count differs from the model");
  NodeId v = 0;
  for (const auto& [name, kind] : e.kind) {
    Check(g.name(v) == name, "names differ from the model", name);
    Check(g.is_external(v) == (e.externals.count(name) > 0), "external flag differs from the model", name);
    Check(g.kind_name(g.kind(v)) == kind, "kind differs from the model", name + " / " + kind);
    ++v;
  }
  Check(g.num_edges() == e.edges.size(), "edge count differs from the model");
  size_t disagreements = 0, loops = 0;
  for (const auto& [edge, sides] : e.edges) {
    const std::optional<NodeId> u = g.Find(edge.first), w = g.Find(edge.second);
    Check(u && w && HasIn(g, *w, *u), "a model edge is missing", edge.first + " -> " + edge.second);
    const bool ops = !e.externals.count(edge.first) && !e.externals.count(edge.second);
    if (ops && sides != 3) {
      ++disagreements;
      Check(DeclaredSide(g, *u, *w) == static_cast<EdgeSide>(sides), "disagreement differs from the model",
            edge.first + " -> " + edge.second);
    }
    loops += edge.first == edge.second;
  }
  Check(g.disagreements().size() == disagreements, "disagreement count differs from the model");
  Check(g.self_loops().size() == loops, "self-loop count differs from the model");
}

void CheckChunked(std::string_view text, const absl::StatusOr<Graph>& whole) {
  size_t at = 0;
  auto read = [&](char* dst, size_t n) -> absl::StatusOr<size_t> {
    const size_t k = std::min(n, text.size() - at);
    std::memcpy(dst, text.data() + at, k);
    at += k;
    return k;
  };
  Graph g;
  const absl::StatusOr<bool> loaded =
      load_internal::ParseSparkOpsInChunks(kFile, read, &g, 1 + text.size() % 97, text.size());
  Check(loaded.ok(), "chunked load failed without asking for a whole parse", loaded.status().ToString());
  if (!*loaded) return;
  Check(whole.ok(), "the chunked loader accepted what the whole loader rejects", text);
  Check(SameGraph(g, *whole), "the chunked loader built a different graph", text);
}

// The parallel region loader (2-6 regions, small chunks) must agree too,
// and count every byte of the file once.
void CheckRegions(std::string_view text, const absl::StatusOr<Graph>& whole) {
  auto read_at = [&](char* dst, size_t n, uint64_t at) -> absl::StatusOr<size_t> {
    if (at >= text.size()) return size_t{0};
    const size_t k = std::min<size_t>(n, text.size() - at);
    std::memcpy(dst, text.data() + at, k);
    return k;
  };
  load_internal::RegionOptions options;
  options.regions = 2 + static_cast<int>(text.size() % 5);
  options.min_region_bytes = 1;
  options.chunk_bytes = 1 + text.size() % 89;
  Graph g;
  LoadStats stats;
  const absl::StatusOr<bool> loaded =
      load_internal::ParseSparkOpsInRegions(kFile, read_at, text.size(), options, &g, &stats);
  Check(loaded.ok(), "region load failed without asking for a whole parse", loaded.status().ToString());
  if (!*loaded) return;
  Check(whole.ok(), "the region loader accepted what the whole loader rejects", text);
  Check(SameGraph(g, *whole), "the region loader built a different graph", text);
  Check(stats.file_bytes == text.size(), "the region loader did not count every byte once", text);
}

void Run(std::string_view text) {
  LoadStats stats;
  absl::StatusOr<Graph> g = Parse(text, &stats);
  CheckChunked(text, g);
  CheckRegions(text, g);
  std::string_view json = text;
  if (json.substr(0, kBom.size()) == kBom) json.remove_prefix(kBom.size());
  const bool valid_json = !load_internal::FindJsonSyntaxError(json).has_value();
  std::optional<ExpectedGraph> model;
  if (valid_json) model = ModelSparkOps(DomParser(json).Parse());
  Check(g.ok() == model.has_value() || !valid_json, g.ok() ? "the loader accepted what the model rejects"
                                                         : "the loader rejected what the model accepts",
        g.ok() ? std::string(text) : std::string(g.status().message()));
  if (!g.ok()) {
    Check(g.status().code() == absl::StatusCode::kInvalidArgument, "load error is not InvalidArgument",
          g.status().ToString());
    CheckLocatedError(g.status(), kFile, text);
    return;
  }
  Check(valid_json, "invalid JSON (strict scanner) was loaded", text);
  CheckGraph(*g);
  CheckAgainstModel(*g, *model);
  Check(stats.ops == g->num_ops(), "LoadStats::ops != num_ops()");
  Check(stats.raw_edges >= g->num_edges(), "fewer raw edges than edges");
  Check(stats.file_bytes == text.size(), "LoadStats::file_bytes != input size");
  CheckRoundTrip(*g);
}

}  // namespace
}  // namespace etldag::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  etldag::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
