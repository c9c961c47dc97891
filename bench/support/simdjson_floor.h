// The "floor" of the load: a spark_ops.json walked by simdjson's On-Demand
// API alone. Every op of the top-level array is visited; its "name" and every
// string of its "inputs" and "successors" are read (unescaped) and touched
// (length and first byte folded into a checksum so nothing is optimised
// away); every other field is skipped by On-Demand. Nothing is built: no
// interning, no edges, no validation of skipped fields. Whatever the loader
// does beyond this is its own cost, so load time / floor time is the ratio
// the benchmarks report.
//
// Like the loader (engine/load/op_reader.cc), each walk uses a fresh parser
// sized to the input, as a one-shot process would.
#ifndef ETLDAG_BENCH_SUPPORT_SIMDJSON_FLOOR_H_
#define ETLDAG_BENCH_SUPPORT_SIMDJSON_FLOOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace etldag::bench {

struct FloorWalk {
  uint64_t ops = 0;
  uint64_t strings = 0;       // names + inputs + successors
  uint64_t string_bytes = 0;  // their unescaped lengths
  uint64_t checksum = 0;
};

// `padded_json` must have at least 64 readable bytes after its end
// (simdjson::SIMDJSON_PADDING; FileBuffer guarantees it). Returns false and
// sets `error` when the JSON is not an array of objects.
bool WalkSparkOps(std::string_view padded_json, FloorWalk* out, std::string* error);

// Every name string of the file in file order (each op's "name", "inputs"
// and "successors" strings, as they come), op by op: op k's strings are
// names[op_starts[k], op_starts[k + 1]) (op_starts ends with names.size()).
// For benchmarking interning on its own (load_bench.cc BM_Intern).
bool CollectOpNames(std::string_view padded_json, std::vector<std::string>* names,
                    std::vector<size_t>* op_starts, std::string* error);

// Reads `path` with simdjson::padded_string::load, then WalkSparkOps.
bool WalkSparkOpsFile(const std::string& path, FloorWalk* out, std::string* error);

}  // namespace etldag::bench

#endif  // ETLDAG_BENCH_SUPPORT_SIMDJSON_FLOOR_H_
