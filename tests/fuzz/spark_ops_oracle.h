// An independent, deliberately naive model of the spark_ops.json format
// (engine/load/spark_ops.h) for the fuzz target: a small recursive DOM parser
// for text the strict scanner (json_syntax.h) has already accepted, then the
// format's rules written out plainly with std::map. The loader (simdjson
// On-Demand, single pass, interning from the buffer, GraphBuilder) must agree
// with it on every valid JSON text: same accept/reject verdict, and when
// accepted the same names, externals, kinds, edges, disagreements and
// self-loops.
//
// Rules modelled: top level an array of objects; per op, fields in any
// order, a recognised field ("name", "inputs", "successors", "type", "kind";
// keys compared unescaped) at most once; "name" a non-empty string without
// control characters (< 0x20), unique among ops; "inputs"/"successors" null
// or arrays of such strings; "type"/"kind" used when strings ("type" wins
// when present, "" = derive), ignored otherwise. Kind of an op without one:
// the name's first '/'-segment ("other" when there is no '/' or it leads);
// externals: "external". Edge u -> v when u is in v.inputs (side inputs) or v
// in u.successors (side successors); sides OR-ed; a one-sided edge between
// two ops is a disagreement (self-loops included).
#ifndef ETLDAG_TESTS_FUZZ_SPARK_OPS_ORACLE_H_
#define ETLDAG_TESTS_FUZZ_SPARK_OPS_ORACLE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace etldag::fuzz {

struct JsonValue {
  enum Type { kNull, kBool, kNumber, kString, kArray, kObject } type = kNull;
  std::string str;                                       // kString
  std::vector<JsonValue> items;  // kArray: the elements; kObject: the values
  std::vector<std::string> keys;  // kObject: the keys, in order
};

// Parses VALID JSON (the caller checked it) into a JsonValue.
class DomParser {
 public:
  explicit DomParser(std::string_view s) : s_(s) {}
  JsonValue Parse() {
    Ws();
    return Value();
  }

 private:
  void Ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  static void Utf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  uint32_t Hex4() {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v = v * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
  }
  std::string String() {
    std::string out;
    ++i_;  // opening quote
    while (s_[i_] != '"') {
      if (s_[i_] != '\\') {
        out += s_[i_++];
        continue;
      }
      const char e = s_[++i_];
      ++i_;
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = Hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {  // a valid text pairs it
            i_ += 2;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (Hex4() - 0xDC00);
          }
          Utf8(cp, out);
          break;
        }
        default: out += e;  // " \ /
      }
    }
    ++i_;
    return out;
  }
  JsonValue Value() {
    JsonValue v;
    const char c = s_[i_];
    if (c == '"') {
      v.type = JsonValue::kString;
      v.str = String();
    } else if (c == '[') {
      v.type = JsonValue::kArray;
      ++i_;
      Ws();
      while (s_[i_] != ']') {
        v.items.push_back(Value());
        Ws();
        if (s_[i_] == ',') ++i_;
        Ws();
      }
      ++i_;
    } else if (c == '{') {
      v.type = JsonValue::kObject;
      ++i_;
      Ws();
      while (s_[i_] != '}') {
        std::string key = String();
        Ws();
        ++i_;  // ':'
        Ws();
        v.keys.push_back(std::move(key));
        v.items.push_back(Value());
        Ws();
        if (s_[i_] == ',') ++i_;
        Ws();
      }
      ++i_;
    } else {  // literal or number: up to the next delimiter
      v.type = c == 'n' ? JsonValue::kNull : (c == 't' || c == 'f') ? JsonValue::kBool : JsonValue::kNumber;
      while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != ']' && s_[i_] != '}' && s_[i_] != ' ' &&
             s_[i_] != '\t' && s_[i_] != '\n' && s_[i_] != '\r') {
        ++i_;
      }
    }
    return v;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// What the loader must produce for a valid JSON text, or nullopt (reject).
struct ExpectedGraph {
  std::map<std::string, std::string> kind;     // every node -> kind name
  std::set<std::string> externals;
  std::map<std::pair<std::string, std::string>, uint8_t> edges;  // (u, v) -> sides (1 inputs, 2 successors)
};

inline bool GoodName(const JsonValue& v) {
  if (v.type != JsonValue::kString || v.str.empty()) return false;
  for (char c : v.str) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

inline std::optional<ExpectedGraph> ModelSparkOps(const JsonValue& top) {
  if (top.type != JsonValue::kArray) return std::nullopt;
  ExpectedGraph e;
  std::set<std::string> ops, referenced;
  for (const JsonValue& op : top.items) {
    if (op.type != JsonValue::kObject) return std::nullopt;
    const JsonValue *name = nullptr, *lists[2] = {nullptr, nullptr}, *type = nullptr, *kind = nullptr;
    for (size_t f = 0; f < op.keys.size(); ++f) {
      const std::string& key = op.keys[f];
      const JsonValue& value = op.items[f];
      const JsonValue** slot = key == "name"         ? &name
                               : key == "inputs"     ? &lists[0]
                               : key == "successors" ? &lists[1]
                               : key == "type"       ? &type
                               : key == "kind"       ? &kind
                                                     : nullptr;
      if (slot == nullptr) continue;
      if (*slot != nullptr) return std::nullopt;  // a recognised field twice
      *slot = &value;
    }
    if (name == nullptr || !GoodName(*name) || !ops.insert(name->str).second) return std::nullopt;
    for (int side = 0; side < 2; ++side) {
      if (lists[side] == nullptr || lists[side]->type == JsonValue::kNull) continue;
      if (lists[side]->type != JsonValue::kArray) return std::nullopt;
      for (const JsonValue& other : lists[side]->items) {
        if (!GoodName(other)) return std::nullopt;
        referenced.insert(other.str);
        const auto key = side == 0 ? std::pair(other.str, name->str) : std::pair(name->str, other.str);
        e.edges[key] |= static_cast<uint8_t>(side + 1);
      }
    }
    std::string k;
    if (type != nullptr && type->type == JsonValue::kString) {
      k = type->str;
    } else if (kind != nullptr && kind->type == JsonValue::kString) {
      k = kind->str;
    }
    if (k.empty()) {
      const size_t slash = name->str.find('/');
      k = slash == std::string::npos || slash == 0 ? "other" : name->str.substr(0, slash);
    }
    e.kind[name->str] = k;
  }
  for (const std::string& r : referenced) {
    if (!ops.count(r)) {
      e.externals.insert(r);
      e.kind[r] = "external";
    }
  }
  return e;
}

}  // namespace etldag::fuzz

#endif  // ETLDAG_TESTS_FUZZ_SPARK_OPS_ORACLE_H_
