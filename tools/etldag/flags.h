// A small command-line flag parser for etldag's subcommands.
//
// Accepts `--flag value`, `--flag=value`, boolean `--flag`, repeated flags
// (every value kept, in order), positionals anywhere between flags, `-` as a
// positional (stdin), and `--` (everything after it is positional). `-h` is
// `--help`. Errors are one-line messages (no prefix): unknown flag (with a
// "did you mean" when close), missing value, a value given to a boolean, a
// single-valued flag given twice. A flag with a short_name also answers to
// `-X value` (not `-Xvalue`, not bundled).
#ifndef ETLDAG_TOOLS_ETLDAG_FLAGS_H_
#define ETLDAG_TOOLS_ETLDAG_FLAGS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace etldag::cli {

struct FlagSpec {
  std::string_view name;        // without the leading "--"
  std::string_view value_name;  // e.g. "N", "FILE"; empty for a boolean flag
  std::string_view help;        // one line
  bool repeated = false;        // may be given several times
  char short_name = 0;          // e.g. 'o' for -o; 0 = none
};

class ParsedArgs {
 public:
  bool Has(std::string_view flag) const { return Find(flag) != nullptr; }
  // The value of a single-valued flag, or nullopt when absent.
  std::optional<std::string_view> Get(std::string_view flag) const;
  // Every value of a (repeated) flag, in command-line order.
  std::vector<std::string_view> GetAll(std::string_view flag) const;
  // A non-negative integer flag, `fallback` when absent; InvalidArgument when
  // not a decimal integer in [0, max].
  absl::StatusOr<uint64_t> GetUint(std::string_view flag, uint64_t fallback,
                                   uint64_t max = UINT64_MAX) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  friend absl::StatusOr<ParsedArgs> ParseFlags(std::span<const FlagSpec>,
                                               std::span<const std::string_view>);
  const std::vector<std::string>* Find(std::string_view flag) const;
  std::vector<std::string>* MutableFind(std::string_view flag);
  std::vector<std::pair<std::string, std::vector<std::string>>> flags_;
  std::vector<std::string> positionals_;
};

[[nodiscard]] absl::StatusOr<ParsedArgs> ParseFlags(std::span<const FlagSpec> specs,
                                                    std::span<const std::string_view> args);

// True when `args` asks for help (`--help` or `-h` before any `--`).
bool WantsHelp(std::span<const std::string_view> args);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_FLAGS_H_
