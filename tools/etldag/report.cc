#include "tools/etldag/report.h"

#include <charconv>
#include <vector>

#include "engine/algo/protected_set.h"
#include "engine/base/status.h"
#include "engine/algo/topo_order.h"
#include "engine/output/dot_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/picture.h"
#include "tools/etldag/protect_arg.h"

namespace etldag::cli {
namespace {

// The positional keys of "arguments": "graph", "from", ...; KEY* = the rest
// of the positionals as an array; KEY*? = the same, or null when none.
void AppendPositionals(JsonWriter& w, const Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  size_t i = 0;
  for (std::string_view key : ctx.spec.positional_keys) {
    const bool rest = key.find('*') != std::string_view::npos;
    const bool null_if_none = key.ends_with('?');
    w.Key(key.substr(0, key.find('*')));
    if (!rest) {
      if (i < pos.size()) {
        w.String(pos[i++]);
      } else {
        w.Null();
      }
      continue;
    }
    if (i >= pos.size() && null_if_none) {
      w.Null();
      continue;
    }
    w.BeginArray();
    for (; i < pos.size(); ++i) w.String(pos[i]);
    w.EndArray();
  }
}

void AppendNumberOrString(JsonWriter& w, std::string_view text) {
  uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size()) {
    w.Uint(v);
  } else {
    w.String(text);
  }
}

void AppendAbsent(JsonWriter& w, const FlagSpec& f) {
  if (f.echo_absent == EchoAbsent::kNull) {
    w.Null();
  } else if (f.echo_absent == EchoAbsent::kDefault && f.default_uint.has_value()) {
    w.Uint(*f.default_uint);
  } else if (f.echo_absent == EchoAbsent::kDefault) {
    w.String(f.default_text);
  } else if (f.is_bool()) {
    w.Bool(false);
  } else if (f.repeated) {
    w.BeginArray().EndArray();
  } else if (f.echo_number) {
    w.Uint(0);
  } else {
    w.String("");
  }
}

void AppendGiven(JsonWriter& w, const FlagSpec& f, const ParsedArgs& args) {
  if (f.is_bool()) {
    w.Bool(true);
  } else if (f.repeated) {
    w.BeginArray();
    for (std::string_view v : args.GetAll(f.name)) w.String(v);
    w.EndArray();
  } else if (f.echo_number) {
    AppendNumberOrString(w, *args.Get(f.name));
  } else {
    w.String(*args.Get(f.name));
  }
}

}  // namespace

const FlagSpec kOrderFlag{
    .name = "order", .value_name = "ORDER",
    .help = "names output: {default} (default) or topological (upstream first, ties by name; a cycle "
            "in the set exits 4)",
    .default_text = "name"};

absl::Status AppendNodeSet(Context& ctx, const Graph& g, const Bitmap& nodes) {
  if (!ctx.args.Declares("order") || *ctx.args.Get("order") != "topological") {
    AppendNames(g, nodes, &ctx.out, ctx.name_end);
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<NodeId>> order = TopologicalOrderOf(g, nodes);
  if (!order.ok()) return CycleError(ctx.ErrorText(MessageOf(order.status())));
  AppendNames(g, *order, &ctx.out, ctx.name_end);
  return absl::OkStatus();
}

absl::Status AppendNodeSet(Context& ctx, const Graph& g, std::span<const NodeId> sorted) {
  if (!ctx.args.Declares("order") || *ctx.args.Get("order") != "topological") {
    AppendNames(g, sorted, &ctx.out, ctx.name_end);
    return absl::OkStatus();
  }
  Bitmap nodes(g.num_nodes());
  for (NodeId v : sorted) nodes.Set(v);
  return AppendNodeSet(ctx, g, nodes);
}

void AppendNodeList(Context& ctx, const Graph& g, std::span<const NodeId> ids) {
  AppendNames(g, ids, &ctx.out, ctx.name_end);
}

void AppendNameLine(Context& ctx, std::string_view name) {
  ctx.out += name;
  ctx.out += ctx.name_end;
}

absl::StatusOr<Bitmap> PictureProtectedSet(const Context& ctx, const Graph& g) {
  if (ctx.args.Declares(kProtectFlag.name)) return LoadProtectedSet(ctx, g);
  return DefaultProtectedSet(g);
}

absl::Status AppendNodeSetDot(Context& ctx, const Graph& g, const Bitmap& nodes,
                              const NodeSetPicture& picture) {
  ASSIGN_OR_RETURN(const Bitmap prot, PictureProtectedSet(ctx, g));
  size_t prot_shown = 0;
  nodes.ForEach([&](size_t v) { prot_shown += prot.Test(static_cast<NodeId>(v)); });
  PictureOptions o;
  o.title = picture.title;
  o.lines = picture.lines;
  o.rank = picture.rank;
  o.rank_name = picture.rank_name;
  o.lines.push_back(Plural(prot_shown, "protected node", "protected nodes") + " by " +
                    (ctx.args.Declares(kProtectFlag.name) ? ProtectionRule(ctx)
                                                          : std::string(DefaultRuleText(g))));
  o.state = [&](NodeId v) {
    return (picture.highlight ? picture.highlight(v) : 0u) | (prot.Test(v) ? kDotProtected : 0u) |
           (g.is_external(v) ? kDotExternal : 0u);
  };
  if (const size_t boxes = PictureBoxes(g, nodes, o); boxes > kMaxDotNodes) {
    return ctx.Usage("even summarised the picture has " + std::to_string(boxes) +
                     " boxes; --format dot draws at most " + std::to_string(kMaxDotNodes) + " (" +
                     std::string(picture.hint) + ")");
  }
  AppendPictureDot(g, nodes, o, &ctx.out);
  return absl::OkStatus();
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  std::string s = std::to_string(n) + " ";
  if (n == 1) return s + std::string(one);
  return many.empty() ? s + std::string(one) + "s" : s + std::string(many);
}

void AppendArgumentsJson(JsonWriter& w, const Context& ctx) {
  w.BeginObject();
  AppendPositionals(w, ctx);
  for (const FlagSpec& f : ctx.spec.flags) {
    if (!f.echoed) continue;
    const bool given = ctx.args.Has(f.name);
    if (!given && f.echo_absent == EchoAbsent::kOmit) continue;
    w.Key(f.key());
    if (given) {
      AppendGiven(w, f, ctx.args);
    } else {
      AppendAbsent(w, f);
    }
  }
  w.EndObject();
}

JsonWriter& BeginJsonReport(JsonWriter& w, const Context& ctx) {
  w.BeginObject().Key("schema_version").Uint(1).Key("command").String(ctx.spec.name);
  w.Key("arguments");
  AppendArgumentsJson(w, ctx);
  return w;
}

void EndJsonReport(JsonWriter& w, Context& ctx) {
  w.EndObject();
  ctx.out += '\n';
}

absl::Status CheckDotSize(const Context& ctx, size_t nodes, std::string_view what,
                          std::string_view hint) {
  if (nodes <= kMaxDotNodes) return absl::OkStatus();
  return ctx.Usage(std::string(what) + " " + std::to_string(nodes) +
                   " nodes; --format dot draws at most " + std::to_string(kMaxDotNodes) + " (" +
                   std::string(hint) + ")");
}

}  // namespace etldag::cli
