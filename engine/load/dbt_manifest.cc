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
#include "engine/load/internal/manifest_reader.h"
#include "engine/load/internal/op_reader.h"
#include "engine/load/internal/source_location.h"

namespace etldag {
namespace load_internal {

absl::Status ManifestReader::Read(od::document& doc) {
  doc_ = &doc;
  const std::string_view top = TrimJsonWhitespace(in_.data.substr(in_.start));
  RETURN_IF_ERROR(ReadVersion(doc));
  doc.rewind();
  od::object obj;
  if (auto err = doc.get_object().get(obj)) return Syntax(err);
  bool have_nodes = false;
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
      RETURN_IF_ERROR(ReadSection(v, *section));
    } else if (key == "parent_map" || key == "child_map") {
      RETURN_IF_ERROR(ReadMap(v, key == "parent_map"));
    } else {
      RETURN_IF_ERROR(Skip(v, 2));
    }
  }
  if (!doc.current_location().error()) return Syntax(simdjson::TAPE_ERROR);  // trailing content
  if (!have_nodes) return ErrorAt(top.data(), "the manifest has no \"nodes\" object");
  AddMapEdges();
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

absl::Status ManifestReader::ReadSection(od::value& v, const Section& section) {
  const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
  if (tok == "null" && section.key != "nodes") return absl::OkStatus();
  if (tok.empty() || tok[0] != '{') {
    return TypeError(tok, absl::StrCat("\"", ToAbsl(section.key), "\" must be an object of nodes by unique_id"));
  }
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& nv = f.value();
    const std::string_view ntok = TrimJsonWhitespace(nv.raw_json_token());
    // The key's position first: Key() may unescape it, which consumes the
    // raw key (simdjson's field::key() must not be called after that).
    const char* id_at = f.key().raw() - 1;
    std::string_view id;
    RETURN_IF_ERROR(Key(f, ntok, &id));
    if (id.empty()) return ErrorAt(id_at, "a node's unique_id must not be empty");
    for (const char c : id) {
      if (static_cast<unsigned char>(c) < 0x20) return ErrorAt(id_at, "a node's unique_id contains a control character");
    }
    RETURN_IF_ERROR(ReadNode(nv, id, id_at, section));
  }
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadMap(od::value& v, bool parents) {
  const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
  const std::string_view name = parents ? "parent_map" : "child_map";
  if (tok == "null") return absl::OkStatus();
  if (tok.empty() || tok[0] != '{') return TypeError(tok, absl::StrCat("\"", ToAbsl(name), "\" must be an object"));
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  std::vector<std::string_view> list;
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& fv = f.value();
    const std::string_view ftok = TrimJsonWhitespace(fv.raw_json_token());
    const char* id_at = f.key().raw() - 1;  // before Key(), as in ReadSection
    std::string_view id;
    RETURN_IF_ERROR(Key(f, ftok, &id));
    if (id.empty()) return ErrorAt(id_at, absl::StrCat("an empty unique_id in \"", ToAbsl(name), "\""));
    list.clear();
    RETURN_IF_ERROR(ReadStringList(fv, ftok, What{"\"", name, "\" of \"", id, "\""}, list));
    for (const std::string_view other : list) map_edges_.push_back(parents ? MapEdge{other, id} : MapEdge{id, other});
  }
  return absl::OkStatus();
}

// The map edges, once every node is known: an edge between two ids that no
// section defines is ignored (counted), as an external-to-external edge
// would join two nodes the graph only knows as referenced.
void ManifestReader::AddMapEdges() {
  // One side of every map entry repeats (a parent_map key for each of its
  // parents, a child_map key for each child), and repeats are views of the
  // same key token: an id is looked up and interned once per run of
  // repeats, and the other side is looked up only when the repeated one is
  // not defined (an edge is ignored only when neither end is).
  enum class Defined : uint8_t { kUnknown, kYes, kNo };
  struct Resolved {
    std::string_view id;
    Defined defined = Defined::kUnknown;
    bool interned = false;
    Pid pid{};
  };
  Resolved side[2];
  const auto resolve = [&](Resolved& r, std::string_view id) -> Resolved& {
    if (r.id.data() != id.data() || r.id.size() != id.size()) r = {id};
    return r;
  };
  const auto defined = [&](Resolved& r) {
    if (r.defined == Defined::kUnknown) r.defined = defined_ids_.contains(r.id) ? Defined::kYes : Defined::kNo;
    return r.defined == Defined::kYes;
  };
  const auto pid = [&](Resolved& r) {
    if (!r.interned) {
      b_.InternBatch({&r.id, 1}, &r.pid);
      r.interned = true;
    }
    return r.pid;
  };
  for (const MapEdge& e : map_edges_) {
    Resolved& from = resolve(side[0], e.from);
    Resolved& to = resolve(side[1], e.to);
    const bool known_first = from.defined != Defined::kUnknown;
    Resolved& first = known_first ? from : to;
    Resolved& second = known_first ? to : from;
    if (!defined(first) && !defined(second)) {
      ++ignored_map_edges_;
      continue;
    }
    b_.AddEdge(pid(from), pid(to), EdgeSide::kSuccessors);
  }
}

// The unescaped key of `f` (a view of the input when it has no backslash).
// Unescaping consumes the raw key: callers read f.key() before this.
}  // namespace load_internal

using load_internal::JsonInput;
namespace od = simdjson::ondemand;

bool LooksLikeJsonObject(std::string_view data) {
  data.remove_prefix(Utf8BomLength(data));
  size_t i = 0;
  while (i < data.size() && load_internal::IsJsonWhitespace(data[i])) ++i;
  return i < data.size() && data[i] == '{';
}

absl::StatusOr<Graph> ParseDbtManifest(std::string_view file_name, std::string_view padded_json, LoadStats* stats) {
  const Stopwatch parse_clock;
  JsonInput in{file_name, padded_json, 0};
  in.start = Utf8BomLength(padded_json);
  RETURN_IF_ERROR(load_internal::CheckOneDocument(file_name, padded_json.size(), "a dbt manifest"));
  const std::string_view json = in.data.substr(in.start);
  od::parser parser(std::max<size_t>(json.size(), 1));
  od::document doc;
  if (auto err = parser.iterate(simdjson::padded_string_view(json.data(), json.size(), json.size() + kFileBufferPadding))
                     .get(doc)) {
    if (err == simdjson::MEMALLOC) return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(file_name), ": error: out of memory"));
    return load_internal::SyntaxError(in, in.start, simdjson::error_message(err));
  }
  GraphBuilder builder;
  builder.Reserve(json.size() / 4096, json.size() / 1024);
  load_internal::ManifestReader reader(in, builder);
  RETURN_IF_ERROR(reader.Read(doc));
  const uint64_t raw_edges = builder.num_raw_edges();
  const double parse_seconds = parse_clock.Seconds();
  const Stopwatch build_clock;
  ASSIGN_OR_RETURN(Graph graph, load_internal::BuildLoadedGraph(file_name, std::move(builder)));
  if (stats != nullptr) {
    stats->parse_seconds = parse_seconds;
    stats->build_seconds = build_clock.Seconds();
    stats->file_bytes = padded_json.size();
    stats->ops = reader.num_nodes();
    stats->raw_edges = raw_edges;
    if (reader.ignored_map_edges() > 0) {
      stats->notes.push_back(absl::StrCat(ToAbsl(file_name), ": ", reader.ignored_map_edges(),
                                          " parent_map/child_map entries join two ids that no section defines: ignored"));
    }
    if (reader.version() > kNewestManifestVersion) {
      stats->notes.push_back(absl::StrCat(ToAbsl(file_name), ": manifest schema v", reader.version(),
                                          " is newer than v", kNewestManifestVersion,
                                          ", the newest this etldag knows; every field it reads was there"));
    }
  }
  return graph;
}

}  // namespace etldag
