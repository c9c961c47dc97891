#include "tools/etldag/committed_arg.h"

#include <optional>
#include <string_view>

#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

std::vector<std::string> UnknownNames(const std::vector<UnknownName>& unknown) {
  std::vector<std::string> names;
  for (const UnknownName& u : unknown) names.push_back(u.name);
  return names;
}

}  // namespace

std::string Examples(const std::vector<std::string>& names, uint64_t total) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ", ") + n;
  if (total > names.size()) s += ", ... (" + std::to_string(total - names.size()) + " more)";
  return s;
}

absl::StatusOr<Committed> ReadCommitted(const Context& ctx, const Graph& g,
                                        std::string_view unknown_consequence) {
  Committed c;
  const std::optional<std::string_view> path = ctx.args.Get("committed");
  if (!path.has_value()) return c;
  c.file = *path == "-" ? "<stdin>" : std::string(*path);
  absl::StatusOr<CommittedDatasets> read = ReadCommittedFile(*path, g);
  if (!read.ok()) return InputError(MessageOf(read.status()));
  c.data = std::move(read).value();
  const CommittedDatasets& d = c.data;
  if (d.assumed_committed > 0) {
    const std::string counts = std::to_string(d.assumed_committed) + " of " +
                               Plural(d.entries, "dataset") + " in " + c.file;
    if (d.flagged == 0 && !ctx.args.Has("assume-committed")) {
      return ctx.Usage(counts + " carry no \"committed\" flag: that is the shape of the "
                       "ONLY_UNCOMMITTED answer, which lists what is NOT committed (give it to "
                       "`etldag triage --run`); query the full answer (with \"committed\"), or "
                       "pass --assume-committed if the file lists committed datasets");
    }
    ctx.Note("warning: " + counts + (d.assumed_committed == 1 ? " carries" : " carry") +
             " no \"committed\" flag and " + (d.assumed_committed == 1 ? "is" : "are") +
             " assumed committed");
  }
  if (d.unknown > 0) {
    ctx.Note("warning: " + Plural(d.unknown, "committed name") + " in " + c.file +
             (d.unknown == 1 ? " is" : " are") +
             " not in the graph (" + std::string(unknown_consequence) + "): " +
             Examples(UnknownNames(d.unknown_examples), d.unknown));
  }
  if (d.not_committed > 0) {
    ctx.Note(Plural(d.not_committed, "dataset") + " in " + c.file +
             (d.not_committed == 1 ? " is" : " are") +
             " not marked \"committed\": true and do" + (d.not_committed == 1 ? "es" : "") +
             " not count");
  }
  if (d.duplicates > 0) {
    ctx.Note(Plural(d.duplicates, "entry", "entries") + " in " + c.file +
             (d.duplicates == 1 ? " repeats" : " repeat") + " an earlier name");
  }
  return c;
}

}  // namespace etldag::cli
