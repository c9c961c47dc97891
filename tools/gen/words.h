// Vocabulary of the generator: op roles (namespace + "type"), country
// prefixes, and the word lists names, owners, teams, tags and schedules are
// drawn from. NameMaker builds unique, escape-free op names such as
// "dataset/fx-model" or "nu-mx/series-contract/scr-operacao": a base name is
// country/role/word-word[-word]; a repeated base gets "-2", "-3", ...
// Words contain only [a-z] (no '-', no digits), so a base name parses back to
// one word tuple and never ends in "-<digits>": suffixed names cannot collide.
#ifndef ETLDAG_TOOLS_GEN_WORDS_H_
#define ETLDAG_TOOLS_GEN_WORDS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "tools/gen/rng.h"

namespace etldag::gen {

enum class Role : uint8_t {
  kRaw, kContract, kSeriesContract, kDataset, kArchive, kModel, kPolicy,
};
inline constexpr int kNumRoles = 7;

// The namespace segment and the "type" field of a role, e.g. "series-contract".
std::string_view RoleName(Role role);

// Word lists (each entry [a-z]+ or a fixed phrase for non-name fields).
std::span<const std::string_view> OwnerWords();
std::span<const std::string_view> TeamWords();
std::span<const std::string_view> TagWords();
std::span<const std::string_view> CronWords();
std::span<const std::string_view> DescriptionWords();

// Appends the name of external number `index` (e.g.
// "external/s3-bucket-ledger-17") to `out`; distinct indices, distinct names.
void AppendExternalName(uint64_t index, std::string* out);

class NameMaker {
 public:
  explicit NameMaker(uint64_t seed) : rng_(seed, /*stream=*/2) {}
  // Appends a fresh unique op name of `role` to `out`.
  void AppendOpName(Role role, std::string* out);

 private:
  Rng rng_;
  absl::flat_hash_map<uint64_t, uint32_t> seen_;  // packed word tuple -> uses
};

}  // namespace etldag::gen

#endif  // ETLDAG_TOOLS_GEN_WORDS_H_
