#include "tools/etldag/safe_to_skip_report.h"

#include <string>
#include <vector>

#include "engine/algo/safe_to_skip.h"
#include "absl/strings/strip.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "engine/output/dot_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/command.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

constexpr SkipVerdict kVerdicts[] = {SkipVerdict::kEmptyCommitSafe, SkipVerdict::kSkipSafe,
                                     SkipVerdict::kUnsafe};

void AppendJson(Context& ctx, const SafeToSkipReport& r) {
  const Graph& g = r.g;
  JsonWriter j(&ctx.out);
  BeginJsonReport(j, ctx).Key("protected_nodes").Uint(r.prot.Count());
  AppendProtectionJson(j, ctx);
  j.Key("candidates").Uint(r.results.size()).Key("explained").Bool(r.explained);
  j.Key("counts").BeginObject();
  for (SkipVerdict v : kVerdicts) j.Key(SkipVerdictName(v)).Uint(CountOf(r, v));
  j.EndObject().Key("results").BeginArray();
  for (const SkipAssessment& a : r.results) {
    j.BeginObject().Key("name").String(g.name(a.node));
    j.Key("verdict").String(SkipVerdictName(a.verdict));
    j.Key("protected_itself").Bool(a.is_protected).Key("readers").Uint(a.readers);
    j.Key("downstream").Uint(a.downstream).Key("protected_downstream").Uint(a.protected_downstream);
    if (r.explained && a.verdict == SkipVerdict::kUnsafe) {
      j.Key("protected_reached");
      AppendHitsJson(j, g, a.protected_reached);
    }
    if (a.nearest_protected.has_value()) {
      j.Key("nearest_protected");
      AppendHitJson(j, g, *a.nearest_protected);
    }
    j.EndObject();
  }
  j.EndArray();
  EndJsonReport(j, ctx);
}

void AppendText(Context& ctx, const SafeToSkipReport& r) {
  const Graph& g = r.g;
  std::string& o = ctx.out;
  const size_t itself = std::count_if(r.results.begin(), r.results.end(),
                                      [](const SkipAssessment& a) { return a.is_protected; });
  o += ProtectionLine(ctx, r.prot);
  o += Plural(r.results.size(), "candidate", "candidates") +
       (r.selectors.empty() ? " (every op): " : ": ");
  for (SkipVerdict v : kVerdicts) {
    o += std::to_string(CountOf(r, v)) + " " + std::string(SkipVerdictName(v));
    o += v == SkipVerdict::kUnsafe ? " (" + std::to_string(itself) + " protected themselves)\n"
                                   : ", ";
  }
  if (r.results.empty()) return;
  const bool any_near = std::any_of(r.results.begin(), r.results.end(),
                                    [](const SkipAssessment& a) { return a.nearest_protected.has_value(); });
  std::vector<TextTable::Column> columns = {{"verdict"}, {"downstream", TextTable::kRight},
                                            {"readers", TextTable::kRight}, {"protected", TextTable::kRight},
                                            {"node"}};
  if (any_near) columns.push_back({"nearest protected (hops)"});
  TextTable t(columns);
  for (const SkipAssessment& a : r.results) {
    std::vector<std::string> row = {std::string(SkipVerdictName(a.verdict)), std::to_string(a.downstream),
                                    std::to_string(a.readers),
                                    std::to_string(a.protected_downstream) + (a.is_protected ? " +self" : ""),
                                    std::string(g.name(a.node))};
    if (const std::optional<ProtectedHit>& near = a.nearest_protected; any_near) {
      row.push_back(near ? std::string(g.name(near->node)) + " (" + std::to_string(near->distance) + ")" : "");
    }
    t.AddRow(row, a.verdict == SkipVerdict::kUnsafe ? TextStyle::kAlert : TextStyle::kPlain);
  }
  o += '\n';
  t.Render(&o, "  ", ctx.color);
  if (!r.explained || CountOf(r, SkipVerdict::kUnsafe) == 0) return;
  o += "\nwhy unsafe (one shortest path to each protected node reached):\n";
  for (const SkipAssessment& a : r.results) {
    if (a.verdict != SkipVerdict::kUnsafe) continue;
    o += "  " + std::string(g.name(a.node)) + ":";
    if (a.is_protected) o += " protected itself;";
    o += " reaches " + std::to_string(a.protected_downstream) + " protected node" +
         (a.protected_downstream == 1 ? "" : "s") + "\n";
    for (const ProtectedHit& h : a.protected_reached) {
      o += "    " + std::string(g.name(h.node)) + " (" + std::to_string(h.distance) +
           (h.distance == 1 ? " hop): " : " hops): ") + FormatPath(g, h.path) + "\n";
    }
  }
}

}  // namespace

size_t CountOf(const SafeToSkipReport& r, SkipVerdict v) {
  return std::count_if(r.results.begin(), r.results.end(),
                       [&](const SkipAssessment& a) { return a.verdict == v; });
}

absl::Status RenderSafeToSkip(Context& ctx, const SafeToSkipReport& r) {
  if (ctx.format == "json") {
    AppendJson(ctx, r);
  } else if (ctx.format == "names") {  // --only: one verdict, else both safe ones
    // The rule the verdicts were taken under, on stderr (stdout is the list).
    ctx.Note(std::string(absl::StripSuffix(ProtectionLine(ctx, r.prot), "\n")));
    const std::string_view only = *ctx.args.Get("only");
    Bitmap listed(r.g.num_nodes());
    for (const SkipAssessment& a : r.results) {
      const bool safe = a.verdict != SkipVerdict::kUnsafe;
      if (only == "safe" ? safe : SkipVerdictName(a.verdict) == only) listed.Set(a.node);
    }
    RETURN_IF_ERROR(AppendNodeSet(ctx, r.g, listed));
  } else if (ctx.format == "dot") {  // the candidates, unsafe ones red
    Bitmap shown(r.g.num_nodes()), unsafe(r.g.num_nodes());
    for (const SkipAssessment& a : r.results) {
      shown.Set(a.node);
      if (a.verdict == SkipVerdict::kUnsafe) unsafe.Set(a.node);
    }
    RETURN_IF_ERROR(AppendNodeSetDot(
        ctx, r.g, shown,
        {.title = "safe-to-skip: " + Plural(r.results.size(), "candidate", "candidates"),
         .lines = {Plural(unsafe.Count(), "unsafe candidate", "unsafe candidates") + " (red)"},
         .highlight = [&](NodeId v) { return unsafe.Test(v) ? kDotFailed : 0u; },
         .hint = "select fewer candidates"}));
  } else {
    AppendText(ctx, r);
  }
  return absl::OkStatus();
}

}  // namespace etldag::cli
