// Glue of the generator: topology -> names -> shuffled JSON text; see
// generator.h. Each concern draws from its own seeded stream (rng.h), so e.g.
// asking for durations never changes the ops file.
#include "tools/gen/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "tools/gen/rng.h"
#include "tools/gen/topology.h"
#include "tools/gen/words.h"

namespace etldag {
namespace {

using gen::Rng;
using gen::Topology;

enum Field : uint8_t {
  kName, kType, kVersion, kOwner, kInputs, kSuccessors, kMetadata, kDescription, kEnd,
};
// Field orders: most ops put "name" first, some put it after "inputs".
constexpr std::array<std::array<Field, 9>, 5> kTemplates = {{
    {kName, kType, kVersion, kOwner, kInputs, kSuccessors, kMetadata, kDescription, kEnd},
    {kType, kName, kInputs, kSuccessors, kMetadata, kVersion, kOwner, kDescription, kEnd},
    {kInputs, kSuccessors, kName, kType, kOwner, kVersion, kMetadata, kDescription, kEnd},
    {kMetadata, kDescription, kOwner, kSuccessors, kInputs, kVersion, kType, kName, kEnd},
    {kName, kInputs, kType, kSuccessors, kEnd, kEnd, kEnd, kEnd, kEnd},
}};
constexpr std::array<uint32_t, 5> kTemplateCum = {70, 82, 92, 97, 100};

struct Names {
  std::string arena;
  std::vector<uint64_t> offsets;  // ops, then the external pool
  std::string_view operator[](uint32_t id) const {
    return std::string_view(arena).substr(offsets[id], offsets[id + 1] - offsets[id]);
  }
};

Names MakeNames(const Topology& t, uint64_t seed) {
  Names names;
  const uint64_t total = uint64_t{t.num_ops} + t.external_pool;
  names.arena.reserve(total * 32);
  names.offsets.reserve(total + 1);
  names.offsets.push_back(0);
  gen::NameMaker maker(seed);
  for (uint32_t v = 0; v < t.num_ops; ++v) {
    maker.AppendOpName(t.roles[v], &names.arena);
    names.offsets.push_back(names.arena.size());
  }
  for (uint32_t e = 0; e < t.external_pool; ++e) {
    gen::AppendExternalName(e, &names.arena);
    names.offsets.push_back(names.arena.size());
  }
  return names;
}

std::vector<uint32_t> Shuffled(uint32_t n, uint64_t seed) {
  std::vector<uint32_t> perm(n);
  for (uint32_t i = 0; i < n; ++i) perm[i] = i;
  Rng rng(seed, 6);
  for (uint32_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[rng.Below(i)]);
  return perm;
}

template <typename T>
T Pick(Rng& rng, std::span<const T> list) { return list[rng.Below(list.size())]; }

struct Context {
  const Topology& t;
  const Names& names;
};

// The text of one JSON document: kept whole when there is no FILE*,
// otherwise written out in ~4 MiB chunks between top-level elements.
class Sink {
 public:
  Sink(std::FILE* file, bool pretty)
      : file_(file), writer_(&text_, pretty ? JsonLayout::kPretty : JsonLayout::kLines) {}

  JsonWriter& writer() { return writer_; }
  void MaybeFlush() {
    if (file_ != nullptr && text_.size() >= kFlushBytes) Flush();
  }
  // Writes the final newline and flushes; IO errors are reported here.
  [[nodiscard]] absl::Status Finish() {
    text_ += '\n';
    if (file_ != nullptr) {
      Flush();
      if (std::fflush(file_) != 0) io_error_ = true;
    }
    if (io_error_) return absl::DataLossError("write error while writing generated JSON");
    return absl::OkStatus();
  }
  std::string TakeText() { return std::move(text_); }

 private:
  static constexpr size_t kFlushBytes = size_t{4} << 20;
  void Flush() {
    if (std::fwrite(text_.data(), 1, text_.size(), file_) != text_.size()) io_error_ = true;
    text_.clear();
  }

  std::FILE* file_;
  std::string text_;
  JsonWriter writer_;
  bool io_error_ = false;
};

void WriteMetadata(JsonWriter& w, Rng& rng) {
  w.BeginObject();
  w.Key("team");
  w.String(Pick(rng, gen::TeamWords()));
  w.Key("tags");
  w.BeginArray();
  const auto tags = gen::TagWords();
  const uint64_t num_tags = rng.Below(4), first = rng.Below(tags.size());
  for (uint64_t i = 0; i < num_tags; ++i) w.String(tags[(first + 5 * i) % tags.size()]);
  w.EndArray();
  w.Key("schedule");
  w.BeginObject();
  w.Key("cron");
  w.String(Pick(rng, gen::CronWords()));
  w.Key("retries");
  w.Int(rng.PerMille(850) ? 3 : rng.PerMille(500) ? 1 : 5);
  w.EndObject();
  w.EndObject();
}

void WriteIds(JsonWriter& w, const Context& c, uint32_t v, bool inputs) {
  const Topology& t = c.t;
  w.BeginArray();
  if (inputs) {
    for (uint64_t p = t.in_offsets[v]; p < t.in_offsets[v + 1]; ++p) {
      if (t.drop.empty() || t.drop[p] != gen::kDropFromInputs) w.String(c.names[t.in_ids[p]]);
    }
  } else {
    for (uint64_t p = t.succ_offsets[v]; p < t.succ_offsets[v + 1]; ++p) {
      w.String(c.names[t.succ_ids[p]]);
    }
  }
  w.EndArray();
}

void WriteOp(JsonWriter& w, const Context& c, uint32_t v, Rng& rng) {
  const uint64_t r = rng.Below(100);
  const auto& fields = kTemplates[std::upper_bound(kTemplateCum.begin(), kTemplateCum.end(), r) -
                                  kTemplateCum.begin()];
  const uint64_t description = rng.Below(100);  // < 15: null, < 25: text
  const bool no_successors = c.t.succ_offsets[v] == c.t.succ_offsets[v + 1];
  const bool omit_successors = no_successors && rng.PerMille(400);
  const int64_t version =
      1 + static_cast<int64_t>(rng.PerMille(250) ? rng.Below(40) : rng.Below(5));
  w.BeginObject();
  for (Field f : fields) {
    switch (f) {
      case kName: w.Key("name"); w.String(c.names[v]); break;
      case kType: w.Key("type"); w.String(gen::RoleName(c.t.roles[v])); break;
      case kVersion: w.Key("version"); w.Int(version); break;
      case kOwner: w.Key("owner"); w.String(Pick(rng, gen::OwnerWords())); break;
      case kInputs: w.Key("inputs"); WriteIds(w, c, v, true); break;
      case kSuccessors:
        if (!omit_successors) { w.Key("successors"); WriteIds(w, c, v, false); }
        break;
      case kMetadata: w.Key("metadata"); WriteMetadata(w, rng); break;
      case kDescription:
        if (description < 15) { w.Key("description"); w.Null(); }
        if (description >= 15 && description < 25) {
          w.Key("description");
          w.String(Pick(rng, gen::DescriptionWords()));
        }
        break;
      case kEnd: break;
    }
  }
  w.EndObject();
}

// Log-normal durations (Irwin-Hall normal, sigma 1.1) around a role median.
void WriteDurations(Sink& sink, const Context& c, const std::vector<uint32_t>& perm,
                    uint64_t seed) {
  static constexpr std::array<double, gen::kNumRoles> kMedianSeconds = {
      60, 120, 150, 180, 90, 600, 240};  // raw .. policy, in Role order
  Rng rng(seed, 8);
  JsonWriter& w = sink.writer();
  w.BeginObject();
  for (uint32_t v : perm) {
    double z = -6;
    for (int i = 0; i < 12; ++i) z += rng.Unit();
    const double seconds = kMedianSeconds[static_cast<int>(c.t.roles[v])] * std::exp(1.1 * z);
    w.Key(c.names[v]);
    w.Decimal(static_cast<uint64_t>(std::llround(std::clamp(seconds, 2.0, 43200.0) * 10)), 1);
    sink.MaybeFlush();
  }
  w.EndObject();
}

void FillSummary(const Context& c, GenSummary* s) {
  const Topology& t = c.t;
  s->num_ops = t.num_ops;
  s->num_edges = t.in_ids.size();
  s->num_externals = t.externals_used;
  s->external_refs = t.external_refs;
  s->max_level = t.max_level;
  s->num_layers = static_cast<uint32_t>(t.layer_start.size()) - 1;
  s->cycle.clear();
  for (uint32_t v : t.cycle) s->cycle.emplace_back(c.names[v]);
  s->disagreements.clear();
  for (uint64_t p : t.dropped) {
    const uint32_t v = static_cast<uint32_t>(
        std::upper_bound(t.in_offsets.begin(), t.in_offsets.end(), p) - t.in_offsets.begin() - 1);
    const std::string u(c.names[t.in_ids[p]]), to(c.names[v]);
    s->disagreements.push_back("\"" + u + "\" -> \"" + to + "\": only in " +
                               (t.drop[p] == gen::kDropFromInputs ? "successors of \"" + u
                                                                  : "inputs of \"" + to) + "\"");
  }
}

[[nodiscard]] absl::Status Generate(const GenOptions& options, Sink& ops, Sink* durations,
                                    GenSummary* summary) {
  if (options.num_ops > kGenMaxOps) {
    return absl::InvalidArgumentError("--ops must be at most " + std::to_string(kGenMaxOps));
  }
  ASSIGN_OR_RETURN(const Topology t, gen::BuildTopology(options.num_ops, options.seed,
                                                        options.cycle, options.disagreements));
  const Names names = MakeNames(t, options.seed);
  const Context c{t, names};
  const std::vector<uint32_t> perm = Shuffled(t.num_ops, options.seed);
  Rng attr_rng(options.seed, 7);
  ops.writer().BeginArray();
  for (uint32_t v : perm) {
    WriteOp(ops.writer(), c, v, attr_rng);
    ops.MaybeFlush();
  }
  ops.writer().EndArray();
  if (durations != nullptr) WriteDurations(*durations, c, perm, options.seed);
  if (summary != nullptr) FillSummary(c, summary);
  return absl::OkStatus();
}

}  // namespace

absl::Status GenerateSparkOps(const GenOptions& options, std::FILE* out, std::FILE* durations_out,
                              GenSummary* summary) {
  Sink ops(out, options.pretty);
  Sink durations(durations_out, options.pretty);
  RETURN_IF_ERROR(Generate(options, ops, durations_out ? &durations : nullptr, summary));
  RETURN_IF_ERROR(ops.Finish());
  if (durations_out != nullptr) RETURN_IF_ERROR(durations.Finish());
  return absl::OkStatus();
}

absl::StatusOr<std::string> GenerateSparkOpsString(const GenOptions& options,
                                                   std::string* durations, GenSummary* summary) {
  Sink ops(nullptr, options.pretty);
  Sink dur(nullptr, options.pretty);
  RETURN_IF_ERROR(Generate(options, ops, durations ? &dur : nullptr, summary));
  RETURN_IF_ERROR(ops.Finish());
  if (durations != nullptr) {
    RETURN_IF_ERROR(dur.Finish());
    *durations = dur.TakeText();
  }
  return ops.TakeText();
}

std::string FormatGenSummary(const GenSummary& s) {
  std::string line = "ops=" + std::to_string(s.num_ops) + " edges=" + std::to_string(s.num_edges) +
                     " externals=" + std::to_string(s.num_externals) + " (" +
                     std::to_string(s.external_refs) + " refs) max_level=" +
                     std::to_string(s.max_level) + " layers=" + std::to_string(s.num_layers);
  if (!s.cycle.empty()) line += " cycle=" + std::to_string(s.cycle.size()) + " nodes";
  if (!s.disagreements.empty()) line += " disagreements=" + std::to_string(s.disagreements.size());
  return line;
}

}  // namespace etldag
