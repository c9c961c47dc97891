#include "tools/etldag/command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>

#include "engine/algo/cycles.h"
#include "engine/output/picture.h"
#include "engine/output/text_table.h"
#include "tools/etldag/list_arg.h"
#include "tools/etldag/report.h"
#include "tbb/global_control.h"

namespace etldag::cli {
namespace {

// Flags every command accepts (--format only when the command has formats).
const FlagSpec kFormatFlag{.name = "format", .value_name = "FORMAT", .help = "", .echoed = false};
const FlagSpec kSharedFlags[] = {
    {.name = "threads", .value_name = "N",
     .help = "worker threads (default: all cores); results never depend on it", .echo_number = true,
     .echoed = false},
    {.name = "verbose", .value_name = "", .help = "notes and load timings on stderr", .echoed = false},
    {.name = "quiet", .value_name = "",
     .help = "errors only on stderr: no notes, warnings or progress", .echoed = false},
    {.name = "exit-zero", .value_name = "",
     .help = "exit 0 for a negative answer too (verdicts; errors keep 2, 3, 4)", .echoed = false},
    {.name = "help", .value_name = "", .help = "show this help", .echoed = false},
};
// Commands with a text format also take --color.
const FlagSpec kColorFlag{.name = "color", .value_name = "WHEN",
                          .help = "highlight the text report: always, never or {default} (on a "
                                  "terminal, unless NO_COLOR is set)",
                          .default_text = "auto", .echoed = false};
// Commands with a names format also take --null / -0.
const FlagSpec kNullFlag{.name = "null", .value_name = "",
                         .help = "end each name with a NUL byte, not a newline (for xargs -0)",
                         .short_name = '0', .echoed = false};

// The GRAPH positional from ETLDAG_GRAPH: when it is set and the first
// positional is not "-" or an existing file, the graph is $ETLDAG_GRAPH and
// every positional is an argument after it (docs/cli.md).
void ApplyGraphDefault(const CommandSpec& spec, std::vector<std::string>* pos) {
  if (spec.positional_keys.empty() || spec.positional_keys[0] != "graph") return;
  const char* env = std::getenv("ETLDAG_GRAPH");
  if (env == nullptr || *env == '\0') return;
  if (!pos->empty()) {
    struct stat st {};
    const std::string& first = (*pos)[0];
    if (first == "-" || (::stat(first.c_str(), &st) == 0 && S_ISREG(st.st_mode))) return;
  }
  pos->insert(pos->begin(), env);
}

bool HasFormat(const CommandSpec& spec, std::string_view format) {
  for (std::string_view f : spec.formats) {
    if (f == format) return true;
  }
  return false;
}
constexpr uint64_t kMaxThreads = 4096;

std::string UsageText(const CommandSpec& spec, std::string_view message) {
  return "etldag " + std::string(spec.name) + ": error: " + std::string(message) +
         "\nsee 'etldag " + std::string(spec.name) + " --help'";
}

void PrintError(const absl::Status& status) {
  std::string text(MessageOf(status));
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stderr);
}

std::string FormatHelp(const CommandSpec& spec) {
  std::string h = "output format: ";
  for (size_t i = 0; i < spec.formats.size(); ++i) {
    if (i > 0) h += ", ";
    h += spec.formats[i];
    if (i == 0) h += " (default)";
  }
  return h;
}

// The positional-count error, or an empty string when the count fits.
std::string CheckArity(const CommandSpec& spec, const std::vector<std::string>& pos) {
  const size_t n = pos.size();
  const std::string extra = spec.max_args < n ? pos[spec.max_args] : std::string();
  if (n >= spec.min_args && (spec.max_args == kAnyNumber || n <= spec.max_args)) return {};
  const auto plural = [](size_t k) {
    return std::to_string(k) + (k == 1 ? " argument" : " arguments");
  };
  if (spec.max_args == 0) return "takes no arguments, got " + std::to_string(n);
  std::string hint;
  if (n > spec.max_args && !spec.extra_arg_flags.empty()) {
    hint = " (did you mean";
    for (size_t i = 0; i < spec.extra_arg_flags.size(); ++i) {
      hint += std::string(i == 0 ? " `--" : " or `--") + std::string(spec.extra_arg_flags[i]) + " " +
              extra + "`";
    }
    hint += "?)";
  }
  std::string want;
  if (spec.max_args == spec.min_args) {
    want = plural(spec.min_args);
  } else if (n < spec.min_args) {
    want = "at least " + plural(spec.min_args);
  } else {
    want = "at most " + plural(spec.max_args);
  }
  return "expected " + want + " (" + std::string(spec.usage) + "), got " + std::to_string(n) + hint;
}

}  // namespace

void Context::Note(std::string_view message) const {
  if (quiet) return;
  std::string text = "etldag " + std::string(spec.name) + ": note: " + std::string(message) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

absl::Status Context::Usage(std::string_view message) const {
  return UsageError(UsageText(spec, message));
}

std::string Context::ErrorText(std::string_view message) const {
  return "etldag " + std::string(spec.name) + ": error: " + std::string(message);
}

bool WriteStdout(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EPIPE;  // the reader went away (`| head`): not an error
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string CommandDescription(const CommandSpec& spec) {
  std::string d(spec.description);
  const std::pair<std::string_view, size_t> constants[] = {
      {"{max_dot_boxes}", kMaxDotNodes},
      {"{picture_detailed}", kPictureDetailedNodes},
      {"{cycle_nodes_shown}", kMaxCycleNodesInMessage}};
  for (const auto& [token, value] : constants) {
    for (size_t at = d.find(token); at != std::string::npos; at = d.find(token, at)) {
      d.replace(at, token.size(), std::to_string(value));
    }
  }
  return d;
}

std::string CommandHelp(const CommandSpec& spec) {
  std::string h = "Usage: etldag " + std::string(spec.name) + " [OPTIONS] " +
                  std::string(spec.usage) + "\n";
  if (!spec.aliases.empty()) {
    h += "Aliases:";
    for (std::string_view a : spec.aliases) h += " " + std::string(a);
    h += "\n";
  }
  h += "\n" + std::string(spec.summary) + (spec.summary.ends_with('?') ? "\n" : ".\n");
  if (!spec.description.empty()) h += "\n" + CommandDescription(spec) + "\n";
  h += "\nOptions:\n";
  TextTable t({{""}, {""}});
  const auto add = [&](const FlagSpec& f, std::string_view help) {
    std::string left = f.name == "help" ? "-h, --help"
                       : f.short_name != 0 ? std::string{'-', f.short_name} + ", --" + std::string(f.name)
                                           : "--" + std::string(f.name);
    if (!f.value_name.empty()) left += " " + std::string(f.value_name);
    t.AddRow({left, std::string(help) + (f.repeated ? " (repeatable)" : "")});
  };
  for (const FlagSpec& f : DeclaredFlags(spec)) add(f, f.name == "format" ? FormatHelp(spec) : f.HelpText());
  t.Render(&h, "  ");
  h += "\nExample:\n";
  for (std::string_view rest = spec.example; !rest.empty();) {
    const size_t nl = rest.find('\n');
    h += "  " + std::string(rest.substr(0, nl)) + "\n";
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  h += kExitCodeShortHelp;
  return h;
}

std::vector<FlagSpec> DeclaredFlags(const CommandSpec& spec) {
  std::vector<FlagSpec> flags = spec.flags;
  const auto has = [&](std::string_view name) {
    for (const FlagSpec& f : flags) {
      if (f.name == name) return true;
    }
    return false;
  };
  if (has("exclude")) {  // a selection command: state: selectors (list_arg.h)
    if (!has(kRunFlag.name)) flags.push_back(kRunFlag);
    if (!has(kStateFlag.name)) flags.push_back(kStateFlag);
  }
  if (!spec.formats.empty()) {
    FlagSpec format = kFormatFlag;
    format.default_text = spec.formats[0];
    flags.push_back(format);
  }
  if (HasFormat(spec, "names")) flags.push_back(kNullFlag);
  if (HasFormat(spec, "text")) flags.push_back(kColorFlag);
  flags.insert(flags.end(), std::begin(kSharedFlags), std::end(kSharedFlags));
  return flags;
}

std::span<const FlagSpec> SharedFlags() { return kSharedFlags; }

std::optional<bool> ColorWanted(std::string_view when, bool stdout_is_tty, const char* term,
                                const char* no_color) {
  if (when == "always") return true;
  if (when == "never") return false;
  if (when != "auto") return std::nullopt;
  const bool dumb = term != nullptr && std::string_view(term) == "dumb";
  const bool no_color_set = no_color != nullptr && *no_color != '\0';
  return stdout_is_tty && !dumb && !no_color_set;
}

int RunCommand(const CommandSpec& spec, std::span<const std::string_view> args) {
  if (WantsHelp(args)) return WriteStdout(CommandHelp(spec)) ? 0 : ExitCodeInt(ExitCode::kBadInput);
  absl::StatusOr<ParsedArgs> parsed = ParseFlags(DeclaredFlags(spec), args);
  const auto fail = [&](const absl::Status& s) {
    PrintError(s);
    return static_cast<int>(ExitCodeOf(s));
  };
  if (!parsed.ok()) return fail(UsageError(UsageText(spec, MessageOf(parsed.status()))));
  Context ctx{spec, *std::move(parsed), {}, false, false, '\n', {}, nullptr, nullptr};
  ctx.quiet = ctx.args.Has("quiet");
  std::vector<std::string>& pos = ctx.args.mutable_positionals();
  ApplyGraphDefault(spec, &pos);
  for (const FlagSpec& f : spec.flags) {
    if (!f.positional_alias) continue;
    for (std::string_view v : ctx.args.GetAll(f.name)) pos.emplace_back(v);
  }
  if (std::string e = CheckArity(spec, pos); !e.empty()) return fail(ctx.Usage(e));
  if (!spec.formats.empty()) {
    ctx.format = *ctx.args.Get("format");  // default: the first format
    bool known = false;
    for (std::string_view f : spec.formats) known |= f == ctx.format;
    if (!known) {
      return fail(ctx.Usage("unknown format '" + std::string(ctx.format) + "'; " +
                            FormatHelp(spec)));
    }
  }
  ctx.verbose = ctx.args.Has("verbose");
  if (ctx.args.Declares("null") && ctx.args.Has("null")) {
    if (ctx.format != "names") return fail(ctx.Usage("--null (-0) applies to --format names"));
    ctx.name_end = '\0';
  }
  if (ctx.args.Declares("color")) {
    const std::optional<bool> color = ColorWanted(*ctx.args.Get("color"), ::isatty(STDOUT_FILENO) == 1,
                                                  std::getenv("TERM"), std::getenv("NO_COLOR"));
    if (!color.has_value()) return fail(ctx.Usage("--color wants auto, always or never"));
    ctx.color = *color && ctx.format == "text";
  }
  if (ctx.args.Declares("order")) {
    const std::string_view order = *ctx.args.Get("order");
    if (order != "name" && order != "topological") {
      return fail(ctx.Usage("--order wants topological or name"));
    }
  }
  const absl::StatusOr<uint64_t> threads = ctx.args.GetUint("threads", kMaxThreads);
  if (!threads.ok()) return fail(ctx.Usage(MessageOf(threads.status())));
  if (ctx.args.Has("threads") && *threads == 0) return fail(ctx.Usage("--threads must be >= 1"));
  std::optional<tbb::global_control> thread_limit;
  if (*threads > 0) {
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism, *threads);
  }
  const absl::StatusOr<ExitCode> code = spec.run(ctx);
  if (!code.ok()) return fail(code.status());
  const ExitCode answer =
      *code == ExitCode::kNegative && ctx.args.Has("exit-zero") ? ExitCode::kOk : *code;
  if (!WriteStdout(ctx.out)) {
    return fail(InputError(ctx.ErrorText(std::string("cannot write to stdout: ") +
                                         std::strerror(errno))));
  }
  return static_cast<int>(answer);
}

}  // namespace etldag::cli
