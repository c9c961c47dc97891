// dbt's run results: target/run_results.json (`dbt run`/`build`/`test`) or
// target/sources.json (`dbt source freshness`), both
//   {"metadata": {...}, "results": [{"unique_id": "model.p.x",
//     "status": "success", "execution_time": 1.25, ...}, ...], ...}
// -> one entry per result, in file order. Required: "results" an array of
// objects, each with a non-empty string "unique_id" and a string "status";
// "execution_time" (seconds, a finite number >= 0) is optional (a sources.json
// result has "execution_time" too, or none in old versions). A unique_id
// twice: the later entry wins (dbt writes each once).
// Errors: InvalidArgument with the full "FILE:LINE:COL: error: ..." text.
#ifndef ETLDAG_ENGINE_LOAD_RUN_RESULTS_H_
#define ETLDAG_ENGINE_LOAD_RUN_RESULTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"

namespace etldag {

struct RunResult {
  std::string unique_id;
  std::string status;                     // success, error, fail, warn, pass, skipped, ...
  std::optional<double> execution_time;   // seconds
  uint64_t line = 0;                      // 1-based line of the result's unique_id
};

// Parses `padded_json` (kFileBufferPadding readable bytes after it).
[[nodiscard]] absl::StatusOr<std::vector<RunResult>> ParseRunResults(std::string_view file_name,
                                                                     std::string_view padded_json);
// Reads `path` ("-" = stdin; gzip-compressed too) and parses it.
[[nodiscard]] absl::StatusOr<std::vector<RunResult>> LoadRunResults(std::string_view path);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_RUN_RESULTS_H_
