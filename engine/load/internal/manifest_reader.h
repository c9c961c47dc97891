// The dbt manifest reader's class (dbt_manifest.h), shared by its three
// source files: engine/load/dbt_manifest.cc (the document: metadata,
// sections, maps, and ParseDbtManifest), manifest_node.cc (one node's
// fields) and manifest_values.cc (keys, strings, lists, skipped values).
// Private to engine/load: simdjson stays inside this module.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_READER_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_READER_H_

#include <array>
#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_builder.h"
#include "engine/graph/node_attributes.h"
#include "engine/load/dbt_manifest.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_skip.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/load_error.h"

namespace etldag::load_internal {

namespace od = simdjson::ondemand;
using Pid = GraphBuilder::Pid;


// What a value is, for error messages ("node \"x\": \"tags\""): its pieces,
// joined only when an error is reported (a manifest has millions of values,
// and the description of each is needed almost never).
class What {
 public:
  What(std::initializer_list<std::string_view> parts) {
    for (std::string_view p : parts) Push(p);
  }
  What(std::string_view s) { Push(s); }  // NOLINT: a plain description
  What(const char* s) { Push(s); }       // NOLINT
  // This description followed by `more` (e.g. ".field\"").
  What Then(std::initializer_list<std::string_view> more) const {
    What w = *this;
    for (std::string_view p : more) w.Push(p);
    return w;
  }
  std::string str() const {
    std::string s;
    for (size_t i = 0; i < n_; ++i) s.append(parts_[i]);
    return s;
  }

 private:
  void Push(std::string_view p) {
    if (n_ < parts_.size()) parts_[n_++] = p;
  }
  std::array<std::string_view, 8> parts_{};
  size_t n_ = 0;
};

// The node sections of a manifest and the resource_type their entries
// default to.
struct Section {
  std::string_view key;
  std::string_view type;  // empty: "resource_type" required
};
inline constexpr Section kSections[] = {
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

  [[nodiscard]] absl::Status Read(od::document& doc);
  int version() const { return version_; }
  uint64_t num_nodes() const { return num_nodes_; }
  uint64_t ignored_map_edges() const { return ignored_map_edges_; }

 private:
  uint64_t Offset(const char* p) const { return static_cast<uint64_t>(p - in_.data.data()); }
  [[nodiscard]] absl::Status ErrorAt(const char* p, std::string_view what) const {
    return load_internal::LocatedError(in_, Offset(p), absl::StrCat(ToAbsl(what), VersionHint()));
  }
  std::string VersionHint() const {
    if (version_ <= kNewestManifestVersion) return "";
    return absl::StrCat(" (manifest schema v", version_, " is newer than v", kNewestManifestVersion,
                        ", the newest this etldag reads: its layout may have changed)");
  }
  [[nodiscard]] absl::Status Syntax(simdjson::error_code err) const {
    uint64_t at = in_.start;
    if (doc_ != nullptr) {
      auto loc = doc_->current_location();
      if (!loc.error()) at = Offset(loc.value_unsafe());
    }
    return load_internal::SyntaxError(in_, at, simdjson::error_message(err));
  }
  [[nodiscard]] absl::Status TypeError(std::string_view tok, std::string_view what) const {
    const char* type = tok.empty() ? nullptr : load_internal::JsonTypeName(tok[0]);
    if (type == nullptr ||
        (tok[0] != '{' && tok[0] != '[' && tok[0] != '"' && !load_internal::IsValidJsonScalarToken(tok))) {
      return Syntax(simdjson::INCORRECT_TYPE);
    }
    return ErrorAt(tok.data(), absl::StrCat(ToAbsl(what), ", found ", type));
  }

  [[nodiscard]] absl::Status ReadVersion(od::document& doc);
  [[nodiscard]] absl::Status ReadSection(od::value& v, const Section& section);
  [[nodiscard]] absl::Status ReadNode(od::value& v, std::string_view id, const char* id_at, const Section& section);
  [[nodiscard]] absl::Status ReadNodeField(std::string_view key, od::value& v, std::string_view tok, std::string_view id,
                             NodeFields& n);
  [[nodiscard]] absl::Status ReadConfig(od::value& v, std::string_view tok, std::string_view id, NodeFields& n);
  [[nodiscard]] absl::Status ReadSubObject(od::value& v, std::string_view tok, const What& what,
                             std::initializer_list<std::pair<std::string_view, std::string_view*>> wanted,
                             std::vector<std::string_view>* nodes = nullptr);
  [[nodiscard]] absl::Status ReadMap(od::value& v, bool parents);
  void AddMapEdges();
  [[nodiscard]] absl::Status Key(od::field& f, std::string_view value_tok, std::string_view* key);
  [[nodiscard]] absl::Status ReadString(od::value& v, std::string_view tok, std::string_view* out);
  [[nodiscard]] absl::Status ReadOptionalString(od::value& v, std::string_view tok, const What& what, std::string_view* out);
  [[nodiscard]] absl::Status ReadStringList(od::value& v, std::string_view tok, const What& what,
                              std::vector<std::string_view>& out);
  [[nodiscard]] absl::Status ReadId(od::value& v, std::string_view tok, const What& what, std::string_view* out);
  // A value the reader does not use, validated (json_skip.h).
  [[nodiscard]] absl::Status Skip(od::value& v, uint32_t depth) { return SkipJsonValue(*this, v, depth); }
  friend absl::Status (::etldag::load_internal::SkipJsonValue<ManifestReader>)(ManifestReader&, od::value&, uint32_t);
  [[nodiscard]] absl::Status ConsumeString(od::value& v) const {
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

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_READER_H_
