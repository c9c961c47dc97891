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
  bool control = false;  // no early exit: the loop vectorises
  for (const char c : *out) control |= static_cast<unsigned char>(c) < 0x20;
  if (control) {
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

// Validates a value the reader does not use; `depth` = its nesting level.
absl::Status ManifestReader::Skip(od::value& v, uint32_t depth) {
  const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
  if (tok.empty()) return Syntax(simdjson::TAPE_ERROR);
  if (tok[0] == '"') {
    std::string_view unused;
    return ReadString(v, tok, &unused);
  }
  if (tok[0] != '[' && tok[0] != '{') {
    return load_internal::IsValidJsonScalarToken(tok) ? absl::OkStatus() : Syntax(simdjson::TAPE_ERROR);
  }
  if (depth > load_internal::kMaxJsonDepth) return Syntax(simdjson::DEPTH_ERROR);
  if (tok[0] == '[') {
    od::array arr;
    if (auto err = v.get_array().get(arr)) return Syntax(err);
    for (auto r : arr) {
      od::value e;
      if (auto err = r.get(e)) return Syntax(err);
      RETURN_IF_ERROR(Skip(e, depth + 1));
    }
    return absl::OkStatus();
  }
  od::object obj;
  if (auto err = v.get_object().get(obj)) return Syntax(err);
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    std::string_view key;
    RETURN_IF_ERROR(Key(f, TrimJsonWhitespace(f.value().raw_json_token()), &key));
    RETURN_IF_ERROR(Skip(f.value(), depth + 1));
  }
  return absl::OkStatus();
}


}  // namespace etldag::load_internal
