// Test oracle for generated files: parses spark_ops.json text with simdjson
// (DOM), builds the union edge set with a side mask per edge, and offers
// Kahn's algorithm and simple degree statistics. Brute force on purpose.
#ifndef ETLDAG_TESTS_GEN_PARSED_OPS_H_
#define ETLDAG_TESTS_GEN_PARSED_OPS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace etldag::testing {

struct ParsedOp {
  std::string name, type;
  std::vector<std::string> inputs, successors;
  std::vector<std::string> keys;  // in file order
  bool has_successors = false;
  bool description_null = false;
};

struct ParsedGraph {
  std::vector<ParsedOp> ops;
  // Nodes: ops 0..ops.size()-1 in file order, then externals.
  std::vector<std::string> node_names;
  std::unordered_map<std::string, uint32_t> id;
  // Union edges u -> v ("v reads u") with 1 = in v.inputs, 2 = in u.successors.
  std::unordered_map<uint64_t, uint8_t> edges;
  std::vector<std::vector<uint32_t>> out, in;  // union adjacency
  uint64_t external_refs = 0;    // input entries naming an external
  uint64_t bad_successors = 0;   // successors entries that are not ops
  uint64_t one_sided = 0;        // op-to-op edges declared on one side only

  uint32_t num_ops() const { return static_cast<uint32_t>(ops.size()); }
  uint32_t num_nodes() const { return static_cast<uint32_t>(node_names.size()); }
  bool HasEdge(uint32_t u, uint32_t v) const {
    return edges.count(uint64_t{u} << 32 | v) > 0;
  }
  uint8_t Sides(uint32_t u, uint32_t v) const {
    auto it = edges.find(uint64_t{u} << 32 | v);
    return it == edges.end() ? 0 : it->second;
  }
};

// Parses and indexes `json`. Returns "" on success, else what went wrong
// (malformed JSON, wrong field types, duplicate names).
std::string ParseOps(std::string_view json, ParsedGraph* graph);

// Parses a {"name": seconds} object into `out` (in file order).
std::string ParseDurations(std::string_view json,
                           std::vector<std::pair<std::string, double>>* out);

// Kahn's algorithm over the union edges: longest-path level of each node
// (sources 0), and how many nodes were processed (< num_nodes: a cycle).
struct KahnResult {
  uint32_t processed = 0;
  uint32_t max_level = 0;
  std::vector<uint32_t> level;
};
KahnResult Kahn(const ParsedGraph& graph);

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_GEN_PARSED_OPS_H_
