#include "engine/graph/xxhash64.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace etldag {
namespace {

std::span<const char> Span(const std::string& s) { return {s.data(), s.size()}; }

// The buffer the vectors below were computed over.
std::string TestBuffer() {
  std::string buf(2000, '\0');
  for (size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<char>(((i * 131 + 7) ^ (i >> 3)) & 0xff);
  return buf;
}

struct Vector {
  size_t len;
  uint64_t seed0;
  uint64_t seed_golden;  // seed 0x9e3779b97f4a7c15
};
// Computed with the reference implementation (libxxhash 0.8.1, XXH64()).
constexpr Vector kVectors[] = {
    {0, 0xef46db3751d8e999ULL, 0xc4349fc93c010000ULL},   {1, 0xa96c7f0ce858bbb7ULL, 0x585882422a6165e7ULL},
    {3, 0xbed43740ee6332bbULL, 0x45fa1406538fa168ULL},   {4, 0xfa212ae44b3bb23dULL, 0xa65107f22943365aULL},
    {5, 0xd339dcc9ac8e6776ULL, 0xf51eda3a20de9b88ULL},   {7, 0x2744460dd675d2c0ULL, 0xc9b637e2c4599de2ULL},
    {8, 0x994b676b71ce94ddULL, 0xce592d5f53e192ecULL},   {9, 0xcfec6cb22510745aULL, 0x59af92893fa066afULL},
    {15, 0xe34e2e0b41d24325ULL, 0xc36fa257a16e3ec9ULL},  {16, 0xa8884441f90dfd9aULL, 0x87d177d8579cf155ULL},
    {31, 0x81a3ae781a05b0dbULL, 0x32e8c19d14d64e70ULL},  {32, 0xaa0bd4b60f1fda14ULL, 0x72d94dc5d7480722ULL},
    {33, 0x617624ac112be148ULL, 0xc802f9b12f541104ULL},  {35, 0x4c99f643c4cbf4a9ULL, 0xbad821fac727d085ULL},
    {63, 0xb4d09249312e18f9ULL, 0xb3f558f26a43cc76ULL},  {64, 0xa5e01cc99d8c4c3fULL, 0xe848f7c3bd680863ULL},
    {65, 0x1bdc744e4f186f5bULL, 0x3e24c4b8773a9f4aULL},  {100, 0x58ae6d3682d42ce5ULL, 0xd01954d5a7bee5d3ULL},
    {1000, 0x9f91ff9c78545e83ULL, 0xd0217c73c88554c3ULL}, {1999, 0xbf6999acdb43dbbcULL, 0xc5f22dda29998ccaULL},
};
constexpr uint64_t kGoldenSeed = 0x9e3779b97f4a7c15ULL;

TEST(XxHash64Test, MatchesReferenceVectors) {
  EXPECT_EQ(XxHash64(Span("abc")), 0x44bc2cf5ad770999ULL);
  EXPECT_EQ(XxHash64(Span("Nobody inspects the spammish repetition")), 0xfbcea83c8a378bf1ULL);
  const std::string buf = TestBuffer();
  for (const Vector& v : kVectors) {
    const std::span<const char> data(buf.data(), v.len);
    EXPECT_EQ(XxHash64(data), v.seed0) << "len " << v.len;
    EXPECT_EQ(XxHash64(data, kGoldenSeed), v.seed_golden) << "len " << v.len;
  }
}

TEST(XxHash64Test, StreamEqualsOneShotForEverySplit) {
  const std::string buf = TestBuffer();
  for (const Vector& v : kVectors) {
    for (size_t cut1 = 0; cut1 <= v.len; cut1 += 1 + v.len / 17) {
      for (size_t cut2 = cut1; cut2 <= v.len; cut2 += 1 + v.len / 13) {
        XxHash64Stream s(kGoldenSeed);
        s.Update({buf.data(), cut1});
        s.Update({buf.data() + cut1, cut2 - cut1});
        s.Update({buf.data() + cut2, v.len - cut2});
        ASSERT_EQ(s.Digest(), v.seed_golden) << v.len << " " << cut1 << " " << cut2;
      }
    }
  }
  XxHash64Stream bytewise;  // one byte at a time
  for (size_t i = 0; i < 1000; ++i) bytewise.Update({buf.data() + i, 1});
  EXPECT_EQ(bytewise.Digest(), 0x9f91ff9c78545e83ULL);
}

TEST(XxHash64Test, UnalignedInput) {
  const std::string buf = TestBuffer();
  std::string shifted = " " + buf;
  EXPECT_EQ(XxHash64({shifted.data() + 1, 1000}), 0x9f91ff9c78545e83ULL);
}

}  // namespace
}  // namespace etldag
