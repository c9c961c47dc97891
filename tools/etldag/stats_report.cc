#include "tools/etldag/stats_report.h"

#include <cstdio>
#include <string>
#include <vector>

#include "engine/output/json_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

std::string Bytes(uint64_t b) {
  char buf[64];
  if (b < 1024) {
    std::snprintf(buf, sizeof(buf), "%llu B", static_cast<unsigned long long>(b));
  } else {
    const bool mib = b >= (1u << 20);
    std::snprintf(buf, sizeof(buf), "%.1f %s", b / (mib ? 1048576.0 : 1024.0), mib ? "MiB" : "KiB");
  }
  return buf;
}

std::string Ms(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", seconds * 1e3);
  return buf;
}

void RenderDegrees(const Graph& g, const std::vector<DegreeEntry>& top, std::string_view title,
                   std::string* out) {
  *out += "\n" + std::string(title) + ":\n";
  TextTable t({{"", TextTable::kRight}, {""}});
  for (const DegreeEntry& d : top) t.AddRow({std::to_string(d.degree), std::string(g.name(d.node))});
  if (top.empty()) t.AddRow({"(none)", ""});
  t.Render(out, "  ");
}

void RenderText(Context& ctx, const Graph& g, const StatsResult& r) {
  const auto str = [](uint64_t v) { return std::to_string(v); };
  TextTable t({{""}, {""}});
  t.AddRow({"graph", ctx.args.positionals()[0] + " (" + str(r.load.file_bytes) + " bytes)"});
  t.AddRow({"nodes", str(g.num_nodes()) + " (" + str(g.num_ops()) + " ops, " +
                         str(g.num_externals()) + (g.num_externals() == 1 ? " external)" : " externals)")});
  t.AddRow({"edges", str(g.num_edges())});
  t.AddRow({"sources", str(r.s.sources) + " (no inputs)"});
  t.AddRow({"sinks", str(r.s.sinks) + " (no successors)"});
  std::string levels = "cycles present (not a DAG)";
  if (r.s.dag) {
    levels = str(r.s.num_levels);
    if (r.s.num_levels > 0) {
      levels += " (widest: level " + str(r.s.widest_level) + " with " + str(r.s.widest_size) + " nodes)";
    }
  }
  t.AddRow({"levels", levels});
  t.AddRow({"cycles", str(r.s.cycles) + (r.s.cycles ? " (" + str(r.s.cycle_nodes) + " nodes)" : "")});
  t.AddRow({"self-loops", str(g.self_loops().size())});
  t.AddRow({"disagreements", str(g.disagreements().size())});
  if (r.timings) {
    t.AddRow({"graph memory", Bytes(g.memory_bytes()) + " (" + str(g.memory_bytes()) + " bytes)"});
    const LoadStats& l = r.load;
    t.AddRow({"load time", Ms(l.read_seconds + l.parse_seconds + l.build_seconds) +
                               " ms (read " + Ms(l.read_seconds) + ", parse " +
                               Ms(l.parse_seconds) + ", build " + Ms(l.build_seconds) + ")"});
    t.AddRow({"peak RSS", r.peak_rss ? Bytes(r.peak_rss) : "unknown"});
  }
  std::string& out = ctx.out;
  t.Render(&out);
  out += "\nnodes by kind:\n";
  TextTable kinds({{""}, {"", TextTable::kRight}});
  for (const KindEntry& k : r.s.kinds) kinds.AddRow({std::string(g.kind_name(k.kind)), str(k.count)});
  if (r.s.kinds.empty()) kinds.AddRow({"(none)", ""});
  kinds.Render(&out, "  ");
  RenderDegrees(g, r.s.top_in, "top fan-in (most inputs)", &out);
  RenderDegrees(g, r.s.top_out, "top fan-out (most successors)", &out);
}

void JsonDegrees(JsonWriter& w, const Graph& g, const std::vector<DegreeEntry>& top) {
  w.BeginArray();
  for (const DegreeEntry& d : top) {
    w.BeginObject().Key("name").String(g.name(d.node)).Key("degree").Uint(d.degree).EndObject();
  }
  w.EndArray();
}

void RenderJson(Context& ctx, const Graph& g, const StatsResult& r) {
  JsonWriter w(&ctx.out);
  BeginJsonReport(w, ctx);
  w.Key("file_bytes").Uint(r.load.file_bytes);
  w.Key("nodes").Uint(g.num_nodes()).Key("ops").Uint(g.num_ops());
  w.Key("externals").Uint(g.num_externals()).Key("edges").Uint(g.num_edges());
  w.Key("sources").Uint(r.s.sources).Key("sinks").Uint(r.s.sinks).Key("dag").Bool(r.s.dag);
  if (r.s.dag && r.s.num_levels == 0) {
    w.Key("levels").Uint(0).Key("widest_level").Null();
  } else if (r.s.dag) {
    w.Key("levels").Uint(r.s.num_levels).Key("widest_level").BeginObject();
    w.Key("level").Uint(r.s.widest_level).Key("size").Uint(r.s.widest_size).EndObject();
  } else {
    w.Key("levels").Null().Key("widest_level").Null();
  }
  w.Key("cycles").Uint(r.s.cycles).Key("nodes_in_cycles").Uint(r.s.cycle_nodes);
  w.Key("self_loops").Uint(g.self_loops().size());
  w.Key("disagreements").Uint(g.disagreements().size());
  w.Key("kinds").BeginArray();
  for (const KindEntry& k : r.s.kinds) {
    w.BeginObject().Key("kind").String(g.kind_name(k.kind)).Key("count").Uint(k.count).EndObject();
  }
  w.EndArray();
  w.Key("top_fan_in");
  JsonDegrees(w, g, r.s.top_in);
  w.Key("top_fan_out");
  JsonDegrees(w, g, r.s.top_out);
  if (r.timings) {
    w.Key("load_seconds").BeginObject().Key("read").Double(r.load.read_seconds);
    w.Key("parse").Double(r.load.parse_seconds).Key("build").Double(r.load.build_seconds);
    w.EndObject().Key("memory_bytes").BeginObject().Key("graph").Uint(g.memory_bytes());
    w.Key("peak_rss").Uint(r.peak_rss).EndObject();
  }
  EndJsonReport(w, ctx);
}

}  // namespace

void RenderStats(Context& ctx, const Graph& g, const StatsResult& r) {
  if (ctx.format == "json") {
    RenderJson(ctx, g, r);
  } else {
    RenderText(ctx, g, r);
  }
}

}  // namespace etldag::cli
