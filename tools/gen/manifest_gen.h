// Generator of dbt manifest.json files (schema v12) of N nodes, for tests and
// benchmarks (`etldag generate --format manifest`): the topology of the
// spark_ops generator (topology.h, same seed, no injected defects) dressed as
// a dbt project. raw/ ops become sources (source.gen.raw.X), every other op a
// model (model.PKG.X, packages gen, gen_utils and gen_audit, by role and
// seed), the externals they read seeds (seed.gen.X); one generic not_null
// test per ~6 models, one exposure per ~40 policy models. Nodes carry
// resource_type, package_name, name, fqn (package, folder, name), path,
// original_file_path, tags (0-2 of the generator's tag words, plus "x" on
// ~1 node in 200: the benchmark's `tag:x+`), config (materialized by role,
// enabled, schema), access (public on ~1 model in 25), checksum (sha256-
// shaped, FNV-1a of the id repeated), depends_on.nodes; parent_map and
// child_map agree with depends_on. The node count is num_ops sources and
// models plus the seeds, tests and exposures. Same options, same bytes.
#ifndef ETLDAG_TOOLS_GEN_MANIFEST_GEN_H_
#define ETLDAG_TOOLS_GEN_MANIFEST_GEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "tools/gen/generator.h"

namespace etldag {

struct ManifestGenSummary {
  uint64_t num_nodes = 0;  // every entry of nodes, sources, exposures
  uint64_t num_edges = 0;  // depends_on entries
};

// Uses options.num_ops, seed and pretty; cycle and disagreements must be off
// (InvalidArgument otherwise: dbt refuses cycles, and the maps always agree).
[[nodiscard]] absl::StatusOr<std::string> GenerateManifestString(const GenOptions& options,
                                                                 ManifestGenSummary* summary = nullptr);

}  // namespace etldag

#endif  // ETLDAG_TOOLS_GEN_MANIFEST_GEN_H_
