// Fuzz target: the durations reader (ParseDurations on a padded copy) over the
// fixed graph of fixed_graph.h.
//
// Checks:
//   - rejected: InvalidArgument "fuzz.csv:LINE:COL: error: ..." at a real
//     position of the input;
//   - accepted: one entry per node, each NaN or finite in [0, 1e9]; known =
//     entries given; known + unknown = records; the unknown examples are the
//     first min(unknown, 5), distinct and not nodes; a JSON-looking input
//     (first non-blank byte '{') is valid JSON by the strict scanner;
//   - round trips: the known durations written back as a JSON object and as
//     quoted CSV parse to the same per-node seconds, bit for bit;
//   - ResolveDurations gives every node a finite weight >= 0, externals 0,
//     and counts the defaulted ops.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "engine/load/durations.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "tests/fuzz/fixed_graph.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/fuzz/graph_json.h"

namespace etldag::fuzz {
namespace {

constexpr std::string_view kFile = "fuzz.csv";

[[nodiscard]] absl::StatusOr<Durations> Parse(std::string_view text) {
  std::string padded(text);
  padded.append(kFileBufferPadding, '\0');
  return ParseDurations(kFile, std::string_view(padded.data(), text.size()), FixedGraph());
}

std::string Seconds(double s) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", s);
  return buf;
}

void CheckSameSeconds(const Durations& a, std::string_view text, const char* what) {
  absl::StatusOr<Durations> b = Parse(text);
  if (!b.ok()) Fail(what, std::string(b.status().message()) + "\n" + std::string(text));
  Check(b->records == a.known && b->known == a.known && b->unknown == 0, what, text);
  for (size_t v = 0; v < a.seconds.size(); ++v) {
    const bool same = std::isnan(a.seconds[v]) ? std::isnan(b->seconds[v])
                                               : std::memcmp(&a.seconds[v], &b->seconds[v], sizeof(double)) == 0;
    Check(same, what, text);
  }
}

void CheckRoundTrips(const Graph& g, const Durations& d) {
  std::string json = "{", csv = "name,seconds\r\n";
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (std::isnan(d.seconds[v])) continue;
    if (json.size() > 1) json += ",";
    AppendJsonString(json, g.name(v));
    json += ":" + Seconds(d.seconds[v]);
    csv += '"';
    for (char c : g.name(v)) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
    csv += "\"," + Seconds(d.seconds[v]) + "\n";
  }
  json += "}";
  CheckSameSeconds(d, json, "durations written back as JSON parse differently");
  CheckSameSeconds(d, csv, "durations written back as CSV parse differently");
}

void CheckResolved(const Graph& g, const Durations& d) {
  const NodeDurations r = ResolveDurations(g, &d, std::nullopt);
  Check(r.seconds.size() == g.num_nodes(), "resolved durations of the wrong size");
  uint64_t missing_ops = 0;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    Check(std::isfinite(r.seconds[v]) && r.seconds[v] >= 0, "resolved duration not finite and >= 0");
    if (g.is_external(v)) Check(r.seconds[v] == 0, "external with a nonzero weight");
    if (!g.is_external(v) && std::isnan(d.seconds[v])) {
      ++missing_ops;
      Check(r.seconds[v] == r.default_seconds, "op without a duration did not get the default");
    }
  }
  Check(r.defaulted == missing_ops, "NodeDurations::defaulted != ops without a duration");
}

void Run(std::string_view text) {
  const Graph& g = FixedGraph();
  absl::StatusOr<Durations> d = Parse(text);
  if (!d.ok()) {
    Check(d.status().code() == absl::StatusCode::kInvalidArgument, "error is not InvalidArgument",
          d.status().ToString());
    CheckLocatedError(d.status(), kFile, text);
    return;
  }
  Check(d->seconds.size() == g.num_nodes(), "seconds of the wrong size");
  uint64_t given = 0;
  for (double s : d->seconds) {
    if (std::isnan(s)) continue;
    ++given;
    Check(std::isfinite(s) && s >= 0 && s <= kMaxDurationSeconds, "duration out of range");
  }
  Check(given == d->known, "known != durations given");
  Check(d->known + d->unknown == d->records, "known + unknown != records");
  Check(d->unknown_examples.size() == std::min<uint64_t>(d->unknown, kMaxUnknownExamples),
        "unknown examples: wrong count");
  for (size_t i = 0; i < d->unknown_examples.size(); ++i) {
    Check(!g.Find(d->unknown_examples[i]).has_value(), "an unknown example is a node");
    for (size_t j = 0; j < i; ++j) Check(d->unknown_examples[i] != d->unknown_examples[j], "repeated example");
  }
  std::string_view json = text;
  if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
  const size_t first = json.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && json[first] == '{') {
    Check(!load_internal::FindJsonSyntaxError(json).has_value(), "invalid JSON durations were accepted", text);
  }
  CheckRoundTrips(g, *d);
  CheckResolved(g, *d);
}

}  // namespace
}  // namespace etldag::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  etldag::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
