// etldag generate: writes a realistic, deterministic spark_ops.json (and
// optionally durations) with the generator library (tools/gen/generator.h).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"
#include "tools/etldag/gen_state.h"
#include "tools/etldag/progress.h"
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

[[nodiscard]] absl::Status Generate(Context& ctx, const GenOptions& opts, GenSummary* summary) {
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

[[nodiscard]] absl::Status WriteFile(const Context& ctx, std::string_view path, const std::string& text) {
  File f;
  RETURN_IF_ERROR(Open(ctx, std::string(path), &f));
  if (std::fwrite(text.data(), 1, text.size(), f.f) != text.size()) {
    return InputError(ctx.ErrorText("cannot write " + std::string(path)));
  }
  return absl::OkStatus();
}

// --run-state FILE and --mutate K: on the generated graph (gen_state.h).
[[nodiscard]] absl::Status GenerateState(Context& ctx, const GenOptions& opts) {
  const std::optional<std::string_view> run_state = ctx.args.Get("run-state");
  const absl::StatusOr<uint64_t> mutate = ctx.args.GetUint("mutate", 1'000'000);
  if (!mutate.ok()) return ctx.Usage(MessageOf(mutate.status()));
  if (opts.cycle) return ctx.Usage("--run-state and --mutate need a DAG: drop --cycle");
  if (!run_state.has_value() &&
      (ctx.args.Has("run-failed") || ctx.args.Has("pending") || ctx.args.Has("run-seed"))) {
    return ctx.Usage("--run-failed, --run-seed and --pending go with --run-state FILE");
  }
  absl::StatusOr<std::string> text = GenerateSparkOpsString(opts);
  if (!text.ok()) return ctx.Usage(MessageOf(text.status()));
  const FileBuffer buf = FileBuffer::FromString(*text, "generated");
  ASSIGN_OR_RETURN(const Graph g, ParseSparkOps("generated", buf.data()));
  if (run_state.has_value()) {
    const absl::StatusOr<uint64_t> pending = ctx.args.GetUint("pending", 1000);
    if (!pending.ok()) return ctx.Usage(MessageOf(pending.status()));
    const absl::StatusOr<uint64_t> run_seed =
        ctx.args.Has("run-seed") ? ctx.args.GetUint("run-seed") : absl::StatusOr<uint64_t>(opts.seed);
    if (!run_seed.ok()) return ctx.Usage(MessageOf(run_seed.status()));
    const GeneratedRunState rs = GenerateRunState(
        g, {.seed = *run_seed, .roots = 3, .pending_per_mille = static_cast<uint32_t>(*pending)});
    RETURN_IF_ERROR(WriteFile(ctx, *run_state, rs.json));
    if (const std::optional<std::string_view> failed = ctx.args.Get("run-failed")) {
      std::string list;
      for (NodeId r : rs.roots) list += std::string(g.name(r)) + "\n";
      RETURN_IF_ERROR(WriteFile(ctx, *failed, list));
    }
    for (NodeId r : rs.roots) ctx.Note("injected root failure: " + std::string(g.name(r)));
    ctx.Note("run state: " + std::to_string(rs.uncommitted) + " of " + std::to_string(g.num_ops()) +
             " datasets uncommitted (" + std::to_string(rs.pending_heads.size()) +
             " pending heads)");
  }
  if (ctx.args.Has("mutate")) {
    std::vector<std::string> log;
    *text = GenerateNextVersion(g, *mutate, opts.seed, &log);
    for (const std::string& line : log) ctx.Note("mutation: " + line);
  }
  const std::optional<std::string_view> output = ctx.args.Get("output");
  if (output.has_value() && *output != "-") return WriteFile(ctx, *output, *text);
  ctx.out = *std::move(text);
  return absl::OkStatus();
}

[[nodiscard]] absl::StatusOr<ExitCode> RunGenerate(Context& ctx) {
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
  if (ctx.args.Has("run-state") || ctx.args.Has("mutate") || ctx.args.Has("run-failed") ||
      ctx.args.Has("pending") || ctx.args.Has("run-seed")) {
    if (ctx.args.Has("durations")) return ctx.Usage("--durations cannot be combined with --run-state or --mutate");
    RETURN_IF_ERROR(GenerateState(ctx, opts));
    return ExitCode::kOk;
  }
  GenSummary summary;
  {
    const Progress progress(ctx, "generating " + std::to_string(opts.num_ops) + " ops");
    RETURN_IF_ERROR(Generate(ctx, opts, &summary));
  }
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
          "stderr) for testing validate. --run-state FILE writes the full transaction\n"
          "answer of a run on the graph (ids for every dataset; a few injected root\n"
          "failures, printed on stderr, their downstream uncommitted, and a share of\n"
          "pending work); --mutate K writes a next version of the graph with K\n"
          "topology changes (printed on stderr) as name/type/inputs ops.",
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
              {"run-state", "FILE", "also write a run's transaction answer to FILE (root failures, collateral, pending)"},
              {"run-failed", "FILE", "with --run-state: write the injected root failures to FILE, one per line"},
              {"run-seed", "S", "with --run-state: seed of the run state (default: --seed)"},
              {.name = "pending", .value_name = "PER_MILLE",
               .help = "with --run-state: share of ops not run yet, the last levels",
               .default_uint = 50},
              {"mutate", "K", "write a next version instead: K topology changes (added, removed, rewired)"},
              {"output", "FILE", "write to FILE instead of stdout", false, 'o'},
          },
      .formats = {},
      .run = &RunGenerate,
      .positional_keys = {},
  };
  return spec;
}

}  // namespace etldag::cli
