// Per-node attributes of graphs read from a dbt manifest (resource type,
// package, fqn, tags, config values, ...), kept compact: every distinct
// string is stored once in an attribute arena and nodes hold 32-bit ids into
// it (id 0 is the empty string = absent). A graph without attributes (every
// spark_ops.json) has empty attribute arrays: nothing is paid for them.
//
// Layout (GraphArrays):
//   attr_strings / attr_string_offsets   the arena, ids in insertion order
//   node_attrs     n * kNumAttrFields ids, row-major (node v's row at v*K)
//   tag_offsets    n+1, tag_ids   the node's tags, in file order
//   fqn_offsets    n+1, fqn_ids   the node's fqn segments, in order
//   graph_attrs    kNumGraphAttrs ids (the manifest's project name, schema)
#ifndef ETLDAG_ENGINE_GRAPH_NODE_ATTRIBUTES_H_
#define ETLDAG_ENGINE_GRAPH_NODE_ATTRIBUTES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace etldag {

using AttrId = uint32_t;
inline constexpr AttrId kNoAttr = 0;  // the empty string

// Scalar attributes, one id per node each.
enum class AttrField : uint8_t {
  kResourceType,      // model, seed, snapshot, test, source, exposure, ...
  kPackageName,
  kShortName,         // dbt's `name`
  kPath,
  kOriginalFilePath,
  kPatchPath,         // "pkg://models/x.yml" for nodes described in YAML
  kMaterialized,      // config.materialized
  kEnabled,           // config.enabled: "true" / "false"
  kSchema,            // config.schema
  kAccess,            // access (or config.access): public/protected/private
  kGroup,             // group (or config.group)
  kOwner,             // exposures: owner.name, else owner.email
  kSourceName,        // sources: source_name
  kChecksum,          // checksum.checksum
  kTestName,          // generic tests: test_metadata.name
  kTestType,          // tests: generic / singular; unit tests: unit
  kSeverity,          // tests: config.severity
};
inline constexpr size_t kNumAttrFields = 17;

enum class GraphAttr : uint8_t { kProjectName, kSchemaVersion };
inline constexpr size_t kNumGraphAttrs = 2;

// What a loader gives GraphBuilder::SetAttributes for one node (views need
// only outlive the call).
struct NodeAttributeInput {
  std::array<std::string_view, kNumAttrFields> fields{};
  std::vector<std::string_view> tags;
  std::vector<std::string_view> fqn;

  std::string_view& operator[](AttrField f) { return fields[static_cast<size_t>(f)]; }
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_NODE_ATTRIBUTES_H_
