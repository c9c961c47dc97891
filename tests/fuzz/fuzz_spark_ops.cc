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
//     rejects is never loaded.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/load/file_buffer.h"
#include "engine/load/json_syntax.h"
#include "engine/load/spark_ops.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/fuzz/graph_json.h"

namespace etldag::fuzz {
namespace {

constexpr std::string_view kFile = "fuzz.json";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

absl::StatusOr<Graph> Parse(std::string_view text, LoadStats* stats) {
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

void Run(std::string_view text) {
  LoadStats stats;
  absl::StatusOr<Graph> g = Parse(text, &stats);
  std::string_view json = text;
  if (json.substr(0, kBom.size()) == kBom) json.remove_prefix(kBom.size());
  const bool valid_json = !load_internal::FindJsonSyntaxError(json).has_value();
  if (!g.ok()) {
    Check(g.status().code() == absl::StatusCode::kInvalidArgument, "load error is not InvalidArgument",
          g.status().ToString());
    CheckLocatedError(g.status(), kFile, text);
    return;
  }
  Check(valid_json, "invalid JSON (strict scanner) was loaded", text);
  CheckGraph(*g);
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
