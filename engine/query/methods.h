// The extension table of selector methods: every `method:` beyond the
// built-in name/kind/external/file/state is a row of the table in
// methods.cc (the dbt methods of dbt_methods.h first). The parser accepts a
// method by looking it up here (atom.method = kExtension, atom.method_name =
// the name as written, e.g. "config.materialized"); MatchAtom calls its
// function. To add a method: write a MethodFn and add one row.
#ifndef ETLDAG_ENGINE_QUERY_METHODS_H_
#define ETLDAG_ENGINE_QUERY_METHODS_H_

#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/query/selector.h"

namespace etldag {

struct SelectOptions;

// The base set of `atom` (no graph operators). Errors: InvalidArgument for
// a bad value (exit 2), NotFound when the graph or the options lack what the
// method needs.
using MethodFn = absl::StatusOr<Bitmap> (*)(const Graph& g, const SelectorAtom& atom, const SelectOptions& opts);

struct MethodSpec {
  std::string_view name;  // "tag"; a name ending in '.' takes a key: "config." matches config.KEY
  MethodFn fn;
};

// Every extension method, in table order.
std::span<const MethodSpec> ExtensionMethods();
// The row for a method name as written ("tag", "config.schema"), or null.
const MethodSpec* FindExtensionMethod(std::string_view name);
// "name, kind, ..., tag, path, ..." for messages.
std::string KnownMethodNames();

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_METHODS_H_
