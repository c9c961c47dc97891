// The dbt manifest generator (manifest_gen.h): topology -> dbt nodes ->
// JSON through engine/output's JsonWriter.
#include "tools/gen/manifest_gen.h"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "tools/gen/rng.h"
#include "tools/gen/topology.h"
#include "tools/gen/words.h"

namespace etldag {
namespace {

using gen::Role;
using gen::Rng;

constexpr std::string_view kSchema = "https://schemas.getdbt.com/dbt/manifest/v12.json";
constexpr std::array<std::string_view, 3> kPackages = {"gen", "gen_utils", "gen_audit"};

struct Node {
  std::string id, name, package, resource_type, folder, materialized;
  std::vector<std::string_view> tags;
  std::vector<uint32_t> parents;  // node indices
  bool is_public = false;
};

// [a-z0-9_] only: dbt names are identifiers.
std::string Identifier(std::string_view s) {
  std::string out;
  for (const char c : s) out += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_';
  return out;
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

std::string Hex(uint64_t h, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; ++i) out += kDigits[(h >> (4 * (i % 16))) & 15];
  return out;
}

std::string_view Materialized(Role r) {
  switch (r) {
    case Role::kRaw: return "view";
    case Role::kContract:
    case Role::kSeriesContract: return "view";
    case Role::kDataset: return "incremental";
    case Role::kArchive: return "table";
    case Role::kModel: return "table";
    case Role::kPolicy: return "table";
  }
  return "view";
}

class Builder {
 public:
  Builder(const gen::Topology& t, uint64_t seed) : t_(t), seed_(seed), rng_(seed, 11) {}
  std::vector<Node> Build();

 private:
  uint32_t Add(Node n) {
    std::string base = n.id;
    for (int k = 2; !ids_.insert(n.id).second; ++k) n.id = base + "_" + std::to_string(k);
    nodes_.push_back(std::move(n));
    return static_cast<uint32_t>(nodes_.size() - 1);
  }
  void Tags(Node& n) {
    const auto words = gen::TagWords();
    const uint64_t k = rng_.Below(3), first = rng_.Below(words.size());
    for (uint64_t i = 0; i < k; ++i) n.tags.push_back(words[(first + 7 * i) % words.size()]);
    if (rng_.Below(200) == 0) n.tags.push_back("x");
  }

  const gen::Topology& t_;
  uint64_t seed_;
  Rng rng_;
  std::vector<Node> nodes_;
  absl::flat_hash_set<std::string> ids_;
};

std::vector<Node> Builder::Build() {
  gen::NameMaker maker(seed_);
  std::vector<uint32_t> of_op(t_.num_ops);
  std::vector<uint32_t> of_external(t_.external_pool, UINT32_MAX);
  std::string raw_name;
  for (uint32_t v = 0; v < t_.num_ops; ++v) {
    raw_name.clear();
    maker.AppendOpName(t_.roles[v], &raw_name);
    Node n;
    const Role role = t_.roles[v];
    n.folder = Identifier(gen::RoleName(role));
    n.name = Identifier(raw_name.substr(raw_name.find('/') + 1));
    if (role == Role::kRaw) {
      n.resource_type = "source";
      n.package = "gen";
      n.id = "source.gen.raw." + n.name;
    } else {
      n.resource_type = "model";
      n.package = std::string(kPackages[rng_.Below(10) < 8 ? 0 : 1 + rng_.Below(2)]);
      n.id = "model." + n.package + "." + n.name;
      n.materialized = std::string(Materialized(role));
      n.is_public = rng_.Below(25) == 0;
    }
    Tags(n);
    of_op[v] = Add(std::move(n));
  }
  for (uint32_t v = 0; v < t_.num_ops; ++v) {
    for (uint64_t p = t_.in_offsets[v]; p < t_.in_offsets[v + 1]; ++p) {
      uint32_t u = t_.in_ids[p];
      if (u >= t_.num_ops) {
        const uint32_t e = u - t_.num_ops;
        if (of_external[e] == UINT32_MAX) {
          std::string ext;
          gen::AppendExternalName(e, &ext);
          Node s;
          s.resource_type = "seed";
          s.package = "gen";
          s.folder = "seeds";
          s.name = Identifier(ext.substr(ext.find('/') + 1));
          s.id = "seed.gen." + s.name;
          s.materialized = "seed";
          of_external[e] = Add(std::move(s));
        }
        nodes_[of_op[v]].parents.push_back(of_external[e]);
      } else {
        nodes_[of_op[v]].parents.push_back(of_op[u]);
      }
    }
  }
  for (uint32_t v = 0; v < t_.num_ops; ++v) {
    const Node& m = nodes_[of_op[v]];
    if (m.resource_type != "model") continue;
    const std::string model_id = m.id, model_name = m.name, package = m.package;
    const bool policy = t_.roles[v] == Role::kPolicy;
    if (rng_.Below(6) == 0) {
      Node test;
      test.resource_type = "test";
      test.package = package;
      test.folder = "tests";
      test.name = "not_null_" + model_name + "_id";
      test.id = "test." + package + "." + test.name + "." + Hex(Fnv1a(model_id), 10);
      test.parents.push_back(of_op[v]);
      Add(std::move(test));
    }
    if (policy && rng_.Below(40) == 0) {
      Node ex;
      ex.resource_type = "exposure";
      ex.package = "gen";
      ex.folder = "exposures";
      ex.name = "dash_" + model_name;
      ex.id = "exposure.gen." + ex.name;
      ex.parents.push_back(of_op[v]);
      Add(std::move(ex));
    }
  }
  return std::move(nodes_);
}

void WriteNode(JsonWriter& w, const Node& n, const std::vector<Node>& all) {
  const bool yaml = n.resource_type == "source" || n.resource_type == "exposure";
  const std::string file = n.resource_type == "seed" ? n.name + ".csv" : n.name + ".sql";
  const std::string path = n.folder + "/" + (yaml ? "schema.yml" : file);
  const std::string root = n.resource_type == "seed" ? "" : n.resource_type == "test" ? "" : "models/";
  w.Key(n.id).BeginObject();
  w.Key("resource_type").String(n.resource_type);
  w.Key("package_name").String(n.package);
  w.Key("name").String(n.name);
  w.Key("unique_id").String(n.id);
  w.Key("fqn").BeginArray().String(n.package).String(n.folder).String(n.name).EndArray();
  w.Key("path").String(path);
  w.Key("original_file_path").String(root + path);
  if (n.resource_type == "source") w.Key("source_name").String("raw");
  w.Key("tags").BeginArray();
  for (const std::string_view t : n.tags) w.String(t);
  w.EndArray();
  if (n.resource_type != "source" && n.resource_type != "exposure") {
    w.Key("config").BeginObject().Key("enabled").Bool(true);
    if (!n.materialized.empty()) w.Key("materialized").String(n.materialized);
    w.Key("schema").String(n.folder).EndObject();
    w.Key("checksum").BeginObject().Key("name").String("sha256");
    const uint64_t h = Fnv1a(n.id);
    w.Key("checksum").String(Hex(h, 16) + Hex(h * 31, 16) + Hex(h * 37, 16) + Hex(h * 41, 16)).EndObject();
  }
  if (n.resource_type == "model") w.Key("access").String(n.is_public ? "public" : "protected");
  if (n.resource_type == "test") {
    w.Key("test_metadata").BeginObject().Key("name").String("not_null").EndObject();
  }
  if (n.resource_type == "exposure") w.Key("owner").BeginObject().Key("name").String("Analytics").EndObject();
  w.Key("depends_on").BeginObject().Key("macros").BeginArray().EndArray().Key("nodes").BeginArray();
  for (const uint32_t p : n.parents) w.String(all[p].id);
  w.EndArray().EndObject();
  w.EndObject();
}

}  // namespace

absl::StatusOr<std::string> GenerateManifestString(const GenOptions& options, ManifestGenSummary* summary) {
  if (options.cycle || options.disagreements > 0) {
    return absl::InvalidArgumentError("--format manifest takes no --cycle or --disagreements (dbt refuses cycles)");
  }
  if (options.num_ops > kGenMaxOps) return absl::InvalidArgumentError("--ops must be at most " + std::to_string(kGenMaxOps));
  ASSIGN_OR_RETURN(const gen::Topology t, gen::BuildTopology(options.num_ops, options.seed, false, 0));
  std::vector<Node> nodes = Builder(t, options.seed).Build();
  std::vector<std::vector<uint32_t>> children(nodes.size());
  uint64_t edges = 0;
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    for (const uint32_t p : nodes[i].parents) children[p].push_back(i);
    edges += nodes[i].parents.size();
  }
  std::string out;
  out.reserve(nodes.size() * 900);
  JsonWriter w(&out, options.pretty ? JsonLayout::kPretty : JsonLayout::kCompact);
  w.BeginObject().Key("metadata").BeginObject().Key("dbt_schema_version").String(kSchema);
  w.Key("dbt_version").String("1.9.0").Key("project_name").String("gen").EndObject();
  for (const std::string_view section : {"nodes", "sources", "exposures"}) {
    w.Key(section).BeginObject();
    for (const Node& n : nodes) {
      const bool in = section == "sources"     ? n.resource_type == "source"
                      : section == "exposures" ? n.resource_type == "exposure"
                                               : n.resource_type != "source" && n.resource_type != "exposure";
      if (in) WriteNode(w, n, nodes);
    }
    w.EndObject();
  }
  w.Key("parent_map").BeginObject();
  for (const Node& n : nodes) {
    w.Key(n.id).BeginArray();
    for (const uint32_t p : n.parents) w.String(nodes[p].id);
    w.EndArray();
  }
  w.EndObject().Key("child_map").BeginObject();
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    w.Key(nodes[i].id).BeginArray();
    for (const uint32_t c : children[i]) w.String(nodes[c].id);
    w.EndArray();
  }
  w.EndObject().Key("selectors").BeginObject().EndObject().EndObject();
  out += '\n';
  if (summary != nullptr) {
    summary->num_nodes = nodes.size();
    summary->num_edges = edges;
  }
  return out;
}

}  // namespace etldag
