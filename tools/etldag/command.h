// What a subcommand of `etldag` is, and what its run function gets.
//
// A command is a CommandSpec (name, aliases, help texts, its own flags, the
// formats it accepts) plus a run function. RunCommand() does everything
// around it: --help, flag parsing, argument count, the shared flags (--format,
// --threads, --verbose), then calls run, then writes ctx.out to stdout in one
// go (only when the exit code is 0 or 1: no half answers) and prints an error
// status on stderr. See main.cc for how to add a command.
#ifndef ETLDAG_TOOLS_ETLDAG_COMMAND_H_
#define ETLDAG_TOOLS_ETLDAG_COMMAND_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/output/json_writer.h"
#include "engine/query/select.h"
#include "tools/etldag/exit_code.h"
#include "tools/etldag/flags.h"

namespace etldag::cli {

struct CommandSpec;

struct Context {
  const CommandSpec& spec;
  ParsedArgs args;
  std::string_view format;  // the --format value (validated), or "" if none
  bool verbose = false;     // --verbose
  bool quiet = false;       // --quiet: Note() prints nothing (errors still do)
  char name_end = '\n';     // ends each name of names output; '\0' with --null / -0
  std::string out;          // everything for stdout, written once at the end
  // The state: selector sets (list_arg.h), built once for `select_graph`.
  mutable std::shared_ptr<const SelectOptions> select_options;
  mutable const Graph* select_graph = nullptr;
  // Set by LoadProtectedSet on a dbt manifest graph: the default protection
  // rule is dbt's (protect_arg.h), and the protection line says so.
  mutable bool dbt_protection = false;
  // --color: highlight the text report (never set for other formats).
  bool color = false;

  // "etldag NAME: note: MESSAGE" on stderr, right away (nothing with --quiet).
  void Note(std::string_view message) const;
  // A usage error: "etldag NAME: error: MESSAGE" + "see 'etldag NAME --help'".
  [[nodiscard]] absl::Status Usage(std::string_view message) const;
  // "etldag NAME: error: MESSAGE" (for errors to wrap in UsageError etc.).
  std::string ErrorText(std::string_view message) const;
};

using RunFn = absl::StatusOr<ExitCode> (*)(Context& ctx);

inline constexpr size_t kAnyNumber = static_cast<size_t>(-1);

struct CommandSpec {
  std::string_view name;
  std::vector<std::string_view> aliases;
  std::string_view summary;      // one line, for `etldag --help`
  std::string_view usage;        // the positionals, e.g. "GRAPH NAME..."
  size_t min_args = 0;           // number of positionals accepted
  size_t max_args = 0;           // kAnyNumber = no limit
  std::string_view description;  // paragraph(s) for `etldag NAME --help`
  std::string_view example;      // command line(s), one per line
  std::vector<FlagSpec> flags;   // the command's own flags
  std::vector<std::string_view> formats;  // --format values, default first
  RunFn run = nullptr;
  // Keys of the positionals in the JSON "arguments" echo (report.h): KEY =
  // one positional, KEY* = the rest as an array, KEY*? = the same or null.
  std::vector<std::string_view> positional_keys = {"graph"};
  // Flags a surplus positional was probably meant for: the arity error says
  // "did you mean `--through X`?".
  std::vector<std::string_view> extra_arg_flags = {};
};

// Every flag `spec` parses, in order: its own, --format (when it has
// formats; default: the first one), then the shared flags.
std::vector<FlagSpec> DeclaredFlags(const CommandSpec& spec);
// The flags every command accepts (--threads, --verbose, --help).
std::span<const FlagSpec> SharedFlags();

// --color WHEN: "always" and "never" decide; "auto" colours when stdout is a
// terminal, TERM is not "dumb" and NO_COLOR is unset or empty (no-color.org).
// `term` and `no_color` are the environment values (null when unset).
// nullopt for any other WHEN.
std::optional<bool> ColorWanted(std::string_view when, bool stdout_is_tty, const char* term,
                                const char* no_color);

// Runs `spec` on the arguments after the command name; returns the exit code.
int RunCommand(const CommandSpec& spec, std::span<const std::string_view> args);

// `etldag NAME --help`.
std::string CommandHelp(const CommandSpec& spec);

// Writes all of `data` to stdout (fd 1). A closed pipe (EPIPE, e.g. `| head`)
// counts as success; returns false on any other write error.
bool WriteStdout(std::string_view data);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_COMMAND_H_
