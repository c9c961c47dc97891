// etldag generate: writes a realistic, deterministic spark_ops.json (and
// optionally durations) with the generator library (tools/gen/generator.h).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "tools/gen/generator.h"

namespace etldag::cli {
namespace {

// A FILE* closed on scope exit.
struct File {
  std::FILE* f = nullptr;
  ~File() {
    if (f != nullptr) std::fclose(f);
  }
};

absl::Status Open(const Context& ctx, const std::string& path, File* file) {
  file->f = std::fopen(path.c_str(), "wb");
  if (file->f != nullptr) return absl::OkStatus();
  return InputError(ctx.ErrorText("cannot open " + path + ": " + std::strerror(errno)));
}

absl::Status Generate(Context& ctx, const GenOptions& opts, GenSummary* summary) {
  const std::optional<std::string_view> output = ctx.args.Get("output");
  const std::optional<std::string_view> durations = ctx.args.Get("durations");
  File out, dur;
  if (durations.has_value()) RETURN_IF_ERROR(Open(ctx, std::string(*durations), &dur));
  absl::Status status;
  if (output.has_value() && *output != "-") {
    RETURN_IF_ERROR(Open(ctx, std::string(*output), &out));
    status = GenerateSparkOps(opts, out.f, dur.f, summary);
  } else {  // stdout: the whole file goes through ctx.out (no half answers)
    std::string dur_text;
    absl::StatusOr<std::string> text =
        GenerateSparkOpsString(opts, dur.f != nullptr ? &dur_text : nullptr, summary);
    status = text.status();
    if (text.ok()) {
      ctx.out = *std::move(text);
      if (dur.f != nullptr && std::fwrite(dur_text.data(), 1, dur_text.size(), dur.f) != dur_text.size()) {
        status = absl::DataLossError("cannot write " + std::string(*durations));
      }
    }
  }
  if (status.ok()) return status;
  if (status.code() == absl::StatusCode::kInvalidArgument) return ctx.Usage(MessageOf(status));
  return InputError(ctx.ErrorText(MessageOf(status)));
}

absl::StatusOr<ExitCode> RunGenerate(Context& ctx) {
  GenOptions opts;
  const auto get = [&](std::string_view flag, uint64_t* target, uint64_t max) -> absl::Status {
    absl::StatusOr<uint64_t> v = ctx.args.GetUint(flag, max);
    if (!v.ok()) return ctx.Usage(MessageOf(v.status()));
    *target = *v;
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(get("ops", &opts.num_ops, kGenMaxOps));
  RETURN_IF_ERROR(get("seed", &opts.seed, UINT64_MAX));
  RETURN_IF_ERROR(get("disagreements", &opts.disagreements, UINT64_MAX));
  opts.cycle = ctx.args.Has("cycle");
  opts.pretty = ctx.args.Has("pretty");
  GenSummary summary;
  RETURN_IF_ERROR(Generate(ctx, opts, &summary));
  if (!summary.cycle.empty()) {
    std::string line = "injected cycle:";
    for (const std::string& name : summary.cycle) line += " " + name + " ->";
    ctx.Note(line + " " + summary.cycle.front());
  }
  for (const std::string& d : summary.disagreements) ctx.Note("injected disagreement: " + d);
  if (ctx.verbose) ctx.Note(FormatGenSummary(summary));
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& GenerateCommand() {
  static const CommandSpec spec{
      .name = "generate",
      .aliases = {},
      .summary = "Write a realistic, deterministic spark_ops.json (for tests and demos)",
      .usage = "",
      .min_args = 0,
      .max_args = 0,
      .description =
          "A layered DAG of raw/, contract/, series-contract/, dataset/, model/,\n"
          "policy/, archive/ and country-prefixed ops with heavy-tailed fan-out and\n"
          "fan-in, a few percent of inputs naming externals, successors consistent\n"
          "with inputs, and extra fields a real file carries. The same options give\n"
          "the same bytes. --cycle and --disagreements inject defects (printed on\n"
          "stderr) for testing validate.",
      .example = "etldag generate --ops 100000 --seed 7 --durations durations.json > ops.json",
      .flags =
          {
              {.name = "ops", .value_name = "N", .help = "number of ops",
               .default_uint = GenOptions().num_ops, .echo_number = true},
              {.name = "seed", .value_name = "S", .help = "random seed",
               .default_uint = GenOptions().seed, .echo_number = true},
              {"durations", "FILE", "also write {\"name\": seconds} for every op to FILE"},
              {"cycle", "", "inject one cycle"},
              {.name = "disagreements", .value_name = "K", .help = "declare K edges on one side only",
               .echo_number = true},
              {"pretty", "", "indent like json.dumps(indent=2) (default: one op a line)"},
              {"output", "FILE", "write to FILE instead of stdout", false, 'o'},
          },
      .formats = {},
      .run = &RunGenerate,
  };
  return spec;
}

}  // namespace etldag::cli
