// The extension table (methods.h): the dbt methods, then any other module's
// rows appended here.
#include "engine/query/methods.h"

#include <vector>

#include "engine/query/dbt_methods.h"

namespace etldag {
namespace {

const std::vector<MethodSpec>& Table() {
  static const std::vector<MethodSpec> table = [] {
    std::vector<MethodSpec> t;
    for (const MethodSpec& m : DbtMethods()) t.push_back(m);
    return t;
  }();
  return table;
}

}  // namespace

std::span<const MethodSpec> ExtensionMethods() { return Table(); }

const MethodSpec* FindExtensionMethod(std::string_view name) {
  for (const MethodSpec& m : Table()) {
    if (m.name.ends_with('.') ? name.size() > m.name.size() && name.starts_with(m.name) : name == m.name) return &m;
  }
  return nullptr;
}

std::string KnownMethodNames() {
  std::string s = "name, kind, external, file, state";
  for (const MethodSpec& m : Table()) s += ", " + std::string(m.name) + (m.name.ends_with('.') ? "KEY" : "");
  return s;
}

}  // namespace etldag
