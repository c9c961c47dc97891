// XXH64: the 64-bit xxHash of Yann Collet (https://github.com/Cyan4973/xxHash,
// doc/xxhash_spec.md), bit-compatible with the reference XXH64(data, len, seed).
// Used as the snapshot checksum: four independent 64-bit multiply-rotate lanes
// over 32-byte stripes, so it runs at memory speed (several GB/s per core) and
// detects accidental corruption (not an adversarial MAC).
//
// One-shot XxHash64() and an incremental XxHash64Stream give the same digest
// for the same bytes however they are split.
#ifndef ETLDAG_ENGINE_GRAPH_XXHASH64_H_
#define ETLDAG_ENGINE_GRAPH_XXHASH64_H_

#include <cstddef>
#include <cstdint>
#include <span>

namespace etldag {

uint64_t XxHash64(std::span<const char> data, uint64_t seed = 0);

class XxHash64Stream {
 public:
  explicit XxHash64Stream(uint64_t seed = 0);
  void Update(std::span<const char> data);
  uint64_t Digest() const;

 private:
  uint64_t v_[4];
  uint64_t seed_;
  uint64_t total_ = 0;
  unsigned char buf_[32];
  size_t buffered_ = 0;
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_XXHASH64_H_
