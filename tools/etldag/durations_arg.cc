#include "tools/etldag/durations_arg.h"

#include <cmath>
#include <limits>

#include "engine/graph/name_lookup.h"
#include "engine/load/run_results.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/base/status.h"

namespace etldag::cli {

const FlagSpec kDurationsFlag{
    .name = "durations", .value_name = "FILE",
    .help = "seconds per op: JSON {\"name\": s, ...} or CSV name,seconds",
    .echo_absent = EchoAbsent::kNull};
const FlagSpec kDefaultDurationFlag{
    .name = "default-duration", .value_name = "S",
    .help = "seconds for ops missing from --durations (default: their median)",
    .echo_absent = EchoAbsent::kNull};

namespace {

[[nodiscard]] absl::StatusOr<std::optional<double>> DefaultSeconds(const Context& ctx) {
  const std::optional<std::string_view> arg = ctx.args.Get("default-duration");
  if (!arg.has_value()) return std::optional<double>();
  double s = 0;
  const auto [end, ec] = std::from_chars(arg->data(), arg->data() + arg->size(), s);
  if (ec != std::errc() || end != arg->data() + arg->size() || !std::isfinite(s) || s < 0 ||
      s > kMaxDurationSeconds) {
    return ctx.Usage("--default-duration wants a number of seconds >= 0, got '" + std::string(*arg) + "'");
  }
  return std::optional<double>(s);
}

void WarnUnknown(const Context& ctx, const Weights& w) {
  if (w.read.unknown == 0) return;
  std::string names;
  for (const std::string& n : w.read.unknown_examples) names += (names.empty() ? "" : ", ") + n;
  if (w.read.unknown > w.read.unknown_examples.size()) {
    names += ", ... (" + std::to_string(w.read.unknown - w.read.unknown_examples.size()) + " more)";
  }
  ctx.Note("warning: " + std::to_string(w.read.unknown) + " of " + std::to_string(w.read.records) +
           " names in " + w.file + " are not in the graph (ignored): " + names);
}

}  // namespace

const FlagSpec kRunResultsDurationsFlag{
    .name = "run-results", .value_name = "FILE",
    .help = "dbt's run_results.json: each node's execution_time is its duration (instead of --durations)"};

// --run-results FILE as durations: execution_time per unique_id.
[[nodiscard]] absl::StatusOr<Durations> DurationsFromRunResults(std::string_view path, const Graph& g) {
  absl::StatusOr<std::vector<RunResult>> results = LoadRunResults(path);
  if (!results.ok()) return InputError(MessageOf(results.status()));
  Durations d;
  d.seconds.assign(g.num_nodes(), std::numeric_limits<double>::quiet_NaN());
  NameLookup lookup(g);
  for (const RunResult& r : *results) {
    if (!r.execution_time.has_value()) continue;
    ++d.records;
    if (const std::optional<NodeId> v = lookup.Find(r.unique_id)) {
      if (std::isnan(d.seconds[*v])) ++d.known;
      d.seconds[*v] = *r.execution_time;
    } else {
      ++d.unknown;
      if (d.unknown_examples.size() < 3) d.unknown_examples.push_back(r.unique_id);
    }
  }
  return d;
}

absl::StatusOr<Weights> LoadWeights(const Context& ctx, const Graph& g) {
  Weights w;
  ASSIGN_OR_RETURN(const std::optional<double> default_seconds, DefaultSeconds(ctx));
  std::optional<std::string_view> file = ctx.args.Get("durations");
  if (file.has_value() && *file == "-" && ctx.args.positionals()[0] == "-") {
    return ctx.Usage("GRAPH and --durations cannot both be read from stdin");
  }
  const std::optional<std::string_view> results = ctx.args.Get(kRunResultsDurationsFlag.name);
  if (results.has_value() && file.has_value()) return ctx.Usage("give --durations or --run-results, not both");
  if (results.has_value()) {
    w.file = std::string(*results);
    ASSIGN_OR_RETURN(w.read, DurationsFromRunResults(*results, g));
    WarnUnknown(ctx, w);
    file = results;
  } else if (file.has_value()) {
    w.file = std::string(*file == "-" ? "<stdin>" : *file);
    absl::StatusOr<Durations> read = ReadDurationsFile(*file, g);
    if (!read.ok()) return InputError(MessageOf(read.status()));
    w.read = std::move(read).value();
    WarnUnknown(ctx, w);
  }
  w.seconds = file.has_value() || default_seconds.has_value();
  w.resolved = ResolveDurations(g, file.has_value() ? &w.read : nullptr, default_seconds);
  if (file.has_value() && w.resolved.defaulted > 0) {
    ctx.Note(DescribeWeights(w));
  }
  absl::StatusOr<std::vector<Ticks>> ticks = WeightsFromSeconds(w.resolved.seconds);
  if (!ticks.ok()) return InputError(ctx.ErrorText(MessageOf(ticks.status())));
  w.ticks = std::move(ticks).value();
  return w;
}

std::string DescribeWeights(const Weights& w) {
  const NodeDurations& r = w.resolved;
  const std::string def = FormatSeconds(std::llround(r.default_seconds * kTicksPerSecond)) + " s";
  std::string s;
  if (!w.seconds) return "durations: none given, every op counts 1 (lengths are numbers of ops)";
  if (w.file.empty()) {
    s = "durations: every op takes " + def;
  } else {
    s = "durations: " + w.file + " (" + std::to_string(w.read.known - r.ignored_externals) + " ops";
    if (r.defaulted > 0) {
      s += "; " + std::to_string(r.defaulted) + (r.defaulted == 1 ? " op" : " ops") + " without one: ";
      switch (r.default_source) {
        case DefaultSource::kMedian: s += "the median, " + def; break;
        case DefaultSource::kGiven: s += "--default-duration " + def; break;
        default: s += def + " (the file names no op)"; break;
      }
    }
    s += ")";
  }
  return s + "; externals count 0";
}

std::string HumanTime(const Weights& w, Ticks t) {
  if (!w.seconds) return FormatSeconds(t);
  std::string s = FormatSeconds(t) + " s";
  const int64_t minutes = std::llround(TicksToSeconds(t) / 60);
  if (minutes >= 1) {
    s += " (";
    if (minutes >= 60) s += std::to_string(minutes / 60) + "h ";
    s += std::to_string(minutes % 60) + "m)";
  }
  return s;
}

void AppendWeightsJson(JsonWriter& json, const Weights& w) {
  json.Key("weights").BeginObject();
  json.Key("unit").String(w.seconds ? "seconds" : "ops");
  json.Key("durations_file");
  if (w.file.empty()) {
    json.Null();
  } else {
    json.String(w.file);
  }
  const char* source = "unit";
  switch (w.resolved.default_source) {
    case DefaultSource::kGiven: source = "given"; break;
    case DefaultSource::kMedian: source = "median"; break;
    case DefaultSource::kNoKnownDurations: source = "no-known-durations"; break;
    case DefaultSource::kUnitWeights: break;
  }
  json.Key("default").Double(w.resolved.default_seconds).Key("default_source").String(source);
  json.Key("defaulted_ops").Uint(w.resolved.defaulted);
  json.Key("records").Uint(w.read.records).Key("unknown_names").Uint(w.read.unknown);
  json.Key("ignored_externals").Uint(w.resolved.ignored_externals);
  json.EndObject();
}

}  // namespace etldag::cli
