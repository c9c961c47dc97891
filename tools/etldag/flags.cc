#include "tools/etldag/flags.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "engine/query/suggest.h"

namespace etldag::cli {
namespace {

const FlagSpec* FindSpec(std::span<const FlagSpec> specs, std::string_view name) {
  for (const FlagSpec& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

[[nodiscard]] absl::Status UnknownFlag(std::span<const FlagSpec> specs, std::string_view arg,
                         std::string_view name) {
  std::vector<std::string_view> names;
  for (const FlagSpec& s : specs) names.push_back(s.name);
  const std::vector<std::string> close = SuggestFrom(names, name, 1);
  std::string msg = "unknown flag '" + std::string(arg) + "'";
  if (!close.empty()) msg += " (did you mean '--" + close[0] + "'?)";
  return absl::InvalidArgumentError(msg);
}

}  // namespace

std::string FlagSpec::DefaultText() const {
  if (default_uint.has_value()) return std::to_string(*default_uint);
  return std::string(default_text);
}

std::string FlagSpec::HelpText() const {
  std::string h(help);
  const std::string d = DefaultText();
  if (d.empty()) return h;
  constexpr std::string_view kPlaceholder = "{default}";
  if (const size_t at = h.find(kPlaceholder); at != std::string::npos) {
    return h.replace(at, kPlaceholder.size(), d);
  }
  return h + " (default " + d + ")";
}

const FlagSpec& ParsedArgs::Spec(std::string_view flag) const {
  const FlagSpec* s = FindSpec(specs_, flag);
  if (s == nullptr) {
    // A programmer error (a typo in a flag name in the code), never user input.
    std::fprintf(stderr, "etldag: internal error: flag --%.*s is used but not declared\n",
                 static_cast<int>(flag.size()), flag.data());
    std::abort();
  }
  return *s;
}

bool ParsedArgs::Declares(std::string_view flag) const { return FindSpec(specs_, flag) != nullptr; }

const std::vector<std::string>* ParsedArgs::Find(std::string_view flag) const {
  (void)Spec(flag);
  for (const auto& [name, values] : flags_) {
    if (name == flag) return &values;
  }
  return nullptr;
}

std::vector<std::string>* ParsedArgs::MutableFind(std::string_view flag) {
  for (auto& [name, values] : flags_) {
    if (name == flag) return &values;
  }
  return nullptr;
}

std::optional<std::string_view> ParsedArgs::Get(std::string_view flag) const {
  const std::vector<std::string>* v = Find(flag);
  if (v == nullptr || v->empty()) {
    const FlagSpec& s = Spec(flag);
    if (!s.default_text.empty()) return s.default_text;
    return std::nullopt;
  }
  return std::string_view(v->back());
}

std::vector<std::string_view> ParsedArgs::GetAll(std::string_view flag) const {
  const std::vector<std::string>* v = Find(flag);
  if (v == nullptr) return {};
  return {v->begin(), v->end()};
}

absl::StatusOr<uint64_t> ParsedArgs::GetUint(std::string_view flag, uint64_t max) const {
  const std::vector<std::string>* v = Find(flag);
  if (v == nullptr || v->empty()) return Spec(flag).default_uint.value_or(0);
  const std::optional<std::string_view> text = v->back();
  uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || ptr != text->data() + text->size() || value > max) {
    std::string msg = "--" + std::string(flag) + " expects a non-negative integer";
    if (max != UINT64_MAX) msg += " <= " + std::to_string(max);
    return absl::InvalidArgumentError(msg + ", got '" + std::string(*text) + "'");
  }
  return value;
}

bool WantsHelp(std::span<const std::string_view> args) {
  for (std::string_view a : args) {
    if (a == "--") return false;
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

absl::StatusOr<ParsedArgs> ParseFlags(std::span<const FlagSpec> specs,
                                      std::span<const std::string_view> args) {
  ParsedArgs parsed;
  parsed.specs_.assign(specs.begin(), specs.end());
  bool only_positionals = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (only_positionals || arg == "-" || !arg.starts_with("-")) {
      parsed.positionals_.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    size_t eq = arg.find('=');
    std::string_view name;
    const FlagSpec* spec = nullptr;
    if (!arg.starts_with("--")) {  // -X: a short name
      for (const FlagSpec& s : specs) {
        if (arg.size() == 2 && s.short_name != 0 && arg[1] == s.short_name) spec = &s;
      }
      if (spec == nullptr) return absl::InvalidArgumentError("unknown flag '" + std::string(arg) + "'");
      name = spec->name;
      eq = std::string_view::npos;
    } else {
      name = arg.substr(2, eq == std::string_view::npos ? arg.npos : eq - 2);
      spec = FindSpec(specs, name);
    }
    if (spec == nullptr) return UnknownFlag(specs, arg.substr(0, eq), name);
    const std::string dashed = "--" + std::string(name);
    std::vector<std::string>* values = parsed.MutableFind(name);
    if (values != nullptr && !spec->repeated) {
      return absl::InvalidArgumentError("flag " + dashed + " given more than once");
    }
    if (values == nullptr) values = &parsed.flags_.emplace_back(std::string(name), std::vector<std::string>()).second;
    if (spec->value_name.empty()) {
      if (eq != std::string_view::npos) {
        return absl::InvalidArgumentError("flag " + dashed + " takes no value");
      }
      continue;
    }
    if (eq != std::string_view::npos) {
      values->emplace_back(arg.substr(eq + 1));
    } else if (i + 1 < args.size()) {
      values->emplace_back(args[++i]);
    } else {
      return absl::InvalidArgumentError("flag " + dashed + " needs a value (" +
                                        std::string(spec->value_name) + ")");
    }
  }
  return parsed;
}

}  // namespace etldag::cli
