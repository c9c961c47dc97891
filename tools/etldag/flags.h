// A small command-line flag parser for etldag's subcommands.
//
// Accepts `--flag value`, `--flag=value`, boolean `--flag`, repeated flags
// (every value kept, in order), positionals anywhere between flags, `-` as a
// positional (stdin), and `--` (everything after it is positional). `-h` is
// `--help`. Errors are one-line messages (no prefix): unknown flag (with a
// "did you mean" when close), missing value, a value given to a boolean, a
// single-valued flag given twice. A flag with a short_name also answers to
// `-X value` (not `-Xvalue`, not bundled).
//
// Looking up a flag the command did not declare (a typo such as
// Has("fail-on-protectd")) is a programmer error: it aborts with the flag's
// name (tests/cli/flag_names_test.cc also checks every literal flag name in
// tools/etldag/ against the command table).
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

// How a flag is echoed in the JSON "arguments" object when it was not given
// (a given flag is always echoed: true, its value, or its values).
enum class EchoAbsent : uint8_t {
  kOmit,     // not echoed
  kNull,     // null
  kEmpty,    // false / [] / 0 (by the flag's type)
  kDefault,  // the declared default
};

struct FlagSpec {
  std::string_view name;        // without the leading "--"
  std::string_view value_name;  // e.g. "N", "FILE"; empty for a boolean flag
  // One line. "{default}" is replaced by the default; without it, a flag
  // with a default gets " (default X)" appended.
  std::string_view help;
  bool repeated = false;        // may be given several times
  char short_name = 0;          // e.g. 'o' for -o; 0 = none
  // The one default, used by parsing (Get/GetUint) and by help. At most one
  // of the two is set.
  std::string_view default_text = {};
  std::optional<uint64_t> default_uint = {};
  bool echo_number = false;                    // echoed as a number
  std::string_view json_key = {};              // key in "arguments"; "" = name
  EchoAbsent echo_absent = EchoAbsent::kOmit;  // see above
  bool echoed = true;                          // false: never in "arguments"
  // The values are more positionals, appended after the command line's own
  // (rerun-plan --failed X = rerun-plan GRAPH X).
  bool positional_alias = false;

  bool is_bool() const { return value_name.empty(); }
  std::string_view key() const { return json_key.empty() ? name : json_key; }
  // The default as text ("" when none).
  std::string DefaultText() const;
  // The help line with its default filled in.
  std::string HelpText() const;
};

// `f` echoed as `absent` when not given (for a shared flag one command
// always echoes).
inline FlagSpec EchoedAs(FlagSpec f, EchoAbsent absent) {
  f.echo_absent = absent;
  return f;
}

class ParsedArgs {
 public:
  // Every lookup below aborts when `flag` is not declared (see the top).
  bool Has(std::string_view flag) const { return Find(flag) != nullptr; }
  // The value of a single-valued flag; its default_text when absent and it
  // has one, else nullopt.
  std::optional<std::string_view> Get(std::string_view flag) const;
  // Every value of a (repeated) flag, in command-line order.
  std::vector<std::string_view> GetAll(std::string_view flag) const;
  // A non-negative integer flag: its default_uint (0 without one) when
  // absent; InvalidArgument when not a decimal integer in [0, max].
  [[nodiscard]] absl::StatusOr<uint64_t> GetUint(std::string_view flag, uint64_t max = UINT64_MAX) const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  std::vector<std::string>& mutable_positionals() { return positionals_; }
  // True when `flag` is declared (given or not).
  bool Declares(std::string_view flag) const;
  // The declared flags, in declaration order.
  std::span<const FlagSpec> specs() const { return specs_; }
  // The declaration of `flag` (aborts when undeclared).
  const FlagSpec& Spec(std::string_view flag) const;

 private:
  friend absl::StatusOr<ParsedArgs> ParseFlags(std::span<const FlagSpec>,
                                               std::span<const std::string_view>);
  const std::vector<std::string>* Find(std::string_view flag) const;
  std::vector<std::string>* MutableFind(std::string_view flag);
  std::vector<FlagSpec> specs_;
  std::vector<std::pair<std::string, std::vector<std::string>>> flags_;
  std::vector<std::string> positionals_;
};

[[nodiscard]] absl::StatusOr<ParsedArgs> ParseFlags(std::span<const FlagSpec> specs,
                                                    std::span<const std::string_view> args);

// True when `args` asks for help (`--help` or `-h` before any `--`).
bool WantsHelp(std::span<const std::string_view> args);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_FLAGS_H_
