// Single-pass reader of the spark_ops.json array with simdjson On-Demand.
//
// For each op object, fields in any order: "name", "inputs", "successors",
// "type", "kind" are read; every other value is walked and validated (On-
// Demand does not check skipped values: "tru" or "01" would pass). Names are
// interned straight from the input buffer when they contain no backslash
// (the raw token of a string, minus its quotes, is the name); only escaped
// names are unescaped (into simdjson's string buffer, valid for the whole
// document). Inputs/successors are interned at once into per-op pid lists and
// turned into edges when the op's object ends, since "name" may come last.
//
// Locations: every value's raw token points into the input, so semantic
// errors (types, missing/duplicate names) are located exactly; syntax errors
// are re-located by the strict scanner (json_syntax.h). Nesting of skipped
// values is walked recursively, bounded by kMaxJsonDepth frames.
#include "engine/load/internal/op_reader.h"

#include <simdjson.h>

#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_skip.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/ops_pieces.h"
#include "engine/load/internal/source_location.h"

namespace etldag::load_internal {
namespace {

namespace od = simdjson::ondemand;
using Pid = GraphBuilder::Pid;

static_assert(kFileBufferPadding >= simdjson::SIMDJSON_PADDING);

enum Field : uint8_t { kOther = 0, kName = 1, kInputs = 2, kSuccessors = 4, kType = 8, kKind = 16 };

Field FieldOf(std::string_view key) {
  switch (key.size()) {
    case 4:
      return key == "name" ? kName : key == "type" ? kType : key == "kind" ? kKind : kOther;
    case 6:
      return key == "inputs" ? kInputs : kOther;
    case 10:
      return key == "successors" ? kSuccessors : kOther;
    default:
      return kOther;
  }
}


class OpReader {
 public:
  // `locate_duplicates`: remember where each op was defined, to name the
  // first position in a duplicate-name error (needs `in` to be the whole
  // input; chunked reads leave it off and re-read the whole file on errors).
  OpReader(const JsonInput& in, GraphBuilder& builder, bool locate_duplicates = true)
      : in_(in), b_(builder), locate_duplicates_(locate_duplicates) {}

  // The document being read is a copy of the input's bytes from
  // `offset` on, at `begin` (op_reader.h, ReadSparkOpsInPieces); offsets in
  // messages stay offsets into the input.
  void SetDocument(const char* begin, uint64_t offset) {
    doc_begin_ = begin;
    doc_offset_ = offset;
  }

  absl::Status Read(od::document& doc) {
    doc_ = &doc;
    od::array ops;
    if (auto err = doc.get_array().get(ops)) return Syntax(err);
    for (auto r : ops) {
      od::value op;
      if (auto err = r.get(op)) return Syntax(err);
      RETURN_IF_ERROR(ReadOp(op));
    }
    if (!doc.current_location().error()) return Syntax(simdjson::TAPE_ERROR);  // trailing content
    return absl::OkStatus();
  }

  uint64_t num_ops() const { return num_ops_; }

 private:
  uint64_t Offset(const char* p) const { return doc_offset_ + static_cast<uint64_t>(p - doc_begin_); }
  absl::Status ErrorAt(const char* p, std::string_view what) const { return LocatedError(in_, Offset(p), what); }

  absl::Status Syntax(simdjson::error_code err) const {
    uint64_t at = in_.start;
    if (doc_ != nullptr) {
      auto loc = doc_->current_location();
      if (!loc.error()) at = Offset(loc.value_unsafe());
    }
    return SyntaxError(in_, at, simdjson::error_message(err));
  }

  // `tok` is not of the type `what` requires: a semantic error, unless tok
  // is not even valid JSON.
  absl::Status TypeError(std::string_view tok, std::string_view what) const {
    const char* type = tok.empty() ? nullptr : JsonTypeName(tok[0]);
    if (type == nullptr || (tok[0] != '{' && tok[0] != '[' && tok[0] != '"' && !IsValidJsonScalarToken(tok))) {
      return Syntax(simdjson::INCORRECT_TYPE);
    }
    return ErrorAt(tok.data(), absl::StrCat(ToAbsl(what), ", found ", type));
  }

  // Marks a string value read without unescaping it. Needed: simdjson's
  // skipping of an unread string followed by ':' takes it for a key, so
  // {"k": "v": 1} would pass unnoticed.
  absl::Status ConsumeString(od::value& v) const {
    od::raw_json_string unused;
    if (auto err = v.get_raw_json_string().get(unused)) return Syntax(err);
    return absl::OkStatus();
  }

  absl::Status ReadOp(od::value& op);
  absl::Status Key(od::field& f, std::string_view value_tok, std::string_view* key);
  absl::Status ReadString(od::value& v, std::string_view tok, std::string_view* out);
  absl::Status ReadName(od::value& v, std::string_view tok, std::string_view what, std::string_view* out);
  absl::Status ReadNameList(od::value& v, std::string_view tok, Field field, std::vector<std::string_view>& out);
  // A value the loader does not use, validated (json_skip.h); `depth` = its
  // nesting level.
  absl::Status CheckSkipped(od::value& v, uint32_t depth) { return SkipJsonValue(*this, v, depth); }
  friend absl::Status (::etldag::load_internal::SkipJsonValue<OpReader>)(OpReader&, od::value&, uint32_t);

  const JsonInput& in_;
  GraphBuilder& b_;
  const bool locate_duplicates_;
  od::document* doc_ = nullptr;
  const char* doc_begin_ = in_.data.data();
  uint64_t doc_offset_ = 0;
  // Names of the current op's lists: views of the input or of simdjson's
  // string buffer, valid until the next parse. Interned in one batch with
  // the op's name when the op ends (name_table.h: the lookups overlap).
  std::vector<std::string_view> inputs_, successors_, batch_;
  std::vector<Pid> pids_;
  std::vector<uint64_t> name_offset_;     // per pid: where its op was defined
  uint64_t num_ops_ = 0;
};

absl::Status OpReader::ReadOp(od::value& op) {
  const std::string_view tok = TrimJsonWhitespace(op.raw_json_token());
  if (tok.empty() || tok[0] != '{') return TypeError(tok, "an op must be a JSON object");
  od::object obj;
  if (auto err = op.get_object().get(obj)) return Syntax(err);
  inputs_.clear();
  successors_.clear();
  std::string_view name;
  const char* name_at = nullptr;
  std::optional<std::string_view> type, kind;
  uint8_t seen = 0;
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return Syntax(err);
    od::value& v = f.value();
    const std::string_view vtok = TrimJsonWhitespace(v.raw_json_token());
    std::string_view key;
    RETURN_IF_ERROR(Key(f, vtok, &key));
    const Field field = FieldOf(key);
    if (field == kOther) {
      RETURN_IF_ERROR(CheckSkipped(v, 3));  // 1 = the ops array, 2 = the op
      continue;
    }
    if (seen & field) {
      return ErrorAt(f.key().raw() - 1, absl::StrCat("duplicate field \"", ToAbsl(key), "\" in an op"));
    }
    seen |= field;
    if (field == kName) {
      name_at = vtok.data();
      RETURN_IF_ERROR(ReadName(v, vtok, "the op's \"name\"", &name));
    } else if (field == kInputs) {
      RETURN_IF_ERROR(ReadNameList(v, vtok, kInputs, inputs_));
    } else if (field == kSuccessors) {
      RETURN_IF_ERROR(ReadNameList(v, vtok, kSuccessors, successors_));
    } else {
      std::string_view s;
      if (!vtok.empty() && vtok[0] == '"') {  // a kind ("" = derive); non-strings are ignored
        RETURN_IF_ERROR(ReadString(v, vtok, &s));
        (field == kType ? type : kind) = s;
      } else {
        RETURN_IF_ERROR(CheckSkipped(v, 3));
      }
    }
  }
  if (!(seen & kName)) return ErrorAt(tok.data(), "op has no \"name\" field");
  batch_.clear();
  batch_.push_back(name);
  batch_.insert(batch_.end(), inputs_.begin(), inputs_.end());
  batch_.insert(batch_.end(), successors_.begin(), successors_.end());
  pids_.resize(batch_.size());
  b_.InternBatch(batch_, pids_.data());
  const Pid pid = pids_[0];
  if (!b_.DefineOp(pid, type ? *type : kind.value_or(std::string_view()))) {
    if (!locate_duplicates_) return ErrorAt(name_at, "duplicate op name");
    const LineCol first = LineColAt(in_.data, name_offset_[pid]);
    return ErrorAt(name_at, absl::StrCat("duplicate op name \"", ToAbsl(name), "\" (first defined at ",
                                         first.line, ":", first.column, ")"));
  }
  if (locate_duplicates_) {
    if (pid >= name_offset_.size()) name_offset_.resize(b_.num_interned());
    name_offset_[pid] = Offset(name_at);
  }
  const size_t ni = inputs_.size();
  for (size_t i = 1; i <= ni; ++i) b_.AddEdge(pids_[i], pid, EdgeSide::kInputs);
  for (size_t i = 1 + ni; i < pids_.size(); ++i) b_.AddEdge(pid, pids_[i], EdgeSide::kSuccessors);
  ++num_ops_;
  return absl::OkStatus();
}

// The unescaped key of `f`. The raw key ends at the last quote before the ':'
// preceding the value, so a key without backslash is a view of the input.
absl::Status OpReader::Key(od::field& f, std::string_view value_tok, std::string_view* key) {
  const char* k = f.key().raw();
  const char* p = value_tok.data();
  while (p > k && IsJsonWhitespace(p[-1])) --p;
  if (p > k && p[-1] == ':') --p;
  while (p > k && IsJsonWhitespace(p[-1])) --p;
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

// The contents of the string token `tok` (of `v`): a view of the input when
// it has no escapes, else unescaped by simdjson.
absl::Status OpReader::ReadString(od::value& v, std::string_view tok, std::string_view* out) {
  if (tok.size() < 2 || tok.back() != '"') return Syntax(simdjson::STRING_ERROR);
  *out = tok.substr(1, tok.size() - 2);
  if (HasBackslash(*out)) {
    if (auto err = v.get_string().get(*out)) return Syntax(err);
    return absl::OkStatus();
  }
  return ConsumeString(v);
}

// A node name: a non-empty string without control characters (they would
// break the one-name-per-line output).
absl::Status OpReader::ReadName(od::value& v, std::string_view tok, std::string_view what, std::string_view* out) {
  if (tok.empty() || tok[0] != '"') return TypeError(tok, absl::StrCat(ToAbsl(what), " must be a string"));
  std::string_view s;
  RETURN_IF_ERROR(ReadString(v, tok, &s));
  if (s.data() != tok.data() + 1) {  // was unescaped: may hold control characters
    if (const size_t i = FindControlCharacter(s); i != std::string_view::npos) {
      return ErrorAt(tok.data(), absl::StrFormat("%s contains a control character (U+%04X)", ToAbsl(what),
                                                 static_cast<int>(s[i])));
    }
  }
  if (s.empty()) return ErrorAt(tok.data(), absl::StrCat(ToAbsl(what), " must not be empty"));
  *out = s;
  return absl::OkStatus();
}

absl::Status OpReader::ReadNameList(od::value& v, std::string_view tok, Field field,
                                    std::vector<std::string_view>& out) {
  const bool inputs = field == kInputs;
  if (tok == "null") return absl::OkStatus();
  if (tok.empty() || tok[0] != '[') {
    return TypeError(tok, inputs ? "\"inputs\" must be an array of names" : "\"successors\" must be an array of names");
  }
  od::array arr;
  if (auto err = v.get_array().get(arr)) return Syntax(err);
  for (auto r : arr) {
    od::value e;
    if (auto err = r.get(e)) return Syntax(err);
    const std::string_view etok = TrimJsonWhitespace(e.raw_json_token());
    std::string_view name;
    RETURN_IF_ERROR(ReadName(e, etok, inputs ? "an element of \"inputs\"" : "an element of \"successors\"", &name));
    out.push_back(name);
  }
  return absl::OkStatus();
}


}  // namespace

absl::Status ReadSparkOps(const JsonInput& in, GraphBuilder& builder, uint64_t* num_ops) {
  const std::string_view json = in.data.substr(in.start);
  if (json.size() > kMaxJsonDocumentBytes) return ReadSparkOpsInPieces(in, builder, num_ops);
  od::parser parser(std::max<size_t>(json.size(), 1));
  od::document doc;
  if (auto err = parser.iterate(simdjson::padded_string_view(json.data(), json.size(),
                                                             json.size() + kFileBufferPadding)).get(doc)) {
    if (err == simdjson::MEMALLOC) return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(in.file), ": error: out of memory"));
    return SyntaxError(in, in.start, simdjson::error_message(err));
  }
  OpReader reader(in, builder);
  RETURN_IF_ERROR(reader.Read(doc));
  *num_ops = reader.num_ops();
  return absl::OkStatus();
}

namespace {

// The error for a piece that failed (`s`) or could not be cut (`s` ok): the
// first syntax error of the whole text if it has one (so that neither a cut
// made in invalid JSON nor the order of the pieces decides which error is
// reported), else `s`, else `fallback` at `at`.
[[nodiscard]] absl::Status PieceError(const JsonInput& in, const absl::Status& s, uint64_t at, std::string_view fallback) {
  if (!s.ok() && s.code() != absl::StatusCode::kInvalidArgument) return s;  // out of memory
  if (auto e = FindJsonSyntaxError(in.data.substr(in.start))) return LocatedError(in, in.start + e->offset, e->message);
  return s.ok() ? LocatedError(in, at, fallback) : s;
}

}  // namespace

absl::Status ReadSparkOpsInPieces(const JsonInput& in, GraphBuilder& builder, uint64_t* num_ops, size_t piece_bytes) {
  const std::string_view json = in.data.substr(in.start);
  size_t from = 0;
  while (from < json.size() && IsJsonWhitespace(json[from])) ++from;
  if (from == json.size() || json[from] != '[') return PieceError(in, absl::OkStatus(), in.start + from, "expected '['");
  ++from;
  od::parser parser(kMaxJsonDocumentBytes);
  OpReader reader(in, builder);
  std::vector<char> doc_text;
  for (bool first = true;; first = false) {
    const OpsPiece p = NextOpsPiece(json, from, piece_bytes, kMaxJsonDocumentBytes - 2);
    if (p.kind == OpsPiece::kTooLarge) {
      return PieceError(in, absl::OkStatus(), in.start + p.begin,
                        absl::StrCat("no ',' between ops within ", kMaxJsonDocumentBytes - 2,
                                     " bytes: one op (or the whitespace after it) is larger than the JSON "
                                     "parser's limit of ", kMaxJsonDocumentBytes, " bytes per document"));
    }
    const bool last = p.kind == OpsPiece::kLast;
    if (p.kind == OpsPiece::kInvalid || (last && !first && p.end - p.begin == 1)) {  // "]" after a ','
      return PieceError(in, absl::OkStatus(), in.start + p.begin, "invalid JSON");
    }
    // "[" + the piece (+ "]" unless it holds the real one) + zero padding.
    const size_t len = p.end - p.begin;
    doc_text.assign(len + 2 + kFileBufferPadding, '\0');
    doc_text[0] = '[';
    std::memcpy(doc_text.data() + 1, json.data() + p.begin, len);
    if (!last) doc_text[len + 1] = ']';
    const size_t doc_len = last ? len + 1 : len + 2;
    od::document doc;
    if (auto err = parser.iterate(simdjson::padded_string_view(doc_text.data(), doc_len, doc_text.size())).get(doc)) {
      if (err == simdjson::MEMALLOC) return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(in.file), ": error: out of memory"));
      return PieceError(in, absl::OkStatus(), in.start + p.begin, absl::StrCat("invalid JSON (", simdjson::error_message(err), ")"));
    }
    reader.SetDocument(doc_text.data() + 1, in.start + p.begin);
    if (absl::Status s = reader.Read(doc); !s.ok()) return PieceError(in, s, 0, "");
    if (last) break;
    from = p.end + 1;
  }
  *num_ops = reader.num_ops();
  return absl::OkStatus();
}

void ReserveForInput(GraphBuilder& builder, uint64_t bytes) {
  builder.Reserve(static_cast<size_t>(bytes / 384), static_cast<size_t>(bytes / 32));
}

void ReserveEdgesForInput(GraphBuilder& builder, uint64_t bytes) {
  builder.Reserve(0, static_cast<size_t>(bytes / 32));
}

absl::StatusOr<Graph> BuildLoadedGraph(std::string_view file_name, GraphBuilder&& builder) {
  absl::StatusOr<Graph> graph = std::move(builder).Build();
  if (!graph.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(file_name), ": error: ", graph.status().message()));
  }
  return graph;
}

struct ChunkOpReader::Impl {
  od::parser parser{kMaxJsonDocumentBytes};
};

ChunkOpReader::ChunkOpReader() : impl_(std::make_unique<Impl>()) {}
ChunkOpReader::~ChunkOpReader() = default;

absl::Status ChunkOpReader::Read(std::string_view chunk, GraphBuilder& builder, uint64_t* num_ops) {
  const JsonInput in{"<chunk>", chunk, 0};
  od::document doc;
  if (auto err = impl_->parser.iterate(simdjson::padded_string_view(chunk.data(), chunk.size(),
                                                                    chunk.size() + kFileBufferPadding)).get(doc)) {
    if (err == simdjson::MEMALLOC) return absl::ResourceExhaustedError("out of memory");
    return absl::InvalidArgumentError(simdjson::error_message(err));
  }
  OpReader reader(in, builder, /*locate_duplicates=*/false);
  RETURN_IF_ERROR(reader.Read(doc));
  *num_ops += reader.num_ops();
  return absl::OkStatus();
}

}  // namespace etldag::load_internal
