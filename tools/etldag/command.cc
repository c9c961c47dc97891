#include "tools/etldag/command.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "engine/output/text_table.h"
#include "tools/etldag/list_arg.h"
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
    {.name = "help", .value_name = "", .help = "show this help", .echoed = false},
};
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
std::string CheckArity(const CommandSpec& spec, size_t n) {
  if (n >= spec.min_args && (spec.max_args == kAnyNumber || n <= spec.max_args)) return {};
  const auto plural = [](size_t k) {
    return std::to_string(k) + (k == 1 ? " argument" : " arguments");
  };
  if (spec.max_args == 0) return "takes no arguments, got " + std::to_string(n);
  std::string want;
  if (spec.max_args == spec.min_args) {
    want = plural(spec.min_args);
  } else if (n < spec.min_args) {
    want = "at least " + plural(spec.min_args);
  } else {
    want = "at most " + plural(spec.max_args);
  }
  return "expected " + want + " (" + std::string(spec.usage) + "), got " + std::to_string(n);
}

}  // namespace

void Context::Note(std::string_view message) const {
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

std::string CommandHelp(const CommandSpec& spec) {
  std::string h = "Usage: etldag " + std::string(spec.name) + " [OPTIONS] " +
                  std::string(spec.usage) + "\n";
  if (!spec.aliases.empty()) {
    h += "Aliases:";
    for (std::string_view a : spec.aliases) h += " " + std::string(a);
    h += "\n";
  }
  h += "\n" + std::string(spec.summary) + (spec.summary.ends_with('?') ? "\n" : ".\n");
  if (!spec.description.empty()) h += "\n" + std::string(spec.description) + "\n";
  h += "\nOptions:\n";
  TextTable t({{""}, {""}});
  const auto add = [&](const FlagSpec& f, std::string_view help) {
    std::string left = f.name == "help" ? "-h, --help"
                       : f.short_name != 0 ? std::string{'-', f.short_name} + ", --" + std::string(f.name)
                                           : "--" + std::string(f.name);
    if (!f.value_name.empty()) left += " " + std::string(f.value_name);
    t.AddRow({left, std::string(help) + (f.repeated ? " (repeatable)" : "")});
  };
  bool selection = false, run = false;
  for (const FlagSpec& f : spec.flags) {
    add(f, f.HelpText());
    selection |= f.name == "exclude";
    run |= f.name == kRunFlag.name;
  }
  if (selection && !run) {
    add(kRunFlag, kRunFlag.HelpText());
    add(kStateFlag, kStateFlag.HelpText());
  }
  if (!spec.formats.empty()) add(kFormatFlag, FormatHelp(spec));
  for (const FlagSpec& f : kSharedFlags) add(f, f.HelpText());
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
  flags.insert(flags.end(), std::begin(kSharedFlags), std::end(kSharedFlags));
  return flags;
}

std::span<const FlagSpec> SharedFlags() { return kSharedFlags; }

int RunCommand(const CommandSpec& spec, std::span<const std::string_view> args) {
  if (WantsHelp(args)) return WriteStdout(CommandHelp(spec)) ? 0 : ExitCodeInt(ExitCode::kBadInput);
  absl::StatusOr<ParsedArgs> parsed = ParseFlags(DeclaredFlags(spec), args);
  const auto fail = [&](const absl::Status& s) {
    PrintError(s);
    return static_cast<int>(ExitCodeOf(s));
  };
  if (!parsed.ok()) return fail(UsageError(UsageText(spec, MessageOf(parsed.status()))));
  Context ctx{spec, *std::move(parsed), {}, false, {}, nullptr, nullptr};
  if (std::string e = CheckArity(spec, ctx.args.positionals().size()); !e.empty()) {
    return fail(ctx.Usage(e));
  }
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
  const absl::StatusOr<uint64_t> threads = ctx.args.GetUint("threads", kMaxThreads);
  if (!threads.ok()) return fail(ctx.Usage(MessageOf(threads.status())));
  if (ctx.args.Has("threads") && *threads == 0) return fail(ctx.Usage("--threads must be >= 1"));
  std::optional<tbb::global_control> thread_limit;
  if (*threads > 0) {
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism, *threads);
  }
  const absl::StatusOr<ExitCode> code = spec.run(ctx);
  if (!code.ok()) return fail(code.status());
  if (!WriteStdout(ctx.out)) {
    return fail(InputError(ctx.ErrorText(std::string("cannot write to stdout: ") +
                                         std::strerror(errno))));
  }
  return static_cast<int>(*code);
}

}  // namespace etldag::cli
