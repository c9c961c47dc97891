// The --committed FILE flag of retraction-set: what the run committed (a
// plain list of names, or the metadata service's transaction JSON;
// engine/load/committed.h), with its warnings and notes on stderr.
#ifndef ETLDAG_TOOLS_ETLDAG_COMMITTED_ARG_H_
#define ETLDAG_TOOLS_ETLDAG_COMMITTED_ARG_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/load/committed.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

// Examples listed in a warning, at most.
inline constexpr size_t kMaxExamples = 5;

struct Committed {
  std::string file;  // "" without --committed
  CommittedDatasets data;
};

// Reads --committed (an empty Committed without the flag); exit 3 on a bad
// file; usage error for an unflagged list without --assume-committed.
// Committed names not in the graph are warned about with the consequence
// given (retraction-set: "so not in the retraction set").
[[nodiscard]] absl::StatusOr<Committed> ReadCommitted(
    const Context& ctx, const Graph& g,
    std::string_view unknown_consequence = "so not in the retraction set");

// "a, b, ... (N more)" for `names` out of `total`.
std::string Examples(const std::vector<std::string>& names, uint64_t total);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_COMMITTED_ARG_H_
