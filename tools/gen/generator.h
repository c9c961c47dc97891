// Generator of realistic spark_ops.json files (and matching durations) for
// tests, benchmarks and demos: a layered DAG of raw/, contract/, dataset/,
// model/, policy/ ... ops with heavy-tailed fan-out and fan-in, a few percent
// of inputs naming externals, optional injected faults (one cycle, K
// one-sided edges). Deterministic: the same options give the same bytes on
// every platform (own PRNG; durations use std::exp, rounded to 0.1 s).
// Shapes, ranges and the algorithm: tools/gen/topology.h, data/README.md.
#ifndef ETLDAG_TOOLS_GEN_GENERATOR_H_
#define ETLDAG_TOOLS_GEN_GENERATOR_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace etldag {

inline constexpr uint64_t kGenMaxOps = 200'000'000;

struct GenOptions {
  uint64_t num_ops = 1000;     // 0 gives "[]"
  uint64_t seed = 42;
  bool cycle = false;          // inject one cycle (consistent on both sides)
  uint64_t disagreements = 0;  // K edges declared on one side only
  bool pretty = false;         // json.dumps(indent=2) instead of one op a line
};

struct GenSummary {
  uint64_t num_ops = 0;
  uint64_t num_edges = 0;      // distinct edges, incl. from externals and the cycle
  uint64_t num_externals = 0;  // distinct external names referenced
  uint64_t external_refs = 0;  // input entries naming an external
  uint32_t max_level = 0;      // longest path (externals level 0), before the cycle
  uint32_t num_layers = 0;
  std::vector<std::string> cycle;  // a -> ... -> d (-> a); empty without --cycle
  // One line per disagreement, e.g. `"u" -> "v": only in successors of "u"`.
  std::vector<std::string> disagreements;
};

// Writes the ops JSON to `out` and, when `durations_out` is not null, a
// {"name": seconds} object for every op. `summary` may be null.
// InvalidArgument for impossible options, DataLoss for write errors.
[[nodiscard]] absl::Status GenerateSparkOps(const GenOptions& options, std::FILE* out,
                                            std::FILE* durations_out, GenSummary* summary);

// The same into memory. `durations` and `summary` may be null.
[[nodiscard]] absl::StatusOr<std::string> GenerateSparkOpsString(const GenOptions& options,
                                                   std::string* durations = nullptr,
                                                   GenSummary* summary = nullptr);

// "ops=3000 edges=14321 externals=120 (421 refs) max_level=20 layers=20".
std::string FormatGenSummary(const GenSummary& summary);

}  // namespace etldag

#endif  // ETLDAG_TOOLS_GEN_GENERATOR_H_
