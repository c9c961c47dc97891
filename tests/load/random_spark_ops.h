// Seeded random spark_ops.json texts for property tests of the loader:
// random ops/edges with shuffled fields, random extra fields (nested values),
// random whitespace and random escapes, and the truth they declare.
#ifndef ETLDAG_TESTS_LOAD_RANDOM_SPARK_OPS_H_
#define ETLDAG_TESTS_LOAD_RANDOM_SPARK_OPS_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"

namespace etldag::testing {

using Rng = std::mt19937_64;
inline size_t Pick(Rng& rng, size_t bound) { return std::uniform_int_distribution<size_t>(0, bound - 1)(rng); }

// Name pieces: ASCII, characters that need escapes, 2/3/4-byte UTF-8.
inline const std::vector<std::string> kPieces = {"a", "b", "/", ".", "_", "-", "x1", " ", "\"", "\\",
                                          "\xC3\xA9", "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "policy/"};

inline std::string RandomName(Rng& rng) {
  std::string name;
  const size_t len = 1 + Pick(rng, 4);
  for (size_t i = 0; i < len; ++i) name += kPieces[Pick(rng, kPieces.size())];
  return name;
}

// `s` as a JSON string literal with randomly chosen escapes.
inline std::string Quote(const std::string& s, Rng& rng) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '/' && Pick(rng, 3) == 0) {
      out += "\\/";
    } else if (c < 0x80 && Pick(rng, 5) == 0) {
      out += absl::StrFormat("\\u%04x", c);
    } else if (c == 0xF0 && Pick(rng, 2) == 0) {  // U+1F600 as a surrogate pair
      out += "\\uD83D\\uDE00";
      i += 3;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

inline std::string Ws(Rng& rng) {
  static const char* kWs[] = {"", "", " ", "\n", "\t", "\r\n  "};
  return kWs[Pick(rng, 6)];
}

// A random JSON value for an ignored field.
inline std::string RandomValue(Rng& rng, int depth) {
  switch (Pick(rng, depth > 3 ? 5 : 7)) {
    case 0: return "null";
    case 1: return Pick(rng, 2) ? "true" : "false";
    case 2: return std::to_string(static_cast<int64_t>(Pick(rng, 100000)) - 500) + (Pick(rng, 2) ? ".25e-3" : "");
    case 3: return Quote(RandomName(rng), rng);
    case 4: return "\"\"";
    case 5: {
      std::string s = "[";
      for (size_t i = 0, n = Pick(rng, 4); i < n; ++i) s += (i ? "," : "") + Ws(rng) + RandomValue(rng, depth + 1);
      return s + "]";
    }
    default: {
      std::string s = "{";
      for (size_t i = 0, n = Pick(rng, 4); i < n; ++i) {
        s += (i ? "," : "") + Ws(rng) + Quote(RandomName(rng), rng) + ":" + RandomValue(rng, depth + 1);
      }
      return s + "}";
    }
  }
}

struct Truth {
  std::set<std::string> ops, nodes;
  std::map<std::pair<std::string, std::string>, int> edges;  // -> sides (1 inputs, 2 successors)
  std::map<std::string, std::string> kinds;                  // of ops with an explicit kind
};

// A random spark_ops.json text and what it declares.
inline std::string RandomFile(uint64_t seed, Truth& t) {
  Rng rng(seed);
  std::vector<std::string> pool;
  for (size_t i = 0, n = 1 + Pick(rng, 30); i < n; ++i) pool.push_back(RandomName(rng));
  std::vector<std::string> ops;
  for (const std::string& name : pool) {
    if (Pick(rng, 4) != 0 && t.ops.insert(name).second) ops.push_back(name);  // the rest: externals
  }
  std::string json = Ws(rng) + "[";
  for (size_t i = 0; i < ops.size(); ++i) {
    const std::string& v = ops[i];
    t.nodes.insert(v);
    std::vector<std::string> fields = {"\"name\":" + Ws(rng) + Quote(v, rng)};
    for (int side = 1; side <= 2; ++side) {
      const size_t n = Pick(rng, 5);
      if (n == 0 && Pick(rng, 2)) {
        if (Pick(rng, 2)) fields.push_back(std::string(side == 1 ? "\"inputs\"" : "\"successors\"") + ":null");
        continue;
      }
      std::string list = side == 1 ? "\"inputs\":[" : "\"successors\":[";
      for (size_t j = 0; j < n; ++j) {
        const std::string& u = pool[Pick(rng, pool.size())];
        t.nodes.insert(u);
        list += (j ? "," : "") + Ws(rng) + Quote(u, rng);
        t.edges[side == 1 ? std::make_pair(u, v) : std::make_pair(v, u)] |= side;
      }
      fields.push_back(list + "]");
    }
    const size_t k = Pick(rng, 4);  // 0 none, 1 type, 2 kind, 3 both
    if (k & 1) fields.push_back("\"type\":" + Quote("t" + std::to_string(Pick(rng, 3)), rng));
    if (k & 2) fields.push_back("\"kind\":" + Quote("k" + std::to_string(Pick(rng, 3)), rng));
    if (k != 0) t.kinds[v] = (k & 1) ? "" : "k";  // resolved after the shuffle
    for (size_t j = 0, n = Pick(rng, 4); j < n; ++j) {
      fields.push_back(Quote("x" + RandomName(rng), rng) + ":" + Ws(rng) + RandomValue(rng, 2));
    }
    std::shuffle(fields.begin(), fields.end(), rng);
    json += (i ? "," : "") + Ws(rng) + "{";
    for (size_t j = 0; j < fields.size(); ++j) json += (j ? "," : "") + Ws(rng) + fields[j] + Ws(rng);
    json += "}";
  }
  return json + Ws(rng) + "]" + Ws(rng);
}

// One random byte edit: delete, insert, replace, or truncate.
inline std::string Mutate(std::string s, Rng& rng) {
  static const std::string kBytes = std::string("[]{}\":,\\ \n0-1etrufalsn.eE+/u\x01\xC3\xA9\xFF\xED\xA0", 28) +
                                    std::string(1, '\0');
  const size_t pos = Pick(rng, s.size() + 1);
  const char c = kBytes[Pick(rng, kBytes.size())];
  switch (Pick(rng, 4)) {
    case 0: if (pos < s.size()) s.erase(pos, 1); break;
    case 1: s.insert(s.begin() + pos, c); break;
    case 2: if (pos < s.size()) s[pos] = c; break;
    default: s.resize(pos); break;
  }
  return s;
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_LOAD_RANDOM_SPARK_OPS_H_
