#include "tools/etldag/diff_output.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "engine/output/dot_writer.h"
#include "engine/output/json_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

constexpr size_t kMaxListed = 20;

// Protected nodes of NEW's impact, and committed ones (with --committed).
std::vector<NodeId> ImpactIn(const DiffReport& r, const Bitmap& set) {
  std::vector<NodeId> out;
  r.d.impact.ForEach([&](size_t v) {
    if (set.Test(v)) out.push_back(static_cast<NodeId>(v));
  });
  return out;
}

std::string ImpactByKind(const DiffReport& r) {
  std::vector<uint32_t> per(r.new_g.num_kinds(), 0);
  r.d.impact.ForEach([&](size_t v) { ++per[r.new_g.kind(static_cast<NodeId>(v))]; });
  std::string s;
  for (size_t k = 0; k < per.size(); ++k) {
    if (per[k] == 0) continue;
    s += (s.empty() ? "" : ", ") + std::string(r.new_g.kind_name(static_cast<KindId>(k))) + " " +
         std::to_string(per[k]);
  }
  return s;
}

void Lines(std::string& out, std::string_view title, const Graph& g,
           const std::vector<NodeId>& ids, char mark) {
  if (ids.empty()) return;
  out += "\n" + std::string(title) + " (" + std::to_string(ids.size()) + "):\n";
  for (size_t i = 0; i < ids.size() && i < kMaxListed; ++i) {
    out += "  " + std::string(1, mark) + " " + std::string(g.name(ids[i])) + "\n";
  }
  if (ids.size() > kMaxListed) out += "  ... (" + std::to_string(ids.size() - kMaxListed) + " more)\n";
}

void JsonNames(JsonWriter& j, std::string_view key, const Graph& g, const std::vector<NodeId>& ids) {
  j.Key(key).BeginArray();
  for (NodeId v : ids) j.String(g.name(v));
  j.EndArray();
}

}  // namespace

std::string DiffSummary(const DiffReport& r) {
  const GraphDiff& d = r.d;
  if (d.identical()) return "identical topology";
  return Plural(d.added_ops.size(), "op") + " added, " + std::to_string(d.removed_ops.size()) +
         " removed, " + Plural(d.edge_changes.size(), "op") + " with changed inputs (+" +
         std::to_string(d.edges_added) + "/-" + std::to_string(d.edges_removed) + " edges), " +
         Plural(d.kind_changes.size(), "kind change") + ", " +
         Plural(d.externals_appeared.size(), "external") + " appeared, " +
         std::to_string(d.externals_vanished.size()) + " vanished; impact " +
         Plural(d.impact.Count(), "node");
}

void AppendDiffText(Context& ctx, const DiffReport& r) {
  const GraphDiff& d = r.d;
  const Graph& ng = r.new_g;
  std::string& out = ctx.out;
  out += "diff: " + DiffSummary(r) + "\n";
  if (d.identical()) return;
  const size_t modified = d.modified.Count(), impact = d.impact.Count();
  out += "impact: " + Plural(impact, "node") + " (" + std::to_string(modified) + " modified + " +
         std::to_string(impact - modified) + " downstream in NEW): " + ImpactByKind(r) + "\n";
  const std::vector<NodeId> prot = ImpactIn(r, r.protected_set);
  out += ProtectionLine(ctx, r.protected_set);
  std::string affected = "protected affected: " + std::to_string(prot.size());
  for (size_t i = 0; i < prot.size() && i < kMaxListed; ++i) affected += (i ? ", " : ": ") + std::string(ng.name(prot[i]));
  if (prot.size() > kMaxListed) affected += ", ...";
  out += Styled(affected, prot.empty() ? TextStyle::kPlain : TextStyle::kAlert, ctx.color) + "\n";
  if (!r.committed.file.empty()) {
    const std::vector<NodeId> c = ImpactIn(r, r.committed.data.committed);
    out += "committed in " + r.committed.file + " and built differently by NEW: " +
           std::to_string(c.size());
    for (size_t i = 0; i < c.size() && i < kMaxListed; ++i) out += (i ? ", " : ": ") + std::string(ng.name(c[i]));
    if (c.size() > kMaxListed) out += ", ...";
    out += c.empty() ? " (NEW can be deployed mid-run)\n" : "\n";
  }
  for (const Cycle& c : d.introduced_cycles) {
    out += "cycle introduced by NEW: " + FormatCyclePath(ng, c, 12) + "\n";
  }
  Lines(out, "ops added", ng, d.added_ops, '+');
  Lines(out, "ops removed", r.old_g, d.removed_ops, '-');
  if (!d.edge_changes.empty()) {
    out += "\ninputs changed (" + std::to_string(d.edge_changes.size()) + "):\n";
    for (size_t i = 0; i < d.edge_changes.size() && i < kMaxListed; ++i) {
      const EdgeChange& e = d.edge_changes[i];
      out += "  " + std::string(ng.name(e.op)) + ":";
      for (NodeId u : e.added_inputs) out += " +" + std::string(ng.name(u));
      for (NodeId u : e.removed_inputs) out += " -" + std::string(r.old_g.name(u));
      out += "\n";
    }
    if (d.edge_changes.size() > kMaxListed) out += "  ... (" + std::to_string(d.edge_changes.size() - kMaxListed) + " more)\n";
  }
  if (!d.kind_changes.empty()) {
    out += "\nkind changes (" + std::to_string(d.kind_changes.size()) + "):\n";
    for (const KindChange& k : d.kind_changes) {
      out += "  " + std::string(ng.name(k.op)) + ": " + std::string(r.old_g.kind_name(k.old_kind)) +
             " -> " + std::string(ng.kind_name(k.new_kind)) + "\n";
    }
  }
  Lines(out, "externals appeared", ng, d.externals_appeared, '+');
  Lines(out, "externals vanished", r.old_g, d.externals_vanished, '-');
}

void AppendDiffJson(Context& ctx, const DiffReport& r) {
  const GraphDiff& d = r.d;
  const Graph& ng = r.new_g;
  const Graph& og = r.old_g;
  JsonWriter j(&ctx.out);
  BeginJsonReport(j, ctx);
  AppendProtectionJson(j, ctx);
  j.Key("identical").Bool(d.identical());
  j.Key("counts").BeginObject().Key("ops_added").Uint(d.added_ops.size());
  j.Key("ops_removed").Uint(d.removed_ops.size()).Key("ops_inputs_changed").Uint(d.edge_changes.size());
  j.Key("edges_added").Uint(d.edges_added).Key("edges_removed").Uint(d.edges_removed);
  j.Key("kind_changes").Uint(d.kind_changes.size());
  j.Key("externals_appeared").Uint(d.externals_appeared.size());
  j.Key("externals_vanished").Uint(d.externals_vanished.size());
  j.Key("cycles_introduced").Uint(d.introduced_cycles.size());
  j.Key("modified").Uint(d.modified.Count()).Key("impact").Uint(d.impact.Count()).EndObject();
  JsonNames(j, "ops_added", ng, d.added_ops);
  JsonNames(j, "ops_removed", og, d.removed_ops);
  j.Key("inputs_changed").BeginArray();
  for (const EdgeChange& e : d.edge_changes) {
    j.BeginObject().Key("op").String(ng.name(e.op));
    JsonNames(j, "added", ng, e.added_inputs);
    JsonNames(j, "removed", og, e.removed_inputs);
    j.EndObject();
  }
  j.EndArray().Key("kind_changes").BeginArray();
  for (const KindChange& k : d.kind_changes) {
    j.BeginObject().Key("op").String(ng.name(k.op)).Key("old").String(og.kind_name(k.old_kind));
    j.Key("new").String(ng.kind_name(k.new_kind)).EndObject();
  }
  j.EndArray();
  JsonNames(j, "externals_appeared", ng, d.externals_appeared);
  JsonNames(j, "externals_vanished", og, d.externals_vanished);
  j.Key("cycles_introduced").BeginArray();
  for (const Cycle& c : d.introduced_cycles) {
    j.BeginArray();
    for (NodeId v : c.path) j.String(ng.name(v));
    j.EndArray();
  }
  j.EndArray().Key("impact").BeginObject().Key("by_kind").BeginObject();
  std::vector<uint32_t> per(ng.num_kinds(), 0);
  d.impact.ForEach([&](size_t v) { ++per[ng.kind(static_cast<NodeId>(v))]; });
  for (size_t k = 0; k < per.size(); ++k) {
    if (per[k] > 0) j.Key(ng.kind_name(static_cast<KindId>(k))).Uint(per[k]);
  }
  j.EndObject();
  JsonNames(j, "modified", ng, d.modified.ToVector());
  JsonNames(j, "nodes", ng, d.impact.ToVector());
  JsonNames(j, "protected", ng, ImpactIn(r, r.protected_set));
  if (!r.committed.file.empty()) JsonNames(j, "committed", ng, ImpactIn(r, r.committed.data.committed));
  j.EndObject();
  EndJsonReport(j, ctx);
}

void AppendDiffDot(Context& ctx, const DiffReport& r) {
  const GraphDiff& d = r.d;
  const Graph& ng = r.new_g;
  DotWriter w("etldag diff");
  w.AddGraphAttr("rankdir", "LR");
  w.AddGraphAttr("label", DiffSummary(r));
  w.AddNodeDefault("shape", "box");
  const DotAttrs added{{"style", "filled"}, {"fillcolor", "#d9ead3"}};
  const DotAttrs removed{{"style", "dashed"}, {"color", "#cc0000"}};
  const DotAttrs modified{{"style", "filled"}, {"fillcolor", "#fff2cc"}};
  d.modified.ForEach([&](size_t v) {
    const bool is_new = std::binary_search(d.added_ops.begin(), d.added_ops.end(), static_cast<NodeId>(v));
    w.AddNode(ng.name(static_cast<NodeId>(v)), is_new ? added : modified);
  });
  for (NodeId o : d.removed_ops) w.AddNode(r.old_g.name(o), removed);
  for (const EdgeChange& e : d.edge_changes) {
    for (NodeId u : e.added_inputs) w.AddEdge(ng.name(u), ng.name(e.op), {{"color", "#38761d"}});
    for (NodeId u : e.removed_inputs) {
      w.AddEdge(r.old_g.name(u), ng.name(e.op), {{"color", "#cc0000"}, {"style", "dashed"}});
    }
  }
  for (NodeId v : d.added_ops) {
    for (NodeId u : ng.in(v)) w.AddEdge(ng.name(u), ng.name(v), {{"color", "#38761d"}});
  }
  w.Render(&ctx.out);
}

}  // namespace etldag::cli
