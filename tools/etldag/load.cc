#include "tools/etldag/load.h"

#include <cstdio>
#include <string>

#include "engine/load/load_graph.h"
#include "tools/etldag/fault_guard.h"
#include "tools/etldag/progress.h"

namespace etldag::cli {

absl::StatusOr<Graph> LoadGraphArg(const Context& ctx, std::string_view path, LoadStats* stats) {
  LoadStats local;
  if (stats == nullptr) stats = &local;
  SetMappedFileName(path);  // named if a mapped snapshot is truncated under us
  absl::StatusOr<Graph> g = [&] {
    const Progress progress(ctx, "loading " + std::string(path == "-" ? "<stdin>" : path));
    return LoadGraph(path, stats);  // JSON or snapshot
  }();
  if (!g.ok()) return InputError(MessageOf(g.status()));
  for (const std::string& note : stats->notes) ctx.Note(note);
  if (ctx.verbose) {
    char line[256];
    std::snprintf(line, sizeof(line),
                  "loaded %u nodes (%u ops), %llu edges from %llu bytes in %.1f ms "
                  "(read %.1f, parse %.1f, build %.1f)",
                  g->num_nodes(), g->num_ops(), static_cast<unsigned long long>(g->num_edges()),
                  static_cast<unsigned long long>(stats->file_bytes),
                  1e3 * (stats->read_seconds + stats->parse_seconds + stats->build_seconds),
                  1e3 * stats->read_seconds, 1e3 * stats->parse_seconds,
                  1e3 * stats->build_seconds);
    ctx.Note(line);
  }
  return g;
}

}  // namespace etldag::cli
