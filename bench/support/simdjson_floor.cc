#include "bench/support/simdjson_floor.h"

#include <algorithm>

#include "simdjson.h"

namespace etldag::bench {
namespace {

namespace od = simdjson::ondemand;

inline void Touch(std::string_view s, FloorWalk* out) {
  ++out->strings;
  out->string_bytes += s.size();
  out->checksum = out->checksum * 31 + s.size() + (s.empty() ? 0 : static_cast<uint8_t>(s[0]));
}

simdjson::error_code WalkNames(od::value v, FloorWalk* out) {
  od::array arr;
  if (auto err = v.get_array().get(arr)) return err;
  for (auto element : arr) {
    std::string_view s;
    if (auto err = element.get_string().get(s)) return err;
    Touch(s, out);
  }
  return simdjson::SUCCESS;
}

simdjson::error_code WalkOp(od::object op, FloorWalk* out) {
  for (auto field : op) {
    od::raw_json_string key;
    if (auto err = field.key().get(key)) return err;
    if (key == "name") {
      std::string_view s;
      if (auto err = field.value().get_string().get(s)) return err;
      Touch(s, out);
    } else if (key == "inputs" || key == "successors") {
      if (auto err = WalkNames(field.value(), out)) return err;
    }  // anything else: skipped by On-Demand
  }
  ++out->ops;
  return simdjson::SUCCESS;
}

// Parses `padded_json` with a fresh parser sized to it (as a one-shot
// process would) and calls on_op(object) for every op of the top-level
// array, stopping at the first error.
template <typename OnOp>
simdjson::error_code ForEachOp(std::string_view padded_json, const OnOp& on_op) {
  od::parser parser(std::max<size_t>(padded_json.size(), 1));
  od::document doc;
  simdjson::error_code err = parser
      .iterate(simdjson::padded_string_view(padded_json.data(), padded_json.size(),
                                            padded_json.size() + simdjson::SIMDJSON_PADDING))
      .get(doc);
  od::array ops;
  if (!err) err = doc.get_array().get(ops);
  if (err) return err;
  for (auto op : ops) {
    od::object obj;
    if ((err = op.get_object().get(obj)) || (err = on_op(obj))) return err;
  }
  return simdjson::SUCCESS;
}

// Appends op `obj`'s name strings ("name", "inputs", "successors") to `names`.
simdjson::error_code CollectNames(od::object obj, std::vector<std::string>* names) {
  for (auto field : obj) {
    od::raw_json_string key;
    if (auto err = field.key().get(key)) return err;
    std::string_view str;
    if (key == "name") {
      if (auto err = field.value().get_string().get(str)) return err;
      names->emplace_back(str);
    } else if (key == "inputs" || key == "successors") {
      od::array arr;
      if (auto err = field.value().get_array().get(arr)) return err;
      for (auto element : arr) {
        if (auto err = element.get_string().get(str)) return err;
        names->emplace_back(str);
      }
    }
  }
  return simdjson::SUCCESS;
}

}  // namespace

bool WalkSparkOps(std::string_view padded_json, FloorWalk* out, std::string* error) {
  *out = FloorWalk{};
  const simdjson::error_code err = ForEachOp(padded_json, [&](od::object obj) { return WalkOp(obj, out); });
  if (err) *error = simdjson::error_message(err);
  return !err;
}

bool CollectOpNames(std::string_view padded_json, std::vector<std::string>* names,
                    std::vector<size_t>* op_starts, std::string* error) {
  names->clear();
  op_starts->clear();
  const simdjson::error_code err = ForEachOp(padded_json, [&](od::object obj) {
    op_starts->push_back(names->size());
    return CollectNames(obj, names);
  });
  op_starts->push_back(names->size());
  if (err) *error = simdjson::error_message(err);
  return !err;
}

bool WalkSparkOpsFile(const std::string& path, FloorWalk* out, std::string* error) {
  simdjson::padded_string text;
  if (auto err = simdjson::padded_string::load(path).get(text)) {
    *error = path + ": " + simdjson::error_message(err);
    return false;
  }
  return WalkSparkOps(std::string_view(text.data(), text.size()), out, error);
}

}  // namespace etldag::bench
