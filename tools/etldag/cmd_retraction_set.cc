// etldag retraction-set GRAPH SELECTOR... [--committed FILE] [--print ids]:
// after bad data was committed, the bad nodes plus everything downstream,
// intersected with what the run committed; ids one per line for
//   etldag retraction-set ... --print ids | xargs -P 10 -I {} <retract> {}
#include <string>
#include <string_view>
#include <vector>

#include "engine/algo/retraction_set.h"
#include "engine/base/status.h"
#include "engine/load/committed.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

constexpr size_t kMaxExamples = 5;

std::string Examples(const std::vector<std::string>& names, uint64_t total) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ", ") + n;
  if (total > names.size()) s += ", ... (" + std::to_string(total - names.size()) + " more)";
  return s;
}

std::vector<std::string> UnknownNames(const std::vector<UnknownName>& unknown) {
  std::vector<std::string> names;
  for (const UnknownName& u : unknown) names.push_back(u.name);
  return names;
}

struct Committed {
  std::string file;  // "" without --committed
  CommittedDatasets data;
};

absl::StatusOr<Committed> ReadCommitted(const Context& ctx, const Graph& g) {
  Committed c;
  const std::optional<std::string_view> path = ctx.args.Get("committed");
  if (!path.has_value()) return c;
  c.file = *path == "-" ? "<stdin>" : std::string(*path);
  absl::StatusOr<CommittedDatasets> read = ReadCommittedFile(*path, g);
  if (!read.ok()) return InputError(MessageOf(read.status()));
  c.data = std::move(read).value();
  const CommittedDatasets& d = c.data;
  if (d.assumed_committed > 0) {
    const std::string counts = std::to_string(d.assumed_committed) + " of " +
                               Plural(d.entries, "dataset") + " in " + c.file;
    if (d.flagged == 0 && !ctx.args.Has("assume-committed")) {
      return ctx.Usage(counts + " carry no \"committed\" flag: that is the shape of the "
                       "ONLY_UNCOMMITTED answer, which lists what is NOT committed (give it to "
                       "`etldag triage --run`); query the full answer (with \"committed\"), or "
                       "pass --assume-committed if the file lists committed datasets");
    }
    ctx.Note("warning: " + counts + (d.assumed_committed == 1 ? " carries" : " carry") +
             " no \"committed\" flag and " + (d.assumed_committed == 1 ? "is" : "are") +
             " assumed committed");
  }
  if (d.unknown > 0) {
    ctx.Note("warning: " + Plural(d.unknown, "committed name") + " in " + c.file +
             (d.unknown == 1 ? " is" : " are") +
             " not in the graph (so not in the retraction set): " +
             Examples(UnknownNames(d.unknown_examples), d.unknown));
  }
  if (d.not_committed > 0) {
    ctx.Note(Plural(d.not_committed, "dataset") + " in " + c.file +
             (d.not_committed == 1 ? " is" : " are") +
             " not marked \"committed\": true and do" + (d.not_committed == 1 ? "es" : "") +
             " not count");
  }
  if (d.duplicates > 0) {
    ctx.Note(Plural(d.duplicates, "entry", "entries") + " in " + c.file +
             (d.duplicates == 1 ? " repeats" : " repeat") + " an earlier name");
  }
  return c;
}

void AppendJson(Context& ctx, const Graph& g, const RetractionSet& rs, const Committed& c) {
  JsonWriter j(&ctx.out);
  BeginJsonReport(j, ctx);
  j.Key("bad").Uint(rs.bad).Key("downstream").Uint(rs.downstream);
  j.Key("not_committed").Uint(rs.not_committed).Key("count").Uint(rs.nodes.size());
  if (!c.file.empty()) {
    const CommittedDatasets& d = c.data;
    j.Key("committed_file").BeginObject().Key("format").String(
        d.format == CommittedDatasets::Format::kTransactionJson ? "transaction-json" : "list");
    j.Key("entries").Uint(d.entries).Key("committed").Uint(d.committed.Count());
    j.Key("not_committed").Uint(d.not_committed).Key("duplicates").Uint(d.duplicates);
    j.Key("assumed_committed").Uint(d.assumed_committed);
    j.Key("unknown").Uint(d.unknown).Key("unknown_examples").BeginArray();
    for (const UnknownName& n : d.unknown_examples) j.String(n.name);
    j.EndArray().EndObject();
  }
  j.Key("results").BeginArray();
  for (NodeId v : rs.nodes) {
    j.BeginObject().Key("name").String(g.name(v)).Key("ids").BeginArray();
    for (std::string_view id : CommittedIdsOf(c.data, v)) j.String(id);
    j.EndArray().EndObject();
  }
  j.EndArray();
  EndJsonReport(j, ctx);
}

absl::StatusOr<ExitCode> RunRetractionSet(Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  const std::span<const std::string> selectors = std::span<const std::string>(pos).subspan(1);
  const std::string_view print = *ctx.args.Get("print");  // both have a default
  const std::string_view order = *ctx.args.Get("order");
  if (print != "names" && print != "ids") return ctx.Usage("--print wants names or ids");
  if (order != "topological" && order != "name") {
    return ctx.Usage("--order wants topological or name");
  }
  if (print == "ids" && !ctx.args.Has("committed")) {
    return ctx.Usage("--print ids needs --committed FILE (the transaction JSON holds the ids)");
  }
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  ASSIGN_OR_RETURN(const Selection bad, SelectWithExclude(ctx, g, selectors));
  ASSIGN_OR_RETURN(const Committed c, ReadCommitted(ctx, g));
  if (print == "ids" && c.data.format == CommittedDatasets::Format::kPlainList) {
    return ctx.Usage("--print ids needs the transaction JSON: " + c.file +
                     " is a plain list of names, which has no ids");
  }
  if (bad.empty()) ctx.Note("no bad node selected: nothing to retract");
  const std::vector<NodeId> seeds = bad.nodes.ToVector();
  const RetractionSet rs = ComputeRetractionSet(
      g, seeds,
      {.committed = c.file.empty() ? nullptr : &c.data.committed,
       .order = order == "name" ? RetractionOrder::kName : RetractionOrder::kTopological});
  std::string summary = "retraction set: " + Plural(rs.nodes.size(), "node") + " (" +
                        std::to_string(rs.bad) + " bad + " + std::to_string(rs.downstream) +
                        " downstream";
  if (!c.file.empty()) {
    summary += " = " + std::to_string(rs.bad + rs.downstream) + ", of which " +
               std::to_string(rs.not_committed) + " not committed";
  }
  ctx.Note(summary + ")");
  std::vector<std::string> no_id;
  uint64_t no_id_count = 0;
  for (NodeId v : rs.nodes) {
    if (!c.file.empty() && CommittedIdsOf(c.data, v).empty() && no_id_count++ < kMaxExamples) {
      no_id.emplace_back(g.name(v));
    }
  }
  if (no_id_count > 0 && (print == "ids" || ctx.format == "json")) {
    ctx.Note("warning: " + std::to_string(no_id_count) + " of " + Plural(rs.nodes.size(), "node") +
             " of the retraction set " + (no_id_count == 1 ? "has" : "have") + " no id in " +
             c.file +
             (print == "ids" ? " (not printed): " : ": ") + Examples(no_id, no_id_count));
  }
  if (ctx.format == "json") {
    AppendJson(ctx, g, rs, c);
  } else {
    for (NodeId v : rs.nodes) {
      if (print == "names") {
        ctx.out += std::string(g.name(v)) + "\n";
        continue;
      }
      for (std::string_view id : CommittedIdsOf(c.data, v)) ctx.out += std::string(id) + "\n";
    }
  }
  if (FailOnEmpty(ctx, bad)) return ExitCode::kNegative;
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& RetractionSetCommand() {
  static const CommandSpec spec{
      .name = "retraction-set",
      .aliases = {},
      .summary = "Bad datasets plus everything downstream, as committed: names or ids for xargs",
      .usage = "GRAPH SELECTOR...",
      .min_args = 2,
      .max_args = kAnyNumber,
      .description =
          "The selected (bad) nodes and everything downstream of them, intersected\n"
          "with the committed set when --committed FILE is given: either one name\n"
          "per line (# comments, blank lines and CRLF allowed), or the metadata\n"
          "service's transaction JSON {\"data\":{\"transaction\":{\"datasets\":[{\"id\",\n"
          "\"name\",\"committed\"}]}}} (where \"committed\" is present only true counts).\n"
          "A transaction answer in which no entry carries a \"committed\" flag (the\n"
          "ONLY_UNCOMMITTED query's shape, which lists what is NOT committed) is\n"
          "refused (exit 2) unless --assume-committed says it lists committed ones;\n"
          "entries without a flag in an answer that has flags are assumed committed,\n"
          "with a warning that counts them.\n"
          "Committed names that are not in the graph, and (with --print ids) nodes\n"
          "without an id, are warned about on stderr with counts; a summary note\n"
          "too. Nothing else goes to stdout.\n"
          "Order: topological, upstream first (by name inside a level; a cycle's\n"
          "members by name). xargs starts the retractions in this order, so an\n"
          "interrupted run leaves only datasets whose upstream is already retracted:\n"
          "a rerun of those is blocked rather than fed bad data again. --order name\n"
          "sorts by name instead.\n"
          "Output: one name per line, or with --print ids every id of every node,\n"
          "one per line, nothing else; --format json gives names, ids and counts.",
      .example = "etldag retraction-set data/spark_ops.json dataset/deposit-stream \\\n"
                 "    --committed data/transaction.json --print ids | xargs -P 10 -I {} retract {}",
      .flags = {{.name = "committed", .value_name = "FILE",
                 .help = "what the run committed: names, or the transaction JSON",
                 .echo_absent = EchoAbsent::kNull},
                {.name = "assume-committed", .value_name = "",
                 .help = "count transaction entries without a \"committed\" flag as committed"},
                {.name = "print", .value_name = "WHAT",
                 .help = "{default} (default) or ids (needs --committed)", .default_text = "names"},
                {.name = "order", .value_name = "ORDER",
                 .help = "{default} (default, upstream first) or name", .default_text = "topological",
                 .echo_absent = EchoAbsent::kDefault},
                kExcludeFlag,
                kFailOnEmptyFlag},
      .formats = {"names", "json"},
      .run = &RunRetractionSet,
      .positional_keys = {"graph", "select*"},
  };
  return spec;
}

}  // namespace etldag::cli
