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
#include "tools/etldag/command.h"
#include "tools/etldag/committed_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"
#include "tools/etldag/retraction_set_report.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunRetractionSet(Context& ctx) {
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
  NoteRetractionSet(ctx, g, rs, c, print == "ids");
  RETURN_IF_ERROR(RenderRetractionSet(ctx, g, rs, c, bad.nodes, print == "ids"));
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
          "one per line, nothing else; --format json gives names, ids and counts;\n"
          "--format dot draws the set, bad nodes red (summarised above {picture_detailed} nodes).",
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
      .formats = {"names", "json", "dot"},
      .run = &RunRetractionSet,
      .positional_keys = {"graph", "select*"},
  };
  return spec;
}

}  // namespace etldag::cli
