// Status helpers missing from Debian's Abseil 20220623: RETURN_IF_ERROR and
// ASSIGN_OR_RETURN. Errors cross module boundaries as absl::Status /
// absl::StatusOr<T>; library code never throws, prints or exits.
#ifndef ETLDAG_ENGINE_BASE_STATUS_H_
#define ETLDAG_ENGINE_BASE_STATUS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ETLDAG_STATUS_CONCAT_INNER_(a, b) a##b
#define ETLDAG_STATUS_CONCAT_(a, b) ETLDAG_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (an absl::Status) is not OK.
#define RETURN_IF_ERROR(expr)                                   \
  do {                                                          \
    ::absl::Status etldag_status_ = (expr);                     \
    if (!etldag_status_.ok()) return etldag_status_;            \
  } while (0)

// ASSIGN_OR_RETURN(auto x, MakeX()); — declares/assigns on success, returns
// the status otherwise.
#define ASSIGN_OR_RETURN(lhs, rexpr)                                          \
  ETLDAG_ASSIGN_OR_RETURN_IMPL_(                                              \
      ETLDAG_STATUS_CONCAT_(etldag_statusor_, __LINE__), lhs, rexpr)
#define ETLDAG_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = std::move(statusor).value()

#endif  // ETLDAG_ENGINE_BASE_STATUS_H_
