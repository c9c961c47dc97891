// Exit codes of `etldag` (README.md, "Exit codes") and the mapping from errors to them.
//
// A command's run function returns absl::StatusOr<ExitCode>: a value for a
// finished query (kOk, or kNegative when the answer is "no"), an error status
// otherwise. The exit code of an error is the one attached with UsageError /
// InputError / CycleError / WithExitCode; an engine status without one maps
// to kCycle when FailedPrecondition (the engine's "needs a DAG" convention)
// and to kBadInput otherwise. main() prints the message verbatim on stderr.
#ifndef ETLDAG_TOOLS_ETLDAG_EXIT_CODE_H_
#define ETLDAG_TOOLS_ETLDAG_EXIT_CODE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "engine/base/strings.h"

namespace etldag::cli {

enum class ExitCode : int {
  kOk = 0,        // success
  kNegative = 1,  // the query ran and its answer is negative
  kUsage = 2,     // bad flags / arguments, unknown node name
  kBadInput = 3,  // unreadable or malformed input file (or output not writable)
  kCycle = 4,     // the command needs a DAG and the graph has a cycle
};

// The exit-code table as printed by `etldag --help`, and its two-line form
// closing every `etldag COMMAND --help`.
extern const char kExitCodeHelp[];
extern const char kExitCodeShortHelp[];

constexpr int ExitCodeInt(ExitCode code) { return static_cast<int>(code); }

// `status` (not OK) with `code` attached; its message is kept.
[[nodiscard]] absl::Status WithExitCode(absl::Status status, ExitCode code);

[[nodiscard]] inline absl::Status UsageError(std::string_view message) {
  return WithExitCode(absl::InvalidArgumentError(ToAbsl(message)), ExitCode::kUsage);
}
[[nodiscard]] inline absl::Status InputError(std::string_view message) {
  return WithExitCode(absl::DataLossError(ToAbsl(message)), ExitCode::kBadInput);
}
[[nodiscard]] inline absl::Status CycleError(std::string_view message) {
  return WithExitCode(absl::FailedPreconditionError(ToAbsl(message)), ExitCode::kCycle);
}

// The message of a status as a std::string_view.
inline std::string_view MessageOf(const absl::Status& s) { return ToStd(s.message()); }

// The exit code for a non-OK status (see the top of this file).
ExitCode ExitCodeOf(const absl::Status& status);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_EXIT_CODE_H_
