// etldag safe-to-skip GRAPH [SELECTOR...]: can a failing op be left out of
// tomorrow's run? A verdict per candidate (engine/algo/safe_to_skip.h):
// empty-commit-safe, skip-safe, or unsafe with the protected nodes it reaches.
#include <string>
#include <vector>

#include "engine/algo/safe_to_skip.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

// Paths are listed for at most this many candidates (one BFS each).
constexpr size_t kMaxExplained = 1000;

constexpr SkipVerdict kVerdicts[] = {SkipVerdict::kEmptyCommitSafe, SkipVerdict::kSkipSafe,
                                     SkipVerdict::kUnsafe};

struct Report {
  const Graph& g;
  const Bitmap& prot;
  std::span<const std::string> selectors;
  const std::vector<SkipAssessment>& results;
  bool explained;
};

size_t CountOf(const Report& r, SkipVerdict v) {
  return std::count_if(r.results.begin(), r.results.end(),
                       [&](const SkipAssessment& a) { return a.verdict == v; });
}

void AppendJson(Context& ctx, const Report& r) {
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

void AppendText(Context& ctx, const Report& r) {
  const Graph& g = r.g;
  std::string& o = ctx.out;
  const size_t itself = std::count_if(r.results.begin(), r.results.end(),
                                      [](const SkipAssessment& a) { return a.is_protected; });
  o += ProtectionLine(ctx, r.prot);
  o += std::to_string(r.results.size()) +
       (r.selectors.empty() ? " candidates (every op): " : " candidates: ");
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
    t.AddRow(row);
  }
  o += '\n';
  t.Render(&o, "  ");
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

absl::StatusOr<ExitCode> RunSafeToSkip(Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  const std::span<const std::string> selectors = std::span<const std::string>(pos).subspan(1);
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  ASSIGN_OR_RETURN(const Bitmap prot, LoadProtectedSet(ctx, g));
  // Candidates: the selection, or every op (externals only when selected).
  ASSIGN_OR_RETURN(Selection sel, SelectWithExclude(ctx, g, selectors));
  if (selectors.empty()) {
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (g.is_external(v)) sel.nodes.Reset(v);
    }
    sel.count = static_cast<uint32_t>(sel.nodes.Count());
  }
  if (sel.empty()) ctx.Note("no candidate selected");
  const std::vector<NodeId> candidates = sel.nodes.ToVector();
  const bool explain = !selectors.empty() && candidates.size() <= kMaxExplained;
  if (!selectors.empty() && !explain) {
    ctx.Note(std::to_string(candidates.size()) +
             " candidates: paths to protected nodes are listed for at most " +
             std::to_string(kMaxExplained) + "; narrow the selection to see them");
  }
  const std::vector<SkipAssessment> results =
      AssessSkips(g, candidates, prot, {.explain = explain});
  const Report r{g, prot, selectors, results, explain};
  if (ctx.format == "json") {
    AppendJson(ctx, r);
  } else if (ctx.format == "names") {
    for (const SkipAssessment& a : results) {
      if (a.verdict != SkipVerdict::kUnsafe) ctx.out += std::string(g.name(a.node)) + "\n";
    }
  } else {
    AppendText(ctx, r);
  }
  if (!selectors.empty() && CountOf(r, SkipVerdict::kUnsafe) > 0) return ExitCode::kNegative;
  if (FailOnEmpty(ctx, sel)) return ExitCode::kNegative;
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& SafeToSkipCommand() {
  static const CommandSpec spec{
      .name = "safe-to-skip",
      .aliases = {},
      .summary = "Can a failing op be skipped (commented out) or get an empty commit?",
      .usage = "GRAPH [SELECTOR...]",
      .min_args = 1,
      .max_args = kAnyNumber,
      .description =
          "A verdict per candidate (default: every op; externals only when selected):\n"
          "  empty-commit-safe  nothing is downstream: an empty dataset can be\n"
          "                     committed for it;\n"
          "  skip-safe          no protected node is downstream and it is not\n"
          "                     protected itself: it can be commented out. Its\n"
          "                     `downstream` nodes (`readers` of them read it\n"
          "                     directly) then run without its fresh output, or are\n"
          "                     skipped with it; everything else runs as before;\n"
          "  unsafe             it is protected itself, or protected nodes are\n"
          "                     downstream: every unsafe candidate names its\n"
          "                     nearest protected node (text column; json\n"
          "                     nearest_protected with a shortest path); with up to\n"
          "                     1000 candidates given, every protected node reached\n"
          "                     is listed with one shortest path.\n"
          "Protected nodes: every node with a name segment or kind equal to \"policy\"\n"
          "(policy/x, nu-mx/policy/x), plus every --protect selection; only\n"
          "--protect-only or --no-default-protect turn the default rule off. The\n"
          "text and json outputs name the rule in force.\n"
          "Formats: text = counts and a table (default); names = the safe candidates\n"
          "(both safe verdicts), sorted; json = verdicts, counts and paths.\n"
          "Exit 1 when candidates are given and any of them is unsafe.",
      .example = "etldag safe-to-skip data/spark_ops.json dataset/app-capital-sample \\\n"
                 "    dataset/deposit-stream\n"
                 "etldag safe-to-skip data/spark_ops.json --format names > skippable.txt",
      .flags = {kProtectFlag, kProtectOnlyFlag, kNoDefaultProtectFlag, kExcludeFlag, kFailOnEmptyFlag},
      .formats = {"text", "names", "json"},
      .run = &RunSafeToSkip,
      .positional_keys = {"graph", "select*?"},  // null: every op
  };
  return spec;
}

}  // namespace etldag::cli
