#include "tools/etldag/protect_arg.h"

#include <string_view>
#include <vector>

#include "engine/algo/protected_set.h"
#include "engine/base/status.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

constexpr std::string_view kDefaultRuleText = "default rule (a name segment or kind \"policy\")";
constexpr std::string_view kDbtRuleText =
    "default rule (dbt: access:public models and exposures; a name segment or kind \"policy\")";

// Every --protect-only value, then every --protect value.
std::vector<std::string_view> ProtectSelectors(const Context& ctx) {
  std::vector<std::string_view> all = ctx.args.GetAll("protect-only");
  for (std::string_view s : ctx.args.GetAll("protect")) all.push_back(s);
  return all;
}

std::string Joined(std::span<const std::string_view> values) {
  std::string s;
  for (std::string_view v : values) {
    if (!s.empty()) s += ' ';
    s += v;
  }
  return s;
}

}  // namespace

const FlagSpec kProtectFlag{
    .name = "protect", .value_name = "SELECTOR",
    .help = "also protect these nodes (added to the default rule: a name segment or kind \"policy\")",
    .repeated = true, .echo_absent = EchoAbsent::kNull};  // null: no selector added
const FlagSpec kProtectOnlyFlag{
    .name = "protect-only", .value_name = "SELECTOR",
    .help = "protect exactly these nodes (the default rule is off)", .repeated = true};
const FlagSpec kNoDefaultProtectFlag{
    .name = "no-default-protect", .value_name = "",
    .help = "turn the default rule off (only --protect selections count)"};

bool DefaultProtectRuleOn(const Context& ctx) {
  return !ctx.args.Has("protect-only") && !ctx.args.Has("no-default-protect");
}

absl::StatusOr<Bitmap> LoadProtectedSet(const Context& ctx, const Graph& g) {
  ctx.dbt_protection = g.has_attributes();
  Bitmap prot = DefaultProtectRuleOn(ctx) ? DefaultProtectedSet(g) : Bitmap(g.num_nodes());
  const std::vector<std::string_view> args = ProtectSelectors(ctx);
  if (args.empty()) return prot;
  const std::vector<std::string> sel(args.begin(), args.end());
  ASSIGN_OR_RETURN(const Selection s, SelectNodes(ctx, g, sel));
  prot.UnionWith(s.nodes);
  return prot;
}

std::string ProtectionRule(const Context& ctx) {
  const std::vector<std::string_view> only = ctx.args.GetAll("protect-only");
  const std::vector<std::string_view> also = ctx.args.GetAll("protect");
  std::string rule;
  if (DefaultProtectRuleOn(ctx)) {
    rule = std::string(ctx.dbt_protection ? kDbtRuleText : kDefaultRuleText);
  } else if (!only.empty()) {
    rule = "--protect-only " + Joined(only);
  }
  if (!also.empty()) rule += (rule.empty() ? "--protect " : " + --protect ") + Joined(also);
  if (rule.empty()) return "nothing (--no-default-protect and no --protect)";
  if (!DefaultProtectRuleOn(ctx)) rule += " (default rule off)";
  return rule;
}

std::string_view DefaultRuleText(const Graph& g) {
  return g.has_attributes() ? kDbtRuleText : kDefaultRuleText;
}

std::string ProtectionLine(const Context& ctx, const Bitmap& prot) {
  const size_t n = prot.Count();
  return "protected: " + std::to_string(n) + (n == 1 ? " node by " : " nodes by ") +
         ProtectionRule(ctx) + "\n";
}

void AppendProtectionJson(JsonWriter& j, const Context& ctx) {
  j.Key("protection").BeginObject().Key("default_rule").Bool(DefaultProtectRuleOn(ctx));
  j.Key("selectors").BeginArray();
  for (std::string_view s : ProtectSelectors(ctx)) j.String(s);
  j.EndArray().Key("rule").String(ProtectionRule(ctx)).EndObject();
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
