// Located load errors: the strict scanner turns "the parser said no" into
// the exact place and reason.
#include "engine/load/internal/load_error.h"

#include "absl/strings/str_cat.h"
#include "engine/base/strings.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/source_location.h"

namespace etldag::load_internal {

absl::Status LocatedError(const JsonInput& in, uint64_t offset, std::string_view what) {
  return absl::InvalidArgumentError(FormatLocatedError(in.file, in.data, offset, what));
}

absl::Status SyntaxError(const JsonInput& in, uint64_t fallback_offset, std::string_view parser_message) {
  if (auto e = FindJsonSyntaxError(in.data.substr(in.start))) {
    return LocatedError(in, in.start + e->offset, e->message);
  }
  return LocatedError(in, fallback_offset, absl::StrCat("invalid JSON (", ToAbsl(parser_message), ")"));
}

absl::Status CheckOneDocument(std::string_view file, uint64_t bytes, std::string_view what) {
  if (bytes <= kMaxJsonDocumentBytes) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(ToAbsl(file), ": error: ", bytes,
                                                 " bytes: too large for one JSON document (the JSON parser's limit is ",
                                                 kMaxJsonDocumentBytes, " bytes; ", ToAbsl(what),
                                                 " is parsed as one document)"));
}

}  // namespace etldag::load_internal
