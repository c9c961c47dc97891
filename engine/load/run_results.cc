// run_results.json / sources.json reader (see run_results.h): simdjson
// On-Demand over the results array; every other field is skipped unread
// (the file is checked as a whole by the strict scanner first, which also
// locates syntax errors).
#include "engine/load/run_results.h"

#include <simdjson.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/load/file_buffer.h"
#include "engine/load/gzip.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/load_error.h"
#include "engine/load/internal/source_location.h"

namespace etldag {
namespace {

namespace od = simdjson::ondemand;
using load_internal::JsonInput;
using load_internal::TrimJsonWhitespace;

class ResultsReader {
 public:
  explicit ResultsReader(const JsonInput& in) : in_(in) {}

  absl::StatusOr<std::vector<RunResult>> Read(od::document& doc) {
    const char* top = TrimJsonWhitespace(in_.data.substr(in_.start)).data();
    if (*top != '{') return At(top, "dbt run results must be a JSON object with \"results\"");
    od::value results;
    if (auto err = doc.find_field_unordered("results").get(results)) {
      if (err == simdjson::NO_SUCH_FIELD) return At(top, "no \"results\" array (expected dbt's run_results.json or sources.json)");
      return Syntax(err);
    }
    const std::string_view tok = TrimJsonWhitespace(results.raw_json_token());
    if (tok.empty() || tok[0] != '[') return TypeError(tok, "\"results\" must be an array");
    od::array arr;
    if (auto err = results.get_array().get(arr)) return Syntax(err);
    std::vector<RunResult> out;
    for (auto r : arr) {
      od::value v;
      if (auto err = r.get(v)) return Syntax(err);
      RunResult rr;
      RETURN_IF_ERROR(ReadResult(v, &rr));
      out.push_back(std::move(rr));
    }
    return out;
  }

 private:
  absl::Status At(const char* p, std::string_view what) const {
    return load_internal::LocatedError(in_, static_cast<uint64_t>(p - in_.data.data()), what);
  }
  absl::Status Syntax(simdjson::error_code err) const {
    return load_internal::SyntaxError(in_, in_.start, simdjson::error_message(err));
  }
  absl::Status TypeError(std::string_view tok, std::string_view what) const {
    const char* type = tok.empty() ? nullptr : load_internal::JsonTypeName(tok[0]);
    if (type == nullptr) return Syntax(simdjson::INCORRECT_TYPE);
    return At(tok.data(), absl::StrCat(ToAbsl(what), ", found ", type));
  }

  absl::Status ReadResult(od::value& v, RunResult* rr) {
    const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
    if (tok.empty() || tok[0] != '{') return TypeError(tok, "a result must be an object");
    od::object obj;
    if (auto err = v.get_object().get(obj)) return Syntax(err);
    bool has_id = false, has_status = false;
    for (auto r : obj) {
      od::field f;
      if (auto err = std::move(r).get(f)) return Syntax(err);
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) return Syntax(err);
      od::value& fv = f.value();
      const std::string_view ftok = TrimJsonWhitespace(fv.raw_json_token());
      if (key == "unique_id" || key == "status") {
        std::string_view s;
        if (ftok.empty() || ftok[0] != '"') return TypeError(ftok, absl::StrCat("\"", ToAbsl(key), "\" must be a string"));
        if (auto err = fv.get_string().get(s)) return Syntax(err);
        if (key == "unique_id") {
          if (s.empty()) return At(ftok.data(), "\"unique_id\" must not be empty");
          rr->unique_id = std::string(s);
          rr->line = LineColAt(in_.data, static_cast<uint64_t>(ftok.data() - in_.data.data())).line;
          has_id = true;
        } else {
          rr->status = std::string(s);
          has_status = true;
        }
      } else if (key == "execution_time") {
        if (ftok == "null") continue;
        double d = 0;
        if (ftok.empty() || !(ftok[0] == '-' || (ftok[0] >= '0' && ftok[0] <= '9'))) {
          return TypeError(ftok, "\"execution_time\" must be a number of seconds");
        }
        if (auto err = fv.get_double().get(d)) return Syntax(err);
        if (!std::isfinite(d) || d < 0) return At(ftok.data(), "\"execution_time\" must be a finite number >= 0");
        rr->execution_time = d;
      }
    }
    if (!has_id) return At(tok.data(), "a result has no \"unique_id\"");
    if (!has_status) return At(tok.data(), "a result has no \"status\"");
    return absl::OkStatus();
  }

  const JsonInput& in_;
};

}  // namespace

absl::StatusOr<std::vector<RunResult>> ParseRunResults(std::string_view file_name, std::string_view padded_json) {
  JsonInput in{file_name, padded_json, 0};
  in.start = Utf8BomLength(padded_json);
  const std::string_view json = padded_json.substr(in.start);
  RETURN_IF_ERROR(load_internal::CheckOneDocument(file_name, json.size(), "a run state"));
  if (auto e = load_internal::FindJsonSyntaxError(json)) return load_internal::LocatedError(in, in.start + e->offset, e->message);
  od::parser parser(std::max<size_t>(json.size(), 1));
  od::document doc;
  if (auto err = parser.iterate(simdjson::padded_string_view(json.data(), json.size(), json.size() + kFileBufferPadding))
                     .get(doc)) {
    return load_internal::SyntaxError(in, in.start, simdjson::error_message(err));
  }
  ResultsReader reader(in);
  return reader.Read(doc);
}

absl::StatusOr<std::vector<RunResult>> LoadRunResults(std::string_view path) {
  ASSIGN_OR_RETURN(FileBuffer file, FileBuffer::Read(path));
  if (LooksLikeGzip(file.data())) {
    ASSIGN_OR_RETURN(FileBuffer plain, InflateGzip(file.display_name(), file.data()));
    return ParseRunResults(plain.display_name(), plain.data());
  }
  return ParseRunResults(file.display_name(), file.data());
}

}  // namespace etldag
