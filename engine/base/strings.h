// Bridges between std::string_view and absl::string_view (distinct types in
// Debian's Abseil 20220623, built with ABSL_OPTION_USE_STD_STRING_VIEW 0).
#ifndef ETLDAG_ENGINE_BASE_STRINGS_H_
#define ETLDAG_ENGINE_BASE_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace etldag {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace etldag

#endif  // ETLDAG_ENGINE_BASE_STRINGS_H_
