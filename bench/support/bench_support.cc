#include "bench/support/bench_support.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <vector>

#include "bench/support/simdjson_floor.h"
#include "engine/algo/topo_levels.h"
#include "engine/graph/snapshot.h"
#include "engine/load/spark_ops.h"
#include "tools/gen/generator.h"

namespace etldag::bench {
namespace {

constexpr uint64_t kSeed = 42;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "etldag bench: %s\n", what.c_str());
  std::exit(2);
}

std::mutex& CacheMutex() {
  static std::mutex mu;
  return mu;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// True when `a` exists and was modified no earlier than `b`.
bool NotOlder(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec ||
         (sa.st_mtim.tv_sec == sb.st_mtim.tv_sec && sa.st_mtim.tv_nsec >= sb.st_mtim.tv_nsec);
}

std::string Stamp(const std::string& path) { return path + ".ok"; }

void WriteStamp(const std::string& path, const std::string& text) {
  std::ofstream(Stamp(path)) << text << "\n";
}

std::string TempName(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

// Generates spark_ops_<ops>.json and durations_<ops>.json (one generator run).
void Generate(int64_t ops, const std::string& json, const std::string& durations) {
  std::fprintf(stderr, "etldag bench: generating %lld ops into %s ...\n",
               static_cast<long long>(ops), json.c_str());
  const std::string tmp_json = TempName(json), tmp_dur = TempName(durations);
  std::FILE* out = std::fopen(tmp_json.c_str(), "wb");
  std::FILE* dur = std::fopen(tmp_dur.c_str(), "wb");
  if (out == nullptr || dur == nullptr) Die("cannot write " + tmp_json);
  GenOptions opts;
  opts.num_ops = static_cast<uint64_t>(ops);
  opts.seed = kSeed;
  GenSummary summary;
  const absl::Status s = GenerateSparkOps(opts, out, dur, &summary);
  const bool closed = std::fclose(out) == 0 && std::fclose(dur) == 0;
  if (!s.ok() || !closed) Die("generator failed: " + std::string(s.message()));
  if (std::rename(tmp_json.c_str(), json.c_str()) != 0 ||
      std::rename(tmp_dur.c_str(), durations.c_str()) != 0) {
    Die("cannot rename into " + json);
  }
  WriteStamp(json, FormatGenSummary(summary));
}

std::string SizedPath(const char* stem, int64_t ops, const char* ext) {
  return CacheDir() + "/" + stem + "_" + std::to_string(ops) + ext;
}

// Ensures the JSON + durations pair exists; returns both paths.
std::pair<const std::string*, const std::string*> EnsureGenerated(int64_t ops) {
  static std::map<int64_t, std::pair<std::string, std::string>> done;
  std::lock_guard<std::mutex> lock(CacheMutex());
  auto it = done.find(ops);
  if (it == done.end()) {
    std::string json = SizedPath("spark_ops", ops, ".json");
    std::string dur = SizedPath("durations", ops, ".json");
    if (!Exists(Stamp(json)) || !Exists(json) || !Exists(dur)) Generate(ops, json, dur);
    it = done.emplace(ops, std::make_pair(std::move(json), std::move(dur))).first;
  }
  return {&it->second.first, &it->second.second};
}

// The probes of one graph, computed from its topological levels.
std::array<NodeId, kNumProbes> ComputeProbes(const Graph& g) {
  if (g.num_nodes() == 0) Die("empty graph has no probe nodes");
  absl::StatusOr<TopoLevels> lv = ComputeTopoLevels(g);
  if (!lv.ok()) Die("generated graph is not a DAG: " + std::string(lv.status().message()));
  std::array<NodeId, kNumProbes> p{0, 0, 0};
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (g.out_degree(v) > g.out_degree(p[kHub])) p[kHub] = v;
  }
  p[kMid] = lv->order[lv->order.size() / 2];
  for (size_t i = lv->order.size() / 2; i < lv->order.size(); ++i) {
    const NodeId v = lv->order[i];
    if (g.in_degree(v) > 0 && g.out_degree(v) > 0) {
      p[kMid] = v;
      break;
    }
  }
  p[kDeep] = lv->order.back();
  for (size_t i = lv->order.size(); i-- > 0;) {  // deepest level with out-edges
    const NodeId v = lv->order[i];
    if (g.out_degree(v) == 0) continue;
    const uint32_t level = lv->level[v];
    p[kDeep] = v;
    while (i-- > 0 && lv->level[lv->order[i]] == level) {  // smallest id there
      if (g.out_degree(lv->order[i]) > 0) p[kDeep] = lv->order[i];
    }
    break;
  }
  return p;
}

}  // namespace


std::string_view ProbeName(int64_t probe) {
  switch (probe) {
    case kHub: return "hub";
    case kMid: return "mid";
    case kDeep: return "deep";
  }
  return "?";
}

const std::string& CacheDir() {
  static const std::string dir = [] {
    const char* env = std::getenv("ETLDAG_BENCH_DIR");
    std::string d = env != nullptr && *env != '\0' ? env : "/tmp/etldag-bench";
    if (::mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) Die("cannot create " + d);
    return d;
  }();
  return dir;
}

const std::string& SparkOpsPath(int64_t ops) { return *EnsureGenerated(ops).first; }
const std::string& DurationsPath(int64_t ops) { return *EnsureGenerated(ops).second; }

const std::string& SnapshotPath(int64_t ops) {
  static std::map<int64_t, std::string> done;
  const Graph& g = BenchGraph(ops);
  std::lock_guard<std::mutex> lock(CacheMutex());
  auto it = done.find(ops);
  if (it == done.end()) {
    std::string path = SizedPath("spark_ops", ops, ".etldag");
    if (!Exists(Stamp(path)) || !NotOlder(path, SizedPath("spark_ops", ops, ".json"))) {
      const absl::Status s = WriteSnapshot(g, path);
      if (!s.ok()) Die(std::string(s.message()));
      WriteStamp(path, "snapshot of " + SizedPath("spark_ops", ops, ".json"));
    }
    it = done.emplace(ops, std::move(path)).first;
  }
  return it->second;
}

const FileBuffer& SparkOpsBuffer(int64_t ops) {
  static std::map<int64_t, FileBuffer> done;
  const std::string& path = SparkOpsPath(ops);
  std::lock_guard<std::mutex> lock(CacheMutex());
  auto it = done.find(ops);
  if (it == done.end()) {
    absl::StatusOr<FileBuffer> buf = FileBuffer::Read(path);
    if (!buf.ok()) Die(std::string(buf.status().message()));
    it = done.emplace(ops, std::move(*buf)).first;
  }
  return it->second;
}

const Graph& BenchGraph(int64_t ops) {
  static std::map<int64_t, Graph> done;
  const FileBuffer& buf = SparkOpsBuffer(ops);
  std::lock_guard<std::mutex> lock(CacheMutex());
  auto it = done.find(ops);
  if (it == done.end()) {
    absl::StatusOr<Graph> g = ParseSparkOps(buf.display_name(), buf.data());
    if (!g.ok()) Die(std::string(g.status().message()));
    it = done.emplace(ops, std::move(*g)).first;
  }
  return it->second;
}

NodeId ProbeNode(int64_t ops, int64_t probe) {
  static std::map<int64_t, std::array<NodeId, kNumProbes>> done;
  const Graph& g = BenchGraph(ops);
  std::lock_guard<std::mutex> lock(CacheMutex());
  auto it = done.find(ops);
  if (it == done.end()) it = done.emplace(ops, ComputeProbes(g)).first;
  return it->second.at(static_cast<size_t>(probe));
}

namespace {

// The minimum over a few runs of `walk`, measured once per (ops, kind).
double MinFloor(int64_t ops, int kind, bool (*walk)(int64_t, FloorWalk*, std::string*)) {
  static std::map<std::pair<int64_t, int>, double> done;
  {
    std::lock_guard<std::mutex> lock(CacheMutex());
    auto it = done.find({ops, kind});
    if (it != done.end()) return it->second;
  }
  double best = 1e300;
  for (int run = 0; run < 5; ++run) {
    FloorWalk w;
    std::string error;
    const auto start = std::chrono::steady_clock::now();
    if (!walk(ops, &w, &error)) Die("floor walk: " + error);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::lock_guard<std::mutex> lock(CacheMutex());
  return done.emplace(std::make_pair(ops, kind), best).first->second;
}

}  // namespace

double FloorSeconds(int64_t ops) {
  SparkOpsBuffer(ops);
  return MinFloor(ops, 0, [](int64_t n, FloorWalk* w, std::string* e) {
    return WalkSparkOps(SparkOpsBuffer(n).data(), w, e);
  });
}

double FloorFileSeconds(int64_t ops) {
  SparkOpsPath(ops);
  return MinFloor(ops, 1, [](int64_t n, FloorWalk* w, std::string* e) {
    return WalkSparkOpsFile(SparkOpsPath(n), w, e);
  });
}

}  // namespace etldag::bench
