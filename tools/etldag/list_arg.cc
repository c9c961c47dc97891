#include "tools/etldag/list_arg.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/algo/cycles.h"
#include "engine/algo/graph_diff.h"
#include "engine/algo/protected_set.h"
#include "engine/algo/triage.h"
#include "engine/algo/dbt_state.h"
#include "engine/base/status.h"
#include "engine/graph/name_lookup.h"
#include "engine/load/run_results.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

std::string Shown(std::string_view path) {
  return path == "-" ? "<stdin>" : std::string(path);
}

void WarnUnknown(const Context& ctx, std::string_view file, uint64_t unknown,
                 const std::vector<UnknownName>& examples, std::string_view consequence) {
  if (unknown == 0) return;
  std::string s;
  for (const UnknownName& u : examples) {
    s += (s.empty() ? "" : ", ") + u.name + " (line " + std::to_string(u.line) + ")";
  }
  if (unknown > examples.size()) s += ", ... (" + std::to_string(unknown - examples.size()) + " more)";
  ctx.Note("warning: " + Plural(unknown, "name") + " in " + std::string(file) +
           (unknown == 1 ? " is" : " are") + " not in the graph (" + std::string(consequence) +
           "): " + s);
}

using StateSets = std::map<std::string, Bitmap, std::less<>>;

void AddRunSets(StateSets& sets, const Graph& g, const RunArg& run) {
  const Bitmap none(g.num_nodes());
  const Triage t = ComputeTriage(g, {.uncommitted = &run.uncommitted, .protected_set = &none,
                                     .assess_roots = false});
  for (RunClass c : {RunClass::kCommitted, RunClass::kRootFailure, RunClass::kCollateral,
                     RunClass::kPending}) {
    Bitmap b(g.num_nodes());
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (t.cls[v] == c) b.Set(v);
    }
    sets[std::string(RunClassName(c))] = std::move(b);
  }
  sets["uncommitted"] = run.uncommitted;
}

// Options pointing at `sets`, which they keep alive.
std::shared_ptr<const SelectOptions> Owning(SelectOptions opts, std::shared_ptr<StateSets> sets) {
  opts.state = sets.get();
  return std::shared_ptr<const SelectOptions>(new SelectOptions(std::move(opts)),
                                              [sets](const SelectOptions* p) { delete p; });
}

// `opts` plus the statuses of --run-results (result:, source_status:).
[[nodiscard]] absl::StatusOr<std::shared_ptr<const SelectOptions>> WithResults(const Context& ctx, const Graph& g,
                                                                 std::optional<std::string_view> path,
                                                                 std::shared_ptr<const SelectOptions> opts) {
  if (!path.has_value()) return opts;
  absl::StatusOr<std::vector<RunResult>> results = LoadRunResults(*path);
  if (!results.ok()) return InputError(MessageOf(results.status()));
  auto status = std::make_shared<std::vector<std::string>>(g.num_nodes());
  NameLookup lookup(g);
  uint64_t unknown = 0;
  for (const RunResult& r : *results) {
    if (const std::optional<NodeId> v = lookup.Find(r.unique_id)) (*status)[*v] = r.status; else ++unknown;
  }
  if (unknown > 0) {
    ctx.Note("warning: " + std::string(*path) + ": " + std::to_string(unknown) +
             (unknown == 1 ? " result names a node" : " results name nodes") + " not in the graph (ignored)");
  }
  SelectOptions copy = *opts;
  copy.result_status = status.get();
  return std::shared_ptr<const SelectOptions>(new SelectOptions(std::move(copy)),
                                              [opts, status](const SelectOptions* p) { delete p; });
}

}  // namespace

const FlagSpec kRunFlag{"run", "FILE",
                        "run state for state:committed|uncommitted|root-failure|collateral|pending"};
const FlagSpec kStateFlag{"state", "OLD", "older graph version for state:modified|new"};
const FlagSpec kRunResultsFlag{"run-results", "FILE",
                               "dbt's run_results.json (or sources.json) for result:STATUS and source_status:STATUS"};

absl::StatusOr<RunArg> ReadRunArg(const Context& ctx, const Graph& g, std::string_view path) {
  return ResolveRunArg(ctx, g, path, PendingNameList::Read(path));
}

absl::StatusOr<RunArg> ResolveRunArg(const Context& ctx, const Graph& g, std::string_view path,
                                     const absl::StatusOr<PendingNameList>& read) {
  RunArg r;
  r.file = Shown(path);
  if (!read.ok()) return InputError(MessageOf(read.status()));
  absl::StatusOr<NameList> list = read->Resolve(g);
  if (!list.ok()) return InputError(MessageOf(list.status()));
  r.list = std::move(list).value();
  r.uncommitted = r.list.listed;
  r.uncommitted.Subtract(r.list.committed);
  r.uncommitted.ForEach([&](size_t v) { r.externals_listed += g.is_external(static_cast<NodeId>(v)); });
  for (NodeId v = 0; v < g.num_nodes() && r.externals_listed > 0; ++v) {
    if (g.is_external(v)) r.uncommitted.Reset(v);
  }
  WarnUnknown(ctx, r.file, r.list.unknown, r.list.unknown_examples, "ignored");
  if (r.externals_listed > 0) {
    ctx.Note(Plural(r.externals_listed, "external") + " listed uncommitted in " + r.file +
             " ignored: externals are always available");
  }
  return r;
}

void AppendRunFileJson(JsonWriter& j, const RunArg& run) {
  j.BeginObject().Key("file").String(run.file);
  j.Key("format").String(NameListFormatName(run.list.format));
  j.Key("entries").Uint(run.list.entries).Key("duplicates").Uint(run.list.duplicates);
  j.Key("flagged").Uint(run.list.flagged).Key("uncommitted").Uint(run.uncommitted.Count());
  j.Key("externals_ignored").Uint(run.externals_listed);
  j.Key("unknown").Uint(run.list.unknown).Key("unknown_examples").BeginArray();
  for (const UnknownName& u : run.list.unknown_examples) j.String(u.name);
  j.EndArray().EndObject();
}

absl::StatusOr<std::shared_ptr<const SelectOptions>> StateSelectOptions(const Context& ctx,
                                                                        const Graph& g) {
  auto opts = std::make_shared<SelectOptions>();
  opts->state_help = "state:committed, uncommitted, root-failure, collateral and pending need "
                     "--run FILE; state:modified and new need --state OLD";
  const auto declared = [&](std::string_view name) {
    for (const FlagSpec& f : ctx.args.specs()) {
      if (f.name == name) return true;
    }
    return false;
  };
  // Commands whose arguments are not a selection (path) have neither flag.
  const std::optional<std::string_view> run_path =
      declared(kRunFlag.name) ? ctx.args.Get(kRunFlag.name) : std::nullopt;
  const std::optional<std::string_view> old_path =
      declared(kStateFlag.name) ? ctx.args.Get(kStateFlag.name) : std::nullopt;
  const std::optional<std::string_view> results_path =
      declared(kRunResultsFlag.name) ? ctx.args.Get(kRunResultsFlag.name) : std::nullopt;
  if (!run_path.has_value() && !old_path.has_value() && !results_path.has_value()) return opts;
  auto sets = std::make_shared<StateSets>();
  if (run_path.has_value()) {
    if (!FindCycles(g).empty()) {
      return CycleError(ctx.ErrorText("--run needs a DAG to tell roots from collateral; the graph "
                                      "has a cycle (etldag validate names it)"));
    }
    ASSIGN_OR_RETURN(const RunArg run, ReadRunArg(ctx, g, *run_path));
    AddRunSets(*sets, g, run);
  }
  if (old_path.has_value()) {
    ASSIGN_OR_RETURN(const Graph old_g, LoadGraphArg(ctx, *old_path));
    if (g.has_attributes() && old_g.has_attributes()) {  // dbt manifests: by checksum (dbt_state.h)
      DbtState d = CompareDbtState(old_g, g);
      (*sets)["modified"] = std::move(d.modified);
      (*sets)["new"] = std::move(d.new_nodes);
      (*sets)["old"] = std::move(d.old_nodes);
      (*sets)["unmodified"] = std::move(d.unmodified);
      return WithResults(ctx, g, results_path, Owning(*opts, std::move(sets)));
    }
    GraphDiff d = ComputeGraphDiff(old_g, g);
    Bitmap added(g.num_nodes());
    for (NodeId v : d.added_ops) added.Set(v);
    (*sets)["modified"] = std::move(d.modified);
    (*sets)["new"] = std::move(added);
  }
  return WithResults(ctx, g, results_path, Owning(*opts, std::move(sets)));
}

std::shared_ptr<const SelectOptions> StateOptionsFromRun(const Graph& g, const RunArg& run) {
  auto sets = std::make_shared<StateSets>();
  AddRunSets(*sets, g, run);
  SelectOptions opts;
  opts.state_help = "state:modified and new need --state OLD";
  return Owning(opts, std::move(sets));
}

}  // namespace etldag::cli
