#include "engine/graph/xxhash64.h"

#include <bit>
#include <algorithm>
#include <cstring>

namespace etldag {
namespace {

constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kP5 = 0x27D4EB2F165667C5ULL;

// Little-endian loads (the snapshot module only runs on little-endian hosts;
// on others the byte order would differ from the reference, see snapshot.h).
inline uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

inline uint64_t Round(uint64_t acc, uint64_t input) {
  acc += input * kP2;
  acc = std::rotl(acc, 31);
  return acc * kP1;
}
inline uint64_t MergeRound(uint64_t acc, uint64_t v) {
  acc ^= Round(0, v);
  return acc * kP1 + kP4;
}

// Consumes whole 32-byte stripes; returns the bytes consumed.
size_t Stripes(uint64_t v[4], const unsigned char* p, size_t len) {
  uint64_t v1 = v[0], v2 = v[1], v3 = v[2], v4 = v[3];
  const unsigned char* const begin = p;
  for (; len >= 32; len -= 32, p += 32) {
    v1 = Round(v1, Load64(p));
    v2 = Round(v2, Load64(p + 8));
    v3 = Round(v3, Load64(p + 16));
    v4 = Round(v4, Load64(p + 24));
  }
  v[0] = v1, v[1] = v2, v[2] = v3, v[3] = v4;
  return static_cast<size_t>(p - begin);
}

void InitLanes(uint64_t v[4], uint64_t seed) {
  v[0] = seed + kP1 + kP2;
  v[1] = seed + kP2;
  v[2] = seed;
  v[3] = seed - kP1;
}

uint64_t Converge(const uint64_t v[4]) {
  uint64_t h = std::rotl(v[0], 1) + std::rotl(v[1], 7) + std::rotl(v[2], 12) + std::rotl(v[3], 18);
  for (int i = 0; i < 4; ++i) h = MergeRound(h, v[i]);
  return h;
}

// The tail (< 32 bytes) and the final avalanche.
uint64_t Finish(uint64_t h, const unsigned char* p, size_t len) {
  for (; len >= 8; len -= 8, p += 8) {
    h ^= Round(0, Load64(p));
    h = std::rotl(h, 27) * kP1 + kP4;
  }
  if (len >= 4) {
    h ^= uint64_t{Load32(p)} * kP1;
    h = std::rotl(h, 23) * kP2 + kP3;
    p += 4;
    len -= 4;
  }
  for (; len > 0; --len, ++p) {
    h ^= uint64_t{*p} * kP5;
    h = std::rotl(h, 11) * kP1;
  }
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

}  // namespace

uint64_t XxHash64(std::span<const char> data, uint64_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const size_t len = data.size();
  uint64_t h = seed + kP5;
  size_t done = 0;
  if (len >= 32) {
    uint64_t v[4];
    InitLanes(v, seed);
    done = Stripes(v, p, len);
    h = Converge(v);
  }
  return Finish(h + len, p + done, len - done);
}

XxHash64Stream::XxHash64Stream(uint64_t seed) : seed_(seed) { InitLanes(v_, seed); }

void XxHash64Stream::Update(std::span<const char> data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t len = data.size();
  total_ += len;
  if (buffered_ > 0) {  // top up the partial stripe first
    const size_t take = std::min(len, sizeof(buf_) - buffered_);
    std::memcpy(buf_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    len -= take;
    if (buffered_ < sizeof(buf_)) return;
    Stripes(v_, buf_, sizeof(buf_));
    buffered_ = 0;
  }
  const size_t done = Stripes(v_, p, len);
  if (len > done) std::memcpy(buf_, p + done, len - done);
  buffered_ = len - done;
}

uint64_t XxHash64Stream::Digest() const {
  const uint64_t h = total_ >= 32 ? Converge(v_) : seed_ + kP5;
  return Finish(h + total_, buf_, buffered_);
}

}  // namespace etldag
