// etldag: the command-line front end of the engine (the binary's entry point;
// everything else is the etldag_cli library: the command table and the
// top level are in commands.h).
//
//   etldag COMMAND [OPTIONS] GRAPH [ARGS...]     (see `etldag --help`)
#include <csignal>
#include <string_view>
#include <vector>

#include "tools/etldag/commands.h"
#include "tools/etldag/fault_guard.h"

int main(int argc, char** argv) {
  // A closed stdout pipe (`etldag ... | head`) must not kill us: writes then
  // fail with EPIPE, which WriteStdout treats as a quiet success.
  std::signal(SIGPIPE, SIG_IGN);
  etldag::cli::InstallMappedFileGuard();  // a snapshot truncated under us: exit 3, not a crash
  std::vector<std::string_view> args(argv + 1, argv + argc);
  return etldag::cli::Main(args);
}
