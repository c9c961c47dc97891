// The dbt manifest reader's class (dbt_manifest.h), shared by its three
// source files: engine/load/dbt_manifest.cc (the document: metadata,
// sections, maps, and ParseDbtManifest), manifest_node.cc (one node's
// fields) and manifest_values.cc (keys, strings, lists, skipped values).
// Private to engine/load: simdjson stays inside this module.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_READER_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_READER_H_

#include <simdjson.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// How far a reader that shares the document with others goes
// (manifest_parallel.cc). Another thread may lower `until` while the reader
// runs; the reader publishes the key of each entry before reading it, and
// where it stopped.
struct RangeControl {
  std::atomic<const char*> until{nullptr};    // stop at the first entry key >= this; null = never
  std::atomic<const char*> reading{nullptr};  // the key of the entry being read; null = none yet
  std::atomic<const char*> stopped{nullptr};  // the entry it stopped at (set by the reader), or the end
};

// An edge of parent_map/child_map, from -> to: views of the input, or of
// strings the reader owns (an escaped id).
struct MapEdge {
  std::string_view from, to;
};

class ManifestReader {
 public:
  ManifestReader(const JsonInput& in, GraphBuilder& b) : in_(in), b_(b) {}

  // The whole document: every node, edge and attribute into the builder,
  // map edges included (AddMapEdges).
  [[nodiscard]] absl::Status Read(od::document& doc);
  // Part of the document, for readers that share it (manifest_parallel.h):
  // the entries of the top-level objects (nodes, maps, anything else) from
  // the first whose key starts at or after `from` (null: the document's
  // start) to the first whose key starts at or after control->until (null
  // control or until: the end), and any other top-level value in between;
  // the metadata is read by every reader. Entries outside the range are
  // skipped unread. Map edges are collected (map_edges()), not added.
  [[nodiscard]] absl::Status ReadRange(od::document& doc, const char* from, RangeControl* control);
  // The map edges collected, added once every node is defined: an edge
  // between two ids that no section defines is ignored (counted). In two
  // steps for a caller that resolves in parallel: ResolveMapEdges only looks
  // names up (safe from several threads while nothing is interned), then
  // AddMapEdges interns what is new and adds the edges, in order.
  struct ResolvedMapEdge {
    Pid from, to;  // GraphBuilder::kNoPid: not interned yet
    bool keep;     // an end is defined
  };
  static void ResolveMapEdges(const GraphBuilder& b, std::span<const MapEdge> edges, ResolvedMapEdge* out);
  void AddMapEdges(std::span<const MapEdge> edges, const ResolvedMapEdge* resolved);
  void AddMapEdges(const std::vector<MapEdge>& edges);
  const std::vector<MapEdge>& map_edges() const { return map_edges_; }

  int version() const { return version_; }
  void set_version(int version) { version_ = version; }
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

  // What the entries of a top-level object are.
  enum class Entries : uint8_t { kNodes, kParents, kChildren, kOther };

  [[nodiscard]] absl::Status ReadVersion(od::document& doc);
  [[nodiscard]] absl::Status ReadEntries(od::value& v, Entries kind, const Section* section, bool* stop);
  [[nodiscard]] absl::Status ReadSection(od::value& v, std::string_view tok, const Section& section, bool* stop);
  [[nodiscard]] absl::Status ReadSectionEntry(od::value& v, std::string_view id, const char* id_at, const Section& section);
  [[nodiscard]] absl::Status ReadNode(od::value& v, std::string_view id, const char* id_at, const Section& section);
  [[nodiscard]] absl::Status ReadNodeField(std::string_view key, od::value& v, std::string_view tok, std::string_view id,
                             NodeFields& n);
  [[nodiscard]] absl::Status ReadConfig(od::value& v, std::string_view tok, std::string_view id, NodeFields& n);
  [[nodiscard]] absl::Status ReadSubObject(od::value& v, std::string_view tok, const What& what,
                             std::initializer_list<std::pair<std::string_view, std::string_view*>> wanted,
                             std::vector<std::string_view>* nodes = nullptr);
  [[nodiscard]] absl::Status ReadMap(od::value& v, std::string_view tok, bool parents, bool* stop);
  [[nodiscard]] absl::Status ReadMapEntry(od::value& v, std::string_view tok, std::string_view id, const char* id_at,
                                          bool parents);
  // True when `s` is a view of the input, false when it was unescaped (and
  // so may hold a control character: FindControlCharacter).
  bool InInput(std::string_view s) const {
    return s.data() >= in_.data.data() && s.data() + s.size() <= in_.data.data() + in_.data.size();
  }
  bool HasControl(std::string_view s) const { return !InInput(s) && FindControlCharacter(s) != std::string_view::npos; }
  // `s` itself when it is a view of the input, else a copy the reader owns
  // (an unescaped string lives in simdjson's buffer only until the parser's
  // next document).
  std::string_view Keep(std::string_view s) {
    return InInput(s) ? s : owned_.emplace_back(s);
  }
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
  const char* from_ = nullptr;  // ReadRange
  RangeControl* control_ = nullptr;
  bool active_ = true;           // an entry of the range was reached
  int version_ = 0;
  uint64_t num_nodes_ = 0;
  NodeFields node_;  // ReadNode's
  std::vector<std::string_view> batch_;
  std::vector<Pid> pids_;
  std::vector<uint64_t> defined_at_;  // per pid: offset of its key
  std::vector<MapEdge> map_edges_;  // parent_map/child_map, added at the end
  std::vector<std::string_view> map_list_;
  std::deque<std::string> owned_;   // Keep()
  uint64_t ignored_map_edges_ = 0;
};

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_READER_H_
