#include "tools/etldag/gen_state.h"

#include <algorithm>
#include <cstdio>
#include <span>

#include "engine/algo/reachability.h"
#include "engine/algo/topo_levels.h"
#include "engine/base/check.h"
#include "engine/output/json_writer.h"
#include "tools/gen/rng.h"

namespace etldag::cli {
namespace {

using gen::Rng;

std::vector<NodeId> Ops(const Graph& g) {
  std::vector<NodeId> ops;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (!g.is_external(v)) ops.push_back(v);
  }
  return ops;
}

std::string DatasetId(Rng& rng) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "ri.dataset.%016llx", static_cast<unsigned long long>(rng.Next()));
  return buf;
}


// Roots: ops drawn uniformly whose downstream is not empty and at most
// ~2% of the graph (a failure an operator can still reason about).
std::vector<NodeId> DrawRoots(const Graph& g, Rng& rng, const std::vector<NodeId>& ops,
                              uint32_t count) {
  const uint64_t max_down = std::max<uint64_t>(10, ops.size() / 50);
  std::vector<NodeId> roots;
  Bitmap taken(g.num_nodes());
  for (int tries = 0; tries < 2000 && roots.size() < count && !ops.empty(); ++tries) {
    const NodeId v = ops[rng.Below(ops.size())];
    if (taken.Test(v) || g.out_degree(v) == 0) continue;
    const NodeId seed[] = {v};
    const Bitmap down = Reach(g, seed, {.include_seeds = true});
    const uint64_t size = down.Count() - 1;
    if (size == 0 || size > max_down) continue;
    bool related = false;  // keep the roots independent: none below another
    for (NodeId r : roots) related |= down.Test(r) || Reach(g, std::span(&r, 1)).Test(v);
    if (related) continue;
    taken.Set(v);
    roots.push_back(v);
  }
  std::sort(roots.begin(), roots.end());
  return roots;
}

}  // namespace

GeneratedRunState GenerateRunState(const Graph& g, const RunStateOptions& opts) {
  Rng rng(opts.seed, 0x52554e);  // "RUN"
  const std::vector<NodeId> ops = Ops(g);
  GeneratedRunState out;
  out.roots = DrawRoots(g, rng, ops, opts.roots);
  Bitmap unc = Reach(g, out.roots, {.include_seeds = true});
  // Pending: the tail of the run, the ops of the last topological levels
  // (about pending_per_mille of the ops), not run yet.
  const absl::StatusOr<TopoLevels> levels = ComputeTopoLevels(g);
  ETLDAG_CHECK(levels.ok());
  uint64_t tail = 0;
  uint32_t cut = levels->num_levels;
  while (cut > 1 && (tail + levels->level_sizes[cut - 1]) * 1000 <= ops.size() * opts.pending_per_mille) {
    tail += levels->level_sizes[--cut];
  }
  const Bitmap collateral = unc;
  for (NodeId v : ops) {
    if (levels->level[v] >= cut) unc.Set(v);
  }
  for (NodeId v : ops) {
    if (!unc.Test(v) || collateral.Test(v)) continue;
    bool head = true;  // no uncommitted input: it looks like a root
    for (NodeId u : g.in(v)) head &= !unc.Test(u);
    if (head) out.pending_heads.push_back(v);
  }
  JsonWriter j(&out.json, /*pretty=*/false);
  j.BeginObject().Key("data").BeginObject().Key("transaction").BeginObject();
  j.Key("id").String("tx-generated-" + std::to_string(opts.seed)).Key("datasets").BeginArray();
  for (NodeId v : ops) {
    const bool committed = !unc.Test(v);
    out.uncommitted += !committed;
    j.BeginObject().Key("id").String(DatasetId(rng)).Key("name").String(g.name(v));
    j.Key("committed").Bool(committed).EndObject();
  }
  j.EndArray().EndObject().EndObject().EndObject();
  out.json += '\n';
  return out;
}

std::string GenerateNextVersion(const Graph& g, uint64_t k, uint64_t seed,
                                std::vector<std::string>* log) {
  Rng rng(seed, 0x4e455854);  // "NEXT"
  const absl::StatusOr<TopoLevels> levels_or = ComputeTopoLevels(g);
  ETLDAG_CHECK(levels_or.ok());  // a generated graph without --cycle is a DAG
  const std::vector<uint32_t>& level = levels_or->level;
  const uint32_t n = g.num_nodes();
  std::vector<std::string> names(n), kinds(n);
  std::vector<std::vector<std::string>> inputs(n);
  std::vector<uint32_t> lvl(level.begin(), level.end());
  std::vector<bool> alive(n);
  for (NodeId v = 0; v < n; ++v) {
    names[v] = g.name(v);
    kinds[v] = g.kind_name(g.kind(v));
    alive[v] = !g.is_external(v);
    for (NodeId u : g.in(v)) inputs[v].emplace_back(g.name(u));
  }
  std::vector<NodeId> ops = Ops(g);
  for (uint64_t i = 0; i < k && !ops.empty(); ++i) {
    const uint64_t what = rng.Below(3);
    const NodeId v = ops[rng.Below(ops.size())];
    if (what == 0 || !alive[v]) {  // add an op reading 1-3 existing ops
      const std::string name = "dataset/next-" + std::to_string(i + 1);
      std::vector<std::string> in;
      std::string line = "added " + name + " reading";
      for (uint64_t r = rng.Between(1, 3); r > 0; --r) {
        const NodeId u = ops[rng.Below(ops.size())];
        if (!alive[u] || std::find(in.begin(), in.end(), names[u]) != in.end()) continue;
        in.push_back(names[u]);
        line += " " + names[u];
      }
      names.push_back(name);
      kinds.push_back("dataset");
      inputs.push_back(std::move(in));
      lvl.push_back(UINT32_MAX);
      alive.push_back(true);
      log->push_back(line);
    } else if (what == 1) {  // remove v; its readers read its inputs
      alive[v] = false;
      for (NodeId r = 0; r < names.size(); ++r) {
        auto& in = inputs[r];
        if (!alive[r] || std::find(in.begin(), in.end(), names[v]) == in.end()) continue;
        std::erase(in, names[v]);
        for (const std::string& x : inputs[v]) {
          if (std::find(in.begin(), in.end(), x) == in.end()) in.push_back(x);
        }
      }
      log->push_back("removed " + names[v]);
    } else if (!inputs[v].empty() && lvl[v] > 1) {  // rewire one input to a lower level
      const size_t drop = rng.Below(inputs[v].size());
      NodeId u = ops[rng.Below(ops.size())];
      for (int tries = 0; tries < 16 && (!alive[u] || lvl[u] >= lvl[v]); ++tries) {
        u = ops[rng.Below(ops.size())];
      }
      if (!alive[u] || lvl[u] >= lvl[v] ||
          std::find(inputs[v].begin(), inputs[v].end(), names[u]) != inputs[v].end()) {
        continue;
      }
      log->push_back("rewired " + names[v] + ": " + inputs[v][drop] + " -> " + names[u]);
      inputs[v][drop] = names[u];
    }
  }
  std::string out = "[\n";
  bool first = true;
  for (size_t v = 0; v < names.size(); ++v) {
    if (!alive[v]) continue;
    std::string line;
    JsonWriter j(&line, /*pretty=*/false);
    j.BeginObject().Key("name").String(names[v]).Key("type").String(kinds[v]);
    j.Key("inputs").BeginArray();
    for (const std::string& x : inputs[v]) j.String(x);
    j.EndArray().EndObject();
    out += (first ? "  " : ",\n  ") + line;
    first = false;
  }
  out += "\n]\n";
  return out;
}

}  // namespace etldag::cli
