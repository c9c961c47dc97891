// Snapshot checksums over Debian's libxxhash (snapshot_format.h).
#include <xxhash.h>

#include "engine/base/check.h"
#include "engine/graph/internal/snapshot_format.h"

namespace etldag::snapshot {

uint64_t Checksum(uint32_t version, std::span<const char> bytes) {
  if (version == 1) return XXH64(bytes.data(), bytes.size(), 0);
  return XXH3_64bits(bytes.data(), bytes.size());
}

ChecksumStream::ChecksumStream() : state_(XXH3_createState()) {
  ETLDAG_CHECK(state_ != nullptr);
  ETLDAG_CHECK(XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_)) == XXH_OK);
}

ChecksumStream::~ChecksumStream() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void ChecksumStream::Update(std::span<const char> bytes) {
  ETLDAG_CHECK(XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size()) == XXH_OK);
}

uint64_t ChecksumStream::Digest() const { return XXH3_64bits_digest(static_cast<const XXH3_state_t*>(state_)); }

}  // namespace etldag::snapshot
