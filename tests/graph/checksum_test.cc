// The snapshot checksums (snapshot_format.h): version 1 is XXH64, checked
// against reference vectors so that version-1 snapshots keep verifying;
// version 2 is XXH3-64, whose stream equals the one-shot digest.
#include <string>

#include "engine/graph/internal/snapshot_format.h"
#include "gtest/gtest.h"

namespace etldag {
namespace {

std::span<const char> Span(const std::string& s) { return {s.data(), s.size()}; }

std::string TestBuffer() {
  std::string buf(2000, '\0');
  for (size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<char>(((i * 131 + 7) ^ (i >> 3)) & 0xff);
  return buf;
}

TEST(ChecksumTest, VersionOneIsXxh64) {
  EXPECT_EQ(snapshot::Checksum(1, Span("abc")), 0x44bc2cf5ad770999ULL);
  EXPECT_EQ(snapshot::Checksum(1, Span("Nobody inspects the spammish repetition")), 0xfbcea83c8a378bf1ULL);
  const std::string buf = TestBuffer();
  EXPECT_EQ(snapshot::Checksum(1, {buf.data(), 0}), 0xef46db3751d8e999ULL);
  EXPECT_EQ(snapshot::Checksum(1, {buf.data(), 33}), 0x617624ac112be148ULL);
  EXPECT_EQ(snapshot::Checksum(1, {buf.data(), 1000}), 0x9f91ff9c78545e83ULL);
}

TEST(ChecksumTest, CurrentVersionStreamEqualsOneShotForEverySplit) {
  const std::string buf = TestBuffer();
  const uint64_t want = snapshot::Checksum(snapshot::kVersion, Span(buf));
  EXPECT_NE(want, snapshot::Checksum(1, Span(buf)));
  for (size_t split : {0, 1, 31, 64, 255, 1000, 1999, 2000}) {
    snapshot::ChecksumStream s;
    s.Update({buf.data(), split});
    s.Update({buf.data() + split, buf.size() - split});
    EXPECT_EQ(s.Digest(), want) << "split " << split;
  }
}

}  // namespace
}  // namespace etldag
