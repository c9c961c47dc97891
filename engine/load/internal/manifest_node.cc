// One node of a dbt manifest: its fields, config, sub-objects and its
// definition in the builder (manifest_reader.h).
#include "engine/load/internal/manifest_reader.h"

#include "engine/base/status.h"
#include "engine/load/internal/source_location.h"

namespace etldag::load_internal {

absl::Status ManifestReader::ReadNode(od::value& v, std::string_view id, const char* id_at, const Section& section) {
  const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
  if (tok.empty() || tok[0] != '{') return TypeError(tok, absl::StrCat("node \"", ToAbsl(id), "\" must be an object"));
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  NodeFields& n = node_;  // reused: its lists keep their memory from node to node
  n.attrs.fields = {};
  n.attrs.tags.clear();
  n.attrs.fqn.clear();
  n.parents.clear();
  n.has_resource_type = n.has_test_metadata = false;
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
  b_.SetAttributes(pid, n.attrs);
  for (size_t i = 1; i < pids_.size(); ++i) b_.AddEdge(pids_[i], pid, EdgeSide::kInputs);
  ++num_nodes_;
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadNodeField(std::string_view key, od::value& v, std::string_view tok,
                                           std::string_view id, NodeFields& n) {
  NodeAttributeInput& a = n.attrs;
  auto what = [&](std::string_view field) { return What{"node \"", id, "\": \"", field, "\""}; };
  auto scalar = [&](AttrField f) { return ReadOptionalString(v, tok, what(key), &a[f]); };
  if (key == "resource_type") {
    n.has_resource_type = true;
    if (tok.empty() || tok[0] != '"') return TypeError(tok, what(key).str() + " must be a string");
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
      return ErrorAt(tok.data(), absl::StrCat(what(key).str(), " is \"", ToAbsl(uid), "\", not its key"));
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
  const What open_what{"node \"", id, "\": \"", key};
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
    const What what{"node \"", id, "\": \"config.", key, "\""};
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
        return TypeError(ftok, what.str() + " must be true or false");
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
    od::value& v, std::string_view tok, const What& what,
    std::initializer_list<std::pair<std::string_view, std::string_view*>> wanted,
    std::vector<std::string_view>* nodes) {
  if (tok == "null") return absl::OkStatus();
  if (tok.empty() || tok[0] != '{') return TypeError(tok, absl::StrCat(what.str(), "\" must be an object"));
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
    const What field = what.Then({".", key, "\""});
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

}  // namespace etldag::load_internal
