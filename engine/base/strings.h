// Bridges between std::string_view and absl::string_view (distinct types in
// Debian's Abseil 20220623, built with ABSL_OPTION_USE_STD_STRING_VIEW 0),
// and the UTF-8 byte-order mark every text reader skips.
#ifndef ETLDAG_ENGINE_BASE_STRINGS_H_
#define ETLDAG_ENGINE_BASE_STRINGS_H_

#include <cstddef>
#include <string_view>

#include "absl/strings/string_view.h"

namespace etldag {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The length of the UTF-8 byte-order mark `s` starts with: 3, or 0 without one.
inline size_t Utf8BomLength(std::string_view s) { return s.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0; }

}  // namespace etldag

#endif  // ETLDAG_ENGINE_BASE_STRINGS_H_
