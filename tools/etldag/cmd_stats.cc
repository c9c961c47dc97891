// etldag stats GRAPH: a summary of the graph — sizes, sources/sinks,
// topological levels, cycles, fan-in/fan-out leaders, kinds, load cost.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "engine/algo/cycles.h"
#include "engine/algo/topo_levels.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/command.h"
#include "tools/etldag/report.h"
#include "tools/etldag/load.h"

namespace etldag::cli {
namespace {

constexpr size_t kTopN = 10;

struct Degree {
  NodeId node;
  uint32_t degree;
};

struct Report {
  uint32_t sources = 0, sinks = 0;
  bool dag = true;
  uint32_t num_levels = 0, widest_level = 0, widest_size = 0;
  size_t cycles = 0, cycle_nodes = 0;
  std::vector<std::pair<std::string_view, uint32_t>> kinds;  // count desc, name asc
  std::vector<Degree> top_in, top_out;
  LoadStats load;
  uint64_t peak_rss = 0;  // bytes, 0 when /proc is unavailable
};

// Peak resident set size (VmHWM in /proc/self/status), in bytes.
uint64_t PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return 1024 * std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

// The kTopN nodes of largest degree (> 0), ties by id.
template <typename DegreeOf>
std::vector<Degree> TopDegrees(const Graph& g, DegreeOf degree_of) {
  std::vector<Degree> all;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (const uint32_t d = degree_of(v); d > 0) all.push_back({v, d});
  }
  const auto better = [](const Degree& a, const Degree& b) {
    return a.degree != b.degree ? a.degree > b.degree : a.node < b.node;
  };
  const size_t k = std::min(kTopN, all.size());
  std::partial_sort(all.begin(), all.begin() + k, all.end(), better);
  all.resize(k);
  return all;
}

Report Compute(const Graph& g) {
  Report r;
  std::vector<uint32_t> kind_count(g.num_kinds(), 0);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    r.sources += g.in_degree(v) == 0;
    r.sinks += g.out_degree(v) == 0;
    ++kind_count[g.kind(v)];
  }
  for (size_t k = 0; k < kind_count.size(); ++k) {
    if (kind_count[k] > 0) r.kinds.emplace_back(g.kind_name(static_cast<KindId>(k)), kind_count[k]);
  }
  std::sort(r.kinds.begin(), r.kinds.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  const absl::StatusOr<TopoLevels> levels = ComputeTopoLevels(g);
  r.dag = levels.ok();
  if (r.dag) {
    r.num_levels = levels->num_levels;
    for (uint32_t l = 0; l < levels->num_levels; ++l) {
      if (levels->level_sizes[l] > r.widest_size) {
        r.widest_size = levels->level_sizes[l];
        r.widest_level = l;
      }
    }
  }
  for (const Cycle& c : FindCycles(g)) {
    if (c.component.size() < 2) continue;  // self-loops are counted on their own
    ++r.cycles;
    r.cycle_nodes += c.component.size();
  }
  r.top_in = TopDegrees(g, [&](NodeId v) { return g.in_degree(v); });
  r.top_out = TopDegrees(g, [&](NodeId v) { return g.out_degree(v); });
  return r;
}

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

void RenderDegrees(const Graph& g, const std::vector<Degree>& top, std::string_view title,
                   std::string* out) {
  *out += "\n" + std::string(title) + ":\n";
  TextTable t({{"", TextTable::kRight}, {""}});
  for (const Degree& d : top) t.AddRow({std::to_string(d.degree), std::string(g.name(d.node))});
  if (top.empty()) t.AddRow({"(none)", ""});
  t.Render(out, "  ");
}

void RenderText(Context& ctx, const Graph& g, const Report& r, bool timings) {
  const auto str = [](uint64_t v) { return std::to_string(v); };
  TextTable t({{""}, {""}});
  t.AddRow({"graph", ctx.args.positionals()[0] + " (" + str(r.load.file_bytes) + " bytes)"});
  t.AddRow({"nodes", str(g.num_nodes()) + " (" + str(g.num_ops()) + " ops, " +
                         str(g.num_externals()) + (g.num_externals() == 1 ? " external)" : " externals)")});
  t.AddRow({"edges", str(g.num_edges())});
  t.AddRow({"sources", str(r.sources) + " (no inputs)"});
  t.AddRow({"sinks", str(r.sinks) + " (no successors)"});
  std::string levels = "cycles present (not a DAG)";
  if (r.dag) {
    levels = str(r.num_levels);
    if (r.num_levels > 0) {
      levels += " (widest: level " + str(r.widest_level) + " with " + str(r.widest_size) + " nodes)";
    }
  }
  t.AddRow({"levels", levels});
  t.AddRow({"cycles", str(r.cycles) + (r.cycles ? " (" + str(r.cycle_nodes) + " nodes)" : "")});
  t.AddRow({"self-loops", str(g.self_loops().size())});
  t.AddRow({"disagreements", str(g.disagreements().size())});
  if (timings) {
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
  for (const auto& [kind, count] : r.kinds) kinds.AddRow({std::string(kind), str(count)});
  if (r.kinds.empty()) kinds.AddRow({"(none)", ""});
  kinds.Render(&out, "  ");
  RenderDegrees(g, r.top_in, "top fan-in (most inputs)", &out);
  RenderDegrees(g, r.top_out, "top fan-out (most successors)", &out);
}

void JsonDegrees(JsonWriter& w, const Graph& g, const std::vector<Degree>& top) {
  w.BeginArray();
  for (const Degree& d : top) {
    w.BeginObject().Key("name").String(g.name(d.node)).Key("degree").Uint(d.degree).EndObject();
  }
  w.EndArray();
}

void RenderJson(Context& ctx, const Graph& g, const Report& r, bool timings) {
  JsonWriter w(&ctx.out);
  BeginJsonReport(w, ctx);
  w.Key("file_bytes").Uint(r.load.file_bytes);
  w.Key("nodes").Uint(g.num_nodes()).Key("ops").Uint(g.num_ops());
  w.Key("externals").Uint(g.num_externals()).Key("edges").Uint(g.num_edges());
  w.Key("sources").Uint(r.sources).Key("sinks").Uint(r.sinks).Key("dag").Bool(r.dag);
  if (r.dag && r.num_levels == 0) {
    w.Key("levels").Uint(0).Key("widest_level").Null();
  } else if (r.dag) {
    w.Key("levels").Uint(r.num_levels).Key("widest_level").BeginObject();
    w.Key("level").Uint(r.widest_level).Key("size").Uint(r.widest_size).EndObject();
  } else {
    w.Key("levels").Null().Key("widest_level").Null();
  }
  w.Key("cycles").Uint(r.cycles).Key("nodes_in_cycles").Uint(r.cycle_nodes);
  w.Key("self_loops").Uint(g.self_loops().size());
  w.Key("disagreements").Uint(g.disagreements().size());
  w.Key("kinds").BeginArray();
  for (const auto& [kind, count] : r.kinds) {
    w.BeginObject().Key("kind").String(kind).Key("count").Uint(count).EndObject();
  }
  w.EndArray();
  w.Key("top_fan_in");
  JsonDegrees(w, g, r.top_in);
  w.Key("top_fan_out");
  JsonDegrees(w, g, r.top_out);
  if (timings) {
    w.Key("load_seconds").BeginObject().Key("read").Double(r.load.read_seconds);
    w.Key("parse").Double(r.load.parse_seconds).Key("build").Double(r.load.build_seconds);
    w.EndObject().Key("memory_bytes").BeginObject().Key("graph").Uint(g.memory_bytes());
    w.Key("peak_rss").Uint(r.peak_rss).EndObject();
  }
  w.EndObject();
  ctx.out += '\n';
}

absl::StatusOr<ExitCode> RunStats(Context& ctx) {
  LoadStats load;
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, ctx.args.positionals()[0], &load));
  Report r = Compute(g);
  r.load = load;
  r.peak_rss = PeakRssBytes();
  const bool timings = !ctx.args.Has("no-timings");
  if (ctx.format == "json") {
    RenderJson(ctx, g, r, timings);
  } else {
    RenderText(ctx, g, r, timings);
  }
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& StatsCommand() {
  static const CommandSpec spec{
      .name = "stats",
      .aliases = {},
      .summary = "Summarize a graph: sizes, levels, cycles, hubs, kinds, load cost",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "Counts ops, externals (names referenced but not defined), edges, sources\n"
          "(nodes without inputs) and sinks (without successors); the number of\n"
          "topological levels and the widest one (or \"cycles present\"); cycles\n"
          "(strongly connected components of 2+ nodes), self-loops and\n"
          "inputs/successors disagreements; the 10 nodes with most inputs and most\n"
          "successors; nodes per kind; load time and memory. Timings and memory vary\n"
          "from run to run (and build to build): --no-timings leaves them out.",
      .example = "etldag stats data/spark_ops.json\n"
                 "etldag stats data/spark_ops.json --format json --no-timings",
      .flags = {{"no-timings", "", "leave out load time and memory figures (reproducible output)"}},
      .formats = {"text", "json"},
      .run = &RunStats,
  };
  return spec;
}

}  // namespace etldag::cli
