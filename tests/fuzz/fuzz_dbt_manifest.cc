// Fuzz target: the dbt manifest.json reader (ParseDbtManifest), plain and
// gzip-compressed (InflateGzip).
//
// An input starting with the gzip magic (1f 8b) is inflated first (limit
// kFuzzInflateLimit, so that bombs fail fast) and the inflated text is then
// checked as a plain input; any other input is checked as plain text, and
// also compressed with zlib and read back through InflateGzip, which must
// give the same graph. Checks, for every plain text:
//   - rejected: InvalidArgument (ResourceExhausted only for sizes) whose first
//     line is "fuzz.json:LINE:COL: error: ..." at a real position;
//   - accepted: the text is valid JSON by the strict scanner; the graph
//     satisfies every invariant (fuzz_checks.h); and, when no object the
//     reader looks into has a repeated key, it agrees with a naive model
//     written over a DOM (ModelManifest below): the same nodes, resource
//     types (= kinds), externals, edges, and the same disagreements between
//     the graph read through depends_on and the one read through
//     parent_map/child_map (an edge on one side only, between two defined
//     nodes, is a disagreement declared by that side; without maps every
//     depends_on edge is one; a map entry joining two ids no section defines
//     is ignored), the same self-loops;
//   - attributes are interned consistently: id 0 is "", every id a node or
//     its tags/fqn hold is in range, no string is interned twice, and the
//     resource_type, package_name, name, tags and fqn of every node are the
//     model's; externals have no attributes;
//   - the parallel reader (manifest_parallel.h, 2 and 3 readers, ranges
//     split down to a few bytes) never accepts a text the whole reader
//     rejects, and when it accepts one builds the same graph, attributes
//     included;
//   - the manifest's "selectors" (dbt_selectors.h) read from the same text:
//     rejected only as InvalidArgument "fuzz.json..."; accepted: every
//     selector (and one unknown name) evaluates on the graph to a selection
//     of the graph's size, or fails with InvalidArgument / NotFound /
//     DataLoss and a message (yaml_selectors.h) — reference cycles included.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/load/dbt_selectors.h"
#include "engine/load/gzip.h"
#include "engine/base/strings.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/manifest_parallel.h"
#include "engine/load/internal/op_reader.h"
#include "engine/query/yaml_selectors.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/fuzz/spark_ops_oracle.h"

namespace etldag::fuzz {
namespace {

constexpr std::string_view kFile = "fuzz.json";
constexpr std::string_view kGzFile = "fuzz.json.gz";
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr uint64_t kFuzzInflateLimit = uint64_t{1} << 20;

struct ModelNode {
  std::string type, package, name;
  std::vector<std::string> tags, fqn;
};

struct ModelGraph {
  std::map<std::string, ModelNode> defined;
  std::set<std::string> referenced;
  std::map<std::pair<std::string, std::string>, uint8_t> edges;  // (u, v) -> sides (1 depends_on, 2 maps)
};

constexpr std::pair<std::string_view, std::string_view> kSections[] = {
    {"nodes", ""},           {"sources", "source"},         {"exposures", "exposure"},
    {"metrics", "metric"},   {"semantic_models", "semantic_model"}, {"saved_queries", "saved_query"},
    {"unit_tests", "unit_test"},
};

bool RepeatedKey(const JsonValue& v) {
  if (v.type != JsonValue::kObject) return false;
  return std::set<std::string>(v.keys.begin(), v.keys.end()).size() != v.keys.size();
}

const JsonValue* Field(const JsonValue& obj, std::string_view key) {
  for (size_t i = 0; i < obj.keys.size(); ++i) {
    if (obj.keys[i] == key) return &obj.items[i];
  }
  return nullptr;
}

// Strings of a list value (a string alone counts as one for tags).
std::vector<std::string> Strings(const JsonValue* v, bool single_string_ok) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->type == JsonValue::kString && single_string_ok) out.push_back(v->str);
  if (v->type == JsonValue::kArray) {
    for (const JsonValue& e : v->items) out.push_back(e.str);
  }
  return out;
}

std::string Str(const JsonValue* v) { return v != nullptr && v->type == JsonValue::kString ? v->str : ""; }

// The model of an ACCEPTED manifest; nullopt when an object it reads has a
// repeated key (the reader's last-wins / appending rules are not modelled).
std::optional<ModelGraph> ModelManifest(const JsonValue& top) {
  if (RepeatedKey(top)) return std::nullopt;
  ModelGraph m;
  std::vector<std::pair<std::string, std::string>> map_edges;
  for (size_t i = 0; i < top.keys.size(); ++i) {
    const std::string& key = top.keys[i];
    const JsonValue& value = top.items[i];
    if (RepeatedKey(value)) return std::nullopt;
    for (const auto& [section, type] : kSections) {
      if (key != section || value.type != JsonValue::kObject) continue;
      for (size_t j = 0; j < value.keys.size(); ++j) {
        const JsonValue& node = value.items[j];
        if (RepeatedKey(node)) return std::nullopt;
        const JsonValue* depends_on = Field(node, "depends_on");
        if (depends_on != nullptr && RepeatedKey(*depends_on)) return std::nullopt;
        ModelNode n;
        const JsonValue* rt = Field(node, "resource_type");
        n.type = rt != nullptr ? rt->str : std::string(type);
        n.package = Str(Field(node, "package_name"));
        n.name = Str(Field(node, "name"));
        n.tags = Strings(Field(node, "tags"), true);
        n.fqn = Strings(Field(node, "fqn"), false);
        const std::string& id = value.keys[j];
        if (depends_on != nullptr && depends_on->type == JsonValue::kObject) {
          for (const std::string& p : Strings(Field(*depends_on, "nodes"), false)) {
            m.referenced.insert(p);
            m.edges[{p, id}] |= 1;
          }
        }
        m.defined[id] = std::move(n);
      }
    }
    if ((key == "parent_map" || key == "child_map") && value.type == JsonValue::kObject) {
      for (size_t j = 0; j < value.keys.size(); ++j) {
        const std::string& id = value.keys[j];
        for (const std::string& other : Strings(&value.items[j], false)) {
          map_edges.push_back(key == "parent_map" ? std::pair(other, id) : std::pair(id, other));
        }
      }
    }
  }
  // Map entries between two undefined ids are ignored; a map key alone is no node.
  for (const auto& [u, v] : map_edges) {
    if (!m.defined.count(u) && !m.defined.count(v)) continue;
    m.referenced.insert(u);
    m.referenced.insert(v);
    m.edges[{u, v}] |= 2;
  }
  return m;
}

std::vector<std::string> AttrStrings(const Graph& g, std::span<const AttrId> ids) {
  std::vector<std::string> out;
  for (AttrId id : ids) out.emplace_back(g.attr_string(id));
  return out;
}

void CheckInterning(const Graph& g) {
  Check(g.has_attributes() == (g.num_nodes() > 0), "a manifest graph with nodes but without attributes");
  if (!g.has_attributes()) return;
  Check(g.num_attr_strings() >= 1 && g.attr_string(kNoAttr).empty(), "attribute id 0 is not the empty string");
  std::set<std::string_view> seen;
  for (AttrId id = 0; id < g.num_attr_strings(); ++id) {
    Check(seen.insert(g.attr_string(id)).second, "an attribute string is interned twice", g.attr_string(id));
  }
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    for (size_t f = 0; f < kNumAttrFields; ++f) {
      Check(g.attr_id(v, static_cast<AttrField>(f)) < g.num_attr_strings(), "attribute id out of range", g.name(v));
    }
    for (AttrId id : g.tags(v)) Check(id < g.num_attr_strings(), "tag id out of range", g.name(v));
    for (AttrId id : g.fqn(v)) Check(id < g.num_attr_strings(), "fqn id out of range", g.name(v));
  }
}

void CheckAgainstModel(const Graph& g, const ModelGraph& m) {
  std::set<std::string> nodes;
  for (const auto& [id, n] : m.defined) nodes.insert(id);
  for (const std::string& r : m.referenced) nodes.insert(r);
  Check(g.num_nodes() == nodes.size(), "node count differs from the model");
  NodeId v = 0;
  for (const std::string& name : nodes) {
    Check(g.name(v) == name, "names differ from the model", name);
    const auto it = m.defined.find(name);
    Check(g.is_external(v) == (it == m.defined.end()), "external flag differs from the model", name);
    if (it == m.defined.end()) {
      Check(g.kind_name(g.kind(v)) == "external", "an external's kind is not \"external\"", name);
      Check(g.attr(v, AttrField::kResourceType).empty() && g.tags(v).empty() && g.fqn(v).empty(),
            "an external has attributes", name);
    } else {
      const ModelNode& n = it->second;
      Check(g.kind_name(g.kind(v)) == n.type, "kind differs from the model's resource_type", name + " / " + n.type);
      Check(g.attr(v, AttrField::kResourceType) == n.type, "resource_type attribute differs from the model", name);
      Check(g.attr(v, AttrField::kPackageName) == n.package, "package_name differs from the model", name);
      Check(g.attr(v, AttrField::kShortName) == n.name, "name differs from the model", name);
      Check(AttrStrings(g, g.tags(v)) == n.tags, "tags differ from the model", name);
      Check(AttrStrings(g, g.fqn(v)) == n.fqn, "fqn differs from the model", name);
    }
    ++v;
  }
  Check(g.num_edges() == m.edges.size(), "edge count differs from the model");
  size_t disagreements = 0, loops = 0;
  for (const auto& [edge, sides] : m.edges) {
    const std::optional<NodeId> u = g.Find(edge.first), w = g.Find(edge.second);
    Check(u && w && HasIn(g, *w, *u), "a model edge is missing", edge.first + " -> " + edge.second);
    const bool both_defined = m.defined.count(edge.first) && m.defined.count(edge.second);
    if (both_defined && sides != 3) {
      ++disagreements;
      const EdgeSide side = sides == 1 ? EdgeSide::kInputs : EdgeSide::kSuccessors;
      bool found = false;
      for (const Disagreement& d : g.disagreements()) found |= d.from == *u && d.to == *w && d.declared_by == side;
      Check(found, "a depends_on / parent_map disagreement is not reported as the model's",
            edge.first + " -> " + edge.second);
    }
    loops += edge.first == edge.second;
  }
  Check(g.disagreements().size() == disagreements, "disagreement count differs from the model");
  Check(g.self_loops().size() == loops, "self-loop count differs from the model");
}

[[nodiscard]] absl::StatusOr<Graph> Parse(std::string_view text) {
  std::string padded(text);
  padded.append(kFileBufferPadding, '\0');
  return ParseDbtManifest(kFile, std::string_view(padded.data(), text.size()));
}

std::string Gzip(std::string_view text) {
  z_stream z{};
  Check(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  Check(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

void CheckSelectors(std::string_view padded, const Graph& g) {
  const absl::StatusOr<std::vector<DbtSelectorDef>> defs = ParseManifestSelectors(kFile, padded);
  if (!defs.ok()) {
    Check(defs.status().code() == absl::StatusCode::kInvalidArgument, "selectors error is not InvalidArgument",
          defs.status().ToString());
    Check(std::string(defs.status().message()).rfind(std::string(kFile), 0) == 0, "selectors error without the file name");
    return;
  }
  std::vector<std::string> names;
  for (const DbtSelectorDef& d : *defs) names.push_back(d.name);
  names.push_back("no such selector");
  for (const std::string& name : names) {
    const absl::StatusOr<Selection> s = SelectByManifestSelectorText(g, kFile, padded, name);
    if (s.ok()) {
      Check(s->nodes.size() == g.num_nodes() && s->count == s->nodes.Count(), "a YAML selection of the wrong size", name);
      continue;
    }
    const absl::StatusCode c = s.status().code();
    Check(c == absl::StatusCode::kInvalidArgument || c == absl::StatusCode::kNotFound ||
              c == absl::StatusCode::kDataLoss,
          "YAML selector error of an unexpected code", s.status().ToString());
    Check(!s.status().message().empty(), "YAML selector error without a message", name);
  }
}

void CheckParallel(std::string_view text, const absl::StatusOr<Graph>& whole) {
  std::string padded(text);
  padded.append(kFileBufferPadding, '\0');
  const load_internal::JsonInput in{kFile, std::string_view(padded.data(), text.size()), Utf8BomLength(text)};
  for (const size_t readers : {size_t{2}, size_t{3}}) {
    load_internal::ReaderOptions options;
    options.readers = readers;
    options.min_range_bytes = 1;
    options.min_split_bytes = 1 + text.size() % 61;
    load_internal::ManifestParse parse;
    const absl::StatusOr<bool> ok = load_internal::ReadManifestInParallel(in, options, &parse);
    Check(ok.ok(), "the parallel reader failed instead of declining", ok.status().ToString());
    if (!*ok) continue;
    Check(whole.ok(), "the parallel reader accepted what the whole reader rejects", whole.status().ToString());
    absl::StatusOr<Graph> g = load_internal::BuildLoadedGraph(kFile, std::move(parse.builder));
    Check(g.ok(), "the parallel reader's builder does not build", g.status().ToString());
    Check(SameGraph(*g, *whole) && SameAttributes(*g, *whole), "the parallel reader built another graph");
  }
}

absl::StatusOr<Graph> CheckPlain(std::string_view text) {
  absl::StatusOr<Graph> g = Parse(text);
  CheckParallel(text, g);
  if (!g.ok()) {
    Check(g.status().code() == absl::StatusCode::kInvalidArgument, "load error is not InvalidArgument",
          g.status().ToString());
    CheckLocatedError(g.status(), kFile, text);
    return g;
  }
  std::string_view json = text;
  if (json.substr(0, kBom.size()) == kBom) json.remove_prefix(kBom.size());
  Check(!load_internal::FindJsonSyntaxError(json).has_value(), "invalid JSON (strict scanner) was loaded", text);
  CheckGraph(*g);
  CheckInterning(*g);
  const std::optional<ModelGraph> model = ModelManifest(DomParser(json).Parse());
  if (model) CheckAgainstModel(*g, *model);
  std::string padded(text);
  padded.append(kFileBufferPadding, '\0');
  CheckSelectors(std::string_view(padded.data(), text.size()), *g);
  return g;
}

void Run(std::string_view data) {
  if (LooksLikeGzip(data)) {
    absl::StatusOr<FileBuffer> plain = InflateGzip(kGzFile, data, kFuzzInflateLimit);
    if (!plain.ok()) {
      const absl::StatusCode code = plain.status().code();
      Check(code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kResourceExhausted,
            "gzip error is neither InvalidArgument nor ResourceExhausted", plain.status().ToString());
      const std::string msg(plain.status().message());
      Check(msg.rfind(std::string(kGzFile) + ": error: ", 0) == 0, "gzip error does not read \"FILE: error: ...\"", msg);
      return;
    }
    (void)CheckPlain(plain->data());
    return;
  }
  const absl::StatusOr<Graph> g = CheckPlain(data);
  absl::StatusOr<FileBuffer> again = InflateGzip(kGzFile, Gzip(data));
  Check(again.ok(), "zlib's own gzip of the input does not inflate", again.status().ToString());
  Check(again->data() == data, "gzip round trip changed the bytes");
}

}  // namespace
}  // namespace etldag::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  etldag::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
