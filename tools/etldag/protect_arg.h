// Shared by blast-radius and safe-to-skip: the --protect SELECTOR flag (the
// protected set: the default rule of engine/algo/protected_set.h unless
// --protect replaces it), and how protected hits are printed.
#ifndef ETLDAG_TOOLS_ETLDAG_PROTECT_ARG_H_
#define ETLDAG_TOOLS_ETLDAG_PROTECT_ARG_H_

#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "engine/algo/blast_radius.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/command.h"
#include "tools/etldag/flags.h"

namespace etldag::cli {

extern const FlagSpec kProtectFlag;

// The protected set: --protect selections (union of every value) if given,
// else DefaultProtectedSet(g).
[[nodiscard]] absl::StatusOr<Bitmap> LoadProtectedSet(const Context& ctx, const Graph& g);

// "a -> b -> c".
std::string FormatPath(const Graph& g, std::span<const NodeId> path);

// {"name": ..., "distance": d, "path": [...]} as the value of the current key.
void AppendHitJson(JsonWriter& j, const Graph& g, const ProtectedHit& h);
// [{"name": ..., "distance": d, "path": [...]}, ...] as the value of the
// current key.
void AppendHitsJson(JsonWriter& j, const Graph& g, std::span<const ProtectedHit> hits);


}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_PROTECT_ARG_H_
