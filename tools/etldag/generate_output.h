// The outputs of `etldag generate` (cmd_generate.cc): the generated ops (and
// durations) to stdout or files, the injected defects and the run state
// noted on stderr. A file that cannot be opened or written is exit 3.
#ifndef ETLDAG_TOOLS_ETLDAG_GENERATE_OUTPUT_H_
#define ETLDAG_TOOLS_ETLDAG_GENERATE_OUTPUT_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/gen/generator.h"

namespace etldag::cli {

// The ops JSON to --output FILE (streamed) or stdout (whole, through
// ctx.out), the durations to --durations FILE. Bad options are usage errors.
[[nodiscard]] absl::Status WriteGeneratedOps(Context& ctx, const GenOptions& opts,
                                             GenSummary* summary);

// "injected cycle: ...", "injected disagreement: ..." and, with --verbose,
// the summary line.
void NoteGenSummary(const Context& ctx, const GenSummary& summary);

// `text` to PATH, or to stdout (ctx.out) when PATH is absent or "-".
[[nodiscard]] absl::Status WriteToOutput(Context& ctx, std::string_view flag, std::string text);

// --run-state FILE and --mutate K: the graph generated in memory, then its
// run state (WriteRunState) and/or its next version (gen_state.h) to
// --output or stdout.
[[nodiscard]] absl::Status WriteGeneratedState(Context& ctx, const GenOptions& opts);

// --format manifest: the same topology as a dbt manifest.json
// (tools/gen/manifest_gen.h) to --output or stdout, its counts noted.
[[nodiscard]] absl::Status WriteGeneratedManifest(Context& ctx, const GenOptions& opts);

// --run-state FILE (and --run-failed FILE) for the generated graph `g`, with
// the injected roots and the uncommitted count noted on stderr.
[[nodiscard]] absl::Status WriteRunState(Context& ctx, const Graph& g, uint64_t seed);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_GENERATE_OUTPUT_H_
