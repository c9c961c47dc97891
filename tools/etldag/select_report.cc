// See select_report.h.
#include "tools/etldag/select_report.h"

#include <optional>
#include <string>
#include <string_view>

#include "engine/algo/protected_set.h"
#include "engine/base/status.h"
#include "engine/output/dot_writer.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

void AppendJson(Context& ctx, const Graph& g, const Selection& sel, bool count_only) {
  JsonWriter w(&ctx.out);
  BeginJsonReport(w, ctx);
  w.Key("count").Uint(sel.count);
  w.Key("unmatched").BeginArray();
  for (const std::string& t : sel.unmatched) w.String(t);
  w.EndArray();
  if (!count_only) {
    w.Key("results").BeginArray();
    sel.nodes.ForEach([&](size_t v) { w.String(g.name(static_cast<NodeId>(v))); });
    w.EndArray();
  }
  EndJsonReport(w, ctx);
}

// --output name|path|json: one line per node as `dbt ls --output` prints it
// (name = dbt's name, path = original_file_path, json = the node's
// name, resource_type, package_name, original_file_path, unique_id, tags).
[[nodiscard]] absl::Status AppendDbtLs(Context& ctx, const Graph& g, const Selection& sel, std::string_view output) {
  if (output != "name" && output != "path" && output != "json") {
    return ctx.Usage("--output takes name, unique_id, path or json, not \"" + std::string(output) + "\"");
  }
  sel.nodes.ForEach([&](size_t i) {
    const NodeId v = static_cast<NodeId>(i);
    if (output == "json") {
      JsonWriter w(&ctx.out, /*pretty=*/false);  // one object per line, as dbt ls
      w.BeginObject().Key("name").String(g.attr(v, AttrField::kShortName));
      w.Key("resource_type").String(g.attr(v, AttrField::kResourceType));
      w.Key("package_name").String(g.attr(v, AttrField::kPackageName));
      w.Key("original_file_path").String(g.attr(v, AttrField::kOriginalFilePath));
      w.Key("unique_id").String(g.name(v)).Key("tags").BeginArray();
      for (const AttrId t : g.tags(v)) w.String(g.attr_string(t));
      w.EndArray().EndObject();
    } else {
      const std::string_view s = g.attr(v, output == "name" ? AttrField::kShortName : AttrField::kOriginalFilePath);
      ctx.out += s.empty() ? g.name(v) : s;
    }
    ctx.out += '\n';
  });
  return absl::OkStatus();
}

}  // namespace

absl::Status RenderSelection(Context& ctx, const Graph& g, const Selection& sel) {
  const bool count_only = ctx.args.Has("count");
  if (ctx.format == "json") {
    AppendJson(ctx, g, sel, count_only);
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendNodeSetDot(
        ctx, g, sel.nodes,
        {.title = "selection: " + Plural(sel.count, "node", "nodes"),
         .hint = "narrow it, e.g. with --exclude or a depth: x+2"}));
  } else if (count_only) {
    ctx.out += std::to_string(sel.count) + "\n";
  } else if (const std::optional<std::string_view> output = ctx.args.Get("output");
             output.has_value() && *output != "unique_id") {
    RETURN_IF_ERROR(AppendDbtLs(ctx, g, sel, *output));
  } else {
    RETURN_IF_ERROR(AppendNodeSet(ctx, g, sel.nodes));
  }
  return absl::OkStatus();
}

}  // namespace etldag::cli
