// The spark_ops.json loader: a JSON array of op objects -> Graph.
//
// Format: the top level is an array; each element an object with
//   "name"        string, required, unique, non-empty, no control characters;
//   "inputs"      array of names the op reads (u -> op), optional, null = [];
//   "successors"  array of names that read the op (op -> w), optional, null = [];
//   "type"/"kind" string: the op's kind ("type" wins; a non-string is ignored).
// Every other field is validated as JSON and skipped. Fields come in any
// order; a recognised field twice in one op is an error. Names referenced but
// not defined become external nodes. A leading UTF-8 BOM is skipped. Nesting
// deeper than 1024 arrays/objects is an error.
//
// Every error is absl::InvalidArgumentError (content) or FileBuffer's codes
// (unreadable) whose message is the full text to print: the first line is
// "FILE:LINE:COL: error: WHAT", then the offending line and a caret line (see
// source_location.h); no trailing newline.
#ifndef ETLDAG_ENGINE_LOAD_SPARK_OPS_H_
#define ETLDAG_ENGINE_LOAD_SPARK_OPS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"

namespace etldag {

struct LoadStats {
  double read_seconds = 0;   // reading the file
  double parse_seconds = 0;  // JSON parse + interning names + collecting edges
  double build_seconds = 0;  // GraphBuilder::Build (sort, CSR)
  uint64_t file_bytes = 0;
  uint64_t ops = 0;
  uint64_t raw_edges = 0;    // edge declarations before duplicates collapse
  std::vector<std::string> notes;  // for stderr (e.g. a newer dbt manifest schema)
};

// Parses `padded_json`, whose data()[size() .. size() + 64) must be readable
// (FileBuffer guarantees it). `file_name` is only used in messages.
[[nodiscard]] absl::StatusOr<Graph> ParseSparkOps(std::string_view file_name, std::string_view padded_json,
                                                  LoadStats* stats = nullptr);

// Reads `path` ("-" = stdin) with FileBuffer, then ParseSparkOps.
[[nodiscard]] absl::StatusOr<Graph> LoadSparkOpsFile(std::string_view path, LoadStats* stats = nullptr);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_SPARK_OPS_H_
