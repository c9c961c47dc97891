#include "tools/etldag/blast_radius_report.h"

#include <algorithm>
#include <string>

#include "engine/base/status.h"
#include "engine/base/stopwatch.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/blast_dot.h"
#include "tools/etldag/progress.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

constexpr size_t kMaxFailedListed = 10;

void BeginJson(JsonWriter& j, const Context& ctx, const BlastInputs& in) {
  BeginJsonReport(j, ctx).Key("protected_nodes").Uint(in.prot.Count());
  AppendProtectionJson(j, ctx);
}

void AppendBlastJson(Context& ctx, const BlastInputs& in, const BlastRadius& br) {
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

void AppendBlastText(Context& ctx, const BlastInputs& in, const BlastRadius& br) {
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
  o += Styled("protected reached: " + std::to_string(br.protected_reached.size()) + " of " +
                  Plural(in.prot.Count(), "protected node", "protected nodes"),
              br.protected_reached.empty() ? TextStyle::kPlain : TextStyle::kAlert, ctx.color) +
       "\n";
  if (!br.by_kind.empty()) {
    std::vector<KindCount> kinds = br.by_kind;  // largest first, then by kind name
    std::stable_sort(kinds.begin(), kinds.end(),
                     [](const KindCount& a, const KindCount& b) { return a.count > b.count; });
    o += "\nby kind:\n";
    TextTable t({{"kind"}, {"nodes", TextTable::kRight}});
    for (const KindCount& k : kinds) {
      t.AddRow({std::string(g.kind_name(k.kind)), std::to_string(k.count)});
    }
    t.Render(&o, "  ", ctx.color);
    o += "\nby distance:\n";
    TextTable d({{"hops", TextTable::kRight}, {"nodes", TextTable::kRight}});
    for (size_t i = 0; i < br.by_distance.size(); ++i) {
      d.AddRow({std::to_string(i + 1), std::to_string(br.by_distance[i])});
    }
    d.Render(&o, "  ", ctx.color);
  }
  if (!br.protected_reached.empty()) {
    o += "\nprotected nodes reached (one shortest path each):\n";
    for (const ProtectedHit& h : br.protected_reached) {
      o += "  " + Styled(g.name(h.node), TextStyle::kAlert, ctx.color);
      o += h.distance == 0 ? " (failed itself)\n"
                           : " (" + Plural(h.distance, "hop", "hops") + "): " +
                                 FormatPath(g, h.path) + "\n";
    }
  }
}

}  // namespace

absl::Status RenderBlastRadius(Context& ctx, const BlastInputs& in, const BlastRadius& br) {
  if (ctx.format == "json") {
    AppendBlastJson(ctx, in, br);
  } else if (ctx.format == "names") {
    RETURN_IF_ERROR(AppendNodeSet(ctx, in.g, br.downstream));
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendBlastRadiusDot(ctx, in.g, in.prot, br, &ctx.out));
  } else {
    AppendBlastText(ctx, in, br);
  }
  return absl::OkStatus();
}

void RenderRanking(Context& ctx, const BlastInputs& in, const Ranking& r) {
  const Graph& g = in.g;
  if (ctx.format == "json") {
    JsonWriter j(&ctx.out);
    BeginJson(j, ctx, in);
    j.Key("top").Uint(r.limit).Key("ranked").Uint(r.ranked).Key("results").BeginArray();
    for (size_t i = 0; i < r.top.size(); ++i) {
      j.BeginObject().Key("rank").Uint(i + 1).Key("name").String(g.name(r.top[i].node));
      j.Key("downstream").Uint(r.top[i].downstream);
      j.Key("protected_downstream").Uint(r.top[i].protected_downstream).EndObject();
    }
    j.EndArray();
    EndJsonReport(j, ctx);
  } else if (ctx.format == "text") {
    ctx.out += ProtectionLine(ctx, in.prot);
    ctx.out += "top " + std::to_string(r.top.size()) + " of " + Plural(r.ranked, "node", "nodes") +
               " by exact downstream size (" +
               Plural(in.prot.Count(), "protected node", "protected nodes") + ")\n";
    TextTable t({{"rank", TextTable::kRight}, {"downstream", TextTable::kRight},
                 {"protected", TextTable::kRight}, {"node"}});
    for (size_t i = 0; i < r.top.size(); ++i) {
      t.AddRow({std::to_string(i + 1), std::to_string(r.top[i].downstream),
                std::to_string(r.top[i].protected_downstream), std::string(g.name(r.top[i].node))},
               r.top[i].protected_downstream > 0 ? TextStyle::kWarn : TextStyle::kPlain);
    }
    t.Render(&ctx.out, "  ", ctx.color);
  } else {
    for (const RankedNode& n : r.top) AppendNameLine(ctx, g.name(n.node));  // rank order
  }
}

absl::StatusOr<DescendantCounts> ComputeRanking(Context& ctx, const Graph& g, const Bitmap& prot) {
  DescendantCountsOptions opts;
  const absl::StatusOr<uint64_t> mib = ctx.args.GetUint("max-memory", uint64_t{1} << 20);
  if (!mib.ok()) return ctx.Usage(MessageOf(mib.status()));
  if (*mib == 0) return ctx.Usage("--max-memory must be >= 1 (MiB)");
  opts.memory_budget_bytes = static_cast<size_t>(*mib) << 20;
  const Stopwatch timer;
  DescendantCountsStats stats;
  DescendantCounts counts = [&] {
    const Progress progress(ctx, "ranking " + std::to_string(g.num_nodes()) + " nodes by downstream size");
    return ComputeDescendantCounts(g, &prot, opts, &stats);
  }();
  if (stats.buffer_bytes > opts.memory_budget_bytes) {
    ctx.Note("the ranking's buffers need " + std::to_string((stats.buffer_bytes + (1 << 20) - 1) >> 20) +
             " MiB even at the smallest block (8 bytes per component and thread), more than --max-memory; "
             "fewer --threads need less");
  }
  if (ctx.verbose) {
    ctx.Note("descendant counts: " + std::to_string(timer.Seconds()) + " s, " +
             std::to_string(stats.num_blocks) + " blocks of " +
             std::to_string(64 * stats.block_words) + " targets, " +
             std::to_string(stats.num_components) + " components");
  }
  return counts;
}

}  // namespace etldag::cli
