#include "tools/etldag/protect_arg.h"

#include <string_view>
#include <vector>

#include "engine/algo/protected_set.h"
#include "engine/base/status.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {

const FlagSpec kProtectFlag{
    .name = "protect", .value_name = "SELECTOR",
    .help = "the protected nodes (default: a name segment or kind equal to \"policy\")",
    .repeated = true, .echo_absent = EchoAbsent::kNull};  // null: the default rule

absl::StatusOr<Bitmap> LoadProtectedSet(const Context& ctx, const Graph& g) {
  const std::vector<std::string_view> args = ctx.args.GetAll("protect");
  if (args.empty()) return DefaultProtectedSet(g);
  const std::vector<std::string> sel(args.begin(), args.end());
  ASSIGN_OR_RETURN(Selection s, SelectNodes(ctx, g, sel));
  return std::move(s.nodes);
}

std::string FormatPath(const Graph& g, std::span<const NodeId> path) {
  std::string s;
  for (NodeId v : path) {
    if (!s.empty()) s += " -> ";
    s += g.name(v);
  }
  return s;
}

void AppendHitJson(JsonWriter& j, const Graph& g, const ProtectedHit& h) {
  j.BeginObject().Key("name").String(g.name(h.node)).Key("distance").Uint(h.distance);
  j.Key("path").BeginArray();
  for (NodeId v : h.path) j.String(g.name(v));
  j.EndArray().EndObject();
}

void AppendHitsJson(JsonWriter& j, const Graph& g, std::span<const ProtectedHit> hits) {
  j.BeginArray();
  for (const ProtectedHit& h : hits) AppendHitJson(j, g, h);
  j.EndArray();
}


}  // namespace etldag::cli
