// Fuzz target: the snapshot reader (ReadSnapshotFromBuffer).
//
// Every input is read twice: as given (so the checksum paths run), and, when
// it is long enough to hold a header, "resealed" with both XXH64 checksums
// recomputed, so that mutations reach the structure verifier instead of
// dying at the checksum. Checks:
//   - rejected: the message reads "fuzz.etldag: error: ..." with text, and
//     the code is InvalidArgument (foreign file, other version) or DataLoss
//     (truncated, corrupt);
//   - accepted: the graph satisfies every structural invariant of graph.h
//     (fuzz_checks.h, CheckGraph(g, built=false)); written back with
//     WriteSnapshot and read again it is the same graph, array for array.
// ETLDAG_FUZZ_STRICT_SNAPSHOT=1 also demands the invariants only the builder
// establishes (externals of kind "external", referenced, not joined; kind
// names sorted): a way to list what the verifier lets through that no
// loader produces (tests/README.md, "Fuzzing").
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "engine/graph/snapshot.h"
#include "engine/graph/internal/snapshot_format.h"
#include "tests/fuzz/fuzz_checks.h"

namespace etldag::fuzz {
namespace {

constexpr std::string_view kFile = "fuzz.etldag";

const std::string& TempPath() {
  static const std::string* path = [] {
    std::string dir = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    dir += "/etldag_fuzz_XXXXXX";
    Check(::mkdtemp(dir.data()) != nullptr, "mkdtemp failed");
    static std::string cleanup = dir;
    std::atexit([] {
      (void)std::remove((cleanup + "/rt.etldag").c_str());
      (void)::rmdir(cleanup.c_str());
    });
    return new std::string(dir + "/rt.etldag");
  }();
  return *path;
}

bool Strict() {
  static const bool strict = [] {
    const char* s = std::getenv("ETLDAG_FUZZ_STRICT_SNAPSHOT");
    return s != nullptr && std::string_view(s) == "1";
  }();
  return strict;
}

void Reseal(std::string& bytes) {
  using snapshot::Header;
  const std::span<const char> all(bytes.data(), bytes.size());
  uint32_t version = snapshot::kVersion;
  if (bytes.size() >= sizeof(Header)) std::memcpy(&version, bytes.data() + offsetof(Header, version), sizeof(version));
  if (version != 1) version = snapshot::kVersion;
  const uint64_t payload = snapshot::Checksum(version, all.subspan(sizeof(Header)));
  std::memcpy(bytes.data() + offsetof(Header, payload_checksum), &payload, sizeof(payload));
  const uint64_t header = snapshot::Checksum(version, all.first(snapshot::kHeaderChecksummedBytes));
  std::memcpy(bytes.data() + offsetof(Header, header_checksum), &header, sizeof(header));
}

void CheckRejected(const absl::Status& s) {
  const std::string msg(s.message());
  const std::string head = std::string(kFile) + ": error: ";
  Check(msg.rfind(head, 0) == 0 && msg.size() > head.size(), "snapshot error without \"FILE: error: TEXT\"", msg);
  Check(s.code() == absl::StatusCode::kInvalidArgument || s.code() == absl::StatusCode::kDataLoss,
        "snapshot error is neither InvalidArgument nor DataLoss", s.ToString());
}

void CheckAccepted(const Graph& g) {
  CheckGraph(g, /*built=*/Strict());
  const absl::Status written = WriteSnapshot(g, TempPath());
  if (!written.ok()) Fail("an accepted snapshot cannot be written back", written.ToString());
  absl::StatusOr<Graph> again = ReadSnapshot(TempPath());
  if (!again.ok()) Fail("a snapshot written back is not read", again.status().ToString());
  Check(SameGraph(g, *again), "a snapshot written back reads as another graph");
}

void ReadOne(const std::string& bytes) {
  auto owner = std::make_shared<std::string>(bytes);
  absl::StatusOr<Graph> g =
      ReadSnapshotFromBuffer(std::string(kFile), owner, std::span<const char>(owner->data(), owner->size()));
  if (g.ok()) CheckAccepted(*g); else CheckRejected(g.status());
}

void Run(std::string_view data) {
  std::string bytes(data);
  ReadOne(bytes);
  if (bytes.size() >= sizeof(snapshot::Header)) {
    Reseal(bytes);
    ReadOne(bytes);
  }
}

}  // namespace
}  // namespace etldag::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  etldag::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
