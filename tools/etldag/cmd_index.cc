// etldag index GRAPH --output FILE.etldag: saves the loaded graph as a binary
// snapshot (engine/graph/snapshot.h) that every command then loads by mmap in
// milliseconds instead of parsing the JSON again.
#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "engine/base/status.h"
#include "engine/base/stopwatch.h"
#include "engine/graph/snapshot.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"

namespace etldag::cli {
namespace {

// True when `a` and `b` name the same existing file.
bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

[[nodiscard]] absl::StatusOr<ExitCode> RunIndex(Context& ctx) {
  const std::string& graph_arg = ctx.args.positionals()[0];
  const std::optional<std::string_view> out_arg = ctx.args.Get("output");
  if (!out_arg.has_value()) return ctx.Usage("missing --output FILE (where to write the snapshot)");
  const std::string output(*out_arg);
  if (output == "-") return ctx.Usage("a snapshot is binary: --output needs a file name, not stdout");
  if (SameFile(graph_arg, output)) return ctx.Usage("--output " + output + " would overwrite the input");
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, graph_arg));
  const Stopwatch timer;
  if (absl::Status s = WriteSnapshot(g, output); !s.ok()) return InputError(MessageOf(s));
  if (ctx.verbose) {
    struct stat st {};
    (void)::stat(output.c_str(), &st);
    char line[256];
    std::snprintf(line, sizeof(line), "wrote %s: %u nodes, %llu edges, %lld bytes in %.1f ms", output.c_str(),
                  g.num_nodes(), static_cast<unsigned long long>(g.num_edges()),
                  static_cast<long long>(st.st_size),
                  timer.Millis());
    ctx.Note(line);
  }
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& IndexCommand() {
  static const CommandSpec spec{
      .name = "index",
      .aliases = {},
      .summary = "Save the graph as a binary snapshot that every command loads in milliseconds",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "Writes the compact graph (names, both adjacency lists, kinds, externals,\n"
          "disagreements, self-loops) to a versioned, checksummed, little-endian file,\n"
          "atomically (a temporary file in the same directory, then rename). Every\n"
          "command accepts the snapshot wherever it accepts a spark_ops.json: it is\n"
          "recognised by its first bytes and mapped, not parsed. A snapshot that is\n"
          "truncated, damaged or written by another etldag version is refused with\n"
          "exit code 3; re-run `etldag index` to refresh it.",
      .example =
          "etldag index data/spark_ops.json -o ops.etldag\n"
          "etldag downstream ops.etldag contract/transacao-savings-entries",
      .flags = {{"output", "FILE", "the snapshot to write (required)", false, 'o'}},
      .formats = {},
      .run = &RunIndex,
      .extra_arg_flags = {"output"},
  };
  return spec;
}

}  // namespace etldag::cli
