#include "tools/etldag/exit_code.h"

#include <optional>

#include "absl/strings/cord.h"

namespace etldag::cli {
namespace {
constexpr char kExitCodeUrl[] = "etldag/exit_code";
}  // namespace

const char kExitCodeHelp[] =
    "Exit codes:\n"
    "  0  success\n"
    "  1  the query ran and its answer is negative (validate found problems,\n"
    "     path found no path, ...)\n"
    "  2  usage error: bad flags or arguments, unknown node name (with suggestions)\n"
    "  3  bad input file: unreadable, malformed JSON (FILE:LINE:COL), wrong field\n"
    "     types, duplicate op names, corrupt snapshot\n"
    "  4  the graph has a cycle and the command needs a DAG (one cycle is named)\n";

const char kExitCodeShortHelp[] =
    "\nExit codes: 0 ok, 1 negative answer, 2 usage error, 3 bad input, 4 cycle\n"
    "(details: etldag --help).\n";

absl::Status WithExitCode(absl::Status status, ExitCode code) {
  status.SetPayload(kExitCodeUrl, absl::Cord(std::to_string(static_cast<int>(code))));
  return status;
}

ExitCode ExitCodeOf(const absl::Status& status) {
  if (const auto p = status.GetPayload(kExitCodeUrl); p.has_value()) {
    const std::string text(*p);
    if (text.size() == 1 && text[0] >= '0' && text[0] <= '4') {
      return static_cast<ExitCode>(text[0] - '0');
    }
  }
  if (status.code() == absl::StatusCode::kFailedPrecondition) return ExitCode::kCycle;
  return ExitCode::kBadInput;
}

}  // namespace etldag::cli
