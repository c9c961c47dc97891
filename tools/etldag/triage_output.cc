#include "tools/etldag/triage_output.h"

#include <string_view>
#include <vector>

#include "engine/output/json_writer.h"
#include "engine/output/picture.h"
#include "engine/output/text_table.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

constexpr size_t kMaxListed = 10;

size_t Critical(const Triage& t) {
  size_t n = 0;
  for (const TriageRoot& r : t.roots) n += r.skip.is_protected;
  return n;
}

std::string Action(const Graph& g, const RunArg& run, const TriageRoot& r) {
  switch (r.skip.verdict) {
    case SkipVerdict::kUnsafe:
      if (r.skip.is_protected) return "FIX NOW: protected";
      return "fix now: reaches " + Plural(r.skip.protected_downstream, "protected node");
    case SkipVerdict::kSkipSafe:
      return "skip-safe: can be commented out";
    case SkipVerdict::kEmptyCommitSafe: {
      std::string s = "empty-commit-safe: commit an empty dataset";
      const std::vector<std::string_view> ids = IdsOf(run.list, r.node);
      if (!ids.empty()) s += " (id " + std::string(ids[0]) + ")";
      return s;
    }
  }
  (void)g;
  return "";
}

std::string ByKind(const Graph& g, const std::vector<KindCount>& by_kind) {
  std::string s;
  for (const KindCount& k : by_kind) {
    s += (s.empty() ? "" : ", ") + std::string(g.kind_name(k.kind)) + " " + std::to_string(k.count);
  }
  return s;
}

std::string NameList(const Graph& g, const std::vector<NodeId>& ids, size_t max) {
  std::string s;
  for (size_t i = 0; i < ids.size() && i < max; ++i) s += (i ? ", " : "") + std::string(g.name(ids[i]));
  if (ids.size() > max) s += ", ... (" + std::to_string(ids.size() - max) + " more)";
  return s;
}

void AppendRootText(std::string& out, const TriageReport& rep, size_t i, std::string_view graph,
                    bool color) {
  const Graph& g = rep.g;
  const TriageRoot& r = rep.t.roots[i];
  out += "\n" + Styled("root " + std::to_string(i + 1) + "/" + std::to_string(rep.t.roots.size()) +
                       ": " + std::string(g.name(r.node)), TextStyle::kAlert, color) + "\n";
  out += "  verdict:     " + Action(g, rep.run, r) + "\n";
  if (r.skip.nearest_protected.has_value()) {
    out += "  protected:   " + FormatPath(g, r.skip.nearest_protected->path) + " (nearest of " +
           std::to_string(r.skip.protected_downstream) + ")\n";
  }
  out += "  downstream:  " + std::to_string(r.downstream);
  if (!r.by_kind.empty()) out += " (" + ByKind(g, r.by_kind) + ")";
  out += "\n  to clear:    " + Plural(r.clear.size(), "collateral node");
  if (!r.clear.empty()) {
    out += ": " + NameList(g, r.clear, kMaxListed) + "\n  clear list:  etldag select " +
           std::string(graph) + " --run " + rep.run.file + " 'state:collateral," +
           std::string(g.name(r.node)) + "+'";
  }
  out += "\n";
}

}  // namespace

std::string TriageSummary(const TriageReport& r) {
  const Triage& t = r.t;
  std::string s = Plural(t.roots.size(), "root failure");
  if (const size_t c = Critical(t); c > 0) s += " (" + std::to_string(c) + " critical)";
  s += ", " + std::to_string(t.collateral.size()) + " collateral, " +
       std::to_string(t.pending.size()) + " pending";
  if (!t.stale.empty()) s += ", " + std::to_string(t.stale.size()) + " committed below a root";
  return s;
}

void AppendTriageText(Context& ctx, const TriageReport& r) {
  const Graph& g = r.g;
  const Triage& t = r.t;
  std::string& out = ctx.out;
  out += "triage: " + TriageSummary(r) + "\n" + ProtectionLine(ctx, r.protected_set);
  if (t.inferred) {
    out += "roots inferred from commit state alone (give --failed SELECTOR for what the "
           "orchestrator reports failed: the rest is then pending)\n";
  }
  std::vector<NodeId> critical;
  for (const TriageRoot& root : t.roots) {
    if (root.skip.is_protected) critical.push_back(root.node);
  }
  if (!critical.empty()) {
    out += Styled("critical roots (protected): " + NameList(g, critical, kMaxListed),
                  TextStyle::kAlert, ctx.color) + "\n";
  }
  if (!t.stale.empty()) {
    out += Styled("warning: " + Plural(t.stale.size(), "committed node") +
                      " below a root may hold data built without the failed input: " +
                      NameList(g, t.stale, kMaxListed),
                  TextStyle::kWarn, ctx.color) + "\n";
  }
  for (size_t i = 0; i < t.roots.size(); ++i) {
    AppendRootText(out, r, i, ctx.args.positionals()[0], ctx.color);
  }
  if (!t.pending.empty()) out += "\npending: " + NameList(g, t.pending, kMaxListed) + "\n";
}

absl::Status AppendTriageDot(Context& ctx, const TriageReport& r) {
  const Graph& g = r.g;
  const Triage& t = r.t;
  Bitmap shown(g.num_nodes());
  for (const TriageRoot& root : t.roots) shown.Set(root.node);
  for (const std::vector<NodeId>* part : {&t.collateral, &t.pending, &t.stale}) {
    for (NodeId v : *part) shown.Set(v);
  }
  PictureOptions o;
  o.title = "triage: " + TriageSummary(r);
  if (t.inferred) o.lines.push_back("roots inferred from commit state alone (no --failed)");
  if (!t.stale.empty()) o.lines.push_back("committed nodes below a root are drawn plain");
  o.state = [&](NodeId v) {
    uint32_t m = r.protected_set.Test(v) ? kDotProtected : 0u;
    switch (t.cls[v]) {
      case RunClass::kRootFailure: m |= kDotFailed; break;
      case RunClass::kCollateral: m |= kDotCollateral; break;
      case RunClass::kPending: m |= kDotPending; break;
      case RunClass::kCommitted: case RunClass::kExternal: break;
    }
    return m | (g.is_external(v) ? kDotExternal : 0u);
  };
  if (const size_t boxes = PictureBoxes(g, shown, o); boxes > kMaxDotNodes) {
    return ctx.Usage("even summarised the picture has " + std::to_string(boxes) +
                     " boxes; --format dot draws at most " + std::to_string(kMaxDotNodes) +
                     " (use --format text)");
  }
  AppendPictureDot(g, shown, o, &ctx.out);
  return absl::OkStatus();
}

void AppendTriageJson(Context& ctx, const TriageReport& r) {
  const Graph& g = r.g;
  const Triage& t = r.t;
  JsonWriter j(&ctx.out);
  BeginJsonReport(j, ctx);
  AppendProtectionJson(j, ctx);
  j.Key("run_file");
  AppendRunFileJson(j, r.run);
  j.Key("inferred").Bool(t.inferred);
  j.Key("counts").BeginObject().Key("roots").Uint(t.roots.size()).Key("critical").Uint(Critical(t));
  j.Key("collateral").Uint(t.collateral.size()).Key("pending").Uint(t.pending.size());
  j.Key("committed_below_root").Uint(t.stale.size()).EndObject();
  j.Key("roots").BeginArray();
  for (const TriageRoot& root : t.roots) {
    j.BeginObject().Key("name").String(g.name(root.node));
    j.Key("kind").String(g.kind_name(g.kind(root.node)));
    j.Key("verdict").String(SkipVerdictName(root.skip.verdict));
    j.Key("protected").Bool(root.skip.is_protected).Key("ids").BeginArray();
    for (std::string_view id : IdsOf(r.run.list, root.node)) j.String(id);
    j.EndArray().Key("downstream").Uint(root.downstream).Key("by_kind").BeginObject();
    for (const KindCount& k : root.by_kind) j.Key(g.kind_name(k.kind)).Uint(k.count);
    j.EndObject().Key("protected_reached");
    AppendHitsJson(j, g, root.protected_reached);
    j.Key("clear").BeginArray();
    for (NodeId v : root.clear) j.String(g.name(v));
    j.EndArray().EndObject();
  }
  j.EndArray().Key("collateral").BeginArray();
  for (NodeId v : t.collateral) {
    const std::vector<NodeId> path = NearestRootPath(g, t, v);
    j.BeginObject().Key("name").String(g.name(v)).Key("nearest_root").String(g.name(path[0]));
    j.Key("path").BeginArray();
    for (NodeId p : path) j.String(g.name(p));
    j.EndArray().Key("roots_upstream").Uint(t.roots_upstream[v]).EndObject();
  }
  j.EndArray().Key("pending").BeginArray();
  for (NodeId v : t.pending) j.String(g.name(v));
  j.EndArray().Key("committed_below_root").BeginArray();
  for (NodeId v : t.stale) j.String(g.name(v));
  j.EndArray();
  EndJsonReport(j, ctx);
}

}  // namespace etldag::cli
