// dbt manifest.json reader with simdjson On-Demand (format in dbt_manifest.h).
//
// Two passes over the top-level object: find_field_unordered("metadata")
// first (the schema version names itself in every later message), then
// rewind and walk every field in order. Node objects are read field by
// field; strings without a backslash are views of the input, escaped ones
// are unescaped into simdjson's buffer (valid for the whole document), and a
// node's views are handed to the builder (which copies them) when its object
// ends. Values not used are walked and validated like the spark_ops reader
// does (On-Demand does not check what it skips). Locations: the raw token of
// every value points into the input; syntax errors are re-located by the
// strict scanner (json_syntax.h).
//
// The reader's class is in internal/manifest_reader.h; one node's fields are
// read in internal/manifest_node.cc, keys/strings/lists/skipping in
// internal/manifest_values.cc.
#include "engine/load/dbt_manifest.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/stopwatch.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/load_error.h"
#include "engine/load/internal/manifest_parallel.h"
#include "engine/load/internal/manifest_reader.h"
#include "engine/load/internal/op_reader.h"
#include "engine/load/internal/source_location.h"
#include "tbb/global_control.h"

namespace etldag {
namespace load_internal {

absl::Status ManifestReader::Read(od::document& doc) {
  RETURN_IF_ERROR(ReadRange(doc, nullptr, nullptr));
  AddMapEdges(map_edges_);
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadRange(od::document& doc, const char* from, RangeControl* control) {
  doc_ = &doc;
  from_ = from;
  control_ = control;
  active_ = from == nullptr;
  const std::string_view top = TrimJsonWhitespace(in_.data.substr(in_.start));
  doc.rewind();
  RETURN_IF_ERROR(ReadVersion(doc));
  doc.rewind();
  od::object obj;
  if (auto err = doc.get_object().get(obj)) return Syntax(err);
  bool have_nodes = false, stop = false;
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& v = f.value();
    const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
    std::string_view key;
    RETURN_IF_ERROR(Key(f, tok, &key));
    const Section* section = nullptr;
    for (const Section& s : kSections) {
      if (s.key == key) section = &s;
    }
    if (section != nullptr) {
      have_nodes |= key == "nodes";
      RETURN_IF_ERROR(ReadSection(v, tok, *section, &stop));
    } else if (key == "parent_map" || key == "child_map") {
      RETURN_IF_ERROR(ReadMap(v, tok, key == "parent_map", &stop));
    } else if (!tok.empty() && tok[0] == '{') {
      RETURN_IF_ERROR(ReadEntries(v, Entries::kOther, nullptr, &stop));
    } else if (active_) {
      RETURN_IF_ERROR(Skip(v, 2));
    }
    if (stop) return absl::OkStatus();  // the next reader's range starts here
  }
  if (!active_) return absl::OkStatus();  // the range is empty
  if (!doc.current_location().error()) return Syntax(simdjson::TAPE_ERROR);  // trailing content
  if (!have_nodes) return ErrorAt(top.data(), "the manifest has no \"nodes\" object");
  return absl::OkStatus();
}

// The entries of an object value of the top level. Before the range starts
// (an entry key at or after from_) they are skipped unread; once a key
// starts at or after control_->until, *stop is set and nothing more is read.
absl::Status ManifestReader::ReadEntries(od::value& v, Entries kind, const Section* section, bool* stop) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    // The key's position first: Key() may unescape it, which consumes the
    // raw key (simdjson's field::key() must not be called after that).
    const char* key_at = f.key().raw() - 1;
    if (!active_) {
      if (key_at < from_) continue;  // another reader's entry
      active_ = true;
    }
    if (control_ != nullptr) {
      // Publish, then look (both sequentially consistent): a thread that
      // lowers `until` and then sees an earlier `reading` knows this reader
      // will stop at the first key at or after the new `until`.
      control_->reading.store(key_at);
      const char* until = control_->until.load();
      if (until != nullptr && key_at >= until) {
        control_->stopped.store(key_at);
        *stop = true;
        return absl::OkStatus();
      }
    }
    od::value& ev = f.value();
    const std::string_view etok = TrimJsonWhitespace(ev.raw_json_token());
    std::string_view key;
    RETURN_IF_ERROR(Key(f, etok, &key));
    switch (kind) {
      case Entries::kNodes:
        RETURN_IF_ERROR(ReadSectionEntry(ev, key, key_at, *section));
        break;
      case Entries::kParents:
      case Entries::kChildren:
        RETURN_IF_ERROR(ReadMapEntry(ev, etok, key, key_at, kind == Entries::kParents));
        break;
      case Entries::kOther:
        RETURN_IF_ERROR(Skip(ev, 3));
        break;
    }
  }
  return absl::OkStatus();
}

// metadata.dbt_schema_version -> version_ and the graph attributes.
absl::Status ManifestReader::ReadVersion(od::document& doc) {
  const char* top = TrimJsonWhitespace(in_.data.substr(in_.start)).data();
  const std::string_view not_manifest =
      "a JSON object but not a dbt manifest: no \"metadata\" with \"dbt_schema_version\" (etldag reads a "
      "spark_ops.json array of ops, a dbt manifest.json or a snapshot)";
  od::value meta;
  if (auto err = doc.find_field_unordered("metadata").get(meta)) {
    if (err == simdjson::NO_SUCH_FIELD) return ErrorAt(top, not_manifest);
    return Syntax(err);
  }
  const std::string_view mtok = TrimJsonWhitespace(meta.raw_json_token());
  if (mtok.empty() || mtok[0] != '{') return TypeError(mtok, "\"metadata\" must be an object");
  std::string_view schema, project;
  const char* schema_at = nullptr;
  od::object mobj;
  if (auto err = meta.get_object().get(mobj)) return Syntax(err);
  for (auto r : mobj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& v = f.value();
    const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
    std::string_view key;
    RETURN_IF_ERROR(Key(f, tok, &key));
    if (key == "dbt_schema_version") {
      schema_at = tok.data();
      if (tok.empty() || tok[0] != '"') return TypeError(tok, "\"metadata.dbt_schema_version\" must be a string");
      RETURN_IF_ERROR(ReadString(v, tok, &schema));
    } else if (key == "project_name") {
      RETURN_IF_ERROR(ReadOptionalString(v, tok, "\"metadata.project_name\"", &project));
    } else {
      RETURN_IF_ERROR(Skip(v, 3));
    }
  }
  if (schema_at == nullptr) return ErrorAt(mtok.data(), not_manifest);
  // ".../manifest/v12.json" -> 12
  const size_t v = schema.rfind("/v");
  int n = 0;
  size_t i = v == std::string_view::npos ? schema.size() : v + 2;
  const size_t digits_at = i;
  while (i < schema.size() && schema[i] >= '0' && schema[i] <= '9' && n < 100000) n = n * 10 + (schema[i++] - '0');
  if (v == std::string_view::npos || i == digits_at || schema.substr(i) != ".json" ||
      schema.find("manifest") == std::string_view::npos) {
    return ErrorAt(schema_at, absl::StrCat("unrecognised dbt_schema_version \"", ToAbsl(schema),
                                           "\" (expected https://schemas.getdbt.com/dbt/manifest/vN.json)"));
  }
  if (n < kOldestManifestVersion) {
    return ErrorAt(schema_at, absl::StrCat("manifest schema v", n, " is too old: etldag reads v",
                                           kOldestManifestVersion, " to v", kNewestManifestVersion,
                                           " (dbt 1.0 and later); re-run `dbt parse` with a newer dbt"));
  }
  version_ = n;
  b_.SetGraphAttribute(GraphAttr::kSchemaVersion, absl::StrCat("v", n));
  b_.SetGraphAttribute(GraphAttr::kProjectName, project);
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadSection(od::value& v, std::string_view tok, const Section& section, bool* stop) {
  if (tok.empty() || tok[0] != '{') {
    if (!active_ || (tok == "null" && section.key != "nodes")) return absl::OkStatus();
    return TypeError(tok, absl::StrCat("\"", ToAbsl(section.key), "\" must be an object of nodes by unique_id"));
  }
  return ReadEntries(v, Entries::kNodes, &section, stop);
}

absl::Status ManifestReader::ReadSectionEntry(od::value& v, std::string_view id, const char* id_at, const Section& section) {
  if (id.empty()) return ErrorAt(id_at, "a node's unique_id must not be empty");
  if (HasControl(id)) return ErrorAt(id_at, "a node's unique_id contains a control character");
  return ReadNode(v, id, id_at, section);
}

absl::Status ManifestReader::ReadMap(od::value& v, std::string_view tok, bool parents, bool* stop) {
  if (tok.empty() || tok[0] != '{') {
    if (!active_ || tok == "null") return absl::OkStatus();
    return TypeError(tok, parents ? "\"parent_map\" must be an object" : "\"child_map\" must be an object");
  }
  return ReadEntries(v, parents ? Entries::kParents : Entries::kChildren, nullptr, stop);
}

// parent_map (node -> its parents) or child_map (node -> its children): the
// "successors" side of the edges.
absl::Status ManifestReader::ReadMapEntry(od::value& v, std::string_view tok, std::string_view id, const char* id_at,
                                          bool parents) {
  const std::string_view name = parents ? "parent_map" : "child_map";
  if (id.empty()) return ErrorAt(id_at, absl::StrCat("an empty unique_id in \"", ToAbsl(name), "\""));
  map_list_.clear();
  RETURN_IF_ERROR(ReadStringList(v, tok, What{"\"", name, "\" of \"", id, "\""}, map_list_));
  id = Keep(id);
  for (std::string_view other : map_list_) {
    other = Keep(other);
    map_edges_.push_back(parents ? MapEdge{other, id} : MapEdge{id, other});
  }
  return absl::OkStatus();
}

// The map edges, once every node is known: an edge between two ids that no
// section defines is ignored (counted), as an external-to-external edge
// would join two nodes the graph only knows as referenced.
void ManifestReader::ResolveMapEdges(const GraphBuilder& b, std::span<const MapEdge> edges, ResolvedMapEdge* out) {
  // One side of every map entry repeats (a parent_map key for each of its
  // parents, a child_map key for each child), and repeats are views of the
  // same key token: an id is looked up once per run of repeats.
  struct Resolved {
    std::string_view id;
    Pid pid = GraphBuilder::kNoPid;
    bool defined = false;
  };
  Resolved side[2];
  const auto resolve = [&](Resolved& r, std::string_view id) -> const Resolved& {
    if (r.id.data() != id.data() || r.id.size() != id.size() || r.id.data() == nullptr) {
      r.id = id;
      r.pid = b.Find(id);
      r.defined = r.pid != GraphBuilder::kNoPid && b.is_defined(r.pid);
    }
    return r;
  };
  for (size_t i = 0; i < edges.size(); ++i) {
    const Resolved& from = resolve(side[0], edges[i].from);
    const Resolved& to = resolve(side[1], edges[i].to);
    out[i] = ResolvedMapEdge{from.pid, to.pid, from.defined || to.defined};
  }
}

void ManifestReader::AddMapEdges(std::span<const MapEdge> edges, const ResolvedMapEdge* resolved) {
  // A name is interned only for an edge that is added; a run of repeats
  // interns it once.
  std::string_view last[2];
  Pid last_pid[2] = {GraphBuilder::kNoPid, GraphBuilder::kNoPid};
  const auto pid = [&](int side, Pid found, std::string_view id) {
    if (found != GraphBuilder::kNoPid) return found;
    if (last[side].data() != id.data() || last[side].size() != id.size()) {
      last[side] = id;
      last_pid[side] = b_.Intern(id);
    }
    return last_pid[side];
  };
  for (size_t i = 0; i < edges.size(); ++i) {
    const ResolvedMapEdge& r = resolved[i];
    if (!r.keep) {
      ++ignored_map_edges_;
      continue;
    }
    b_.AddEdge(pid(0, r.from, edges[i].from), pid(1, r.to, edges[i].to), EdgeSide::kSuccessors);
  }
}

void ManifestReader::AddMapEdges(const std::vector<MapEdge>& edges) {
  std::vector<ResolvedMapEdge> resolved(edges.size());
  ResolveMapEdges(b_, edges, resolved.data());
  AddMapEdges(edges, resolved.data());
}

}  // namespace load_internal

using load_internal::JsonInput;
namespace od = simdjson::ondemand;

bool LooksLikeJsonObject(std::string_view data) {
  data.remove_prefix(Utf8BomLength(data));
  size_t i = 0;
  while (i < data.size() && load_internal::IsJsonWhitespace(data[i])) ++i;
  return i < data.size() && data[i] == '{';
}

namespace {

// The whole document on one thread (ManifestReader::Read).
[[nodiscard]] absl::Status ParseWhole(const JsonInput& in, load_internal::ManifestParse* out) {
  const std::string_view json = in.data.substr(in.start);
  od::parser parser(std::max<size_t>(json.size(), 1));
  od::document doc;
  if (auto err = parser.iterate(simdjson::padded_string_view(json.data(), json.size(), json.size() + kFileBufferPadding))
                     .get(doc)) {
    if (err == simdjson::MEMALLOC) return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(in.file), ": error: out of memory"));
    return load_internal::SyntaxError(in, in.start, simdjson::error_message(err));
  }
  out->builder.Reserve(json.size() / 4096, json.size() / 1024);
  load_internal::ManifestReader reader(in, out->builder);
  RETURN_IF_ERROR(reader.Read(doc));
  out->version = reader.version();
  out->num_nodes = reader.num_nodes();
  out->ignored_map_edges = reader.ignored_map_edges();
  return absl::OkStatus();
}

// `parallel`: read by several readers when large (manifest_parallel.h).
[[nodiscard]] absl::StatusOr<Graph> Parse(std::string_view file_name, std::string_view padded_json, bool parallel,
                                          LoadStats* stats) {
  const Stopwatch parse_clock;
  JsonInput in{file_name, padded_json, 0};
  in.start = Utf8BomLength(padded_json);
  RETURN_IF_ERROR(load_internal::CheckOneDocument(file_name, padded_json.size(), "a dbt manifest"));
  load_internal::ManifestParse parse;
  bool parsed = false;
  if (parallel) {
    load_internal::ReaderOptions options;
    options.readers = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    ASSIGN_OR_RETURN(parsed, load_internal::ReadManifestInParallel(in, options, &parse));
  }
  if (!parsed) {
    parse = load_internal::ManifestParse();
    RETURN_IF_ERROR(ParseWhole(in, &parse));
  }
  const uint64_t raw_edges = parse.builder.num_raw_edges();
  const double parse_seconds = parse_clock.Seconds();
  const Stopwatch build_clock;
  ASSIGN_OR_RETURN(Graph graph, load_internal::BuildLoadedGraph(file_name, std::move(parse.builder)));
  if (stats != nullptr) {
    stats->parse_seconds = parse_seconds;
    stats->build_seconds = build_clock.Seconds();
    stats->file_bytes = padded_json.size();
    stats->ops = parse.num_nodes;
    stats->raw_edges = raw_edges;
    if (parse.ignored_map_edges > 0) {
      stats->notes.push_back(absl::StrCat(ToAbsl(file_name), ": ", parse.ignored_map_edges,
                                          " parent_map/child_map entries join two ids that no section defines: ignored"));
    }
    if (parse.version > kNewestManifestVersion) {
      stats->notes.push_back(absl::StrCat(ToAbsl(file_name), ": manifest schema v", parse.version,
                                          " is newer than v", kNewestManifestVersion,
                                          ", the newest this etldag knows; every field it reads was there"));
    }
  }
  return graph;
}

}  // namespace

absl::StatusOr<Graph> ParseDbtManifest(std::string_view file_name, std::string_view padded_json, LoadStats* stats) {
  return Parse(file_name, padded_json, /*parallel=*/true, stats);
}

absl::StatusOr<Graph> ParseDbtManifestWhole(std::string_view file_name, std::string_view padded_json, LoadStats* stats) {
  return Parse(file_name, padded_json, /*parallel=*/false, stats);
}

}  // namespace etldag
