// etldag-gen: writes a realistic, deterministic spark_ops.json (and
// optionally durations) for tests, benchmarks and demos.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "tools/gen/generator.h"

namespace {

constexpr char kUsage[] =
    "usage: etldag-gen --ops N [--seed S] [--durations FILE] [--cycle]\n"
    "                  [--disagreements K] [--pretty] [--output FILE] [--quiet]\n"
    "\n"
    "Writes a spark_ops.json of N ops (layered DAG: raw/ -> contract/ -> dataset/ ->\n"
    "model/, policy/; heavy-tailed fan-out and fan-in; a few percent external inputs)\n"
    "to stdout or --output. The same options always give the same bytes.\n"
    "\n"
    "  --ops N             number of ops (default 1000)\n"
    "  --seed S            random seed (default 42)\n"
    "  --durations FILE    also write {\"name\": seconds} for every op\n"
    "  --cycle             inject one cycle; its nodes are printed on stderr\n"
    "  --disagreements K   drop K edges from inputs or successors only (stderr)\n"
    "  --pretty            indent like json.dumps(indent=2) (default: one op a line)\n"
    "  --output FILE       write to FILE instead of stdout\n"
    "  --quiet             no summary line on stderr\n"
    "\n"
    "example: etldag-gen --ops 3000 --seed 42 --durations durations.json > spark_ops.json\n"
    "exit codes: 0 success, 2 usage error, 3 cannot write a file\n";

int Usage(const std::string& message) {
  std::fprintf(stderr, "etldag-gen: %s (see etldag-gen --help)\n", message.c_str());
  return 2;
}

bool ParseUint(std::string_view text, uint64_t* value) {
  const auto res = std::from_chars(text.data(), text.data() + text.size(), *value);
  return res.ec == std::errc() && res.ptr == text.data() + text.size() && !text.empty();
}

struct Args {
  etldag::GenOptions options;
  std::string output, durations;
  bool quiet = false;
};

// Returns -1 on success, else the exit code.
int ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i], value;
    const size_t eq = arg.find('=');
    const bool inline_value = arg.starts_with("--") && eq != std::string_view::npos;
    if (inline_value) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const auto next = [&](std::string_view* out) {
      if (inline_value) return (*out = value, true);
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string_view v;
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--cycle") {
      args->options.cycle = true;
    } else if (arg == "--pretty") {
      args->options.pretty = true;
    } else if (arg == "--quiet") {
      args->quiet = true;
    } else if (arg == "--ops" || arg == "--seed" || arg == "--disagreements") {
      uint64_t* target = arg == "--ops" ? &args->options.num_ops
                         : arg == "--seed" ? &args->options.seed
                                           : &args->options.disagreements;
      if (!next(&v) || !ParseUint(v, target)) {
        return Usage(std::string(arg) + " needs a non-negative integer");
      }
    } else if (arg == "--output" || arg == "--durations") {
      if (!next(&v) || v.empty()) return Usage(std::string(arg) + " needs a file name");
      (arg == "--output" ? args->output : args->durations) = std::string(v);
    } else {
      return Usage("unknown argument '" + std::string(arg) + "'");
    }
  }
  return -1;
}

std::FILE* OpenOut(const std::string& path) {
  if (path.empty() || path == "-") return stdout;
  return std::fopen(path.c_str(), "wb");
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (const int code = ParseArgs(argc, argv, &args); code >= 0) return code;
  std::FILE* out = OpenOut(args.output);
  std::FILE* durations = args.durations.empty() ? nullptr : OpenOut(args.durations);
  if (out == nullptr || (!args.durations.empty() && durations == nullptr)) {
    const std::string& bad = out == nullptr ? args.output : args.durations;
    std::fprintf(stderr, "etldag-gen: cannot open %s: %s\n", bad.c_str(), std::strerror(errno));
    return 3;
  }
  etldag::GenSummary summary;
  const absl::Status status = etldag::GenerateSparkOps(args.options, out, durations, &summary);
  if (out != stdout) std::fclose(out);
  if (durations != nullptr && durations != stdout) std::fclose(durations);
  if (!status.ok()) {  // nothing useful was written: leave no half file behind
    if (out != stdout) std::remove(args.output.c_str());
    if (durations != nullptr && durations != stdout) std::remove(args.durations.c_str());
    std::fprintf(stderr, "etldag-gen: %s\n", std::string(status.message()).c_str());
    return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 3;
  }
  if (!summary.cycle.empty()) {
    std::string line = "etldag-gen: cycle:";
    for (const std::string& name : summary.cycle) line += " " + name + " ->";
    line += " " + summary.cycle.front();
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  for (const std::string& d : summary.disagreements) {
    std::fprintf(stderr, "etldag-gen: disagreement: %s\n", d.c_str());
  }
  if (!args.quiet) {
    std::fprintf(stderr, "etldag-gen: %s\n", etldag::FormatGenSummary(summary).c_str());
  }
  return 0;
}
