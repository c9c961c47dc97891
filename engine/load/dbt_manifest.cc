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
#include "engine/load/dbt_manifest.h"

#include <simdjson.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/load_error.h"
#include "engine/load/internal/op_reader.h"
#include "engine/load/internal/source_location.h"

namespace etldag {
namespace {

namespace od = simdjson::ondemand;
using load_internal::JsonInput;
using load_internal::TrimJsonWhitespace;
using Pid = GraphBuilder::Pid;
using Clock = std::chrono::steady_clock;

bool HasBackslash(std::string_view s) { return std::memchr(s.data(), '\\', s.size()) != nullptr; }

// The node sections of a manifest and the resource_type their entries
// default to.
struct Section {
  std::string_view key;
  std::string_view type;  // empty: "resource_type" required
};
constexpr Section kSections[] = {
    {"nodes", ""},           {"sources", "source"},         {"exposures", "exposure"},
    {"metrics", "metric"},   {"semantic_models", "semantic_model"}, {"saved_queries", "saved_query"},
    {"unit_tests", "unit_test"},
};

// One node's fields, as views valid for the document.
struct NodeFields {
  NodeAttributeInput attrs;
  std::vector<std::string_view> parents;
  bool has_resource_type = false;
  bool has_test_metadata = false;
};

class ManifestReader {
 public:
  ManifestReader(const JsonInput& in, GraphBuilder& b) : in_(in), b_(b) {}

  absl::Status Read(od::document& doc);
  int version() const { return version_; }
  uint64_t num_nodes() const { return num_nodes_; }
  uint64_t ignored_map_edges() const { return ignored_map_edges_; }

 private:
  uint64_t Offset(const char* p) const { return static_cast<uint64_t>(p - in_.data.data()); }
  absl::Status ErrorAt(const char* p, std::string_view what) const {
    return load_internal::LocatedError(in_, Offset(p), absl::StrCat(ToAbsl(what), VersionHint()));
  }
  std::string VersionHint() const {
    if (version_ <= kNewestManifestVersion) return "";
    return absl::StrCat(" (manifest schema v", version_, " is newer than v", kNewestManifestVersion,
                        ", the newest this etldag reads: its layout may have changed)");
  }
  absl::Status Syntax(simdjson::error_code err) const {
    uint64_t at = in_.start;
    if (doc_ != nullptr) {
      auto loc = doc_->current_location();
      if (!loc.error()) at = Offset(loc.value_unsafe());
    }
    return load_internal::SyntaxError(in_, at, simdjson::error_message(err));
  }
  absl::Status TypeError(std::string_view tok, std::string_view what) const {
    const char* type = tok.empty() ? nullptr : load_internal::JsonTypeName(tok[0]);
    if (type == nullptr ||
        (tok[0] != '{' && tok[0] != '[' && tok[0] != '"' && !load_internal::IsValidJsonScalarToken(tok))) {
      return Syntax(simdjson::INCORRECT_TYPE);
    }
    return ErrorAt(tok.data(), absl::StrCat(ToAbsl(what), ", found ", type));
  }

  absl::Status ReadVersion(od::document& doc);
  absl::Status ReadSection(od::value& v, const Section& section);
  absl::Status ReadNode(od::value& v, std::string_view id, const char* id_at, const Section& section);
  absl::Status ReadNodeField(std::string_view key, od::value& v, std::string_view tok, std::string_view id,
                             NodeFields& n);
  absl::Status ReadConfig(od::value& v, std::string_view tok, std::string_view id, NodeFields& n);
  absl::Status ReadSubObject(od::value& v, std::string_view tok, std::string_view what,
                             std::initializer_list<std::pair<std::string_view, std::string_view*>> wanted,
                             std::vector<std::string_view>* nodes = nullptr);
  absl::Status ReadMap(od::value& v, bool parents);
  void AddMapEdges();
  absl::Status Key(od::field& f, std::string_view value_tok, std::string_view* key);
  absl::Status ReadString(od::value& v, std::string_view tok, std::string_view* out);
  absl::Status ReadOptionalString(od::value& v, std::string_view tok, std::string_view what, std::string_view* out);
  absl::Status ReadStringList(od::value& v, std::string_view tok, std::string_view what,
                              std::vector<std::string_view>& out);
  absl::Status ReadId(od::value& v, std::string_view tok, std::string_view what, std::string_view* out);
  absl::Status Skip(od::value& v, uint32_t depth);
  absl::Status ConsumeString(od::value& v) const {
    od::raw_json_string unused;
    if (auto err = v.get_raw_json_string().get(unused)) return Syntax(err);
    return absl::OkStatus();
  }

  const JsonInput& in_;
  GraphBuilder& b_;
  od::document* doc_ = nullptr;
  int version_ = 0;
  uint64_t num_nodes_ = 0;
  std::vector<std::string_view> batch_;
  std::vector<Pid> pids_;
  std::vector<uint64_t> defined_at_;  // per pid: offset of its key
  struct MapEdge {
    std::string_view from, to;  // views valid for the document
  };
  std::vector<MapEdge> map_edges_;  // parent_map/child_map, added at the end
  absl::flat_hash_set<std::string_view> defined_ids_;
  uint64_t ignored_map_edges_ = 0;
};

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

absl::Status ManifestReader::ReadNode(od::value& v, std::string_view id, const char* id_at, const Section& section) {
  const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
  if (tok.empty() || tok[0] != '{') return TypeError(tok, absl::StrCat("node \"", ToAbsl(id), "\" must be an object"));
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  NodeFields n;
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& fv = f.value();
    const std::string_view ftok = TrimJsonWhitespace(fv.raw_json_token());
    std::string_view key;
    RETURN_IF_ERROR(Key(f, ftok, &key));
    RETURN_IF_ERROR(ReadNodeField(key, fv, ftok, id, n));
  }
  if (!n.has_resource_type) {
    if (section.type.empty()) return ErrorAt(tok.data(), absl::StrCat("node \"", ToAbsl(id), "\" has no \"resource_type\""));
    n.attrs[AttrField::kResourceType] = section.type;
  }
  const std::string_view type = n.attrs[AttrField::kResourceType];
  if (type.empty()) return ErrorAt(tok.data(), absl::StrCat("node \"", ToAbsl(id), "\": \"resource_type\" must not be empty"));
  if (type == "test") n.attrs[AttrField::kTestType] = n.has_test_metadata ? "generic" : "singular";
  if (type == "unit_test") n.attrs[AttrField::kTestType] = "unit";
  batch_.clear();
  batch_.push_back(id);
  batch_.insert(batch_.end(), n.parents.begin(), n.parents.end());
  pids_.resize(batch_.size());
  b_.InternBatch(batch_, pids_.data());
  const Pid pid = pids_[0];
  if (!b_.DefineOp(pid, type)) {
    const LineCol first = LineColAt(in_.data, defined_at_[pid]);
    return ErrorAt(id_at, absl::StrCat("duplicate unique_id \"", ToAbsl(id), "\" (first defined at ", first.line, ":",
                                       first.column, ")"));
  }
  if (pid >= defined_at_.size()) defined_at_.resize(b_.num_interned());
  defined_at_[pid] = Offset(id_at);
  defined_ids_.insert(id);
  b_.SetAttributes(pid, n.attrs);
  for (size_t i = 1; i < pids_.size(); ++i) b_.AddEdge(pids_[i], pid, EdgeSide::kInputs);
  ++num_nodes_;
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadNodeField(std::string_view key, od::value& v, std::string_view tok,
                                           std::string_view id, NodeFields& n) {
  NodeAttributeInput& a = n.attrs;
  auto what = [&](std::string_view field) { return absl::StrCat("node \"", ToAbsl(id), "\": \"", ToAbsl(field), "\""); };
  auto scalar = [&](AttrField f) { return ReadOptionalString(v, tok, what(key), &a[f]); };
  if (key == "resource_type") {
    n.has_resource_type = true;
    if (tok.empty() || tok[0] != '"') return TypeError(tok, what(key) + " must be a string");
    return ReadString(v, tok, &a[AttrField::kResourceType]);
  }
  if (key == "package_name") return scalar(AttrField::kPackageName);
  if (key == "name") return scalar(AttrField::kShortName);
  if (key == "path") return scalar(AttrField::kPath);
  if (key == "original_file_path") return scalar(AttrField::kOriginalFilePath);
  if (key == "patch_path") return scalar(AttrField::kPatchPath);
  if (key == "source_name") return scalar(AttrField::kSourceName);
  if (key == "access" || key == "group") {  // else config.access / config.group
    std::string_view value;
    RETURN_IF_ERROR(ReadOptionalString(v, tok, what(key), &value));
    if (!value.empty()) a[key == "access" ? AttrField::kAccess : AttrField::kGroup] = value;
    return absl::OkStatus();
  }
  if (key == "unique_id") {
    std::string_view uid;
    RETURN_IF_ERROR(ReadOptionalString(v, tok, what(key), &uid));
    if (!uid.empty() && uid != id) {
      return ErrorAt(tok.data(), absl::StrCat(what(key), " is \"", ToAbsl(uid), "\", not its key"));
    }
    return absl::OkStatus();
  }
  if (key == "fqn") return ReadStringList(v, tok, what(key), a.fqn);
  if (key == "tags") {
    if (!tok.empty() && tok[0] == '"') {  // a single tag
      a.tags.emplace_back();
      return ReadString(v, tok, &a.tags.back());
    }
    return ReadStringList(v, tok, what(key), a.tags);
  }
  if (key == "config") return ReadConfig(v, tok, id, n);
  // Sub-objects get the description without its closing quote: ReadSubObject
  // appends ".field" or the quote.
  const std::string open_what = absl::StrCat("node \"", ToAbsl(id), "\": \"", ToAbsl(key));
  if (key == "checksum") return ReadSubObject(v, tok, open_what, {{"checksum", &a[AttrField::kChecksum]}});
  if (key == "owner") {
    std::string_view name, email;
    RETURN_IF_ERROR(ReadSubObject(v, tok, open_what, {{"name", &name}, {"email", &email}}));
    a[AttrField::kOwner] = name.empty() ? email : name;
    return absl::OkStatus();
  }
  if (key == "test_metadata") {
    n.has_test_metadata = tok != "null";
    return ReadSubObject(v, tok, open_what, {{"name", &a[AttrField::kTestName]}});
  }
  if (key == "depends_on") return ReadSubObject(v, tok, open_what, {}, &n.parents);
  return Skip(v, 4);  // 1 top, 2 section, 3 node
}

// config: materialized, enabled, schema, access, group, severity.
absl::Status ManifestReader::ReadConfig(od::value& v, std::string_view tok, std::string_view id, NodeFields& n) {
  if (tok == "null") return absl::OkStatus();
  if (tok.empty() || tok[0] != '{') return TypeError(tok, absl::StrCat("node \"", ToAbsl(id), "\": \"config\" must be an object"));
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  NodeAttributeInput& a = n.attrs;
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& fv = f.value();
    const std::string_view ftok = TrimJsonWhitespace(fv.raw_json_token());
    std::string_view key;
    RETURN_IF_ERROR(Key(f, ftok, &key));
    const std::string what = absl::StrCat("node \"", ToAbsl(id), "\": \"config.", ToAbsl(key), "\"");
    std::string_view* out = nullptr;
    if (key == "materialized") out = &a[AttrField::kMaterialized];
    if (key == "schema") out = &a[AttrField::kSchema];
    if (key == "severity") out = &a[AttrField::kSeverity];
    if (key == "access" && a[AttrField::kAccess].empty()) out = &a[AttrField::kAccess];
    if (key == "group" && a[AttrField::kGroup].empty()) out = &a[AttrField::kGroup];
    if (out != nullptr) {
      RETURN_IF_ERROR(ReadOptionalString(fv, ftok, what, out));
    } else if (key == "enabled") {
      if (ftok != "true" && ftok != "false") {
        if (ftok == "null") continue;
        return TypeError(ftok, what + " must be true or false");
      }
      a[AttrField::kEnabled] = ftok == "true" ? "true" : "false";
    } else {
      RETURN_IF_ERROR(Skip(fv, 5));
    }
  }
  return absl::OkStatus();
}

// An object (or null) whose string fields `wanted` are read; with `nodes`,
// also its "nodes" list (depends_on). `what` is the description of the
// object without its closing quote ("node \"x\": \"depends_on").
absl::Status ManifestReader::ReadSubObject(
    od::value& v, std::string_view tok, std::string_view what,
    std::initializer_list<std::pair<std::string_view, std::string_view*>> wanted,
    std::vector<std::string_view>* nodes) {
  if (tok == "null") return absl::OkStatus();
  if (tok.empty() || tok[0] != '{') return TypeError(tok, absl::StrCat(ToAbsl(what), "\" must be an object"));
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& fv = f.value();
    const std::string_view ftok = TrimJsonWhitespace(fv.raw_json_token());
    std::string_view key;
    RETURN_IF_ERROR(Key(f, ftok, &key));
    std::string_view* out = nullptr;
    for (const auto& [name, dst] : wanted) {
      if (name == key) out = dst;
    }
    const std::string field = absl::StrCat(ToAbsl(what), ".", ToAbsl(key), "\"");
    if (out != nullptr) {
      RETURN_IF_ERROR(ReadOptionalString(fv, ftok, field, out));
    } else if (nodes != nullptr && key == "nodes") {
      RETURN_IF_ERROR(ReadStringList(fv, ftok, field, *nodes));
    } else {
      RETURN_IF_ERROR(Skip(fv, 5));
    }
  }
  return absl::OkStatus();
}

// parent_map (node -> its parents) or child_map (node -> its children): the
// "successors" side of the edges.
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
    RETURN_IF_ERROR(ReadStringList(fv, ftok, absl::StrCat("\"", ToAbsl(name), "\" of \"", ToAbsl(id), "\""), list));
    for (const std::string_view other : list) map_edges_.push_back(parents ? MapEdge{other, id} : MapEdge{id, other});
  }
  return absl::OkStatus();
}

// The map edges, once every node is known: an edge between two ids that no
// section defines is ignored (counted), as an external-to-external edge
// would join two nodes the graph only knows as referenced.
void ManifestReader::AddMapEdges() {
  std::string_view pair[2];
  Pid pp[2];
  for (const MapEdge& e : map_edges_) {
    if (!defined_ids_.contains(e.from) && !defined_ids_.contains(e.to)) {
      ++ignored_map_edges_;
      continue;
    }
    pair[0] = e.from;
    pair[1] = e.to;
    b_.InternBatch(pair, pp);
    b_.AddEdge(pp[0], pp[1], EdgeSide::kSuccessors);
  }
}

// The unescaped key of `f` (a view of the input when it has no backslash).
// Unescaping consumes the raw key: callers read f.key() before this.
absl::Status ManifestReader::Key(od::field& f, std::string_view value_tok, std::string_view* key) {
  const char* k = f.key().raw();
  const char* p = value_tok.data();
  while (p > k && load_internal::IsJsonWhitespace(p[-1])) --p;
  if (p > k && p[-1] == ':') --p;
  while (p > k && load_internal::IsJsonWhitespace(p[-1])) --p;
  if (p > k && p[-1] == '"') {
    const std::string_view raw(k, static_cast<size_t>(p - 1 - k));
    if (!HasBackslash(raw)) {
      *key = raw;
      return absl::OkStatus();
    }
  }
  if (auto err = f.unescaped_key().get(*key)) return Syntax(err);
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadString(od::value& v, std::string_view tok, std::string_view* out) {
  if (tok.size() < 2 || tok.back() != '"') return Syntax(simdjson::STRING_ERROR);
  *out = tok.substr(1, tok.size() - 2);
  if (HasBackslash(*out)) {
    if (auto err = v.get_string().get(*out)) return Syntax(err);
    return absl::OkStatus();
  }
  return ConsumeString(v);
}

absl::Status ManifestReader::ReadOptionalString(od::value& v, std::string_view tok, std::string_view what,
                                                std::string_view* out) {
  if (tok == "null") {
    *out = {};
    return absl::OkStatus();
  }
  if (tok.empty() || tok[0] != '"') return TypeError(tok, absl::StrCat(ToAbsl(what), " must be a string or null"));
  return ReadString(v, tok, out);
}

// A unique_id in a list: a non-empty string without control characters.
absl::Status ManifestReader::ReadId(od::value& v, std::string_view tok, std::string_view what, std::string_view* out) {
  if (tok.empty() || tok[0] != '"') return TypeError(tok, absl::StrCat("an element of ", ToAbsl(what), " must be a string"));
  RETURN_IF_ERROR(ReadString(v, tok, out));
  if (out->empty()) return ErrorAt(tok.data(), absl::StrCat("an element of ", ToAbsl(what), " is empty"));
  for (const char c : *out) {
    if (static_cast<unsigned char>(c) < 0x20) {
      return ErrorAt(tok.data(), absl::StrCat("an element of ", ToAbsl(what), " contains a control character"));
    }
  }
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadStringList(od::value& v, std::string_view tok, std::string_view what,
                                            std::vector<std::string_view>& out) {
  if (tok == "null") return absl::OkStatus();
  if (tok.empty() || tok[0] != '[') return TypeError(tok, absl::StrCat(ToAbsl(what), " must be an array of strings"));
  od::array arr;
  if (auto err = v.get_array().get(arr)) return Syntax(err);
  for (auto r : arr) {
    od::value e;
    if (auto err = r.get(e)) return Syntax(err);
    const std::string_view etok = TrimJsonWhitespace(e.raw_json_token());
    std::string_view s;
    RETURN_IF_ERROR(ReadId(e, etok, what, &s));
    out.push_back(s);
  }
  return absl::OkStatus();
}

// Validates a value the reader does not use; `depth` = its nesting level.
absl::Status ManifestReader::Skip(od::value& v, uint32_t depth) {
  const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
  if (tok.empty()) return Syntax(simdjson::TAPE_ERROR);
  if (tok[0] == '"') {
    std::string_view unused;
    return ReadString(v, tok, &unused);
  }
  if (tok[0] != '[' && tok[0] != '{') {
    return load_internal::IsValidJsonScalarToken(tok) ? absl::OkStatus() : Syntax(simdjson::TAPE_ERROR);
  }
  if (depth > load_internal::kMaxJsonDepth) return Syntax(simdjson::DEPTH_ERROR);
  if (tok[0] == '[') {
    od::array arr;
    if (auto err = v.get_array().get(arr)) return Syntax(err);
    for (auto r : arr) {
      od::value e;
      if (auto err = r.get(e)) return Syntax(err);
      RETURN_IF_ERROR(Skip(e, depth + 1));
    }
    return absl::OkStatus();
  }
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    std::string_view key;
    RETURN_IF_ERROR(Key(f, TrimJsonWhitespace(f.value().raw_json_token()), &key));
    RETURN_IF_ERROR(Skip(f.value(), depth + 1));
  }
  return absl::OkStatus();
}

}  // namespace

bool LooksLikeJsonObject(std::string_view data) {
  data.remove_prefix(Utf8BomLength(data));
  size_t i = 0;
  while (i < data.size() && load_internal::IsJsonWhitespace(data[i])) ++i;
  return i < data.size() && data[i] == '{';
}

absl::StatusOr<Graph> ParseDbtManifest(std::string_view file_name, std::string_view padded_json, LoadStats* stats) {
  const Clock::time_point t0 = Clock::now();
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
  ManifestReader reader(in, builder);
  RETURN_IF_ERROR(reader.Read(doc));
  const uint64_t raw_edges = builder.num_raw_edges();
  const Clock::time_point t1 = Clock::now();
  ASSIGN_OR_RETURN(Graph graph, load_internal::BuildLoadedGraph(file_name, std::move(builder)));
  if (stats != nullptr) {
    stats->parse_seconds = std::chrono::duration<double>(t1 - t0).count();
    stats->build_seconds = std::chrono::duration<double>(Clock::now() - t1).count();
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
