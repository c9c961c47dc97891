// See generate_output.h.
#include "tools/etldag/generate_output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"
#include "tools/etldag/gen_state.h"
#include "tools/etldag/progress.h"
#include "tools/gen/manifest_gen.h"

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

[[nodiscard]] absl::Status WriteFile(const Context& ctx, std::string_view path,
                                     const std::string& text) {
  File f;
  RETURN_IF_ERROR(Open(ctx, std::string(path), &f));
  if (std::fwrite(text.data(), 1, text.size(), f.f) != text.size()) {
    return InputError(ctx.ErrorText("cannot write " + std::string(path)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteGeneratedOps(Context& ctx, const GenOptions& opts, GenSummary* summary) {
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
      if (dur.f != nullptr &&
          std::fwrite(dur_text.data(), 1, dur_text.size(), dur.f) != dur_text.size()) {
        status = absl::DataLossError("cannot write " + std::string(*durations));
      }
    }
  }
  if (status.ok()) return status;
  if (status.code() == absl::StatusCode::kInvalidArgument) return ctx.Usage(MessageOf(status));
  return InputError(ctx.ErrorText(MessageOf(status)));
}

void NoteGenSummary(const Context& ctx, const GenSummary& summary) {
  if (!summary.cycle.empty()) {
    std::string line = "injected cycle:";
    for (const std::string& name : summary.cycle) line += " " + name + " ->";
    ctx.Note(line + " " + summary.cycle.front());
  }
  for (const std::string& d : summary.disagreements) ctx.Note("injected disagreement: " + d);
  if (ctx.verbose) ctx.Note(FormatGenSummary(summary));
}

absl::Status WriteToOutput(Context& ctx, std::string_view flag, std::string text) {
  const std::optional<std::string_view> output = ctx.args.Get(flag);
  if (output.has_value() && *output != "-") return WriteFile(ctx, *output, text);
  ctx.out = std::move(text);
  return absl::OkStatus();
}

absl::Status WriteRunState(Context& ctx, const Graph& g, uint64_t seed) {
  const std::optional<std::string_view> run_state = ctx.args.Get("run-state");
  const absl::StatusOr<uint64_t> pending = ctx.args.GetUint("pending", 1000);
  if (!pending.ok()) return ctx.Usage(MessageOf(pending.status()));
  const absl::StatusOr<uint64_t> run_seed =
      ctx.args.Has("run-seed") ? ctx.args.GetUint("run-seed") : absl::StatusOr<uint64_t>(seed);
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
  return absl::OkStatus();
}

absl::Status WriteGeneratedState(Context& ctx, const GenOptions& opts) {
  const absl::StatusOr<uint64_t> mutate = ctx.args.GetUint("mutate", 1'000'000);
  if (!mutate.ok()) return ctx.Usage(MessageOf(mutate.status()));
  if (opts.cycle) return ctx.Usage("--run-state and --mutate need a DAG: drop --cycle");
  if (!ctx.args.Has("run-state") &&
      (ctx.args.Has("run-failed") || ctx.args.Has("pending") || ctx.args.Has("run-seed"))) {
    return ctx.Usage("--run-failed, --run-seed and --pending go with --run-state FILE");
  }
  absl::StatusOr<std::string> text = GenerateSparkOpsString(opts);
  if (!text.ok()) return ctx.Usage(MessageOf(text.status()));
  const FileBuffer buf = FileBuffer::FromString(*text, "generated");
  ASSIGN_OR_RETURN(const Graph g, ParseSparkOps("generated", buf.data()));
  if (ctx.args.Has("run-state")) RETURN_IF_ERROR(WriteRunState(ctx, g, opts.seed));
  if (ctx.args.Has("mutate")) {
    std::vector<std::string> log;
    *text = GenerateNextVersion(g, *mutate, opts.seed, &log);
    for (const std::string& line : log) ctx.Note("mutation: " + line);
  }
  return WriteToOutput(ctx, "output", *std::move(text));
}

absl::Status WriteGeneratedManifest(Context& ctx, const GenOptions& opts) {
  if (ctx.args.Has("durations")) return ctx.Usage("--durations cannot be combined with --format manifest");
  ManifestGenSummary ms;
  absl::StatusOr<std::string> text;
  {
    const Progress progress(ctx, "generating a manifest of " + std::to_string(opts.num_ops) + " ops");
    text = GenerateManifestString(opts, &ms);
  }
  if (!text.ok()) return ctx.Usage(MessageOf(text.status()));
  RETURN_IF_ERROR(WriteToOutput(ctx, "output", *std::move(text)));
  ctx.Note("generated: nodes=" + std::to_string(ms.num_nodes) + " edges=" + std::to_string(ms.num_edges));
  return absl::OkStatus();
}

}  // namespace etldag::cli
