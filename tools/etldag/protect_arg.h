// Shared by blast-radius, safe-to-skip, triage, diff, path and every picture: the protected set and how it
// is described and printed.
//
//   protected = the default rule (engine/algo/protected_set.h)
//             ∪ every --protect SELECTOR
//             ∪ every --protect-only SELECTOR
// The default rule is dropped only when the user says so explicitly:
// --protect-only (replace the rule by these selectors) or
// --no-default-protect. --protect never replaces the rule, so a policy model
// cannot become skippable by adding a selector.
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
extern const FlagSpec kProtectOnlyFlag;
extern const FlagSpec kNoDefaultProtectFlag;

// True unless --protect-only or --no-default-protect was given.
bool DefaultProtectRuleOn(const Context& ctx);

// The protected set described above, as a bitmap of size g.num_nodes().
[[nodiscard]] absl::StatusOr<Bitmap> LoadProtectedSet(const Context& ctx, const Graph& g);

// The rule in force, one line, e.g.
//   default rule (a name segment or kind "policy") + --protect kind:model
//   default rule (dbt: access:public models and exposures; a name segment or
//     kind "policy")                        (a manifest, after LoadProtectedSet)
//   --protect-only kind:model (default rule off)
std::string ProtectionRule(const Context& ctx);

// The default rule alone, as ProtectionRule words it for graph g (the dbt
// wording on a manifest): for commands that take no protect flags.
std::string_view DefaultRuleText(const Graph& g);

// "protected: N nodes by RULE\n" (the first line of text verdicts).
std::string ProtectionLine(const Context& ctx, const Bitmap& prot);

// "protection": {"default_rule": bool, "selectors": [...], "rule": "..."} as
// a key and value of the current object.
void AppendProtectionJson(JsonWriter& j, const Context& ctx);

// "a -> b -> c".
std::string FormatPath(const Graph& g, std::span<const NodeId> path);

// {"name": ..., "distance": d, "path": [...]} as the value of the current key.
void AppendHitJson(JsonWriter& j, const Graph& g, const ProtectedHit& h);
// [{"name": ..., "distance": d, "path": [...]}, ...] as the value of the
// current key.
void AppendHitsJson(JsonWriter& j, const Graph& g, std::span<const ProtectedHit> hits);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_PROTECT_ARG_H_
