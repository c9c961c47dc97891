// The command table and the top level of `etldag` (commands.h).
//
// HOW TO ADD A COMMAND (one file + one line):
//   1. Write tools/etldag/cmd_<name>.cc defining, in namespace etldag::cli,
//        const CommandSpec& FooCommand() {
//          static const CommandSpec spec{ .name = "foo", .aliases = {},
//              .summary = "...", .usage = "GRAPH NAME...", .min_args = 2,
//              .max_args = kAnyNumber, .description = "...",
//              .example = "etldag foo data/spark_ops.json contract/x",
//              .flags = {{"depth", "N", "..."}}, .formats = {"names", "json"},
//              .run = &RunFoo };
//          return spec;
//        }
//      where RunFoo(Context& ctx) reads its flags from ctx.args (declared
//      names only: an undeclared one aborts), loads the graph with
//      LoadGraphArg (load.h), resolves node arguments with ResolveNodes
//      (resolve.h), computes, renders the WHOLE answer into ctx.out and
//      returns ExitCode::kOk or kNegative, or an error status (UsageError /
//      InputError / CycleError, exit_code.h). --format, --threads, --verbose
//      and --help are handled for it (command.h).
//   2. Add X(Foo) to ETLDAG_COMMANDS below (the order of `etldag --help`).
// The CMake target globs cmd_*.cc, so nothing else changes.
#include "tools/etldag/commands.h"

#include <cstdio>
#include <vector>

#include "engine/output/text_table.h"
#include "engine/query/suggest.h"
#include "tools/etldag/completion.h"
#include "tools/etldag/man_page.h"

#ifndef ETLDAG_VERSION
#define ETLDAG_VERSION "unknown"
#endif

// The command table: one X(Name) per command, defined by NameCommand().
#define ETLDAG_COMMANDS(X) \
  X(Stats)                 \
  X(Validate)              \
  X(Downstream)            \
  X(Upstream)              \
  X(Select)                \
  X(Path)                  \
  X(BlastRadius)           \
  X(SafeToSkip)            \
  X(RetractionSet)         \
  X(Levels)                \
  X(CriticalPath)          \
  X(RerunPlan)             \
  X(Triage)                \
  X(Diff)                  \
  X(Index)                 \
  X(Generate)

namespace etldag::cli {

#define ETLDAG_DECLARE_COMMAND(Name) const CommandSpec& Name##Command();
ETLDAG_COMMANDS(ETLDAG_DECLARE_COMMAND)
#undef ETLDAG_DECLARE_COMMAND

std::span<const CommandSpec* const> Commands() {
#define ETLDAG_COMMAND_ENTRY(Name) &Name##Command(),
  static const CommandSpec* const kTable[] = {ETLDAG_COMMANDS(ETLDAG_COMMAND_ENTRY)};
#undef ETLDAG_COMMAND_ENTRY
  return kTable;
}

const CommandSpec* FindCommand(std::string_view name) {
  for (const CommandSpec* c : Commands()) {
    if (c->name == name) return c;
    for (std::string_view a : c->aliases) {
      if (a == name) return c;
    }
  }
  return nullptr;
}

std::string MainHelp() {
  std::string h =
      "etldag: dependency analysis for ETL DAGs (spark_ops.json).\n"
      "\n"
      "Usage: etldag COMMAND [OPTIONS] GRAPH [ARGS...]\n"
      "       etldag COMMAND --help\n"
      "\n"
      "GRAPH is a spark_ops.json file, a snapshot written by `etldag index`, or -\n"
      "for stdin.\n"
      "\n"
      "Commands:\n";
  TextTable table({{""}, {""}});
  for (const CommandSpec* c : Commands()) {
    table.AddRow({std::string(c->name), std::string(c->summary)});
  }
  table.Render(&h, "  ");
  h += "\nAlso:\n"
       "  help COMMAND       the same as etldag COMMAND --help\n"
       "  help --man         the man page etldag(1), in roff\n"
       "  completion SHELL   a bash or zsh completion script (commands, flags, node names)\n"
       "  --version          version, commit and build type\n";
  h += "\nOutput: data on stdout (--format names|json|text, per command), notes and\n"
       "errors on stderr; nothing is written to stdout unless the whole answer is ready.\n"
       "\nExample:\n"
       "  etldag downstream data/spark_ops.json contract/transacao-savings-entries --count\n\n";
  h += kExitCodeHelp;
  return h;
}

namespace {

int Usage(const std::string& message) {
  std::fprintf(stderr, "etldag: error: %s\nsee 'etldag --help'\n", message.c_str());
  return ExitCodeInt(ExitCode::kUsage);
}

int Write(std::string_view text) {
  return WriteStdout(text) ? ExitCodeInt(ExitCode::kOk) : ExitCodeInt(ExitCode::kBadInput);
}

}  // namespace

int Main(std::span<const std::string_view> args) {
  if (args.empty()) return Usage("missing COMMAND");
  const std::string_view first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    if (first == "help" && args.size() == 2 && args[1] == "--man") {
      return Write(ManPage(Commands(), ETLDAG_VERSION));
    }
    if (first == "help" && args.size() > 1) {
      if (const CommandSpec* c = FindCommand(args[1]); c != nullptr) return Write(CommandHelp(*c));
      return Usage("unknown command '" + std::string(args[1]) + "'");
    }
    return Write(MainHelp());
  }
  if (first == "--version") return Write("etldag " ETLDAG_VERSION "\n");
  if (first == "completion") return RunCompletion(Commands(), args.subspan(1));
  if (const CommandSpec* c = FindCommand(first); c != nullptr) {
    return RunCommand(*c, args.subspan(1));
  }
  std::vector<std::string_view> names;
  for (const CommandSpec* c : Commands()) {
    names.push_back(c->name);
    names.insert(names.end(), c->aliases.begin(), c->aliases.end());
  }
  std::string message = (first.starts_with("-") ? "unknown option '" : "unknown command '") +
                        std::string(first) + "'";
  if (const auto close = SuggestFrom(names, first, 1); !close.empty()) {
    message += " (did you mean '" + close[0] + "'?)";
  }
  return Usage(message);
}

}  // namespace etldag::cli
