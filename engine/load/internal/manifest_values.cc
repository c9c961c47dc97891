// Keys, strings, id lists and skipped values of a dbt manifest
// (manifest_reader.h).
#include "engine/load/internal/manifest_reader.h"

#include "engine/base/status.h"

namespace etldag::load_internal {

absl::Status ManifestReader::Key(od::field& f, std::string_view value_tok, std::string_view* key) {
  const char* k = f.key().raw();
  const char* p = value_tok.data();
  while (p > k && load_internal::IsJsonWhitespace(p[-1])) --p;
  if (p > k && p[-1] == ':') --p;
  while (p > k && load_internal::IsJsonWhitespace(p[-1])) --p;
  if (p > k && p[-1] == '"') {
    const std::string_view raw(k, static_cast<size_t>(p - 1 - k));
    if (!HasBackslash(raw)) {
      *key = raw;
      return absl::OkStatus();
    }
  }
  if (auto err = f.unescaped_key().get(*key)) return Syntax(err);
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadString(od::value& v, std::string_view tok, std::string_view* out) {
  if (tok.size() < 2 || tok.back() != '"') return Syntax(simdjson::STRING_ERROR);
  *out = tok.substr(1, tok.size() - 2);
  if (HasBackslash(*out)) {
    if (auto err = v.get_string().get(*out)) return Syntax(err);
    return absl::OkStatus();
  }
  return ConsumeString(v);
}

absl::Status ManifestReader::ReadOptionalString(od::value& v, std::string_view tok, const What& what,
                                                std::string_view* out) {
  if (tok == "null") {
    *out = {};
    return absl::OkStatus();
  }
  if (tok.empty() || tok[0] != '"') return TypeError(tok, absl::StrCat(what.str(), " must be a string or null"));
  return ReadString(v, tok, out);
}

// A unique_id in a list: a non-empty string without control characters.
absl::Status ManifestReader::ReadId(od::value& v, std::string_view tok, const What& what, std::string_view* out) {
  if (tok.empty() || tok[0] != '"') return TypeError(tok, absl::StrCat("an element of ", what.str(), " must be a string"));
  RETURN_IF_ERROR(ReadString(v, tok, out));
  if (out->empty()) return ErrorAt(tok.data(), absl::StrCat("an element of ", what.str(), " is empty"));
  if (HasControl(*out)) {
    return ErrorAt(tok.data(), absl::StrCat("an element of ", what.str(), " contains a control character"));
  }
  return absl::OkStatus();
}

absl::Status ManifestReader::ReadStringList(od::value& v, std::string_view tok, const What& what,
                                            std::vector<std::string_view>& out) {
  if (tok == "null") return absl::OkStatus();
  if (tok.empty() || tok[0] != '[') return TypeError(tok, absl::StrCat(what.str(), " must be an array of strings"));
  od::array arr;
  if (auto err = v.get_array().get(arr)) return Syntax(err);
  for (auto r : arr) {
    od::value e;
    if (auto err = r.get(e)) return Syntax(err);
    const std::string_view etok = TrimJsonWhitespace(e.raw_json_token());
    std::string_view s;
    RETURN_IF_ERROR(ReadId(e, etok, what, &s));
    out.push_back(s);
  }
  return absl::OkStatus();
}



}  // namespace etldag::load_internal
