// etldag blast-radius GRAPH SELECTOR...: what a failure of the selected nodes
// takes down (downstream by kind and by distance, sinks, protected nodes hit
// with one path each); and `--top N`: every node ranked by the exact size of
// its downstream closure (engine/algo/descendant_counts.h).
#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "engine/algo/blast_radius.h"
#include "engine/algo/descendant_counts.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/blast_dot.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

constexpr size_t kMaxFailedListed = 10;

struct Inputs {
  const Graph& g;
  const Bitmap& prot;
  std::span<const std::string> selectors;
};

void BeginJson(JsonWriter& j, const Context& ctx, const Inputs& in) {
  BeginJsonReport(j, ctx).Key("protected_nodes").Uint(in.prot.Count());
  AppendProtectionJson(j, ctx);
}

void AppendBlastJson(Context& ctx, const Inputs& in, const BlastRadius& br) {
  const Graph& g = in.g;
  JsonWriter j(&ctx.out);
  BeginJson(j, ctx, in);
  j.Key("failed").BeginArray();
  for (NodeId v : br.failed) j.String(g.name(v));
  j.EndArray().Key("count").Uint(br.downstream.size()).Key("by_kind").BeginObject();
  for (const KindCount& k : br.by_kind) j.Key(g.kind_name(k.kind)).Uint(k.count);
  j.EndObject().Key("by_distance").BeginArray();  // [i] = nodes at i + 1 hops
  for (uint32_t c : br.by_distance) j.Uint(c);
  j.EndArray().Key("sinks").BeginArray();
  for (NodeId v : br.sinks) j.String(g.name(v));
  j.EndArray().Key("protected_reached");
  AppendHitsJson(j, g, br.protected_reached);
  j.Key("results").BeginArray();
  for (NodeId v : br.downstream) j.String(g.name(v));
  j.EndArray();
  EndJsonReport(j, ctx);
}

void AppendBlastText(Context& ctx, const Inputs& in, const BlastRadius& br) {
  const Graph& g = in.g;
  std::string& o = ctx.out;
  o += ProtectionLine(ctx, in.prot);
  o += "failed: " + Plural(br.failed.size(), "node", "nodes");
  for (size_t i = 0; i < br.failed.size() && i < kMaxFailedListed; ++i) {
    o += (i == 0 ? ": " : ", ") + std::string(g.name(br.failed[i]));
  }
  if (br.failed.size() > kMaxFailedListed) o += ", ...";
  o += "\ndownstream: " + Plural(br.downstream.size(), "node", "nodes") + " (" +
       Plural(br.sinks.size(), "sink", "sinks") + "), " +
       Plural(br.by_distance.size(), "hop", "hops") + " deep\n";
  o += "protected reached: " + std::to_string(br.protected_reached.size()) + " of " +
       Plural(in.prot.Count(), "protected node", "protected nodes") + "\n";
  if (!br.by_kind.empty()) {
    std::vector<KindCount> kinds = br.by_kind;  // largest first, then by kind name
    std::stable_sort(kinds.begin(), kinds.end(),
                     [](const KindCount& a, const KindCount& b) { return a.count > b.count; });
    o += "\nby kind:\n";
    TextTable t({{"kind"}, {"nodes", TextTable::kRight}});
    for (const KindCount& k : kinds) {
      t.AddRow({std::string(g.kind_name(k.kind)), std::to_string(k.count)});
    }
    t.Render(&o, "  ");
    o += "\nby distance:\n";
    TextTable d({{"hops", TextTable::kRight}, {"nodes", TextTable::kRight}});
    for (size_t i = 0; i < br.by_distance.size(); ++i) {
      d.AddRow({std::to_string(i + 1), std::to_string(br.by_distance[i])});
    }
    d.Render(&o, "  ");
  }
  if (!br.protected_reached.empty()) {
    o += "\nprotected nodes reached (one shortest path each):\n";
    for (const ProtectedHit& h : br.protected_reached) {
      o += "  " + std::string(g.name(h.node));
      o += h.distance == 0 ? " (failed itself)\n"
                           : " (" + Plural(h.distance, "hop", "hops") + "): " +
                                 FormatPath(g, h.path) + "\n";
    }
  }
}

absl::StatusOr<ExitCode> RunTop(Context& ctx, const Inputs& in, uint64_t limit) {
  const Graph& g = in.g;
  if (ctx.format == "dot") return ctx.Usage("--top has no dot picture (use text, names or json)");
  if (ctx.args.Has("fail-on-protected")) {
    return ctx.Usage("--fail-on-protected does not apply to --top");
  }
  Bitmap among;
  if (!in.selectors.empty()) {
    ASSIGN_OR_RETURN(Selection s, SelectWithExclude(ctx, g, in.selectors));
    among = std::move(s.nodes);
  }
  DescendantCountsOptions opts;
  const absl::StatusOr<uint64_t> mib = ctx.args.GetUint("max-memory", uint64_t{1} << 20);
  if (!mib.ok()) return ctx.Usage(MessageOf(mib.status()));
  if (*mib == 0) return ctx.Usage("--max-memory must be >= 1 (MiB)");
  opts.memory_budget_bytes = static_cast<size_t>(*mib) << 20;
  const auto start = std::chrono::steady_clock::now();
  DescendantCountsStats stats;
  const DescendantCounts counts = ComputeDescendantCounts(g, &in.prot, opts, &stats);
  if (stats.buffer_bytes > opts.memory_budget_bytes) {
    ctx.Note("the ranking's buffers need " + std::to_string((stats.buffer_bytes + (1 << 20) - 1) >> 20) +
             " MiB even at the smallest block (8 bytes per component and thread), more than --max-memory; "
             "fewer --threads need less");
  }
  if (ctx.verbose) {
    const std::chrono::duration<double> s = std::chrono::steady_clock::now() - start;
    ctx.Note("descendant counts: " + std::to_string(s.count()) + " s, " +
             std::to_string(stats.num_blocks) + " blocks of " +
             std::to_string(64 * stats.block_words) + " targets, " +
             std::to_string(stats.num_components) + " components");
  }
  const Bitmap* among_ptr = in.selectors.empty() ? nullptr : &among;
  const std::vector<RankedNode> top = TopByDownstream(counts, limit, among_ptr);
  const size_t ranked = among_ptr ? among.Count() : g.num_nodes();
  if (ctx.format == "json") {
    JsonWriter j(&ctx.out);
    BeginJson(j, ctx, in);
    j.Key("top").Uint(limit).Key("ranked").Uint(ranked).Key("results").BeginArray();
    for (size_t i = 0; i < top.size(); ++i) {
      j.BeginObject().Key("rank").Uint(i + 1).Key("name").String(g.name(top[i].node));
      j.Key("downstream").Uint(top[i].downstream);
      j.Key("protected_downstream").Uint(top[i].protected_downstream).EndObject();
    }
    j.EndArray();
    EndJsonReport(j, ctx);
  } else if (ctx.format == "text") {
    ctx.out += ProtectionLine(ctx, in.prot);
    ctx.out += "top " + std::to_string(top.size()) + " of " + Plural(ranked, "node", "nodes") +
               " by exact downstream size (" +
               Plural(in.prot.Count(), "protected node", "protected nodes") + ")\n";
    TextTable t({{"rank", TextTable::kRight}, {"downstream", TextTable::kRight},
                 {"protected", TextTable::kRight}, {"node"}});
    for (size_t i = 0; i < top.size(); ++i) {
      t.AddRow({std::to_string(i + 1), std::to_string(top[i].downstream),
                std::to_string(top[i].protected_downstream), std::string(g.name(top[i].node))});
    }
    t.Render(&ctx.out, "  ");
  } else {
    for (const RankedNode& r : top) ctx.out += std::string(g.name(r.node)) + "\n";  // rank order
  }
  return ExitCode::kOk;
}

absl::StatusOr<ExitCode> RunBlastRadius(Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  const bool top = ctx.args.Has("top");
  const absl::StatusOr<uint64_t> limit = ctx.args.GetUint("top", UINT32_MAX);
  if (!limit.ok()) return ctx.Usage(MessageOf(limit.status()));
  if (!top && pos.size() < 2) return ctx.Usage("give the failed nodes (SELECTOR...) or --top N");
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  ASSIGN_OR_RETURN(const Bitmap prot, LoadProtectedSet(ctx, g));
  const Inputs in{g, prot, std::span<const std::string>(pos).subspan(1)};
  if (top) return RunTop(ctx, in, *limit);

  ASSIGN_OR_RETURN(const Selection failed, SelectWithExclude(ctx, g, in.selectors));
  if (failed.empty()) ctx.Note("no failed node selected: nothing is downstream");
  const std::vector<NodeId> seeds = failed.nodes.ToVector();
  const BlastRadius br = ComputeBlastRadius(g, seeds, prot);
  if (ctx.format == "json") {
    AppendBlastJson(ctx, in, br);
  } else if (ctx.format == "names") {
    AppendNames(g, br.downstream, &ctx.out);
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendBlastRadiusDot(ctx, g, prot, br, &ctx.out));
  } else {
    AppendBlastText(ctx, in, br);
  }
  if (ctx.args.Has("fail-on-protected") && !br.protected_reached.empty()) {
    return ExitCode::kNegative;
  }
  if (FailOnEmpty(ctx, failed)) return ExitCode::kNegative;
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& BlastRadiusCommand() {
  static const CommandSpec spec{
      .name = "blast-radius",
      .aliases = {},
      .summary = "What a failure takes down: downstream by kind and distance, protected nodes hit",
      .usage = "GRAPH SELECTOR...  |  GRAPH --top N [SELECTOR...]",
      .min_args = 1,
      .max_args = kAnyNumber,
      .description =
          "For a failure of the selected nodes: every node downstream (a failed node\n"
          "is never counted as downstream), counts by kind and by distance (shortest\n"
          "hop count from the nearest failed node), the sinks reached, and the\n"
          "protected nodes reached, each with one shortest path from a failed node\n"
          "(a failed node that is protected itself is listed at distance 0).\n"
          "Protected nodes: every node with a name segment or kind equal to \"policy\"\n"
          "(policy/x, nu-mx/policy/x), plus every --protect selection (only\n"
          "--protect-only or --no-default-protect turn the default rule off).\n"
          "--top N ranks every node (or the selected ones) by the EXACT size of its\n"
          "downstream closure, with the protected nodes it reaches; ties by name.\n"
          "Computed for all nodes at once (blocked bitsets, parallel); works on\n"
          "cyclic graphs (a node on a cycle reaches the rest of its cycle). Its\n"
          "buffers take 8 bytes x k x components x threads (k = 8 words per block,\n"
          "halved until they fit --max-memory; k = 1 is the floor: a smaller budget\n"
          "is noted and exceeded rather than refused). Same answer at any budget.\n"
          "Formats: text = summary (default); names = the downstream nodes, sorted\n"
          "(with --top: the ranked nodes, in rank order); json = everything; dot =\n"
          "failed (red) and downstream nodes, protected ones bold; above 500 nodes\n"
          "the picture keeps failed and protected nodes and merges the rest into\n"
          "one box per kind.\n"
          "Exit 1 with --fail-on-protected when a protected node is reached, or\n"
          "with --fail-on-empty when nothing is selected.",
      .example = "etldag blast-radius data/spark_ops.json contract/transacao-savings-entries\n"
                 "etldag blast-radius data/spark_ops.json 'raw/*' --fail-on-protected\n"
                 "etldag blast-radius data/spark_ops.json --top 10",
      .flags = {kProtectFlag, kProtectOnlyFlag, kNoDefaultProtectFlag,
                {.name = "top", .value_name = "N",
                 .help = "rank all nodes (or the selected ones) by downstream size", .echo_number = true},
                {.name = "max-memory", .value_name = "MiB",
                 .help = "--top: bound on the ranking's bitset buffers",
                 .default_uint = kDefaultMemoryBudgetMiB, .echo_number = true},
                {"fail-on-protected", "", "exit 1 when a protected node is reached"},
                kExcludeFlag,
                kFailOnEmptyFlag},
      .formats = {"text", "names", "json", "dot"},
      .run = &RunBlastRadius,
      .positional_keys = {"graph", "select*"},
  };
  return spec;
}

}  // namespace etldag::cli
