#include "tools/etldag/validate_report.h"

#include <algorithm>
#include <string>

#include "engine/algo/cycles.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

std::string DisagreementText(const Graph& g, const Disagreement& d) {
  const std::string from(g.name(d.from)), to(g.name(d.to));
  if (g.has_attributes()) {  // a dbt manifest: depends_on vs parent_map/child_map
    return from + " -> " + to + (d.declared_by == EdgeSide::kInputs
                                     ? "  (in depends_on of " + to + ", not in parent_map/child_map)"
                                     : "  (in parent_map/child_map, not in depends_on of " + to + ")");
  }
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

void RenderText(Context& ctx, const Graph& g, const GraphProblems& p, uint64_t limit) {
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
    std::string s = FormatCyclePath(g, c, limit == 0 ? SIZE_MAX : kMaxCycleNodesInMessage);
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

void RenderJson(Context& ctx, const Graph& g, const GraphProblems& p, uint64_t limit) {
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
    const bool dbt = g.has_attributes();
    w.Key("declared_in").String(d.declared_by == EdgeSide::kInputs ? (dbt ? "depends_on" : "inputs")
                                                                   : (dbt ? "maps" : "successors"));
    w.EndObject();
  });
  JsonSection(w, "externals", p.externals.size(), limit, ctx.verbose,
              [&](size_t i) { w.String(g.name(p.externals[i])); });
  EndJsonReport(w, ctx);
}

}  // namespace

void RenderValidate(Context& ctx, const Graph& g, const GraphProblems& p, uint64_t limit) {
  if (ctx.format == "json") {
    RenderJson(ctx, g, p, limit);
  } else {
    RenderText(ctx, g, p, limit);
  }
}

}  // namespace etldag::cli
