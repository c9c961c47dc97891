// etldag generate: writes a realistic, deterministic spark_ops.json (and
// optionally durations) with the generator library (tools/gen/generator.h);
// outputs in generate_output.cc.
#include <cstdint>
#include <string>
#include <tuple>

#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "tools/etldag/generate_output.h"
#include "tools/etldag/progress.h"
#include "tools/gen/generator.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunGenerate(Context& ctx) {
  GenOptions opts;
  for (const auto& [flag, target, max] :
       {std::tuple{"ops", &opts.num_ops, kGenMaxOps}, std::tuple{"seed", &opts.seed, UINT64_MAX},
        std::tuple{"disagreements", &opts.disagreements, UINT64_MAX}}) {
    const absl::StatusOr<uint64_t> v = ctx.args.GetUint(flag, max);
    if (!v.ok()) return ctx.Usage(MessageOf(v.status()));
    *target = *v;
  }
  opts.cycle = ctx.args.Has("cycle");
  opts.pretty = ctx.args.Has("pretty");
  if (ctx.format == "manifest" && (ctx.args.Has("run-state") || ctx.args.Has("mutate"))) {
    return ctx.Usage("--run-state and --mutate write spark_ops graphs: drop --format manifest");
  }
  if (ctx.args.Has("run-state") || ctx.args.Has("mutate") || ctx.args.Has("run-failed") ||
      ctx.args.Has("pending") || ctx.args.Has("run-seed")) {
    if (ctx.args.Has("durations")) return ctx.Usage("--durations cannot be combined with --run-state or --mutate");
    RETURN_IF_ERROR(WriteGeneratedState(ctx, opts));
    return ExitCode::kOk;
  }
  if (ctx.format == "manifest") {
    RETURN_IF_ERROR(WriteGeneratedManifest(ctx, opts));
    return ExitCode::kOk;
  }
  GenSummary summary;
  {
    const Progress progress(ctx, "generating " + std::to_string(opts.num_ops) + " ops");
    RETURN_IF_ERROR(WriteGeneratedOps(ctx, opts, &summary));
  }
  NoteGenSummary(ctx, summary);
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
          "topology changes (printed on stderr) as name/type/inputs ops.\n"
          "--format manifest writes the same topology as a dbt manifest.json (v12):\n"
          "sources, models, seeds, tests, exposures, tags, packages, paths,\n"
          "checksums, parent_map and child_map (docs/dbt.md).",
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
      .formats = {"spark_ops", "manifest"},
      .run = &RunGenerate,
      .positional_keys = {},
  };
  return spec;
}

}  // namespace etldag::cli
