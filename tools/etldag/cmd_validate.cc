// etldag validate GRAPH: is the file a clean DAG with consistent
// inputs/successors? Lists cycles (with a path each), self-loops and
// disagreements (capped by --limit, with totals); exit 1 when any exists.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/algo/cycles.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/command.h"
#include "tools/etldag/report.h"
#include "tools/etldag/load.h"

namespace etldag::cli {
namespace {

constexpr uint64_t kDefaultLimit = 20;

struct Problems {
  std::vector<Cycle> cycles;               // components of 2+ nodes
  std::vector<Disagreement> disagreements;  // sorted by (from, to)
  std::vector<NodeId> externals;           // sorted
  bool clean() const { return cycles.empty() && disagreements.empty(); }
};

Problems Find(const Graph& g) {
  Problems p;
  for (Cycle& c : FindCycles(g)) {
    if (c.component.size() >= 2) p.cycles.push_back(std::move(c));
  }
  p.disagreements.assign(g.disagreements().begin(), g.disagreements().end());
  std::sort(p.disagreements.begin(), p.disagreements.end(),
            [](const Disagreement& a, const Disagreement& b) {
              return a.from != b.from ? a.from < b.from : a.to < b.to;
            });
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (g.is_external(v)) p.externals.push_back(v);
  }
  return p;
}

std::string DisagreementText(const Graph& g, const Disagreement& d) {
  const std::string from(g.name(d.from)), to(g.name(d.to));
  if (d.declared_by == EdgeSide::kInputs) {
    return from + " -> " + to + "  (in inputs of " + to + ", not in successors of " + from + ")";
  }
  return from + " -> " + to + "  (in successors of " + from + ", not in inputs of " + to + ")";
}

// Appends "title (N):" and up to `limit` items (0 = all) rendered by item(i).
template <typename ItemText>
void Section(std::string* out, std::string_view title, size_t n, uint64_t limit,
             const ItemText& item) {
  if (n == 0) return;
  *out += std::string(title) + " (" + std::to_string(n) + "):\n";
  const size_t shown = limit == 0 ? n : std::min<size_t>(n, limit);
  for (size_t i = 0; i < shown; ++i) *out += "  " + item(i) + "\n";
  if (shown < n) *out += "  ... " + std::to_string(n - shown) + " more (--limit 0 lists all)\n";
}

constexpr size_t kMaxCycleNodesShown = 24;

void RenderText(Context& ctx, const Graph& g, const Problems& p, uint64_t limit) {
  std::string& out = ctx.out;
  const std::string& path = ctx.args.positionals()[0];
  const auto loops = g.self_loops();
  if (p.clean() && loops.empty()) {
    out += path + ": valid: " + Plural(g.num_ops(), "op") + ", " + Plural(g.num_edges(), "edge") +
           "; no cycles, self-loops or disagreements\n";
  } else {
    out += path + ": invalid: " + Plural(p.cycles.size(), "cycle") + ", " +
           Plural(loops.size(), "self-loop") + ", " +
           Plural(p.disagreements.size(), "disagreement") + "\n";
  }
  Section(&out, "cycles", p.cycles.size(), limit, [&](size_t i) {
    const Cycle& c = p.cycles[i];
    // A long cycle's path is elided in the middle (all of it with --limit 0).
    std::string s = FormatCyclePath(g, c, limit == 0 ? SIZE_MAX : kMaxCycleNodesShown);
    if (c.component.size() + 1 > c.path.size()) {
      s += "  (component of " + std::to_string(c.component.size()) + " nodes)";
    }
    return s;
  });
  Section(&out, "self-loops", loops.size(), limit, [&](size_t i) {
    return std::string(g.name(loops[i])) + " -> " + std::string(g.name(loops[i]));
  });
  Section(&out, "disagreements", p.disagreements.size(), limit,
          [&](size_t i) { return DisagreementText(g, p.disagreements[i]); });
  if (ctx.verbose) {
    Section(&out, "externals", p.externals.size(), limit,
            [&](size_t i) { return std::string(g.name(p.externals[i])); });
  } else if (!p.externals.empty()) {
    out += "externals (" + std::to_string(p.externals.size()) + "): not an error; --verbose lists them\n";
  }
}

// "name": {"count": N, "items": [...up to limit...]}
template <typename WriteItem>
void JsonSection(JsonWriter& w, std::string_view name, size_t n, uint64_t limit, bool items,
                 const WriteItem& write_item) {
  w.Key(name).BeginObject().Key("count").Uint(n);
  if (items) {
    const size_t shown = limit == 0 ? n : std::min<size_t>(n, limit);
    w.Key("items").BeginArray();
    for (size_t i = 0; i < shown; ++i) write_item(i);
    w.EndArray();
  }
  w.EndObject();
}

void RenderJson(Context& ctx, const Graph& g, const Problems& p, uint64_t limit) {
  JsonWriter w(&ctx.out);
  const auto loops = g.self_loops();
  BeginJsonReport(w, ctx);
  w.Key("valid").Bool(p.clean() && loops.empty());
  w.Key("ops").Uint(g.num_ops()).Key("edges").Uint(g.num_edges());
  JsonSection(w, "cycles", p.cycles.size(), limit, true, [&](size_t i) {
    w.BeginObject().Key("nodes").Uint(p.cycles[i].component.size()).Key("path").BeginArray();
    for (NodeId v : p.cycles[i].path) w.String(g.name(v));
    w.EndArray().EndObject();
  });
  JsonSection(w, "self_loops", loops.size(), limit, true,
              [&](size_t i) { w.String(g.name(loops[i])); });
  JsonSection(w, "disagreements", p.disagreements.size(), limit, true, [&](size_t i) {
    const Disagreement& d = p.disagreements[i];
    w.BeginObject().Key("from").String(g.name(d.from)).Key("to").String(g.name(d.to));
    w.Key("declared_in").String(d.declared_by == EdgeSide::kInputs ? "inputs" : "successors");
    w.EndObject();
  });
  JsonSection(w, "externals", p.externals.size(), limit, ctx.verbose,
              [&](size_t i) { w.String(g.name(p.externals[i])); });
  w.EndObject();
  ctx.out += '\n';
}

absl::StatusOr<ExitCode> RunValidate(Context& ctx) {
  absl::StatusOr<uint64_t> limit = ctx.args.GetUint("limit");
  if (!limit.ok()) return ctx.Usage(MessageOf(limit.status()));
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, ctx.args.positionals()[0]));
  const Problems p = Find(g);
  if (ctx.format == "json") {
    RenderJson(ctx, g, p, *limit);
  } else {
    RenderText(ctx, g, p, *limit);
  }
  return p.clean() && g.self_loops().empty() ? ExitCode::kOk : ExitCode::kNegative;
}

}  // namespace

const CommandSpec& ValidateCommand() {
  static const CommandSpec spec{
      .name = "validate",
      .aliases = {},
      .summary = "Check that a graph is a clean DAG with consistent inputs/successors",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "Exit 0 when the graph has no cycle, no self-loop and no disagreement (an\n"
          "edge declared in the inputs of one op but not in the successors of the\n"
          "other, or the reverse). Otherwise lists every cycle with one concrete path,\n"
          "every self-loop and every disagreement (each list capped by --limit, with\n"
          "its total; in text a cycle of more than 24 nodes is elided in the middle\n"
          "unless --limit 0) and exits 1. External references (names used but not\n"
          "defined) are not an error: they are counted, and listed with --verbose.",
      .example = "etldag validate data/spark_ops.json\n"
                 "etldag validate data/spark_ops.json --format json --limit 5",
      .flags = {{.name = "limit", .value_name = "N",
                 .help = "list at most N items of each kind (default {default}; 0 = all)",
                 .default_uint = kDefaultLimit, .echo_number = true,
                 .echo_absent = EchoAbsent::kDefault}},
      .formats = {"text", "json"},
      .run = &RunValidate,
  };
  return spec;
}

}  // namespace etldag::cli
