// Every corruption class of a snapshot is an error status ("FILE: error:
// ..."), never a crash and never a wrong graph: truncation at every length,
// any flipped byte, foreign files, other versions, and patched files whose
// checksums were recomputed so that only the structure checks can catch them.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <string>

#include "engine/graph/snapshot.h"
#include "engine/graph/internal/snapshot_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/graph/snapshot_test_util.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using snapshot::Header;
using Code = absl::StatusCode;

[[nodiscard]] absl::StatusOr<Graph> ReadBytes(const std::string& bytes) {
  auto owner = std::make_shared<std::string>(bytes);
  return ReadSnapshotFromBuffer("snap.etldag", owner, {owner->data(), owner->size()});
}

// Touches every array so a sanitizer build catches any out-of-bounds view.
uint64_t Walk(const Graph& g) {
  uint64_t sum = 0;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    sum += g.name(v).size() + g.kind_name(g.kind(v)).size() + g.is_external(v);
    for (NodeId w : g.out(v)) sum += w;
    for (NodeId w : g.in(v)) sum += w;
    if (g.Find(g.name(v)) != v) ADD_FAILURE() << "Find disagrees at " << v;
  }
  return sum;
}

class SnapshotCorruptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteSnapshotOrDie(SmallGraph(), dir_.Path("snap.etldag"));
    good_ = ReadFileBytes(dir_.Path("snap.etldag"));
    ASSERT_THAT(ReadBytes(good_), IsOk());
  }
  // Patches `bytes` at section `kind` + index*sizeof(T), reseals, reads.
  template <typename T>
  absl::Status PatchSection(uint32_t kind, size_t index, T value) {
    std::string bytes = good_;
    Poke(bytes, SectionOffset(bytes, kind) + index * sizeof(T), value);
    Reseal(bytes);
    return ReadBytes(bytes).status();
  }
  template <typename T>
  absl::Status PatchHeader(size_t offset, T value) {
    std::string bytes = good_;
    Poke(bytes, offset, value);
    Reseal(bytes);
    return ReadBytes(bytes).status();
  }

  TempDir dir_;
  std::string good_;
};

TEST_F(SnapshotCorruptionTest, TruncatedAtEveryLength) {
  for (size_t len = 0; len < good_.size(); ++len) {
    const absl::Status s = ReadBytes(good_.substr(0, len)).status();
    ASSERT_FALSE(s.ok()) << len;
    ASSERT_THAT(std::string(s.message()), StartsWith("snap.etldag: error: ")) << len;
    if (len == 0) {
      EXPECT_THAT(s, StatusIs(Code::kInvalidArgument, HasSubstr("empty file")));
    } else {
      EXPECT_THAT(s, StatusIs(Code::kDataLoss, HasSubstr("truncated snapshot"))) << len;
    }
  }
  // The same on disk, through the mmap path.
  for (size_t len : {size_t{0}, size_t{5}, size_t{100}, size_t{128}, size_t{500}, good_.size() - 1}) {
    WriteFileBytes(dir_.Path("cut"), good_.substr(0, len));
    EXPECT_THAT(ReadSnapshot(dir_.Path("cut")).status(),
                StatusIs(len == 0 ? Code::kInvalidArgument : Code::kDataLoss,
                         StartsWith(dir_.Path("cut") + ": error: ")));
  }
}

TEST_F(SnapshotCorruptionTest, EveryFlippedBitIsCaught) {
  for (size_t i = 0; i < good_.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bytes = good_;
      bytes[i] = static_cast<char>(bytes[i] ^ (1 << bit));
      const absl::Status s = ReadBytes(bytes).status();
      ASSERT_FALSE(s.ok()) << "byte " << i << " bit " << bit;
      // Magic and version bytes read as foreign; everything else as damage.
      const bool foreign = i < offsetof(Header, header_size);
      ASSERT_EQ(s.code(), foreign ? Code::kInvalidArgument : Code::kDataLoss) << i << " " << s;
    }
  }
}

TEST_F(SnapshotCorruptionTest, TrailingBytes) {
  EXPECT_THAT(ReadBytes(good_ + "x").status(), StatusIs(Code::kDataLoss, HasSubstr("1 bytes after the end")));
}

TEST_F(SnapshotCorruptionTest, ForeignFiles) {
  EXPECT_THAT(ReadBytes("[{\"name\": \"a\"}]").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("not an etldag snapshot")));
  std::string bytes = good_;
  bytes[7] = 'X';
  EXPECT_THAT(ReadBytes(bytes).status(), StatusIs(Code::kInvalidArgument, HasSubstr("bad magic")));
  EXPECT_THAT(ReadBytes(std::string(4096, '\0')).status(), StatusIs(Code::kInvalidArgument));
}

TEST_F(SnapshotCorruptionTest, OtherVersions) {
  EXPECT_THAT(PatchHeader<uint32_t>(offsetof(Header, version), snapshot::kVersion + 1),
              StatusIs(Code::kInvalidArgument,
                       AllOf(HasSubstr("written by a newer etldag (snapshot format version 3"),
                             HasSubstr("re-index: run `etldag index` again"))));
  EXPECT_THAT(PatchHeader<uint32_t>(offsetof(Header, version), 0),
              StatusIs(Code::kInvalidArgument, HasSubstr("written by an older etldag")));
}

TEST_F(SnapshotCorruptionTest, HeaderLies) {
  EXPECT_THAT(PatchHeader<uint64_t>(offsetof(Header, num_nodes), 6), StatusIs(Code::kDataLoss, HasSubstr("section table")));
  EXPECT_THAT(PatchHeader<uint64_t>(offsetof(Header, num_edges), 4), StatusIs(Code::kDataLoss, HasSubstr("section table")));
  EXPECT_THAT(PatchHeader<uint64_t>(offsetof(Header, num_nodes), uint64_t{1} << 40),
              StatusIs(Code::kDataLoss, HasSubstr("out of range")));
  EXPECT_THAT(PatchHeader<uint64_t>(offsetof(Header, file_size), good_.size() + 64),
              StatusIs(Code::kDataLoss, HasSubstr("truncated")));
  EXPECT_THAT(PatchHeader<uint64_t>(offsetof(Header, file_size), good_.size() - 1),
              StatusIs(Code::kDataLoss, HasSubstr("after the end")));
  EXPECT_THAT(PatchHeader<uint32_t>(offsetof(Header, flags), 1), StatusIs(Code::kDataLoss, HasSubstr("header fields")));
  EXPECT_THAT(PatchHeader<uint32_t>(offsetof(Header, section_count), 11), StatusIs(Code::kDataLoss));
  // A section moved or resized in the table.
  const size_t entry = sizeof(Header) + 3 * sizeof(snapshot::SectionEntry);
  EXPECT_THAT(PatchHeader<uint64_t>(entry + offsetof(snapshot::SectionEntry, offset), SectionOffset(good_, 4) + 64),
              StatusIs(Code::kDataLoss, HasSubstr("section table entry 3")));
  EXPECT_THAT(PatchHeader<uint64_t>(entry + offsetof(snapshot::SectionEntry, size), 4),
              StatusIs(Code::kDataLoss, HasSubstr("section table entry 3")));
}

// Found by the snapshot fuzzer in CI: a header whose file_size (and real
// size) leaves no room for the section table made the reader copy the table
// from past the end of the buffer.
TEST_F(SnapshotCorruptionTest, FileTooShortForTheSectionTable) {
  for (size_t size = sizeof(Header); size < snapshot::kFirstSectionOffset; size += 7) {
    std::string bytes = good_.substr(0, size);
    Poke(bytes, offsetof(Header, file_size), uint64_t{size});
    Reseal(bytes);
    EXPECT_THAT(ReadBytes(bytes).status(), StatusIs(Code::kDataLoss, HasSubstr("section table"))) << size;
  }
}

// SmallGraph: names "dataset/a" "dataset/b" "model/m" "policy/p" "raw/x";
// out: 0 -> {1, 3}, 1 -> {2}, 2 -> {2}, 4 -> {0}; in: 0 <- {4}, 1 <- {0},
// 2 <- {1, 2}, 3 <- {0}.
TEST_F(SnapshotCorruptionTest, StructureLiesWithValidChecksums) {
  using namespace snapshot;  // NOLINT: section kinds
  const auto Lie = [](const char* what) { return StatusIs(Code::kDataLoss, HasSubstr(what)); };
  EXPECT_THAT(PatchSection<uint32_t>(kOutTargets, 0, 99), Lie("node id 99 out of range"));
  EXPECT_THAT(PatchSection<uint32_t>(kOutTargets, 0, 3), Lie("not strictly sorted"));
  EXPECT_THAT(PatchSection<uint32_t>(kOutOffsets, 1, 4), Lie("out_offsets: offsets decrease at index 2"));
  EXPECT_THAT(PatchSection<uint32_t>(kOutOffsets, 0, 1), Lie("out_offsets: first offset is not 0"));
  EXPECT_THAT(PatchSection<uint32_t>(kOutOffsets, 5, 4), Lie("out_offsets: last offset"));
  EXPECT_THAT(PatchSection<uint32_t>(kInOffsets, 3, 1), Lie("in_offsets: offsets decrease at index 3"));
  EXPECT_THAT(PatchSection<uint32_t>(kInOffsets, 3, 5), Lie("in_targets: list of node 2 not strictly sorted"));
  EXPECT_THAT(PatchSection<uint32_t>(kInTargets, 0, 3), Lie("in_targets: not the transpose"));
  EXPECT_THAT(PatchSection<uint32_t>(kInTargets, 2, 2), Lie("in_targets"));  // 2 <- {2, 2}
  EXPECT_THAT(PatchSection<char>(kNames, 8, 'c'), Lie("names: not sorted and unique at node 1"));
  EXPECT_THAT(PatchSection<char>(kNames, 8, 'b'), Lie("names: not sorted and unique"));  // duplicate
  EXPECT_THAT(PatchSection<uint32_t>(kNameOffsets, 5, 100), Lie("name_offsets: last offset"));
  EXPECT_THAT(PatchSection<uint32_t>(kNameOffsets, 2, 40), Lie("name_offsets: offsets decrease"));
  EXPECT_THAT(PatchSection<uint16_t>(kKinds, 0, 200), Lie("kinds: kind id 200 out of range"));
  EXPECT_THAT(PatchSection<uint8_t>(kFlags, 0, 0x80), Lie("flags: unknown flag bits"));
  EXPECT_THAT(PatchSection<uint32_t>(kKindNameOffsets, 1, 1000), Lie("kind_name_offsets"));
  EXPECT_THAT(PatchSection<uint32_t>(kSelfLoops, 0, 1), Lie("self_loops"));
  EXPECT_THAT(PatchSection<uint8_t>(kDisagreements, 8, 3), Lie("disagreements: entry 0: bad side"));
  EXPECT_THAT(PatchSection<uint32_t>(kDisagreements, 1, 4), Lie("disagreements: entry 0: not an edge"));
  EXPECT_THAT(PatchSection<uint32_t>(kDisagreements, 0, 7), Lie("node id out of range"));
  // The external flag on an op of a disagreement: still not a valid graph.
  EXPECT_THAT(PatchSection<uint8_t>(kFlags, 1, kFlagExternal), Lie("disagreements"));
}

// The in-CSR of another graph with the same n and m: every list sorted and
// in range, degrees plausible, yet not the transpose. The keyed multiset
// hash of the edges catches it.
TEST(SnapshotTransposeTest, InCsrOfAnotherGraphIsCaught) {
  TempDir dir;
  int compared = 0;
  for (uint64_t seed = 0; seed < 60; ++seed) {
    const uint32_t n = 3 + seed % 40;
    const Graph g1 = testing::RandomDigraph(n, 2 * n, seed);
    // g2: one edge u -> v of g1 (not a self-loop) moved to u -> w.
    testing::EdgeList edges = testing::EdgesOf(g1);
    std::mt19937_64 rng(seed);
    const size_t e = rng() % edges.size();
    const auto [u, v] = edges[e];
    NodeId w = 0;
    while (w < n && (w == u || std::count(edges.begin(), edges.end(), std::pair<NodeId, NodeId>{u, w}))) ++w;
    if (u == v || w == n) continue;
    edges[e].second = w;
    const Graph g2 = testing::GraphFromEdges(n, edges);
    WriteSnapshotOrDie(g1, dir.Path("g1"));
    WriteSnapshotOrDie(g2, dir.Path("g2"));
    std::string bytes = ReadFileBytes(dir.Path("g1"));
    const std::string other = ReadFileBytes(dir.Path("g2"));
    for (uint32_t kind : {snapshot::kInOffsets, snapshot::kInTargets}) {
      const size_t at = SectionOffset(bytes, kind);
      const size_t size = kind == snapshot::kInOffsets ? 4 * (n + 1) : 4 * g1.num_edges();
      ASSERT_EQ(SectionOffset(other, kind), at);
      bytes.replace(at, size, other, at, size);
    }
    Reseal(bytes);
    EXPECT_THAT(ReadBytes(bytes).status(), StatusIs(Code::kDataLoss, HasSubstr("in_targets"))) << seed;
    ++compared;
  }
  EXPECT_GT(compared, 10);
}

// Random patches of random graphs, resealed: each read either fails with
// DataLoss or yields a graph every accessor can walk (run under ASan/UBSan).
TEST(SnapshotFuzzTest, ResealedRandomPatchesNeverCrash) {
  TempDir dir;
  std::mt19937_64 rng(42);
  int accepted = 0, rejected = 0;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    WriteSnapshotOrDie(RichRandomGraph(seed), dir.Path("g"));
    const std::string good = ReadFileBytes(dir.Path("g"));
    for (int trial = 0; trial < 50; ++trial) {
      std::string bytes = good;
      const int patches = 1 + static_cast<int>(rng() % 3);
      for (int p = 0; p < patches; ++p) {
        const size_t at = snapshot::kFirstSectionOffset + rng() % (bytes.size() - snapshot::kFirstSectionOffset);
        bytes[at] = static_cast<char>(rng() % 4 == 0 ? 0 : rng());
      }
      Reseal(bytes);
      absl::StatusOr<Graph> g = ReadBytes(bytes);
      if (g.ok()) {
        ++accepted;
        Walk(*g);
      } else {
        ++rejected;
        ASSERT_EQ(g.status().code(), Code::kDataLoss) << g.status();
      }
    }
  }
  EXPECT_GT(rejected, 0);
  RecordProperty("accepted", accepted);
}

TEST(SnapshotFileErrorsTest, MissingEmptyAndDirectory) {
  TempDir dir;
  EXPECT_THAT(ReadSnapshot(dir.Path("nope.etldag")).status(),
              StatusIs(Code::kNotFound, AllOf(StartsWith(dir.Path("nope.etldag") + ": error: "),
                                              HasSubstr("No such file or directory"))));
  WriteFileBytes(dir.Path("empty"), "");
  EXPECT_THAT(ReadSnapshot(dir.Path("empty")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("empty file")));
  EXPECT_THAT(ReadSnapshot(dir.Path("")).status(), StatusIs(Code::kFailedPrecondition, HasSubstr("Is a directory")));
}

}  // namespace
}  // namespace etldag
