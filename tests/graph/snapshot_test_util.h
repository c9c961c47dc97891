// Helpers shared by the snapshot tests: temp dirs, file bytes, sample graphs,
// and resealing a patched snapshot (recomputing both checksums so that only
// the structure checks can catch the patch).
#ifndef ETLDAG_TESTS_GRAPH_SNAPSHOT_TEST_UTIL_H_
#define ETLDAG_TESTS_GRAPH_SNAPSHOT_TEST_UTIL_H_

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "engine/base/check.h"
#include "engine/graph/graph_builder.h"
#include "engine/graph/snapshot.h"
#include "engine/graph/internal/snapshot_format.h"
#include "tests/testing/random_graph.h"

namespace etldag {

// A fresh directory, removed (with its files) at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/etldag_snapshot_test_XXXXXX";
    ETLDAG_CHECK(::mkdtemp(tmpl.data()) != nullptr);
    dir_ = tmpl;
  }
  ~TempDir() { (void)std::system(("rm -rf '" + dir_ + "'").c_str()); }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  std::vector<std::string> List() const {  // sorted entry names
    std::vector<std::string> out;
    DIR* d = ::opendir(dir_.c_str());
    while (dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") out.push_back(name);
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::string dir_;
};

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFileBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

inline void WriteSnapshotOrDie(const Graph& g, const std::string& path) {
  ETLDAG_CHECK(WriteSnapshot(g, path).ok());
}

template <typename T>
bool SameBytes(std::span<const T> a, std::span<const T> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0);
}

//   raw/x ---> dataset/a ---> dataset/b --(inputs only)--> model/m <--+
//   (external)     |                                          |        |
//                  +--(successors only)--> policy/p           +--------+ self-loop
// ids: dataset/a 0, dataset/b 1, model/m 2 (kind "ml"), policy/p 3, raw/x 4.
inline Graph SmallGraph() {
  GraphBuilder b;
  const auto a = b.Intern("dataset/a"), bb = b.Intern("dataset/b"), m = b.Intern("model/m"),
             p = b.Intern("policy/p"), x = b.Intern("raw/x");
  b.DefineOp(a);
  b.DefineOp(bb);
  b.DefineOp(m, "ml");
  b.DefineOp(p);
  b.AddEdge(x, a, EdgeSide::kInputs);
  b.AddEdge(a, bb, EdgeSide::kBoth);
  b.AddEdge(bb, m, EdgeSide::kInputs);
  b.AddEdge(m, m, EdgeSide::kBoth);
  b.AddEdge(a, p, EdgeSide::kSuccessors);
  auto g = std::move(b).Build();
  ETLDAG_CHECK(g.ok());
  return std::move(g).value();
}

// Random names with shared prefixes, ~20% externals, explicit and derived
// kinds, edges declared on random sides (so disagreements), self-loops,
// edges between externals: 1 to 300 names, up to 4 edges a name.
inline Graph RichRandomGraph(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const uint32_t n = 1 + static_cast<uint32_t>(rng() % 300);
  return testing::RandomNamedGraph(
      {.names = n, .edges = rng() % (4 * uint64_t{n}), .external_one_in = 5, .kind_one_in = 3}, seed);
}

template <typename T>
T Peek(const std::string& bytes, size_t offset) {
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof(T));
  return v;
}
template <typename T>
void Poke(std::string& bytes, size_t offset, T v) {
  std::memcpy(bytes.data() + offset, &v, sizeof(T));
}

// Offset of section `kind` (1-based) from the section table.
inline size_t SectionOffset(const std::string& bytes, uint32_t kind) {
  return Peek<uint64_t>(bytes, sizeof(snapshot::Header) + (kind - 1) * sizeof(snapshot::SectionEntry) +
                                   offsetof(snapshot::SectionEntry, offset));
}

// Recomputes the payload and header checksums after a patch.
inline void Reseal(std::string& bytes) {
  using snapshot::Header;
  const std::span<const char> all(bytes.data(), bytes.size());
  const uint32_t version = Peek<uint32_t>(bytes, offsetof(Header, version)) == 1 ? 1 : snapshot::kVersion;
  Poke(bytes, offsetof(Header, payload_checksum), snapshot::Checksum(version, all.subspan(sizeof(Header))));
  Poke(bytes, offsetof(Header, header_checksum),
       snapshot::Checksum(version, all.first(snapshot::kHeaderChecksummedBytes)));
}

}  // namespace etldag

#endif  // ETLDAG_TESTS_GRAPH_SNAPSHOT_TEST_UTIL_H_
