// Inputs past 4 GiB, without 4 GiB of disk or memory: the text is virtual.
// In memory: one 2 MiB block of spaces mapped again and again (memfd,
// MAP_SHARED) between a head page "[" and a tail holding the ops, so the ops
// sit past byte 2^32 of a contiguous string_view; ParseSparkOps reads it in
// pieces (op_reader.h) and locates errors there with 64-bit offsets. As a
// file: the chunked loader over a reader that makes up the bytes (4 GiB of
// whitespace, then the ops), so its positions pass 2^32 too. A sparse file
// cannot hold such a text (a hole reads as NUL bytes, never valid JSON):
// file_buffer_test.cc reads a sparse file past 4 GiB for the file path.
// Seconds of scanning each: labelled slow.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/base/check.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/chunked_load.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/load/load_test_util.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::fuzz::SameGraph;
using ::etldag::testing::ParseJson;
using ::testing::HasSubstr;

constexpr size_t kBlock = size_t{2} << 20;
constexpr size_t kBlocks = 2049;  // of spaces, after the head block: the tail starts past 2^32

// "[" + (kBlock - 1 + kBlocks * kBlock) spaces + tail, then zero padding.
class VirtualText {
 public:
  explicit VirtualText(const std::string& tail) {
    total_ = (kBlocks + 2) * kBlock;
    base_ = static_cast<char*>(mmap(nullptr, total_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0));
    ETLDAG_CHECK(base_ != MAP_FAILED);
    const int fd = memfd_create("spaces", 0);
    ETLDAG_CHECK(fd >= 0 && ftruncate(fd, kBlock) == 0);
    char* spaces = static_cast<char*>(mmap(nullptr, kBlock, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
    ETLDAG_CHECK(spaces != MAP_FAILED);
    std::memset(spaces, ' ', kBlock);
    munmap(spaces, kBlock);
    for (size_t i = 1; i <= kBlocks; ++i) {
      ETLDAG_CHECK(mmap(base_ + i * kBlock, kBlock, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) != MAP_FAILED);
    }
    close(fd);
    for (const size_t at : {size_t{0}, (kBlocks + 1) * kBlock}) {
      ETLDAG_CHECK(mmap(base_ + at, kBlock, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
                   MAP_FAILED);
    }
    std::memset(base_, ' ', kBlock);
    base_[0] = '[';
    ETLDAG_CHECK(tail.size() + kFileBufferPadding <= kBlock);
    std::memcpy(base_ + tail_offset(), tail.data(), tail.size());  // then zeros
    size_ = tail_offset() + tail.size();
  }
  ~VirtualText() { munmap(base_, total_); }
  std::string_view text() const { return {base_, size_}; }
  static uint64_t tail_offset() { return (kBlocks + 1) * kBlock; }

 private:
  char* base_;
  size_t total_, size_;
};

TEST(LargeInput, ValidTextPast4GiBInMemory) {
  static_assert((kBlocks + 1) * kBlock > (uint64_t{1} << 32));
  const std::string ops = R"({"name":"a","inputs":["b"]},{"name":"c","inputs":["a"],"successors":["d"]})";
  const VirtualText v(ops + "]");
  LoadStats stats;
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseSparkOps("big.json", v.text(), &stats));
  ASSERT_OK_AND_ASSIGN(const Graph small, ParseJson("[" + ops + "]"));
  EXPECT_TRUE(SameGraph(g, small));
  EXPECT_EQ(stats.file_bytes, v.text().size());
  EXPECT_EQ(stats.ops, 2u);
}

// One line of 4 GiB: the column is past 2^32.
TEST(LargeInput, ErrorsPast4GiBAreLocated) {
  const std::string good = R"({"name":"a"},)";
  {  // the whole text is scanned for a syntax error first (there is none), then the piece's error located
    const VirtualText v(good + R"({"name":7}])");
    const uint64_t at = VirtualText::tail_offset() + good.size() + 8;  // the 7
    EXPECT_THAT(ParseSparkOps("big.json", v.text()),
                ::etldag::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr(absl::StrCat("big.json:1:", at + 1,
                                                                   ": error: the op's \"name\" must be a string"))));
  }
}

// The chunked loader (the path of every regular file) over a made-up file
// of 4 GiB of whitespace and then the ops: whitespace is dropped as it is
// read, offsets pass 2^32, the graph is the small file's.
TEST(LargeInput, ChunkedLoaderPast4GiB) {
  const std::string ops = R"([{"name":"a","inputs":["b"]},{"name":"c","inputs":["a"]}])";
  const uint64_t pad = (uint64_t{1} << 32) + 12345;
  const uint64_t size = pad + ops.size();
  auto read_at = [&](char* dst, size_t n, uint64_t at) -> absl::StatusOr<size_t> {
    if (at >= size) return size_t{0};
    const size_t k = static_cast<size_t>(std::min<uint64_t>(n, size - at));
    const size_t spaces = at < pad ? static_cast<size_t>(std::min<uint64_t>(k, pad - at)) : 0;
    std::memset(dst, ' ', spaces);
    if (spaces < k) std::memcpy(dst + spaces, ops.data() + (at + spaces - pad), k - spaces);
    return k;
  };
  load_internal::RegionOptions options;
  options.regions = 2;
  Graph g;
  LoadStats stats;
  ASSERT_OK_AND_ASSIGN(const bool loaded,
                       load_internal::ParseSparkOpsInRegions("big.json", read_at, size, options, &g, &stats));
  ASSERT_TRUE(loaded);
  ASSERT_OK_AND_ASSIGN(const Graph small, ParseJson(ops));
  EXPECT_TRUE(SameGraph(g, small));
  EXPECT_EQ(stats.file_bytes, size);
}

}  // namespace
}  // namespace etldag
