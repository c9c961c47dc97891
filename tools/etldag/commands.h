// The command table of `etldag`: every subcommand with its flags, formats
// and help texts, in `etldag --help` order. The one source for parsing,
// `--help`, and anything generated from the command line (man page, shell
// completions): iterate Commands() and DeclaredFlags() (command.h).
#ifndef ETLDAG_TOOLS_ETLDAG_COMMANDS_H_
#define ETLDAG_TOOLS_ETLDAG_COMMANDS_H_

#include <span>
#include <string>
#include <string_view>

#include "tools/etldag/command.h"

namespace etldag::cli {

// Every command, in `etldag --help` order.
std::span<const CommandSpec* const> Commands();

// The command named `name` or with `name` as an alias; nullptr when none.
const CommandSpec* FindCommand(std::string_view name);

// `etldag --help`.
std::string MainHelp();

// The whole command line after `etldag` (argv[1..]); returns the exit code.
// Writes to stdout and stderr like the binary does (tests call it in-process).
int Main(std::span<const std::string_view> args);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_COMMANDS_H_
